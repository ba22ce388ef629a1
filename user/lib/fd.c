/*
 * fd.c - the file descriptor table: small numbers for send rights to I/O
 * objects (contracts in include/unistd.h). read and write are in
 * fd_io.c.
 *
 * The table owns one send reference per descriptor. Two descriptors may
 * stand for the same object: rights to one port share one name in a
 * task, and each descriptor holds a reference of its own, so closing one
 * leaves the other working.
 */
#include <errno.h>
#include <unistd.h>
#include "harbor/error.h"
#include "harbor/io_client.h"
#include "harbor/task_client.h"

static port_name_t fd_table[FD_MAX];

port_name_t
fd_port(int fd)
{
	if (fd < 0 || fd >= FD_MAX)
		return NAME_NULL;
	return fd_table[fd];
}

port_name_t
fd_take(int fd)
{
	port_name_t port = fd_port(fd);

	if (port != NAME_NULL)
		fd_table[fd] = NAME_NULL;
	return port;
}

int
fd_install(int fd, port_name_t io_port)
{
	port_name_t old;

	if (fd < 0 || fd >= FD_MAX) {
		errno = EBADF;
		return -1;
	}
	old = fd_table[fd];
	fd_table[fd] = io_port;
	if (old != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, old);
	return 0;
}

int
close(int fd)
{
	port_name_t port = fd_port(fd);
	int err;

	if (port == NAME_NULL) {
		errno = EBADF;
		return -1;
	}
	fd_table[fd] = NAME_NULL;
	err = io_close(port);
	task_port_deallocate(NAME_TASK_SELF, port);
	if (err != ERR_OK) {
		errno = err;
		return -1;
	}
	return 0;
}
