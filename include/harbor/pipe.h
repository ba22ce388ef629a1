/*
 * pipe.h - the numbers that go with pipe.defs (servers/pipe): the size of
 * a pipe's buffer, which writes are never torn, and the modes of a FIFO
 * open, for the server and libc alike.
 */
#ifndef HARBOR_PIPE_H
#define HARBOR_PIPE_H

#define PIPE_BUFFER_SIZE	8192u	/* bytes a pipe holds before writers wait */
#define PIPE_ATOMIC_MAX		4096u	/* a write of at most this many bytes goes in whole */

/* fifo_open's mode: which end of the named pipe to open. */
enum pipe_fifo_mode {
	PIPE_FIFO_READ = 1,
	PIPE_FIFO_WRITE = 2,
};

#endif /* HARBOR_PIPE_H */
