/*
 * cwd.c - the current directory: file_path, chdir, getcwd (contracts in
 * <unistd.h> and user/lib/file.h).
 *
 * The current directory is the process's own, kept here as an absolute
 * path with no ".", ".." or repeated slashes; the filesystem server sees
 * only absolute paths. A program starts in its spawner's directory, which
 * the process server carries from spawn to startup (user/lib/proc.c);
 * one not started by proc starts in "/".
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "harbor/error.h"
#include "user/lib/file.h"

static char cwd[FS_PATH_MAX] = "/";

int
file_path(const char *path, char *out)
{
	size_t n, c;

	if (path == NULL || path[0] == 0)
		return ERR_BAD_ARGUMENT;
	n = strlen(path);
	if (path[0] == '/') {
		if (n >= FS_PATH_MAX)
			return ERR_NAME_TOO_LONG;
		memcpy(out, path, n + 1);
		return ERR_OK;
	}
	c = strlen(cwd);
	if (c + 1 + n >= FS_PATH_MAX)
		return ERR_NAME_TOO_LONG;
	memcpy(out, cwd, c);
	out[c] = '/';
	memcpy(out + c + 1, path, n + 1);
	return ERR_OK;
}

/* Rewrite the absolute path p in place without ".", ".." and empty components. */
static void
cwd_clean(char *p)
{
	char *out = p + 1;
	const char *in = p;

	while (*in) {
		const char *end;
		size_t len;

		while (*in == '/')
			in++;
		if (*in == 0)
			break;
		end = strchr(in, '/');
		len = end ? (size_t)(end - in) : strlen(in);
		if (len == 1 && in[0] == '.') {
			/* nothing */
		} else if (len == 2 && in[0] == '.' && in[1] == '.') {
			if (out > p + 1) {
				out--;			/* the slash before the last component */
				while (out > p + 1 && out[-1] != '/')
					out--;
			}
		} else {
			/* The slash may land on the NUL that ends in (when
			 * nothing was removed before): see the end first. */
			int last = in[len] == '\0';
			memmove(out, in, len);
			out += len;
			*out++ = '/';
			if (last)
				break;
		}
		in += len;
	}
	if (out > p + 1)
		out--;			/* no slash at the end, but for "/" */
	*out = 0;
}

int
chdir(const char *path)
{
	char abs[FS_PATH_MAX];
	struct stat st;
	int err;

	if ((err = file_path(path, abs)) != ERR_OK)
		return file_fail(err);
	if (stat(abs, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode))
		return file_fail(ERR_NOT_DIR);
	cwd_clean(abs);
	memcpy(cwd, abs, strlen(abs) + 1);
	return 0;
}

void
file_cwd_start(const char *path)
{
	size_t n = strlen(path);

	if (path[0] != '/' || n >= FS_PATH_MAX)
		return;
	memcpy(cwd, path, n + 1);
	cwd_clean(cwd);
}

char *
getcwd(char *buf, size_t size)
{
	size_t n = strlen(cwd);

	if (buf == NULL || size < n + 1) {
		errno = ERR_RANGE;
		return NULL;
	}
	memcpy(buf, cwd, n + 1);
	return buf;
}
