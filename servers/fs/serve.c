/*
 * serve.c - the handlers of fs.defs: each checks what the ext2 core
 * cannot (counts against the message's bounds) and calls it. ctx is the
 * mounted filesystem. Every error is the core's (servers/fs/ext2/ext2.h).
 */
#include "user/lib/ulib.h"
#include "harbor/fs_server.h"
#include "servers/fs/fs.h"

#define FS_IO_MAX	4096
#define FS_NAME_MAX	256	/* the interface's string bound, NUL included */

int
fs_open_handler(void *ctx, const char *path, uint32_t flags, uint32_t mode, uint32_t *fd)
{
	int f = -1, err = ext2_open(ctx, path, (int)flags, mode, &f);

	*fd = (uint32_t)f;
	return err;
}

int
fs_close_handler(void *ctx, uint32_t fd)
{
	return ext2_close(ctx, (int)fd);
}

int
fs_read_handler(void *ctx, uint32_t fd, uint32_t count, void *data, uint32_t *data_len)
{
	if (count > FS_IO_MAX)
		count = FS_IO_MAX;
	return ext2_read(ctx, (int)fd, data, count, data_len);
}

int
fs_write_handler(void *ctx, uint32_t fd, const void *data, uint32_t data_len, uint32_t *written)
{
	return ext2_write(ctx, (int)fd, data, data_len, written);
}

int
fs_seek_handler(void *ctx, uint32_t fd, uint32_t offset_lo, uint32_t offset_hi, uint32_t whence,
		uint32_t *pos_lo, uint32_t *pos_hi)
{
	uint64_t pos = 0;
	int64_t off = (int64_t)(((uint64_t)offset_hi << 32) | offset_lo);
	int err = ext2_seek(ctx, (int)fd, off, (int)whence, &pos);

	*pos_lo = (uint32_t)pos;
	*pos_hi = (uint32_t)(pos >> 32);
	return err;
}

int
fs_stat_handler(void *ctx, const char *path, uint32_t nofollow, uint32_t *ino, uint32_t *mode,
		uint32_t *links, uint32_t *size_lo, uint32_t *size_hi, uint32_t *blocks)
{
	struct ext2_stat st;
	int err = nofollow ? ext2_lstat(ctx, path, &st) : ext2_stat(ctx, path, &st);

	if (err != ERR_OK)
		return err;
	*ino = st.ino;
	*mode = st.mode;
	*links = st.links;
	*size_lo = (uint32_t)st.size;
	*size_hi = (uint32_t)(st.size >> 32);
	*blocks = st.blocks;
	return ERR_OK;
}

int
fs_readdir_handler(void *ctx, uint32_t fd, uint32_t *ino, uint32_t *type, char *name)
{
	static struct ext2_dirent d;
	int err = ext2_readdir(ctx, (int)fd, &d);

	if (err != ERR_OK)
		return err;
	*ino = d.ino;
	*type = d.type;
	memcpy(name, d.name, strlen(d.name) + 1);	/* at most 255 characters: fits */
	return ERR_OK;
}

int
fs_mkdir_handler(void *ctx, const char *path, uint32_t mode)
{
	return ext2_mkdir(ctx, path, mode);
}

int
fs_rmdir_handler(void *ctx, const char *path)
{
	return ext2_rmdir(ctx, path);
}

int
fs_unlink_handler(void *ctx, const char *path)
{
	return ext2_unlink(ctx, path);
}

int
fs_rename_handler(void *ctx, const char *from, const char *to)
{
	return ext2_rename(ctx, from, to);
}

int
fs_link_handler(void *ctx, const char *existing, const char *to)
{
	return ext2_link(ctx, existing, to);
}

int
fs_symlink_handler(void *ctx, const char *contents, const char *path)
{
	return ext2_symlink(ctx, contents, path);
}

int
fs_readlink_handler(void *ctx, const char *path, char *contents)
{
	return ext2_readlink(ctx, path, contents, FS_NAME_MAX);
}

int
fs_chmod_handler(void *ctx, const char *path, uint32_t mode)
{
	return ext2_chmod(ctx, path, mode);
}

int
fs_truncate_handler(void *ctx, const char *path, uint32_t size_lo, uint32_t size_hi)
{
	return ext2_truncate(ctx, path, ((uint64_t)size_hi << 32) | size_lo);
}

int
fs_sync_handler(void *ctx)
{
	return ext2_sync(ctx);
}

int
fs_statfs_handler(void *ctx, uint32_t *block_size, uint32_t *blocks, uint32_t *free_blocks,
		  uint32_t *inodes, uint32_t *free_inodes, uint32_t *read_only)
{
	struct ext2_statfs st;
	int err = ext2_statfs(ctx, &st);

	*block_size = st.block_size;
	*blocks = st.blocks;
	*free_blocks = st.free_blocks;
	*inodes = st.inodes;
	*free_inodes = st.free_inodes;
	*read_only = (uint32_t)st.read_only;
	return err;
}
