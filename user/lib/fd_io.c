/*
 * fd_io.c - read and write on file descriptors (contracts in
 * include/unistd.h): one io.defs call per piece, inline up to
 * IO_INLINE_MAX bytes, out of line beyond.
 *
 * Out of line costs a page mapping each way, so it pays only for large
 * transfers: a write copies the caller's bytes into fresh pages (the
 * caller's buffer is not page aligned) and passes them copy-on-write; a
 * read gets pages moved to it, copies out and unmaps them.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "harbor/error.h"
#include "harbor/io.h"
#include "harbor/io_client.h"
#include "harbor/task_client.h"
#include "user/lib/mem_region.h"
#include "user/lib/ulib.h"

#define FD_PAGE		4096u

static ssize_t
fd_fail(int err)
{
	errno = err;
	return -1;
}

ssize_t
read(int fd, void *buf, size_t n)
{
	port_name_t port = fd_port(fd);
	uint32_t got = 0, addr = 0, size = 0;
	int err;

	if (port == NAME_NULL)
		return fd_fail(EBADF);
	if (n == 0)
		return 0;
	if (n > 0x7fffffffu)
		n = 0x7fffffffu;	/* the count must fit ssize_t */
	if (n <= IO_INLINE_MAX) {
		err = io_read(port, (uint32_t)n, buf, (uint32_t)n, &got);
		return err == ERR_OK ? (ssize_t)got : fd_fail(err);
	}
	err = io_read_ool(port, n < IO_OOL_MAX ? (uint32_t)n : IO_OOL_MAX, &addr, &size, &got);
	if (err != ERR_OK)
		return fd_fail(err);
	if (got > size)
		got = size;	/* a server that claims more than it sent */
	if (got > n)
		got = (uint32_t)n;
	memcpy(buf, (const void *)(uintptr_t)addr, got);
	if (size != 0)
		vm_deallocate(addr, size);
	return (ssize_t)got;
}

/* Write one piece of at most IO_OOL_MAX bytes out of line. */
static int
write_ool(port_name_t port, const void *buf, uint32_t len, uint32_t *written)
{
	uint32_t size = (len + FD_PAGE - 1) & ~(FD_PAGE - 1);
	void *pages = NULL;
	int err = mem_region_alloc(size, &pages);

	if (err != ERR_OK)
		return err;
	memcpy(pages, buf, len);
	err = io_write_ool(port, (uint32_t)(uintptr_t)pages, size, len, written);
	mem_region_free(pages, size);
	return err;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	port_name_t port = fd_port(fd);
	const char *p = buf;
	size_t done = 0;

	if (port == NAME_NULL)
		return fd_fail(EBADF);
	if (n > 0x7fffffffu)
		return fd_fail(EINVAL);
	while (done < n) {
		size_t left = n - done;
		uint32_t piece, written = 0;
		int err;

		if (left <= IO_INLINE_MAX) {
			piece = (uint32_t)left;
			err = io_write(port, p + done, piece, &written);
		} else {
			piece = left < IO_OOL_MAX ? (uint32_t)left : IO_OOL_MAX;
			err = write_ool(port, p + done, piece, &written);
		}
		if (err != ERR_OK)
			return done > 0 ? (ssize_t)done : fd_fail(err);
		if (written > piece)
			written = piece;	/* a server that claims too much */
		done += written;
		if (written < piece)
			break;		/* the object took less: say how much */
	}
	return (ssize_t)done;
}
