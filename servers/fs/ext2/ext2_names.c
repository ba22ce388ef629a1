/*
 * ext2_names.c - the calls that change names rather than bytes: mkdir,
 * rmdir, unlink, link, symlink, rename, and chmod, truncate and readlink
 * by path. Each checks everything it can before it changes anything, and
 * keeps the link counts e2fsck checks: a directory has 2 + one per
 * subdirectory (its ".." entries), any other inode one per name.
 *
 * An ext2_node is a copy: after a call that wrote an inode through
 * another copy (dir_add and dir_remove write their directory), the copy
 * in hand is read again before its link count changes.
 */
#include <stdlib.h>
#include <string.h>
#include "servers/fs/ext2/ext2_fs.h"

static int
is_dot(const char *name, uint32_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

static int
type_of(const struct ext2_node *n)
{
	return n->i.i_mode & EXT2_S_IFMT;
}

/* The inode a name in dir names, checked to be in use. */
static int
entry_get(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len,
	  struct ext2_node *n)
{
	uint32_t ino;
	int err = dir_lookup(fs, dir, name, len, &ino);

	if (err != ERR_OK)
		return err;
	if ((err = node_get(fs, ino, n)) != ERR_OK)
		return err;
	if (n->i.i_links_count == 0 || type_of(n) == 0)
		return fs_corrupt(fs, "a directory entry names a free inode", ino);
	return ERR_OK;
}

/* Add delta to inode ino's link count (reading it afresh). */
static int
links_add(struct ext2_fs *fs, uint32_t ino, int delta)
{
	struct ext2_node n;
	int err = node_get(fs, ino, &n);

	if (err != ERR_OK)
		return err;
	n.i.i_links_count = (uint16_t)(n.i.i_links_count + delta);
	n.i.i_ctime = fs_now(fs);
	return node_put(fs, &n);
}

int
ext2_mkdir(struct ext2_fs *fs, const char *path, uint32_t mode)
{
	struct ext2_node dir, n, probe;
	struct ext2_buf *buf;
	const char *name;
	uint32_t len, b;
	int err;

	if ((err = path_parent(fs, path, &dir, &name, &len)) != ERR_OK)
		return err;
	if (is_dot(name, len))
		return ERR_EXISTS;
	if ((err = entry_get(fs, &dir, name, len, &probe)) != ERR_NOT_FOUND)
		return err == ERR_OK ? ERR_EXISTS : err;
	if (fs->read_only)
		return ERR_READ_ONLY;
	if (dir.i.i_links_count >= EXT2_LINK_MAX)
		return ERR_TOO_MANY_LINKS;
	if ((err = file_create(fs, &dir, name, len, EXT2_S_IFDIR | (mode & 07777), &n)) != ERR_OK)
		return err;
	err = node_bmap(fs, &n, 0, 1, &b);
	if (err == ERR_OK)
		err = cache_get(fs, b, 0, &buf);
	if (err != ERR_OK) {
		node_put(fs, &n);
		dir_remove(fs, &dir, name, len);
		n.i.i_links_count = 0;
		node_free(fs, &n);
		return err;
	}
	struct ext2_dirent_disk *dot = (struct ext2_dirent_disk *)buf->data;
	int ft = (fs->sb.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) != 0;
	dot->inode = n.ino;
	dot->rec_len = 12;
	dot->name_len = 1;
	dot->file_type = ft ? EXT2_FT_DIR : 0;
	memcpy(dot->name, ".", 1);
	struct ext2_dirent_disk *dotdot = (struct ext2_dirent_disk *)(buf->data + 12);
	dotdot->inode = dir.ino;
	dotdot->rec_len = (uint16_t)(fs->block_size - 12);
	dotdot->name_len = 2;
	dotdot->file_type = ft ? EXT2_FT_DIR : 0;
	memcpy(dotdot->name, "..", 2);
	cache_dirty(buf);
	cache_put(buf);
	n.i.i_links_count = 2;
	node_set_size(&n, fs->block_size);
	if ((err = node_put(fs, &n)) != ERR_OK)
		return err;
	return links_add(fs, dir.ino, 1);
}

int
ext2_rmdir(struct ext2_fs *fs, const char *path)
{
	struct ext2_node dir, n;
	const char *name;
	uint32_t len;
	int err;

	if ((err = path_parent(fs, path, &dir, &name, &len)) != ERR_OK)
		return err;
	if (is_dot(name, len))
		return ERR_BAD_ARGUMENT;
	if ((err = entry_get(fs, &dir, name, len, &n)) != ERR_OK)
		return err;
	if (type_of(&n) != EXT2_S_IFDIR)
		return ERR_NOT_DIR;
	if (n.ino == EXT2_ROOT_INO || node_is_open(fs, n.ino))
		return ERR_BUSY;
	if ((err = dir_is_empty(fs, &n)) != ERR_OK)
		return err;
	if (fs->read_only)
		return ERR_READ_ONLY;
	if ((err = dir_remove(fs, &dir, name, len)) != ERR_OK)
		return err;
	if ((err = links_add(fs, dir.ino, -1)) != ERR_OK)
		return err;
	n.i.i_links_count = 0;
	return node_free(fs, &n);
}

int
ext2_unlink(struct ext2_fs *fs, const char *path)
{
	struct ext2_node dir, n;
	const char *name;
	uint32_t len;
	int err;

	if ((err = path_parent(fs, path, &dir, &name, &len)) != ERR_OK)
		return err;
	if (is_dot(name, len))
		return ERR_IS_DIR;
	if ((err = entry_get(fs, &dir, name, len, &n)) != ERR_OK)
		return err;
	if (type_of(&n) == EXT2_S_IFDIR)
		return ERR_IS_DIR;
	if (fs->read_only)
		return ERR_READ_ONLY;
	if ((err = dir_remove(fs, &dir, name, len)) != ERR_OK)
		return err;
	return node_drop_link(fs, &n);
}

int
ext2_link(struct ext2_fs *fs, const char *existing, const char *to)
{
	struct ext2_node n, dir, probe;
	const char *name;
	uint32_t len;
	int err;

	if ((err = path_walk(fs, existing, 0, &n)) != ERR_OK)
		return err;
	if (type_of(&n) == EXT2_S_IFDIR)
		return ERR_IS_DIR;
	if ((err = path_parent(fs, to, &dir, &name, &len)) != ERR_OK)
		return err;
	if (is_dot(name, len))
		return ERR_EXISTS;
	if ((err = entry_get(fs, &dir, name, len, &probe)) != ERR_NOT_FOUND)
		return err == ERR_OK ? ERR_EXISTS : err;
	if (n.i.i_links_count >= EXT2_LINK_MAX)
		return ERR_TOO_MANY_LINKS;
	if (fs->read_only)
		return ERR_READ_ONLY;
	if ((err = dir_add(fs, &dir, name, len, n.ino, mode_to_ft(n.i.i_mode))) != ERR_OK)
		return err;
	return links_add(fs, n.ino, 1);
}

int
ext2_symlink(struct ext2_fs *fs, const char *target, const char *path)
{
	struct ext2_node dir, n, probe;
	const char *name;
	uint32_t len, tlen, put;
	int err;

	if (target == NULL || target[0] == 0)
		return ERR_BAD_ARGUMENT;
	tlen = (uint32_t)strlen(target);
	if (tlen >= fs->block_size)
		return ERR_NAME_TOO_LONG;
	if ((err = path_parent(fs, path, &dir, &name, &len)) != ERR_OK)
		return err;
	if (is_dot(name, len))
		return ERR_EXISTS;
	if ((err = entry_get(fs, &dir, name, len, &probe)) != ERR_NOT_FOUND)
		return err == ERR_OK ? ERR_EXISTS : err;
	if ((err = file_create(fs, &dir, name, len, EXT2_S_IFLNK | 0777, &n)) != ERR_OK)
		return err;
	if (tlen < EXT2_FAST_LINK_MAX) {
		memcpy(n.i.i_block, target, tlen);	/* a fast link: no block */
		node_set_size(&n, tlen);
		return node_put(fs, &n);
	}
	err = node_write(fs, &n, 0, target, tlen, &put);
	if (err == ERR_OK && put != tlen)
		err = ERR_DISK_FULL;
	if (err != ERR_OK) {
		node_get(fs, n.ino, &n);
		if (dir_remove(fs, &dir, name, len) == ERR_OK)
			node_drop_link(fs, &n);
	}
	return err;
}

int
ext2_readlink(struct ext2_fs *fs, const char *path, char *buf, uint32_t cap)
{
	struct ext2_node n;
	char *t;
	int err;

	if ((err = path_walk(fs, path, 0, &n)) != ERR_OK)
		return err;
	if (type_of(&n) != EXT2_S_IFLNK)
		return ERR_BAD_ARGUMENT;
	if ((err = link_target(fs, &n, &t)) != ERR_OK)
		return err;
	if (strlen(t) + 1 > cap) {
		free(t);
		return ERR_RANGE;
	}
	memcpy(buf, t, strlen(t) + 1);
	free(t);
	return ERR_OK;
}

int
ext2_chmod(struct ext2_fs *fs, const char *path, uint32_t mode)
{
	struct ext2_node n;
	int err;

	if ((err = path_walk(fs, path, 1, &n)) != ERR_OK)
		return err;
	if (fs->read_only)
		return ERR_READ_ONLY;
	n.i.i_mode = (uint16_t)((n.i.i_mode & EXT2_S_IFMT) | (mode & 07777));
	n.i.i_ctime = fs_now(fs);
	return node_put(fs, &n);
}

int
ext2_truncate(struct ext2_fs *fs, const char *path, uint64_t size)
{
	struct ext2_node n;
	int err;

	if ((err = path_walk(fs, path, 1, &n)) != ERR_OK)
		return err;
	if (type_of(&n) == EXT2_S_IFDIR)
		return ERR_IS_DIR;
	if (type_of(&n) != EXT2_S_IFREG)
		return ERR_BAD_ARGUMENT;
	if (!(n.i.i_mode & 0200))
		return ERR_DENIED;
	return node_truncate(fs, &n, size);
}

/* Is directory ino the directory anc or inside it? Walks ".." up to the root. */
static int
rename_inside(struct ext2_fs *fs, uint32_t ino, uint32_t anc, int *inside)
{
	struct ext2_node d;
	int err;

	*inside = 0;
	for (uint32_t steps = 0; steps <= fs->sb.s_inodes_count; steps++) {
		if (ino == anc) {
			*inside = 1;
			return ERR_OK;
		}
		if (ino == EXT2_ROOT_INO)
			return ERR_OK;
		if ((err = node_get(fs, ino, &d)) != ERR_OK)
			return err;
		if (type_of(&d) != EXT2_S_IFDIR)
			return fs_corrupt(fs, "a \"..\" that is not a directory", ino);
		if ((err = dir_lookup(fs, &d, "..", 2, &ino)) != ERR_OK)
			return err == ERR_NOT_FOUND ? fs_corrupt(fs, "a directory without \"..\"",
								  d.ino) : err;
	}
	return fs_corrupt(fs, "a loop of directories", anc);
}

int
ext2_rename(struct ext2_fs *fs, const char *from, const char *to)
{
	struct ext2_node fdir, tdir, n, t;
	const char *fname, *tname;
	uint32_t flen, tlen;
	int err, inside, replace;

	if ((err = path_parent(fs, from, &fdir, &fname, &flen)) != ERR_OK)
		return err;
	if (is_dot(fname, flen))
		return ERR_BAD_ARGUMENT;
	if ((err = entry_get(fs, &fdir, fname, flen, &n)) != ERR_OK)
		return err;
	if ((err = path_parent(fs, to, &tdir, &tname, &tlen)) != ERR_OK)
		return err;
	if (is_dot(tname, tlen))
		return ERR_BAD_ARGUMENT;
	int is_dir = type_of(&n) == EXT2_S_IFDIR;
	if (is_dir) {
		if ((err = rename_inside(fs, tdir.ino, n.ino, &inside)) != ERR_OK)
			return err;
		if (inside)
			return ERR_BAD_ARGUMENT;
	}
	err = entry_get(fs, &tdir, tname, tlen, &t);
	if (err != ERR_OK && err != ERR_NOT_FOUND)
		return err;
	replace = err == ERR_OK;
	if (replace && t.ino == n.ino)
		return ERR_OK;		/* two names of one inode: nothing to do */
	if (replace && is_dir && type_of(&t) != EXT2_S_IFDIR)
		return ERR_NOT_DIR;
	if (replace && !is_dir && type_of(&t) == EXT2_S_IFDIR)
		return ERR_IS_DIR;
	if (replace && is_dir) {
		if (node_is_open(fs, t.ino))
			return ERR_BUSY;
		if ((err = dir_is_empty(fs, &t)) != ERR_OK)
			return err;
	}
	if (is_dir && !replace && tdir.ino != fdir.ino && tdir.i.i_links_count >= EXT2_LINK_MAX)
		return ERR_TOO_MANY_LINKS;
	if (fs->read_only)
		return ERR_READ_ONLY;
	/* The point of no return: the new name first, so a failure loses no file. */
	if (replace)
		err = dir_set(fs, &tdir, tname, tlen, n.ino, mode_to_ft(n.i.i_mode));
	else
		err = dir_add(fs, &tdir, tname, tlen, n.ino, mode_to_ft(n.i.i_mode));
	if (err != ERR_OK)
		return err;
	if ((err = node_get(fs, fdir.ino, &fdir)) != ERR_OK ||
	    (err = dir_remove(fs, &fdir, fname, flen)) != ERR_OK)
		return err;
	if (replace) {
		if (type_of(&t) == EXT2_S_IFDIR) {
			t.i.i_links_count = 0;
			if ((err = node_free(fs, &t)) != ERR_OK ||
			    (err = links_add(fs, tdir.ino, -1)) != ERR_OK)
				return err;
		} else if ((err = node_drop_link(fs, &t)) != ERR_OK) {
			return err;
		}
	}
	if (is_dir && tdir.ino != fdir.ino) {
		if ((err = node_get(fs, n.ino, &n)) != ERR_OK ||
		    (err = dir_set(fs, &n, "..", 2, tdir.ino, EXT2_FT_DIR)) != ERR_OK ||
		    (err = links_add(fs, fdir.ino, -1)) != ERR_OK ||
		    (err = links_add(fs, tdir.ino, 1)) != ERR_OK)
			return err;
	}
	return links_add(fs, n.ino, 0);		/* its ctime */
}
