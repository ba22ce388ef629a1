/*
 * pipe.c - pipe() and mkfifo() (contracts in include/unistd.h): a pipe
 * is two io.defs objects of the pipe server (servers/pipe), installed as
 * two file descriptors, so read, write and close work on them as on any
 * other descriptor, and spawn can hand them to a child as its standard
 * ports.
 */
#include <errno.h>
#include <unistd.h>
#include "harbor/error.h"
#include "harbor/fs_client.h"
#include "harbor/name_client.h"
#include "harbor/pipe_client.h"
#include "harbor/task_client.h"
#include "user/lib/file.h"

static port_name_t pipe_server = NAME_NULL;

/* The lowest closed descriptor at or above from, or -1. */
static int
pipe_free_fd(int from)
{
	for (int fd = from; fd < FD_MAX; fd++)
		if (fd_port(fd) == NAME_NULL)
			return fd;
	return -1;
}

int
pipe(int fds[2])
{
	port_name_t reader = NAME_NULL, writer = NAME_NULL;
	int err = ERR_OK, rfd, wfd;

	if (pipe_server == NAME_NULL)
		err = name_lookup(NAME_BOOTSTRAP, "pipe", 0, &pipe_server);
	if (err == ERR_OK)
		err = pipe_create(pipe_server, &reader, &writer);
	if (err == ERR_PORT_DEAD || err == ERR_NO_REPLY) {
		/* The server died: look it up afresh next time (a new one may come). */
		task_port_deallocate(NAME_TASK_SELF, pipe_server);
		pipe_server = NAME_NULL;
	}
	if (err != ERR_OK) {
		errno = err;
		return -1;
	}
	rfd = pipe_free_fd(0);
	wfd = rfd < 0 ? -1 : pipe_free_fd(rfd + 1);
	if (wfd < 0) {
		task_port_deallocate(NAME_TASK_SELF, reader);
		task_port_deallocate(NAME_TASK_SELF, writer);
		errno = ERR_NO_SPACE;
		return -1;
	}
	fd_install(rfd, reader);
	fd_install(wfd, writer);
	fds[0] = rfd;
	fds[1] = wfd;
	return 0;
}

int
mkfifo(const char *path, unsigned mode)
{
	char abs[FS_PATH_MAX];
	port_name_t fs;
	int err;

	/* The node is the filesystem's; opening it connects to the pipe
	 * server (docs/servers.md, "Named pipes"). */
	if ((err = file_path(path, abs)) != ERR_OK || (err = file_server(&fs)) != ERR_OK ||
	    (err = fs_mkfifo(fs, abs, mode)) != ERR_OK)
		return file_fail(err);
	return 0;
}
