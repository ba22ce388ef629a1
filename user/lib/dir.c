/*
 * dir.c - reading directories (contracts in <dirent.h>): a DIR is an
 * open descriptor of the directory and the entry readdir last gave.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "harbor/error.h"
#include "harbor/file_client.h"

struct dir {
	int fd;
	struct dirent entry;
};

DIR *
opendir(const char *path)
{
	struct stat st;
	DIR *d;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode)) {
		close(fd);
		errno = ERR_NOT_DIR;
		return NULL;
	}
	if ((d = malloc(sizeof(*d))) == NULL) {
		close(fd);
		errno = ERR_NO_MEMORY;
		return NULL;
	}
	d->fd = fd;
	return d;
}

struct dirent *
readdir(DIR *d)
{
	int err;

	if (d == NULL) {
		errno = ERR_BAD_ARGUMENT;
		return NULL;
	}
	err = file_readdir(fd_port(d->fd), &d->entry.d_ino, &d->entry.d_type, d->entry.d_name,
			   sizeof(d->entry.d_name));
	if (err != ERR_OK) {
		errno = err;
		return NULL;
	}
	return d->entry.d_name[0] ? &d->entry : NULL;
}

int
closedir(DIR *d)
{
	if (d == NULL) {
		errno = ERR_BAD_ARGUMENT;
		return -1;
	}
	close(d->fd);
	free(d);
	return 0;
}
