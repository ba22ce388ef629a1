/*
 * serve.c - the handlers of fs.defs: each checks what the ext2 core
 * cannot (counts against the message's bounds) and calls it. ctx is the
 * server (struct fs_server); open is files.c's. Every error is the core's (servers/fs/ext2/ext2.h).
 */
#include "user/lib/ulib.h"
#include "harbor/fs_server.h"
#include "servers/fs/fs.h"

#define FS(ctx)		(((struct fs_server *)(ctx))->fs)
#define FS_NAME_MAX	256	/* the interface's string bound, NUL included */

int
fs_open_handler(void *ctx, uint32_t task, const char *path, uint32_t flags, uint32_t mode,
		uint32_t *file)
{
	return files_open(ctx, task, path, flags, mode, file);
}

int
fs_stat_handler(void *ctx, const char *path, uint32_t nofollow, uint32_t *ino, uint32_t *mode,
		uint32_t *links, uint32_t *size_lo, uint32_t *size_hi, uint32_t *blocks,
		uint32_t *mtime)
{
	struct ext2_stat st;
	int err = nofollow ? ext2_lstat(FS(ctx), path, &st) : ext2_stat(FS(ctx), path, &st);

	if (err != ERR_OK)
		return err;
	*ino = st.ino;
	*mode = st.mode;
	*links = st.links;
	*size_lo = (uint32_t)st.size;
	*size_hi = (uint32_t)(st.size >> 32);
	*blocks = st.blocks;
	*mtime = st.mtime;
	return ERR_OK;
}

int
fs_mkdir_handler(void *ctx, const char *path, uint32_t mode)
{
	return ext2_mkdir(FS(ctx), path, mode);
}

int
fs_rmdir_handler(void *ctx, const char *path)
{
	return ext2_rmdir(FS(ctx), path);
}

int
fs_unlink_handler(void *ctx, const char *path)
{
	return ext2_unlink(FS(ctx), path);
}

int
fs_rename_handler(void *ctx, const char *from, const char *to)
{
	return ext2_rename(FS(ctx), from, to);
}

int
fs_link_handler(void *ctx, const char *existing, const char *to)
{
	return ext2_link(FS(ctx), existing, to);
}

int
fs_mkfifo_handler(void *ctx, const char *path, uint32_t mode)
{
	return ext2_mkfifo(FS(ctx), path, mode);
}

int
fs_symlink_handler(void *ctx, const char *contents, const char *path)
{
	return ext2_symlink(FS(ctx), contents, path);
}

int
fs_readlink_handler(void *ctx, const char *path, char *contents)
{
	return ext2_readlink(FS(ctx), path, contents, FS_NAME_MAX);
}

int
fs_chmod_handler(void *ctx, const char *path, uint32_t mode)
{
	return ext2_chmod(FS(ctx), path, mode);
}

int
fs_truncate_handler(void *ctx, const char *path, uint32_t size_lo, uint32_t size_hi)
{
	return ext2_truncate(FS(ctx), path, ((uint64_t)size_hi << 32) | size_lo);
}

int
fs_sync_handler(void *ctx)
{
	return ext2_sync(FS(ctx));
}

int
fs_statfs_handler(void *ctx, uint32_t *block_size, uint32_t *blocks, uint32_t *free_blocks,
		  uint32_t *inodes, uint32_t *free_inodes, uint32_t *read_only)
{
	struct ext2_statfs st;
	int err = ext2_statfs(FS(ctx), &st);

	*block_size = st.block_size;
	*blocks = st.blocks;
	*free_blocks = st.free_blocks;
	*inodes = st.inodes;
	*free_inodes = st.free_inodes;
	*read_only = (uint32_t)st.read_only;
	return err;
}

int
fs_counts_handler(void *ctx, uint32_t *files, uint32_t *clients)
{
	files_counts(files, clients);
	return ERR_OK;
}
