/*
 * fsname.c - the calls on names in the filesystem (contracts in
 * <unistd.h>, <stdio.h>, <sys/stat.h>): mkdir, chmod, unlink, rmdir,
 * link, symlink, readlink, rename, sync. Each is one fs.defs request
 * with the paths made absolute from the current directory.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "harbor/error.h"
#include "harbor/fs_client.h"
#include "user/lib/file.h"

/* The server and path made absolute, or the error. */
static int
fsname_one(const char *path, char *abs, port_name_t *fs)
{
	int err = file_path(path, abs);

	return err != ERR_OK ? err : file_server(fs);
}

static int
fsname_result(int err)
{
	return err == ERR_OK ? 0 : file_fail(err);
}

int
mkdir(const char *path, uint32_t mode)
{
	char abs[FS_PATH_MAX];
	port_name_t fs;
	int err = fsname_one(path, abs, &fs);

	return fsname_result(err != ERR_OK ? err : fs_mkdir(fs, abs, mode));
}

int
chmod(const char *path, uint32_t mode)
{
	char abs[FS_PATH_MAX];
	port_name_t fs;
	int err = fsname_one(path, abs, &fs);

	return fsname_result(err != ERR_OK ? err : fs_chmod(fs, abs, mode));
}

int
unlink(const char *path)
{
	char abs[FS_PATH_MAX];
	port_name_t fs;
	int err = fsname_one(path, abs, &fs);

	return fsname_result(err != ERR_OK ? err : fs_unlink(fs, abs));
}

int
rmdir(const char *path)
{
	char abs[FS_PATH_MAX];
	port_name_t fs;
	int err = fsname_one(path, abs, &fs);

	return fsname_result(err != ERR_OK ? err : fs_rmdir(fs, abs));
}

int
link(const char *existing, const char *to)
{
	char a[FS_PATH_MAX], b[FS_PATH_MAX];
	port_name_t fs;
	int err = fsname_one(existing, a, &fs);

	if (err == ERR_OK)
		err = file_path(to, b);
	return fsname_result(err != ERR_OK ? err : fs_link(fs, a, b));
}

int
rename(const char *from, const char *to)
{
	char a[FS_PATH_MAX], b[FS_PATH_MAX];
	port_name_t fs;
	int err = fsname_one(from, a, &fs);

	if (err == ERR_OK)
		err = file_path(to, b);
	return fsname_result(err != ERR_OK ? err : fs_rename(fs, a, b));
}

int
symlink(const char *target, const char *path)
{
	char abs[FS_PATH_MAX];
	port_name_t fs;
	int err = fsname_one(path, abs, &fs);

	if (err == ERR_OK && (target == NULL || strlen(target) >= FS_PATH_MAX))
		err = target == NULL ? ERR_BAD_ARGUMENT : ERR_NAME_TOO_LONG;
	return fsname_result(err != ERR_OK ? err : fs_symlink(fs, target, abs));
}

ssize_t
readlink(const char *path, char *buf, size_t size)
{
	char abs[FS_PATH_MAX], text[FS_PATH_MAX];
	port_name_t fs;
	size_t n;
	int err = fsname_one(path, abs, &fs);

	if (err == ERR_OK)
		err = fs_readlink(fs, abs, text, sizeof(text));
	if (err != ERR_OK)
		return file_fail(err);
	n = strnlen(text, sizeof(text) - 1);
	if (n > size)
		n = size;
	memcpy(buf, text, n);
	return (ssize_t)n;
}

void
sync(void)
{
	port_name_t fs;

	if (file_server(&fs) == ERR_OK)
		fs_sync(fs);
}
