/*
 * stdio_sink.c - THE seam between stdio and the outside world: where the
 * standard streams' bytes go and come from.
 *
 * The streams are file descriptors 0, 1 and 2 (ctx is the number): a
 * write is one write() on the descriptor, a read one read(). stdio never
 * hands over more than STDIO_CHUNK (256) bytes at a time, so a printf of
 * a line is one io write, and the console never tears it.
 *
 * A program whose descriptor 1 or 2 is closed (init, the servers, the
 * test suite: whoever was not given standard ports) falls back to the
 * kernel's debug line, one host debug_write per piece; a task without
 * the host port as well prints nothing (the write fails with
 * ERR_BAD_NAME, and printf returns -1). A closed descriptor 0 is at its
 * end at once.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include "user/lib/stdio_file.h"
#include "harbor/error.h"
#include "harbor/msg.h"
#include "harbor/host_client.h"

/*
 * stdio_sink_write - write len (at most STDIO_CHUNK) bytes of buf to
 * descriptor (int)ctx, or to the debug line when that is closed. Returns
 * ERR_OK, the write's error (errno), ERR_NO_SPACE if the object took
 * fewer bytes, or the error of host debug_write (ERR_BAD_NAME when the
 * task has no host port).
 */
int
stdio_sink_write(void *ctx, const char *buf, size_t len)
{
	int fd = (int)(uintptr_t)ctx;
	ssize_t n;

	if (fd_port(fd) == NAME_NULL)
		return host_debug_write(NAME_HOST, buf, (uint32_t)len);
	n = write(fd, buf, len);
	if (n < 0)
		return errno;
	return (size_t)n == len ? ERR_OK : ERR_NO_SPACE;
}

/*
 * stdio_sink_read - read at most size bytes from descriptor (int)ctx
 * into buf; *got = 0 at the end of the input, or when the descriptor is
 * closed. Returns ERR_OK or the read's error.
 */
int
stdio_sink_read(void *ctx, char *buf, size_t size, size_t *got)
{
	int fd = (int)(uintptr_t)ctx;
	ssize_t n;

	*got = 0;
	if (fd_port(fd) == NAME_NULL)
		return ERR_OK;
	n = read(fd, buf, size);
	if (n < 0)
		return errno;
	*got = (size_t)n;
	return ERR_OK;
}
