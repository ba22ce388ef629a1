/*
 * unistd.h - file descriptors: read, write and close on I/O objects.
 *
 * A file descriptor is a small number (0 to FD_MAX - 1) that stands for
 * a send right to an I/O object: anything that serves io.defs (a console
 * session today; files and pipes later). 0, 1 and 2 are standard input,
 * output and error; stdio's streams go through them (user/lib/stdio_sink.c).
 * Whoever starts a program installs its descriptors (fd_install); a
 * descriptor with no right is closed, and using it fails with EBADF.
 *
 * Errors: -1 with errno set to an ERR_ code (errno.h): EBADF
 * (ERR_BAD_NAME) for a descriptor out of range or closed, or what the
 * object's server or the call returned (ERR_NO_REPLY when the server died
 * mid-call, ERR_PORT_DEAD when it died before). Contracts below; the code
 * is user/lib/fd.c and user/lib/fd_io.c. The table is shared by the
 * task's threads and has no lock: install and close descriptors from one
 * thread while no other uses them.
 */
#ifndef USER_LIB_INCLUDE_UNISTD_H
#define USER_LIB_INCLUDE_UNISTD_H

#include <stddef.h>
#include "harbor/msg.h"

#define FD_MAX		32
#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

typedef int ssize_t;

/*
 * read - read up to n bytes from fd into buf. Returns how many were read
 * (fewer than n is normal: a console returns one line), 0 at the end of
 * the input (a console's ^D), or -1: EBADF, or the server's error. More
 * than IO_INLINE_MAX (4096) bytes asked for travel out of line.
 */
ssize_t read(int fd, void *buf, size_t n);

/*
 * write - write n bytes of buf to fd. Returns how many were written (n
 * unless the object took fewer), or -1: EBADF, EINVAL (n too large to
 * count), ENOMEM (no pages for an out-of-line write), or the server's
 * error. Writes over IO_INLINE_MAX bytes go out of line, in pieces of at
 * most IO_OOL_MAX (1 MiB). A console never tears one write of up to
 * IO_OOL_MAX bytes apart.
 */
ssize_t write(int fd, const void *buf, size_t n);

/*
 * close - tell fd's object we are done (io close) and drop our right; fd
 * is free again. Returns 0, or -1: EBADF, or the object's error (the
 * descriptor is closed all the same).
 */
int close(int fd);

/*
 * fd_install - make fd stand for the I/O object io_port (a send right
 * this task holds, which the table now owns; NAME_NULL just closes fd).
 * An object fd stood for before is let go (its right dropped, without an
 * io close). Returns 0, or -1 with EBADF for fd outside 0..FD_MAX-1.
 */
int fd_install(int fd, port_name_t io_port);

/*
 * fd_port - the send right fd stands for (still the table's: copy it in
 * a message with MSG_COPY_SEND to hand it on), or NAME_NULL when fd is
 * out of range or closed. Never sets errno.
 */
port_name_t fd_port(int fd);

/*
 * pipe - make a pipe (the pipe server, servers/pipe): fds[0] is its read
 * end and fds[1] its write end, the two lowest closed descriptors. A read
 * of an empty pipe waits; it returns 0 once every write end, in every
 * task, is closed. A write waits for room (PIPE_BUFFER_SIZE bytes,
 * harbor/pipe.h); one of up to PIPE_ATOMIC_MAX bytes goes in whole; with
 * every read end closed it fails with ERR_PIPE_CLOSED. Returns 0, or -1
 * with errno: ERR_NO_SPACE (no two free descriptors, or the server's
 * tables are full), ERR_NO_MEMORY, ERR_NOT_FOUND (no pipe server),
 * ERR_PORT_DEAD or ERR_NO_REPLY (the server died).
 */
int pipe(int fds[2]);

/*
 * mkfifo - make a named pipe at path. Not built yet: the filesystem
 * cannot make a FIFO node, so it returns -1 with errno ERR_BAD_OPERATION
 * (docs/servers.md, "Named pipes", has the plan: the pipe server side,
 * pipe fifo_open, is there).
 */
int mkfifo(const char *path, unsigned mode);

#endif /* USER_LIB_INCLUDE_UNISTD_H */
