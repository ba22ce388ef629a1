/*
 * file.c - open files through the filesystem server (contracts in
 * <fcntl.h>, <unistd.h>, <sys/stat.h>): open, lseek, fstat, stat, lstat.
 *
 * An open file is a send right to a port of the server's that serves
 * io.defs, so read, write and close (fd_io.c, fd.c) treat it like any
 * other object; lseek and fstat speak file.defs to the same port. open
 * sends our task port along: the server counts open files per task
 * (docs/filesystem.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "harbor/error.h"
#include "harbor/file_client.h"
#include "harbor/fs_client.h"
#include "harbor/io.h"
#include "harbor/io_client.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"
#include "user/lib/file.h"

static port_name_t file_fs = NAME_NULL;

int
file_server(port_name_t *fs)
{
	if (file_fs == NAME_NULL && name_lookup(NAME_BOOTSTRAP, "fs", 0, &file_fs) != ERR_OK) {
		file_fs = NAME_NULL;
		return ERR_NOT_FOUND;
	}
	*fs = file_fs;
	return ERR_OK;
}

int
file_fail(int err)
{
	errno = err;
	return -1;
}

int
open(const char *path, int flags, ...)
{
	char abs[FS_PATH_MAX];
	port_name_t fs, file = NAME_NULL;
	uint32_t mode = 0;
	int fd, err;

	if (flags & O_CREAT) {
		__builtin_va_list ap;
		__builtin_va_start(ap, flags);
		mode = (uint32_t)__builtin_va_arg(ap, int);
		__builtin_va_end(ap);
	}
	for (fd = 0; fd < FD_MAX && fd_port(fd) != NAME_NULL; fd++)
		;
	if (fd == FD_MAX)
		return file_fail(ERR_NO_SPACE);
	if ((err = file_path(path, abs)) != ERR_OK || (err = file_server(&fs)) != ERR_OK)
		return file_fail(err);
	err = fs_open(fs, NAME_TASK_SELF, abs, (uint32_t)flags, mode, &file);
	if (err != ERR_OK)
		return file_fail(err);
	fd_install(fd, file);
	return fd;
}

long long
lseek(int fd, long long offset, int whence)
{
	port_name_t port = fd_port(fd);
	uint32_t lo = 0, hi = 0;
	int err;

	if (port == NAME_NULL)
		return file_fail(ERR_BAD_FD);
	err = file_seek(port, (uint32_t)offset, (uint32_t)((unsigned long long)offset >> 32),
			(uint32_t)whence, &lo, &hi);
	if (err != ERR_OK)
		return file_fail(err);
	return (long long)(((unsigned long long)hi << 32) | lo);
}

int
fstat(int fd, struct stat *st)
{
	port_name_t port = fd_port(fd);
	uint32_t ino, mode, links, lo, hi, blocks, mtime, kind, size;
	int err;

	if (port == NAME_NULL)
		return file_fail(ERR_BAD_FD);
	memset(st, 0, sizeof(*st));
	err = file_fstat(port, &ino, &mode, &links, &lo, &hi, &blocks, &mtime);
	if (err == ERR_OK) {
		*st = (struct stat){ .st_ino = ino, .st_mode = mode, .st_nlink = links,
				     .st_size = (off_t)(((unsigned long long)hi << 32) | lo),
				     .st_blocks = blocks, .st_mtime = mtime };
		return 0;
	}
	/* Not a file of the filesystem: what io.defs says of it. */
	if ((err = io_stat(port, &kind, &size)) != ERR_OK)
		return file_fail(err);
	st->st_mode = kind == IO_KIND_PIPE ? S_IFIFO : kind == IO_KIND_DIR ? S_IFDIR :
		      kind == IO_KIND_FILE ? S_IFREG : S_IFCHR;
	st->st_nlink = 1;
	st->st_size = size;
	return 0;
}

static int
file_stat(const char *path, uint32_t nofollow, struct stat *st)
{
	char abs[FS_PATH_MAX];
	port_name_t fs;
	uint32_t ino, mode, links, lo, hi, blocks, mtime;
	int err;

	if ((err = file_path(path, abs)) != ERR_OK || (err = file_server(&fs)) != ERR_OK)
		return file_fail(err);
	err = fs_stat(fs, abs, nofollow, &ino, &mode, &links, &lo, &hi, &blocks, &mtime);
	if (err != ERR_OK)
		return file_fail(err);
	*st = (struct stat){ .st_ino = ino, .st_mode = mode, .st_nlink = links,
			     .st_size = (off_t)(((unsigned long long)hi << 32) | lo),
			     .st_blocks = blocks, .st_mtime = mtime };
	return 0;
}

int
stat(const char *path, struct stat *st)
{
	return file_stat(path, 0, st);
}

int
lstat(const char *path, struct stat *st)
{
	return file_stat(path, 1, st);
}
