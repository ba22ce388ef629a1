/*
 * park.c - requests kept until the pipe can answer them: a read of an
 * empty pipe, a write that does not fit (or that is long, and goes in
 * piece by piece as room appears).
 *
 * A kept request is a copy of the whole message: its reply right, and
 * for write_ool its pages, stay ours until it is answered. After every
 * change to a pipe (bytes in or out, an end gone) pipe_wake replays the
 * pipe's kept requests through the same dispatch, oldest first, until a
 * round answers none. io.c's handlers, seeing the replay, answer as
 * they would a fresh request, or ask to wait again.
 *
 * Answers are sent once, never waited for (pipe_answer). A read whose
 * answer cannot go (its client died while it waited) puts its bytes back
 * at the head of the buffer, for the next reader.
 *
 * Only a request with a send-once reply right (what every stub passes)
 * is kept; any other is answered at once with the handler's "it would
 * wait" (pipe_serve_end). A plain send right kept could be a right to one
 * of our own ends, or to another server's port (a console session), and
 * would hold that port open for as long as the request waits: for ever,
 * for a read of a pipe no one writes to. A client can make send-once
 * rights only to ports it receives from.
 */
#include "user/lib/ulib.h"
#include "servers/pipe/pipe.h"
#include "harbor/task_client.h"

struct pipe_parked pipe_parked[PIPE_PARKED_MAX];

static uint32_t park_seq;

static union {
	struct msg_header head;
	uint8_t bytes[MSG_SIZE_MAX];
} replay_reply;

int
pipe_park_room(void)
{
	for (int i = 0; i < PIPE_PARKED_MAX; i++)
		if (pipe_parked[i].pipe == NULL)
			return 1;
	return 0;
}

void
pipe_park(struct pipe_call *c, const struct msg_header *req)
{
	struct pipe_parked *k = NULL;
	struct msg_header *copy;

	for (int i = 0; i < PIPE_PARKED_MAX && k == NULL; i++)
		if (pipe_parked[i].pipe == NULL)
			k = &pipe_parked[i];
	copy = k != NULL ? malloc(req->size) : NULL;
	if (copy == NULL) {
		/* The handler checked for a slot, so only memory can lack:
		 * the client hears ERR_NO_REPLY. */
		msg_destroy((struct msg_header *)req);
		return;
	}
	memcpy(copy, req, req->size);
	*k = (struct pipe_parked){ .pipe = c->pipe, .kind = c->kind, .seq = park_seq++,
				   .done = c->done, .req = copy };
	c->pipe->parked++;
}

/* Forget kept request k without answering it. */
static struct msg_header *
park_unlink(struct pipe_parked *k)
{
	struct msg_header *req = k->req;

	k->pipe->parked--;
	*k = (struct pipe_parked){ .pipe = NULL };
	return req;
}

int
pipe_answer(struct pipe_call *c, struct msg_header *req, struct msg_header *reply, int answer)
{
	if (server_answer(req, reply, answer)) {
		/* A read_ool's pages left with the reply, but the memory
		 * server still counts the region as ours (one of MEM_REGIONS):
		 * give it back, or ours fill up and vm_allocate fails with
		 * ERR_NO_SPACE (as fs does, servers/fs/file.c). */
		if (c->ool_size != 0)
			vm_deallocate(c->ool_addr, c->ool_size);
		return ERR_OK;
	}
	/* Nobody took what this read took out: it goes back. An answer that
	 * could not go, or that had nobody to go to, gave its moved region
	 * back already (msg_destroy_unsent, in server_answer). */
	if (c->took != 0)
		ring_untake(&c->pipe->ring, c->took);
	return ERR_NO_REPLY;
}

/* Replay kept request k. Returns 1 if the pipe changed (k answered, or
 * more of a long write went in), 0 if k must simply wait on. */
static int
park_replay(struct pipe_parked *k)
{
	struct pipe_call c = { .pipe = k->pipe, .kind = k->kind, .replay = k, .done = k->done };
	struct msg_header *req;
	int answer;

	replay_reply.head.size = 0;
	answer = pipe_io_dispatch(&c, k->req, &replay_reply.head);
	if (c.park) {
		int moved = c.done != k->done;
		k->done = c.done;
		return moved;
	}
	req = park_unlink(k);
	pipe_answer(&c, req, &replay_reply.head, answer);
	free(req);
	return 1;
}

/* The pipe's kept request that came first after sequence number after
 * (all of them if first), or NULL. */
static struct pipe_parked *
park_next(struct pipe *p, uint32_t after, int first)
{
	struct pipe_parked *best = NULL;

	for (int i = 0; i < PIPE_PARKED_MAX; i++) {
		struct pipe_parked *k = &pipe_parked[i];
		if (k->pipe != p || (!first && (int32_t)(k->seq - after) <= 0))
			continue;
		if (best == NULL || (int32_t)(k->seq - best->seq) < 0)
			best = k;
	}
	return best;
}

void
pipe_wake(struct pipe *p)
{
	int moved = 1;

	while (moved && p->used && p->parked != 0) {
		struct pipe_parked *k = park_next(p, 0, 1);

		moved = 0;
		while (k != NULL) {
			uint32_t seq = k->seq;
			moved |= park_replay(k);
			if (!p->used)
				return;
			k = park_next(p, seq, 0);
		}
	}
}

void
pipe_park_drop_all(struct pipe *p)
{
	for (int i = 0; i < PIPE_PARKED_MAX; i++) {
		if (pipe_parked[i].pipe != p)
			continue;
		struct msg_header *req = park_unlink(&pipe_parked[i]);
		msg_destroy(req);	/* its client hears ERR_NO_REPLY; its pages go */
		free(req);
	}
}

uint32_t
pipe_parked_count(void)
{
	uint32_t n = 0;

	for (int i = 0; i < PIPE_PARKED_MAX; i++)
		n += pipe_parked[i].pipe != NULL ? 1 : 0;
	return n;
}
