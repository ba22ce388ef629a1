/*
 * io.c - io.defs on a pipe's ends: read the read end, write the write
 * end.
 *
 * Each handler runs with the struct pipe_call the loop (or a replay)
 * set up. One that cannot answer yet sets c->park and returns
 * ERR_TIMED_OUT: the request is kept (park.c) and replayed when the pipe
 * changes, or, if it came with no send-once reply right, answered with
 * that code at once (it would wait). The rules:
 *  - a read takes what is there, up to count; an empty pipe waits, or is
 *    the end (0 bytes) once it has had writers and has none left;
 *  - a write of at most PIPE_ATOMIC_MAX bytes waits until it fits whole,
 *    so such writes from different writers never interleave; a longer
 *    one goes in piece by piece as room appears, and is answered when
 *    all of it is in;
 *  - a write to a pipe that has had readers and has none left fails with
 *    ERR_PIPE_CLOSED (also a long one part of which went in);
 *  - a FIFO that never had a writer (reader) keeps its readers (writers)
 *    waiting, as opening a FIFO waits in Unix: even a write that would
 *    fit waits for the first reader.
 */
#include "user/lib/ulib.h"
#include "servers/pipe/pipe.h"
#include "harbor/io.h"
#include "harbor/io_server.h"

int
pipe_io_dispatch(struct pipe_call *c, const struct msg_header *req, struct msg_header *reply)
{
	return io_dispatch(c, req, reply);
}

/* Not now: keep the request, if there is room to keep it. */
static int
pipe_wait(struct pipe_call *c)
{
	if (c->replay == NULL && !pipe_park_room())
		return ERR_BUSY;
	c->park = 1;
	return ERR_TIMED_OUT;	/* sent only if it cannot be kept (no send-once reply right) */
}

/* Nothing to read: the end of the input, or wait. */
static int
pipe_empty(struct pipe_call *c, int *eof)
{
	*eof = c->pipe->writers == 0 && c->pipe->had_writer;
	return *eof ? ERR_OK : pipe_wait(c);
}

int
io_read_handler(void *ctx, uint32_t count, void *data, uint32_t *data_len)
{
	struct pipe_call *c = ctx;
	int eof;

	if (c->kind != PIPE_END_READ)
		return ERR_BAD_FD;
	if (count > IO_INLINE_MAX)
		return ERR_BAD_ARGUMENT;
	*data_len = 0;
	if (count == 0)
		return ERR_OK;
	if (c->pipe->ring.used == 0)
		return pipe_empty(c, &eof);
	c->took = ring_take(&c->pipe->ring, data, count);
	*data_len = c->took;
	return ERR_OK;
}

int
io_read_ool_handler(void *ctx, uint32_t count, uint32_t *data_addr, uint32_t *data_size,
		    uint32_t *len)
{
	struct pipe_call *c = ctx;
	uint32_t n, size, addr = 0;
	int eof, err;

	if (c->kind != PIPE_END_READ)
		return ERR_BAD_FD;
	if (count == 0 || count > IO_OOL_MAX)
		return ERR_BAD_ARGUMENT;
	*data_addr = *data_size = *len = 0;
	if (c->pipe->ring.used == 0)
		return pipe_empty(c, &eof);	/* the end: no pages */
	n = count < c->pipe->ring.used ? count : c->pipe->ring.used;
	size = (n + 4095) & ~4095u;
	err = vm_allocate(size, &addr);
	if (err != ERR_OK)
		return err;
	c->took = ring_take(&c->pipe->ring, (void *)(uintptr_t)addr, n);
	c->ool_addr = *data_addr = addr;	/* moved to the client with the reply */
	c->ool_size = *data_size = size;
	*len = c->took;
	return ERR_OK;
}

/* Put len bytes (c->done of them in already) into the pipe, or wait. */
static int
pipe_write_bytes(struct pipe_call *c, const uint8_t *data, uint32_t len, uint32_t *written)
{
	struct pipe *p = c->pipe;

	if (c->kind != PIPE_END_WRITE)
		return ERR_BAD_FD;
	if (p->readers == 0 && p->had_reader)
		return ERR_PIPE_CLOSED;
	/* A FIFO no one has opened to read yet: bytes written now would go
	 * with the pipe if the writer closed first (echo hi > fifo & before
	 * cat fifo), so the write waits for a reader. Unix makes the open
	 * wait instead; ours is fs's answer, which must not wait. */
	if (p->named && !p->had_reader)
		return pipe_wait(c);
	if (len <= PIPE_ATOMIC_MAX) {
		if (ring_room(&p->ring) < len)
			return pipe_wait(c);
		ring_put(&p->ring, data, len);
	} else {
		/* Check for a slot before taking any of it: a write that cannot
		 * wait must leave the pipe as it was. */
		if (ring_room(&p->ring) < len - c->done && c->replay == NULL &&
		    !pipe_park_room())
			return ERR_BUSY;
		c->done += ring_put(&p->ring, data + c->done, len - c->done);
		if (c->done < len)
			return pipe_wait(c);
	}
	*written = len;
	return ERR_OK;
}

int
io_write_handler(void *ctx, const void *data, uint32_t data_len, uint32_t *written)
{
	return pipe_write_bytes(ctx, data, data_len, written);
}

int
io_write_ool_handler(void *ctx, uint32_t data_addr, uint32_t data_size, uint32_t len,
		     uint32_t *written)
{
	struct pipe_call *c = ctx;
	int err;

	if (len > data_size)
		return ERR_BAD_ARGUMENT;	/* a refused request's pages go with it */
	err = pipe_write_bytes(c, (const uint8_t *)(uintptr_t)data_addr, len, written);
	if (err == ERR_OK)
		vm_deallocate(data_addr, data_size);
	return err;			/* waiting: the kept request keeps its pages */
}

int
io_close_handler(void *ctx)
{
	return ERR_OK;	/* the end closes when its last send right goes */
}

int
io_stat_handler(void *ctx, uint32_t *kind, uint32_t *size)
{
	struct pipe_call *c = ctx;

	*kind = IO_KIND_PIPE;
	*size = c->pipe->ring.used;
	return ERR_OK;
}
