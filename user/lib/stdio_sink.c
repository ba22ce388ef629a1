/*
 * stdio_sink.c - THE seam between stdio and the console: where the
 * standard streams' bytes go and come from.
 *
 * Today there is no console server, so output (file descriptors 1 and 2)
 * goes to the kernel's debug line, one host debug_write message per
 * piece: stdio never hands over more than STDIO_CHUNK (256) bytes, the
 * message's limit, so a printf of a line is one message and lines from
 * different tasks never tear. A task without the host port prints
 * nothing (the write fails with ERR_BAD_NAME, and printf returns -1).
 * Input (descriptor 0) has no source: every read is the end of the stream.
 *
 * When the console server exists, this file alone changes: it writes to
 * and reads from descriptor (int)ctx through the server's interface.
 */
#include <stdint.h>
#include "user/lib/stdio_file.h"
#include "harbor/error.h"
#include "harbor/msg.h"
#include "harbor/host_client.h"

/*
 * stdio_sink_write - write len (at most STDIO_CHUNK) bytes of buf for
 * descriptor (int)ctx. Returns ERR_OK, or the error of host debug_write
 * (ERR_BAD_NAME when the task has no host port).
 */
int
stdio_sink_write(void *ctx, const char *buf, size_t len)
{
	return host_debug_write(NAME_HOST, buf, (uint32_t)len);
}

/*
 * stdio_sink_read - read at most size bytes for descriptor (int)ctx into
 * buf. Today: *got = 0 (the end of the stream), ERR_OK: there is nothing
 * to read from until the console server exists.
 */
int
stdio_sink_read(void *ctx, char *buf, size_t size, size_t *got)
{
	*got = 0;
	return ERR_OK;
}
