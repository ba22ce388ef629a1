/*
 * ext2_inode.c - inodes: reading and writing them in the inode table,
 * mapping a file's blocks (12 direct, then single, double and triple
 * indirect blocks), reading and writing a file's bytes, truncating, and
 * freeing an inode when its last link and its last open descriptor are
 * gone. Every block number read from the disk is checked (fs_block_ok)
 * before it is followed.
 */
#include <string.h>
#include "servers/fs/ext2/ext2_fs.h"

int
node_get(struct ext2_fs *fs, uint32_t ino, struct ext2_node *n)
{
	struct ext2_buf *buf;
	int err;

	if (ino == 0 || ino > fs->sb.s_inodes_count)
		return fs_corrupt(fs, "inode number out of range", ino);
	uint32_t ipg = fs->sb.s_inodes_per_group, g = (ino - 1) / ipg;
	uint32_t byte = ((ino - 1) % ipg) * fs->inode_size;

	err = cache_get(fs, fs->groups[g].bg_inode_table + byte / fs->block_size, 0, &buf);
	if (err != ERR_OK)
		return err;
	memcpy(&n->i, buf->data + byte % fs->block_size, fs->inode_size);
	/* Fields past the disk's inode size (a 128-byte inode) read as zero. */
	memset((uint8_t *)&n->i + fs->inode_size, 0, sizeof(n->i) - fs->inode_size);
	cache_put(buf);
	n->ino = ino;
	return ERR_OK;
}

int
node_put(struct ext2_fs *fs, struct ext2_node *n)
{
	struct ext2_buf *buf;
	uint32_t ipg = fs->sb.s_inodes_per_group, g = (n->ino - 1) / ipg;
	uint32_t byte = ((n->ino - 1) % ipg) * fs->inode_size;
	int err;

	if (fs->read_only)
		return ERR_READ_ONLY;
	err = cache_get(fs, fs->groups[g].bg_inode_table + byte / fs->block_size, 0, &buf);
	if (err != ERR_OK)
		return err;
	memcpy(buf->data + byte % fs->block_size, &n->i, fs->inode_size);
	cache_dirty(buf);
	cache_put(buf);
	return ERR_OK;
}

uint64_t
node_size(const struct ext2_node *n)
{
	uint64_t size = n->i.i_size;

	if ((n->i.i_mode & EXT2_S_IFMT) == EXT2_S_IFREG)
		size |= (uint64_t)n->i.i_size_high << 32;
	return size;
}

void
node_set_size(struct ext2_node *n, uint64_t size)
{
	n->i.i_size = (uint32_t)size;
	if ((n->i.i_mode & EXT2_S_IFMT) == EXT2_S_IFREG)
		n->i.i_size_high = (uint32_t)(size >> 32);
}

/* A new block for n, zeroed in the cache (so holes and new indirect blocks read as zeros). */
static int
node_new_block(struct ext2_fs *fs, struct ext2_node *n, uint32_t *b)
{
	struct ext2_buf *buf;
	uint32_t g = (n->ino - 1) / fs->sb.s_inodes_per_group;
	int err = alloc_block(fs, fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group, b);

	if (err != ERR_OK)
		return err;
	err = cache_get(fs, *b, 1, &buf);
	if (err != ERR_OK)
		return err;
	cache_dirty(buf);
	cache_put(buf);
	n->i.i_blocks += fs->sectors_per_block;
	return ERR_OK;
}

int
node_bmap(struct ext2_fs *fs, struct ext2_node *n, uint64_t lblk, int alloc, uint32_t *b)
{
	uint64_t p = fs->ptrs;
	uint32_t *slot, idx[3];
	struct ext2_buf *held = NULL, *next;
	int levels, err;

	if (lblk < EXT2_NDIR_BLOCKS) {
		slot = &n->i.i_block[lblk];
		levels = 0;
	} else if ((lblk -= EXT2_NDIR_BLOCKS) < p) {
		slot = &n->i.i_block[EXT2_IND_BLOCK];
		levels = 1;
		idx[0] = (uint32_t)lblk;
	} else if ((lblk -= p) < p * p) {
		slot = &n->i.i_block[EXT2_DIND_BLOCK];
		levels = 2;
		idx[0] = (uint32_t)(lblk >> fs->ptr_shift);
		idx[1] = (uint32_t)(lblk & (p - 1));
	} else if ((lblk -= p * p) < p * p * p) {
		slot = &n->i.i_block[EXT2_TIND_BLOCK];
		levels = 3;
		idx[0] = (uint32_t)(lblk >> (2 * fs->ptr_shift));
		idx[1] = (uint32_t)((lblk >> fs->ptr_shift) & (p - 1));
		idx[2] = (uint32_t)(lblk & (p - 1));
	} else {
		return ERR_FILE_TOO_LARGE;
	}
	for (int level = 0;; level++) {
		if (*slot == 0) {
			if (!alloc || fs->read_only) {
				*b = 0;
				cache_put(held);
				return alloc ? ERR_READ_ONLY : ERR_OK;
			}
			uint32_t nb;
			err = node_new_block(fs, n, &nb);
			if (err != ERR_OK) {
				cache_put(held);
				return err;
			}
			*slot = nb;
			if (held)
				cache_dirty(held);
		} else if (!fs_block_ok(fs, *slot)) {
			cache_put(held);
			return fs_corrupt(fs, "a file points outside the data blocks", n->ino);
		}
		if (level == levels) {
			*b = *slot;
			cache_put(held);
			return ERR_OK;
		}
		err = cache_get(fs, *slot, 0, &next);
		cache_put(held);
		if (err != ERR_OK)
			return err;
		held = next;
		slot = (uint32_t *)held->data + idx[level];
	}
}

/*
 * Free what *slot maps at depth level (0: a data block) for the file
 * blocks [first, first + p^level) that lie at or past keep. *slot is 0
 * afterwards if nothing below it is kept.
 */
static int
trunc_walk(struct ext2_fs *fs, struct ext2_node *n, uint32_t *slot, int level, uint64_t first,
	   uint64_t keep, int *changed)
{
	uint64_t cover = 1, child = 1;
	struct ext2_buf *buf;
	int err, any_left = 0, dirty = 0;

	for (int i = 0; i < level; i++)
		cover *= fs->ptrs;
	if (*slot == 0 || first + cover <= keep)
		return ERR_OK;
	if (!fs_block_ok(fs, *slot))
		return fs_corrupt(fs, "a file points outside the data blocks", n->ino);
	if (level > 0) {
		child = cover >> fs->ptr_shift;
		err = cache_get(fs, *slot, 0, &buf);
		if (err != ERR_OK)
			return err;
		uint32_t *e = (uint32_t *)buf->data;
		for (uint32_t i = 0; i < fs->ptrs; i++) {
			uint64_t cf = first + i * child;

			if (cf + child > keep) {
				err = trunc_walk(fs, n, &e[i], level - 1, cf, keep, &dirty);
				if (err != ERR_OK) {
					cache_put(buf);
					return err;
				}
			}
			if (e[i])
				any_left = 1;
		}
		if (dirty)
			cache_dirty(buf);
		cache_put(buf);
		if (any_left)
			return ERR_OK;
	}
	err = free_block(fs, *slot);
	if (err != ERR_OK)
		return err;
	n->i.i_blocks -= fs->sectors_per_block;
	*slot = 0;
	*changed = 1;
	return ERR_OK;
}

int
node_truncate(struct ext2_fs *fs, struct ext2_node *n, uint64_t size)
{
	uint64_t p = fs->ptrs, keep = (size + fs->block_size - 1) >> fs->block_shift;
	uint64_t first[4] = { 0, EXT2_NDIR_BLOCKS, EXT2_NDIR_BLOCKS + p,
			      EXT2_NDIR_BLOCKS + p + p * p };
	int changed = 0, err = ERR_OK;

	if (fs->read_only)
		return ERR_READ_ONLY;
	pages_forget(fs, n->ino);	/* (node_free truncates too) */
	if (keep > fs->max_file_blocks)
		return ERR_FILE_TOO_LARGE;
	if (size < node_size(n)) {
		/* Zero the kept tail of the last block, so growing again reads zeros. */
		uint32_t off = (uint32_t)(size & (fs->block_size - 1)), b = 0;
		if (off && (err = node_bmap(fs, n, size >> fs->block_shift, 0, &b)) != ERR_OK)
			return err;
		if (b) {
			struct ext2_buf *buf;
			if ((err = cache_get(fs, b, 0, &buf)) != ERR_OK)
				return err;
			memset(buf->data + off, 0, fs->block_size - off);
			cache_dirty(buf);
			cache_put(buf);
		}
		for (int i = 0; i < EXT2_NDIR_BLOCKS && err == ERR_OK; i++)
			err = trunc_walk(fs, n, &n->i.i_block[i], 0, (uint64_t)i, keep, &changed);
		for (int l = 1; l <= 3 && err == ERR_OK; l++)
			err = trunc_walk(fs, n, &n->i.i_block[EXT2_IND_BLOCK + l - 1], l, first[l],
					 keep, &changed);
	}
	if (err != ERR_OK)
		return err;
	node_set_size(n, size);
	n->i.i_mtime = n->i.i_ctime = fs_now(fs);
	return node_put(fs, n);
}

int
node_read(struct ext2_fs *fs, struct ext2_node *n, uint64_t pos, void *buf, uint32_t len,
	  uint32_t *got)
{
	uint64_t size = node_size(n);
	uint32_t done = 0;
	int err = ERR_OK;

	if (((size + fs->block_size - 1) >> fs->block_shift) > fs->max_file_blocks)
		return fs_corrupt(fs, "a size larger than any file can be", n->ino);
	if (pos >= size)
		len = 0;
	else if (len > size - pos)
		len = (uint32_t)(size - pos);
	while (done < len) {
		uint32_t off = (uint32_t)(pos & (fs->block_size - 1)), b;
		uint32_t chunk = fs->block_size - off;
		struct ext2_buf *cb;

		if (chunk > len - done)
			chunk = len - done;
		if ((err = node_bmap(fs, n, pos >> fs->block_shift, 0, &b)) != ERR_OK)
			break;
		if (b == 0) {
			memset((uint8_t *)buf + done, 0, chunk);	/* a hole */
		} else {
			if ((err = cache_get(fs, b, 0, &cb)) != ERR_OK)
				break;
			memcpy((uint8_t *)buf + done, cb->data + off, chunk);
			cache_put(cb);
		}
		done += chunk;
		pos += chunk;
	}
	*got = done;
	return done ? ERR_OK : err;
}

int
node_write(struct ext2_fs *fs, struct ext2_node *n, uint64_t pos, const void *buf,
	   uint32_t len, uint32_t *put)
{
	uint64_t limit = fs->max_file_blocks * fs->block_size;
	uint32_t done = 0;
	int err = ERR_OK;

	*put = 0;
	if (fs->read_only)
		return ERR_READ_ONLY;
	pages_forget(fs, n->ino);
	if (!(fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE) &&
	    limit > 0x7fffffffu)
		limit = 0x7fffffffu;
	if ((n->i.i_mode & EXT2_S_IFMT) != EXT2_S_IFREG && limit > 0xffffffffu)
		limit = 0xffffffffu;	/* only regular files have a high size word */
	if (pos > limit || len > limit - pos)
		return ERR_FILE_TOO_LARGE;
	while (done < len) {
		uint32_t off = (uint32_t)(pos & (fs->block_size - 1)), b;
		uint32_t chunk = fs->block_size - off;
		struct ext2_buf *cb;

		if (chunk > len - done)
			chunk = len - done;
		if ((err = node_bmap(fs, n, pos >> fs->block_shift, 1, &b)) != ERR_OK)
			break;
		if ((err = cache_get(fs, b, 0, &cb)) != ERR_OK)
			break;
		memcpy(cb->data + off, (const uint8_t *)buf + done, chunk);
		cache_dirty(cb);
		cache_put(cb);
		done += chunk;
		pos += chunk;
		if (pos > node_size(n))
			node_set_size(n, pos);
	}
	if (done) {
		n->i.i_mtime = n->i.i_ctime = fs_now(fs);
		err = node_put(fs, n);
	} else {
		node_put(fs, n);	/* indirect blocks taken before the disk filled */
	}
	*put = done;
	return err;
}

int
node_is_open(struct ext2_fs *fs, uint32_t ino)
{
	for (int i = 0; i < EXT2_FD_MAX; i++)
		if (fs->files[i].ino == ino)
			return 1;
	return 0;
}

int
node_free(struct ext2_fs *fs, struct ext2_node *n)
{
	uint32_t type = n->i.i_mode & EXT2_S_IFMT;
	int err;

	if (type == EXT2_S_IFLNK && n->i.i_blocks == 0) {
		memset(n->i.i_block, 0, sizeof(n->i.i_block));	/* a fast link's text */
		node_set_size(n, 0);
	} else if ((err = node_truncate(fs, n, 0)) != ERR_OK) {
		return err;
	}
	n->i.i_links_count = 0;
	n->i.i_dtime = fs_now(fs) ? fs_now(fs) : 1;
	if ((err = node_put(fs, n)) != ERR_OK)
		return err;
	return free_inode(fs, n->ino, type == EXT2_S_IFDIR);
}

int
node_drop_link(struct ext2_fs *fs, struct ext2_node *n)
{
	if (n->i.i_links_count > 0)
		n->i.i_links_count--;
	n->i.i_ctime = fs_now(fs);
	if (n->i.i_links_count > 0)
		return node_put(fs, n);
	if (node_is_open(fs, n->ino)) {
		for (int i = 0; i < EXT2_FD_MAX; i++)
			if (fs->orphans[i] == 0) {
				fs->orphans[i] = n->ino;
				break;
			}
		return node_put(fs, n);
	}
	return node_free(fs, n);
}
