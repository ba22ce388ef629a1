/*
 * ext2_fifo.c - named pipes in ext2: making a FIFO node (mkfifo) and
 * telling an open of one apart from an open of a file.
 *
 * A FIFO node is an inode of type EXT2_S_IFIFO with permission bits, no
 * blocks and size 0; its directory entry has type EXT2_FT_FIFO, as
 * mke2fs and e2fsck expect. The core holds no pipe: its bytes live in the
 * pipe server, and the fs server connects an open of the node there,
 * keyed by the inode number (docs/servers.md, "Named pipes").
 */
#include <string.h>
#include "servers/fs/ext2/ext2_fs.h"

int
ext2_mkfifo(struct ext2_fs *fs, const char *path, uint32_t mode)
{
	struct ext2_node dir, n;
	const char *name;
	uint32_t len, ino;
	int err;

	if ((err = path_parent(fs, path, &dir, &name, &len)) != ERR_OK)
		return err;
	/* "/" or a name ending in "." or "..": there is something there. */
	if (len == 0 || (len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return ERR_EXISTS;
	err = dir_lookup(fs, &dir, name, len, &ino);
	if (err != ERR_NOT_FOUND)
		return err == ERR_OK ? ERR_EXISTS : err;
	return file_create(fs, &dir, name, len, EXT2_S_IFIFO | (mode & 07777), &n);
}

int
ext2_fifo_lookup(struct ext2_fs *fs, const char *path, int flags, uint32_t *ino)
{
	struct ext2_node n;
	int acc = flags & EXT2_O_ACCMODE;

	*ino = 0;
	/* Whatever the walk finds wrong, ext2_open finds again and says. */
	if (path_walk(fs, path, 1, &n) != ERR_OK)
		return ERR_OK;
	if ((n.i.i_mode & EXT2_S_IFMT) != EXT2_S_IFIFO)
		return ERR_OK;
	if ((flags & EXT2_O_CREAT) && (flags & EXT2_O_EXCL))
		return ERR_EXISTS;
	/* A pipe end reads or writes, not both. */
	if (acc != EXT2_O_RDONLY && acc != EXT2_O_WRONLY)
		return ERR_BAD_ARGUMENT;
	if ((acc == EXT2_O_RDONLY && !(n.i.i_mode & 0400)) ||
	    (acc == EXT2_O_WRONLY && !(n.i.i_mode & 0200)))
		return ERR_DENIED;
	*ino = n.ino;
	return ERR_OK;
}
