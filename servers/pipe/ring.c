/*
 * ring.c - a pipe's bounded buffer: PIPE_BUFFER_SIZE bytes in a circle,
 * oldest first. Bytes go in at the tail and come out at the head; a take
 * whose answer could not be delivered (its reader died) is given back
 * whole with ring_untake, so a dead reader loses no one's data.
 */
#include "user/lib/ulib.h"
#include "servers/pipe/pipe.h"

int
ring_init(struct ring *r)
{
	r->buf = malloc(PIPE_BUFFER_SIZE);
	r->head = 0;
	r->used = 0;
	return r->buf != NULL ? ERR_OK : ERR_NO_MEMORY;
}

void
ring_free(struct ring *r)
{
	free(r->buf);
	r->buf = NULL;
	r->used = 0;
}

uint32_t
ring_room(const struct ring *r)
{
	return PIPE_BUFFER_SIZE - r->used;
}

uint32_t
ring_put(struct ring *r, const void *data, uint32_t len)
{
	const uint8_t *src = data;
	uint32_t tail = (r->head + r->used) % PIPE_BUFFER_SIZE;
	uint32_t n = len < ring_room(r) ? len : ring_room(r);
	uint32_t first = PIPE_BUFFER_SIZE - tail;

	if (first > n)
		first = n;
	memcpy(r->buf + tail, src, first);	/* up to the end of the buffer, */
	memcpy(r->buf, src + first, n - first);	/* then on from its start */
	r->used += n;
	return n;
}

uint32_t
ring_take(struct ring *r, void *data, uint32_t len)
{
	uint8_t *dst = data;
	uint32_t n = len < r->used ? len : r->used;
	uint32_t first = PIPE_BUFFER_SIZE - r->head;

	if (first > n)
		first = n;
	memcpy(dst, r->buf + r->head, first);
	memcpy(dst + first, r->buf, n - first);
	r->head = (r->head + n) % PIPE_BUFFER_SIZE;
	r->used -= n;
	return n;
}

void
ring_untake(struct ring *r, uint32_t len)
{
	/* The bytes are still where they were: nothing was put since. */
	if (len > ring_room(r))
		len = ring_room(r);
	r->head = (r->head + PIPE_BUFFER_SIZE - len) % PIPE_BUFFER_SIZE;
	r->used += len;
}
