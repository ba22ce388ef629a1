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
 * fd_take - take fd's send right out of the table without closing its
 * object: fd is free again and the right is the caller's (to hand to a
 * child, then drop). Returns the right, or NAME_NULL when fd is out of
 * range or closed.
 */
port_name_t fd_take(int fd);

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
 * mkfifo - make a named pipe at path (a FIFO node in the filesystem) with
 * permission bits mode. open(path, O_RDONLY) gives its read end and
 * open(path, O_WRONLY) its write end, which behave as pipe()'s: every open
 * of the node meets the same pipe while any end is open (docs/servers.md,
 * "Named pipes"); O_RDWR is ERR_BAD_ARGUMENT. Returns 0, or -1 with errno:
 * ERR_EXISTS, ERR_READ_ONLY, ERR_DISK_FULL, ERR_NOT_FOUND, ERR_NOT_DIR,
 * ERR_NAME_TOO_LONG.
 */
int mkfifo(const char *path, unsigned mode);

/* lseek's whence. */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/*
 * lseek - move fd's offset to offset from whence (SEEK_SET, SEEK_CUR,
 * SEEK_END); past the end is fine (a write there leaves a hole). Returns
 * the new offset, or -1 with errno: ERR_BAD_FD, ERR_BAD_ARGUMENT (bad
 * whence or a negative result), ERR_BAD_OPERATION (not a file: the
 * console, a pipe).
 */
long long lseek(int fd, long long offset, int whence);

/*
 * unlink - remove the name path (a symbolic link itself, not what it
 * names); the file goes with its last name and last open descriptor.
 * 0, or -1 with errno: ERR_NOT_FOUND, ERR_IS_DIR, ERR_NOT_DIR,
 * ERR_READ_ONLY, ERR_NAME_TOO_LONG, ERR_SYMLINK_LOOP, ERR_CORRUPT, ERR_IO.
 */
int unlink(const char *path);

/*
 * rmdir - remove the empty directory path. 0, or -1 with errno:
 * ERR_NOT_EMPTY, ERR_NOT_DIR, ERR_NOT_FOUND, ERR_BUSY (the root, or open),
 * ERR_BAD_ARGUMENT ("." or ".."), ERR_READ_ONLY, and unlink's lookups'.
 */
int rmdir(const char *path);

/*
 * link - a second name, to, for existing (not a directory). 0, or -1
 * with errno: ERR_EXISTS, ERR_IS_DIR, ERR_TOO_MANY_LINKS, ERR_NOT_FOUND,
 * ERR_READ_ONLY, ERR_DISK_FULL, and the lookups' errors.
 */
int link(const char *existing, const char *to);

/*
 * symlink - make path a symbolic link to target (kept as written). 0, or
 * -1 with errno: ERR_EXISTS, ERR_NAME_TOO_LONG, ERR_BAD_ARGUMENT (empty
 * target), ERR_READ_ONLY, ERR_DISK_FULL, and the lookups' errors.
 */
int symlink(const char *target, const char *path);

/*
 * readlink - the target of the symbolic link path into buf (at most
 * size bytes, no NUL added, as POSIX says). Returns its length, or -1
 * with errno: ERR_BAD_ARGUMENT (not a link), and the lookups' errors.
 */
ssize_t readlink(const char *path, char *buf, size_t size);

/*
 * chdir - make path the current directory, which relative paths start
 * from (each process has its own; a child starts in its parent's, see
 * docs/libc.md). 0, or -1 with errno: ERR_NOT_DIR, ERR_NOT_FOUND,
 * ERR_NAME_TOO_LONG (the resulting path past 255), and stat's errors.
 */
int chdir(const char *path);

/*
 * getcwd - the current directory's absolute path into buf (size bytes,
 * NUL included). Returns buf, or NULL with errno ERR_RANGE (too small).
 */
char *getcwd(char *buf, size_t size);

/*
 * sync - write everything the filesystem caches to the disk. Returns
 * nothing, as in POSIX; fs_sync's error (ERR_IO) is lost.
 */
void sync(void);

#endif /* USER_LIB_INCLUDE_UNISTD_H */
