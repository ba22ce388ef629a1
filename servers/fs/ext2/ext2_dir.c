/*
 * ext2_dir.c - directories: lists of variable-length entries packed into
 * the directory's blocks, each entry's rec_len reaching to the next one
 * (the last to the block's end). Looking up, adding (in the free room of
 * an entry, else in a new block), removing (merging into the entry
 * before), and walking them for readdir.
 *
 * Every entry is checked before it is believed: rec_len at least the
 * header, a multiple of 4, inside the block and room for the name; an
 * inode number within the filesystem. A directory with a hole or a size
 * that is not whole blocks is corrupt. We keep directories linear, so a
 * directory we change loses its hashed index flag (e2fsck and Linux then
 * read it linearly, as we do).
 */
#include <string.h>
#include "servers/fs/ext2/ext2_fs.h"

uint32_t
mode_to_ft(uint32_t mode)
{
	switch (mode & EXT2_S_IFMT) {
	case EXT2_S_IFREG: return EXT2_FT_REG_FILE;
	case EXT2_S_IFDIR: return EXT2_FT_DIR;
	case EXT2_S_IFLNK: return EXT2_FT_SYMLINK;
	case EXT2_S_IFCHR: return EXT2_FT_CHRDEV;
	case EXT2_S_IFBLK: return EXT2_FT_BLKDEV;
	case EXT2_S_IFIFO: return EXT2_FT_FIFO;
	case EXT2_S_IFSOCK: return EXT2_FT_SOCK;
	}
	return EXT2_FT_UNKNOWN;
}

static struct ext2_dirent_disk *
dent_at(struct ext2_buf *buf, uint32_t off)
{
	return (struct ext2_dirent_disk *)(buf->data + off);
}

/* Is the entry at off of a block sane? */
static int
dent_ok(struct ext2_fs *fs, struct ext2_buf *buf, uint32_t off)
{
	struct ext2_dirent_disk *e;

	if (off + EXT2_DIRENT_HEAD > fs->block_size)
		return 0;
	e = dent_at(buf, off);
	return e->rec_len >= EXT2_DIRENT_HEAD && (e->rec_len & 3) == 0 &&
	       off + e->rec_len <= fs->block_size &&
	       EXT2_DIRENT_HEAD + e->name_len <= e->rec_len &&
	       e->inode <= fs->sb.s_inodes_count && (e->inode == 0 || e->name_len > 0);
}

static int
dir_blocks(struct ext2_fs *fs, struct ext2_node *dir, uint32_t *count)
{
	uint64_t size = node_size(dir);

	if ((size & (fs->block_size - 1)) || (size >> fs->block_shift) > (1u << 20))
		return fs_corrupt(fs, "a directory size that is not whole blocks", dir->ino);
	*count = (uint32_t)(size >> fs->block_shift);
	return ERR_OK;
}

/* Pin directory block lblk; a hole in a directory is corruption. */
static int
dir_block(struct ext2_fs *fs, struct ext2_node *dir, uint32_t lblk, struct ext2_buf **buf)
{
	uint32_t b;
	int err = node_bmap(fs, dir, lblk, 0, &b);

	if (err != ERR_OK)
		return err;
	if (b == 0)
		return fs_corrupt(fs, "a hole in a directory", dir->ino);
	return cache_get(fs, b, 0, buf);
}

/*
 * Find name in dir: its block (pinned, in *bufp), its offset, and the
 * offset of the entry before it in the block (or -1).
 */
static int
dir_find(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len,
	 struct ext2_buf **bufp, uint32_t *offp, int32_t *prevp)
{
	uint32_t nblocks = 0;
	int err = dir_blocks(fs, dir, &nblocks);

	if (err != ERR_OK)
		return err;
	for (uint32_t lb = 0; lb < nblocks; lb++) {
		struct ext2_buf *buf;
		int32_t prev = -1;

		if ((err = dir_block(fs, dir, lb, &buf)) != ERR_OK)
			return err;
		for (uint32_t off = 0; off < fs->block_size;) {
			if (!dent_ok(fs, buf, off)) {
				cache_put(buf);
				return fs_corrupt(fs, "a broken directory entry", dir->ino);
			}
			struct ext2_dirent_disk *e = dent_at(buf, off);
			if (e->inode && e->name_len == len && memcmp(e->name, name, len) == 0) {
				*bufp = buf;
				*offp = off;
				*prevp = prev;
				return ERR_OK;
			}
			prev = (int32_t)off;
			off += e->rec_len;
		}
		cache_put(buf);
	}
	return ERR_NOT_FOUND;
}

int
dir_lookup(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len,
	   uint32_t *ino)
{
	struct ext2_buf *buf;
	uint32_t off;
	int32_t prev;
	int err = dir_find(fs, dir, name, len, &buf, &off, &prev);

	if (err != ERR_OK)
		return err;
	*ino = dent_at(buf, off)->inode;
	cache_put(buf);
	return ERR_OK;
}

static void
dent_fill(struct ext2_fs *fs, struct ext2_dirent_disk *e, const char *name, uint32_t len,
	  uint32_t ino, uint32_t type)
{
	e->inode = ino;
	e->name_len = (uint8_t)len;
	e->file_type = (fs->sb.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) ? type : 0;
	memcpy(e->name, name, len);
}

/* The directory changed: new times, and no hashed index any more. */
static int
dir_touch(struct ext2_fs *fs, struct ext2_node *dir)
{
	dir->i.i_mtime = dir->i.i_ctime = fs_now(fs);
	dir->i.i_flags &= ~EXT2_INDEX_FL;
	return node_put(fs, dir);
}

int
dir_add(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len,
	uint32_t ino, uint32_t type)
{
	uint32_t need = EXT2_DIRENT_LEN(len), nblocks = 0, b;
	struct ext2_buf *buf;
	int err;

	if (fs->read_only)
		return ERR_READ_ONLY;
	if ((err = dir_blocks(fs, dir, &nblocks)) != ERR_OK)
		return err;
	for (uint32_t lb = 0; lb < nblocks; lb++) {
		if ((err = dir_block(fs, dir, lb, &buf)) != ERR_OK)
			return err;
		for (uint32_t off = 0; off < fs->block_size;) {
			if (!dent_ok(fs, buf, off)) {
				cache_put(buf);
				return fs_corrupt(fs, "a broken directory entry", dir->ino);
			}
			struct ext2_dirent_disk *e = dent_at(buf, off);
			uint32_t used = e->inode ? EXT2_DIRENT_LEN(e->name_len) : 0;

			if (e->rec_len >= used + need) {
				if (used) {
					struct ext2_dirent_disk *f = dent_at(buf, off + used);
					f->rec_len = (uint16_t)(e->rec_len - used);
					e->rec_len = (uint16_t)used;
					e = f;
				}
				dent_fill(fs, e, name, len, ino, type);
				cache_dirty(buf);
				cache_put(buf);
				return dir_touch(fs, dir);
			}
			off += e->rec_len;
		}
		cache_put(buf);
	}
	/* No room: a new block, one entry spanning it. */
	if ((err = node_bmap(fs, dir, nblocks, 1, &b)) != ERR_OK) {
		node_put(fs, dir);
		return err;
	}
	if ((err = cache_get(fs, b, 0, &buf)) != ERR_OK)
		return err;
	struct ext2_dirent_disk *e = dent_at(buf, 0);
	e->rec_len = (uint16_t)fs->block_size;
	dent_fill(fs, e, name, len, ino, type);
	cache_dirty(buf);
	cache_put(buf);
	node_set_size(dir, (uint64_t)(nblocks + 1) * fs->block_size);
	return dir_touch(fs, dir);
}

int
dir_remove(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len)
{
	struct ext2_buf *buf;
	uint32_t off;
	int32_t prev;
	int err;

	if (fs->read_only)
		return ERR_READ_ONLY;
	if ((err = dir_find(fs, dir, name, len, &buf, &off, &prev)) != ERR_OK)
		return err;
	struct ext2_dirent_disk *e = dent_at(buf, off);
	if (prev >= 0)
		dent_at(buf, (uint32_t)prev)->rec_len += e->rec_len;
	else
		e->inode = 0;
	cache_dirty(buf);
	cache_put(buf);
	return dir_touch(fs, dir);
}

int
dir_set(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len,
	uint32_t ino, uint32_t type)
{
	struct ext2_buf *buf;
	uint32_t off;
	int32_t prev;
	int err;

	if (fs->read_only)
		return ERR_READ_ONLY;
	if ((err = dir_find(fs, dir, name, len, &buf, &off, &prev)) != ERR_OK)
		return err;
	dent_fill(fs, dent_at(buf, off), name, len, ino, type);
	cache_dirty(buf);
	cache_put(buf);
	return dir_touch(fs, dir);
}

int
dir_next(struct ext2_fs *fs, struct ext2_node *dir, uint64_t *pos, struct ext2_dirent *d)
{
	uint32_t nblocks = 0;
	int err = dir_blocks(fs, dir, &nblocks);

	d->name[0] = 0;
	d->ino = 0;
	if (err != ERR_OK)
		return err;
	while ((*pos >> fs->block_shift) < nblocks) {
		uint32_t lb = (uint32_t)(*pos >> fs->block_shift);
		uint32_t want = (uint32_t)(*pos & (fs->block_size - 1));
		struct ext2_buf *buf;

		if ((err = dir_block(fs, dir, lb, &buf)) != ERR_OK)
			return err;
		for (uint32_t off = 0; off < fs->block_size;) {
			if (!dent_ok(fs, buf, off)) {
				cache_put(buf);
				return fs_corrupt(fs, "a broken directory entry", dir->ino);
			}
			struct ext2_dirent_disk *e = dent_at(buf, off);
			if (off >= want && e->inode) {
				d->ino = e->inode;
				d->type = e->file_type;
				memcpy(d->name, e->name, e->name_len);
				d->name[e->name_len] = 0;
				*pos = (uint64_t)lb * fs->block_size + off + e->rec_len;
				cache_put(buf);
				return ERR_OK;
			}
			off += e->rec_len;
		}
		cache_put(buf);
		*pos = (uint64_t)(lb + 1) * fs->block_size;
	}
	return ERR_OK;
}

int
dir_is_empty(struct ext2_fs *fs, struct ext2_node *dir)
{
	struct ext2_dirent d;
	uint64_t pos = 0;
	int err;

	for (;;) {
		if ((err = dir_next(fs, dir, &pos, &d)) != ERR_OK)
			return err;
		if (d.name[0] == 0)
			return ERR_OK;
		if (strcmp(d.name, ".") != 0 && strcmp(d.name, "..") != 0)
			return ERR_NOT_EMPTY;
	}
}
