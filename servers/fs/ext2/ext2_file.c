/*
 * ext2_file.c - open files: a table of EXT2_FD_MAX descriptors, each an
 * inode number, the access it was opened for and an offset. open (with
 * create, truncate, append, exclusive), close, read, write, seek, stat,
 * readdir, ftruncate. An inode whose last link goes while it is open
 * lives on until its last close (ext2_inode.c, node_drop_link).
 */
#include <string.h>
#include "servers/fs/ext2/ext2_fs.h"

static struct ext2_file *
file_get(struct ext2_fs *fs, int fd)
{
	if (fd < 0 || fd >= EXT2_FD_MAX || fs->files[fd].ino == 0)
		return NULL;
	return &fs->files[fd];
}

static void
stat_fill(const struct ext2_node *n, struct ext2_stat *st)
{
	st->ino = n->ino;
	st->mode = n->i.i_mode;
	st->links = n->i.i_links_count;
	st->uid = n->i.i_uid;
	st->gid = n->i.i_gid;
	st->size = node_size(n);
	st->blocks = n->i.i_blocks;
	st->atime = n->i.i_atime;
	st->mtime = n->i.i_mtime;
	st->ctime = n->i.i_ctime;
}

/* A fresh inode of the given mode, linked as name in dir. */
int
file_create(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len,
	    uint32_t mode, struct ext2_node *n)
{
	uint32_t now = fs_now(fs), ino;
	int err;

	if (fs->read_only)
		return ERR_READ_ONLY;
	if ((err = alloc_inode(fs, dir->ino, (mode & EXT2_S_IFMT) == EXT2_S_IFDIR, &ino)) != ERR_OK)
		return err;
	memset(n, 0, sizeof(*n));
	n->ino = ino;
	n->i.i_mode = (uint16_t)mode;
	n->i.i_links_count = 1;
	n->i.i_atime = n->i.i_ctime = n->i.i_mtime = now;
	if (fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE)
		n->i.i_extra_isize = 32 < fs->inode_size - EXT2_GOOD_OLD_INODE_SIZE ?
				     32 : (uint16_t)(fs->inode_size - EXT2_GOOD_OLD_INODE_SIZE);
	if ((err = node_put(fs, n)) != ERR_OK)
		return err;
	if ((err = dir_add(fs, dir, name, len, ino, mode_to_ft(mode))) != ERR_OK) {
		n->i.i_links_count = 0;
		node_free(fs, n);	/* give the inode back */
		return err;
	}
	return ERR_OK;
}

int
ext2_open(struct ext2_fs *fs, const char *path, int flags, uint32_t mode, int *fdp)
{
	struct ext2_node n, dir;
	const char *name;
	uint32_t len;
	int acc = flags & EXT2_O_ACCMODE, fd, err;

	if (acc == 3 || (flags & ~(EXT2_O_ACCMODE | EXT2_O_CREAT | EXT2_O_EXCL | EXT2_O_TRUNC |
				   EXT2_O_APPEND)))
		return ERR_BAD_ARGUMENT;
	for (fd = 0; fd < EXT2_FD_MAX && fs->files[fd].ino; fd++)
		;
	if (fd == EXT2_FD_MAX)
		return ERR_NO_SPACE;
	if (flags & EXT2_O_CREAT) {
		if ((err = path_parent(fs, path, &dir, &name, &len)) != ERR_OK)
			return err;
		uint32_t ino;
		err = dir_lookup(fs, &dir, name, len, &ino);
		if (err == ERR_OK && (flags & EXT2_O_EXCL))
			return ERR_EXISTS;
		if (err == ERR_NOT_FOUND) {
			if ((err = file_create(fs, &dir, name, len,
					       EXT2_S_IFREG | (mode & 07777), &n)) != ERR_OK)
				return err;
			goto opened;
		}
		if (err != ERR_OK)
			return err;
	}
	if ((err = path_walk(fs, path, 1, &n)) != ERR_OK)
		return err;
	if ((n.i.i_mode & EXT2_S_IFMT) == EXT2_S_IFDIR) {
		if (acc != EXT2_O_RDONLY || (flags & EXT2_O_TRUNC))
			return ERR_IS_DIR;
	} else if ((n.i.i_mode & EXT2_S_IFMT) == EXT2_S_IFIFO) {
		return ERR_BAD_OPERATION;	/* a named pipe: ext2_fifo_lookup */
	} else {
		if ((acc != EXT2_O_WRONLY && !(n.i.i_mode & 0400)) ||
		    (acc != EXT2_O_RDONLY && !(n.i.i_mode & 0200)))
			return ERR_DENIED;
		if (acc != EXT2_O_RDONLY && fs->read_only)
			return ERR_READ_ONLY;
		if ((flags & EXT2_O_TRUNC) && acc != EXT2_O_RDONLY &&
		    (err = node_truncate(fs, &n, 0)) != ERR_OK)
			return err;
	}
opened:
	fs->files[fd].ino = n.ino;
	fs->files[fd].flags = flags;
	fs->files[fd].pos = 0;
	*fdp = fd;
	return ERR_OK;
}

int
ext2_close(struct ext2_fs *fs, int fd)
{
	struct ext2_file *f = file_get(fs, fd);
	uint32_t ino;

	if (f == NULL)
		return ERR_BAD_FD;
	ino = f->ino;
	f->ino = 0;
	if (node_is_open(fs, ino))
		return ERR_OK;
	for (int i = 0; i < EXT2_FD_MAX; i++)
		if (fs->orphans[i] == ino) {
			struct ext2_node n;
			fs->orphans[i] = 0;
			if (node_get(fs, ino, &n) == ERR_OK && n.i.i_links_count == 0)
				return node_free(fs, &n);
		}
	return ERR_OK;
}

int
ext2_read(struct ext2_fs *fs, int fd, void *buf, uint32_t n, uint32_t *got)
{
	struct ext2_file *f = file_get(fs, fd);
	struct ext2_node node;
	int err;

	*got = 0;
	if (f == NULL || (f->flags & EXT2_O_ACCMODE) == EXT2_O_WRONLY)
		return ERR_BAD_FD;
	if ((err = node_get(fs, f->ino, &node)) != ERR_OK)
		return err;
	if ((node.i.i_mode & EXT2_S_IFMT) == EXT2_S_IFDIR)
		return ERR_IS_DIR;
	err = node_read(fs, &node, f->pos, buf, n, got);
	f->pos += *got;
	return err;
}

int
ext2_write(struct ext2_fs *fs, int fd, const void *buf, uint32_t n, uint32_t *put)
{
	struct ext2_file *f = file_get(fs, fd);
	struct ext2_node node;
	int err;

	*put = 0;
	if (f == NULL || (f->flags & EXT2_O_ACCMODE) == EXT2_O_RDONLY)
		return ERR_BAD_FD;
	if (fs->read_only)
		return ERR_READ_ONLY;
	if ((err = node_get(fs, f->ino, &node)) != ERR_OK)
		return err;
	if (f->flags & EXT2_O_APPEND)
		f->pos = node_size(&node);
	err = node_write(fs, &node, f->pos, buf, n, put);
	f->pos += *put;
	return err;
}

int
ext2_seek(struct ext2_fs *fs, int fd, int64_t off, int whence, uint64_t *pos)
{
	struct ext2_file *f = file_get(fs, fd);
	struct ext2_node node;
	int64_t base;
	int err;

	if (f == NULL)
		return ERR_BAD_FD;
	if (whence == EXT2_SEEK_SET) {
		base = 0;
	} else if (whence == EXT2_SEEK_CUR) {
		base = (int64_t)f->pos;
	} else if (whence == EXT2_SEEK_END) {
		if ((err = node_get(fs, f->ino, &node)) != ERR_OK)
			return err;
		base = (int64_t)node_size(&node);
	} else {
		return ERR_BAD_ARGUMENT;
	}
	if ((off < 0 && base + off < 0) || (off > 0 && base > INT64_MAX - off))
		return ERR_BAD_ARGUMENT;
	f->pos = (uint64_t)(base + off);
	*pos = f->pos;
	return ERR_OK;
}

int
ext2_fstat(struct ext2_fs *fs, int fd, struct ext2_stat *st)
{
	struct ext2_file *f = file_get(fs, fd);
	struct ext2_node n;
	int err;

	if (f == NULL)
		return ERR_BAD_FD;
	if ((err = node_get(fs, f->ino, &n)) != ERR_OK)
		return err;
	stat_fill(&n, st);
	return ERR_OK;
}

int
ext2_stat(struct ext2_fs *fs, const char *path, struct ext2_stat *st)
{
	struct ext2_node n;
	int err = path_walk(fs, path, 1, &n);

	if (err == ERR_OK)
		stat_fill(&n, st);
	return err;
}

int
ext2_lstat(struct ext2_fs *fs, const char *path, struct ext2_stat *st)
{
	struct ext2_node n;
	int err = path_walk(fs, path, 0, &n);

	if (err == ERR_OK)
		stat_fill(&n, st);
	return err;
}

int
ext2_readdir(struct ext2_fs *fs, int fd, struct ext2_dirent *d)
{
	struct ext2_file *f = file_get(fs, fd);
	struct ext2_node n;
	int err;

	d->name[0] = 0;
	if (f == NULL)
		return ERR_BAD_FD;
	if ((err = node_get(fs, f->ino, &n)) != ERR_OK)
		return err;
	if ((n.i.i_mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
		return ERR_NOT_DIR;
	return dir_next(fs, &n, &f->pos, d);
}

int
ext2_ftruncate(struct ext2_fs *fs, int fd, uint64_t size)
{
	struct ext2_file *f = file_get(fs, fd);
	struct ext2_node n;
	int err;

	if (f == NULL || (f->flags & EXT2_O_ACCMODE) == EXT2_O_RDONLY)
		return ERR_BAD_FD;
	if ((err = node_get(fs, f->ino, &n)) != ERR_OK)
		return err;
	return node_truncate(fs, &n, size);
}
