/*
 * stdio_file.h - what a FILE is inside the library, and the sink the
 * standard streams start with (user/lib/stdio_sink.c).
 */
#ifndef USER_LIB_STDIO_FILE_H
#define USER_LIB_STDIO_FILE_H

#include <stdio.h>

struct stdio_file {
	stdio_write_fn write;	/* where output goes; NULL: nowhere (writes fail) */
	stdio_read_fn read;	/* where input comes from; NULL: always at its end */
	void *ctx;		/* passed to both */
	int error;		/* a write or read failed (ferror) */
	int eof;		/* a read found the end (feof) */
};

/*
 * stdio_write - hand len bytes to f's sink in pieces of at most
 * STDIO_CHUNK. Returns 0, or EOF (and sets f->error) if the sink refused
 * a piece; the rest is not tried.
 */
int stdio_write(FILE *f, const char *buf, size_t len);

/*
 * The standard streams' sink: ctx is the file descriptor (0, 1 or 2).
 * stdio_sink_write writes len (<= STDIO_CHUNK) bytes and returns ERR_OK
 * or the error that stopped it; stdio_sink_read fills at most size bytes
 * and sets *got (0: the end). Contracts in stdio_sink.c.
 */
int stdio_sink_write(void *ctx, const char *buf, size_t len);
int stdio_sink_read(void *ctx, char *buf, size_t size, size_t *got);

#endif /* USER_LIB_STDIO_FILE_H */
