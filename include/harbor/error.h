/*
 * error.h - every error code Harbor's kernel and servers return.
 *
 * One enum for the whole system, so a code means the same thing wherever it
 * comes from: a trap, a kernel object, a server. 0 is success; every error
 * is a small positive number with a message in error_names (error_string()).
 * Traps return them in %eax; RPC replies carry them in their return code.
 */
#ifndef HARBOR_ERROR_H
#define HARBOR_ERROR_H

enum harbor_error {
	ERR_OK = 0,
	ERR_BAD_ADDRESS,	/* a pointer is unmapped, in kernel space or wraps */
	ERR_BAD_SIZE,		/* a size is too small, too large or misaligned */
	ERR_BAD_NAME,		/* the name denotes no right in this task */
	ERR_BAD_RIGHT,		/* the name holds a right, but not the one needed */
	ERR_BAD_DISPOSITION,	/* a header or descriptor says how to pass a right in a way that is not allowed */
	ERR_BAD_OPERATION,	/* unknown trap or unknown operation id */
	ERR_BAD_MESSAGE,	/* the message is malformed (descriptors, lengths, strings) */
	ERR_BAD_ARGUMENT,	/* an argument is out of range */
	ERR_TIMED_OUT,		/* the timeout passed (or, with timeout 0, the call would block) */
	ERR_TOO_LARGE,		/* receive buffer too small; the message stays queued */
	ERR_PORT_DEAD,		/* the port died while we used or waited on it */
	ERR_NO_MEMORY,		/* kernel pool, per-task quota or physical memory exhausted */
	ERR_NO_SPACE,		/* a table (name space, queue) is full */
	ERR_NO_REPLY,		/* the server destroyed our reply right without answering */
	ERR_BAD_REPLY,		/* the reply does not have the shape the interface promised */
	ERR_DENIED,		/* the caller may not do this */
	ERR_EXISTS,		/* the thing is already there */
	ERR_NOT_FOUND,		/* no such thing */
	ERR_BUSY,		/* another task holds it (a device, an IRQ line) */
	ERR_NO_REPLY_PORT,	/* this thread has no reply port (not started by thread_start), so it cannot call */
	ERR_RANGE,		/* a result does not fit its type (the C library's ERANGE) */
	ERR_STACK_OVERFLOW,	/* the main thread's stack grew past its limit (the memory server) */
	ERR_IO,			/* the device reported an error (a disk sector it cannot read or write) */
	ERR_NOT_DIR,		/* a path component or the target is not a directory */
	ERR_IS_DIR,		/* the operation needs a file, the path names a directory */
	ERR_NOT_EMPTY,		/* a directory to remove or replace still has entries */
	ERR_DISK_FULL,		/* no free block or inode left on the filesystem */
	ERR_NAME_TOO_LONG,	/* a path component is longer than a directory entry can hold */
	ERR_TOO_MANY_LINKS,	/* an inode already has the most hard links it can */
	ERR_BAD_FD,		/* the file descriptor is not open (or not open for this) */
	ERR_READ_ONLY,		/* the filesystem is mounted read-only */
	ERR_SYMLINK_LOOP,	/* too many symbolic links met while resolving a path */
	ERR_CORRUPT,		/* the filesystem's on-disk structures are inconsistent */
	ERR_FILE_TOO_LARGE,	/* a file cannot grow past this size */
	ERR_PIPE_CLOSED,	/* a write to a pipe whose every read end is closed (a broken pipe) */
	ERR_COUNT		/* number of codes; not an error */
};

/* error_string - a short English description of code, or "unknown error". */
const char *error_string(int code);

#endif /* HARBOR_ERROR_H */
