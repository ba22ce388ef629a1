/*
 * defer.c - answering a request later: a server's "not yet".
 *
 * Some requests cannot be answered at once: a name server lookup that
 * waits for the name to appear, a console read that waits for a line.
 * The generated dispatch always builds a reply at once, so a server that
 * must wait keeps the request instead: its bytes and its reply right, in
 * a struct defer_slot. When the answer can be given, defer_answer hands
 * the kept request to dispatch again (a *replay*); the handler, seeing
 * that the thing it waited for is there now (or that time is up), answers
 * as usual, and the reply goes out through the kept right. So no reply is
 * ever packed by hand, and a deferred answer has exactly the shape of an
 * immediate one. Contracts in harbor/defer.h.
 */
#include "user/lib/ulib.h"
#include "harbor/defer.h"
#include "harbor/task_client.h"

int
defer_save(struct defer_slot *s, const struct msg_header *req)
{
	if (req->size > sizeof(s->req) || (req->bits & MSG_BITS_COMPLEX) || req->reply == NAME_NULL ||
	    MSG_BITS_REPLY(req->bits) != MSG_MOVE_SEND_ONCE)
		return ERR_BAD_ARGUMENT;	/* harbor/defer.h: why only a send-once right */
	memcpy(s->req.bytes, req, req->size);
	s->used = 1;
	return ERR_OK;
}

void
defer_answer(struct defer_slot *s, defer_dispatch_fn dispatch, void *ctx, const int *again)
{
	static union {
		struct msg_header head;
		uint8_t bytes[MSG_SIZE_MAX];
	} reply;

	if (!s->used)
		return;
	reply.head.size = 0;
	int answer = dispatch(ctx, &s->req.head, &reply.head);
	if (again != NULL && *again)
		return;		/* still not answerable: keep it (the reply built is dropped) */
	s->used = 0;
	if (answer == 0) {
		/* Nothing built to send: the kept right is ours to drop. */
		task_port_deallocate(NAME_TASK_SELF, s->req.head.reply);
		return;
	}
	/* Try once: a client that died or stopped reading costs nothing. */
	if (msg_send(&reply.head, MSG_OPT_TIMEOUT, 0) != ERR_OK)
		msg_destroy_unsent(&reply.head);
}

void
defer_drop(struct defer_slot *s)
{
	if (!s->used)
		return;
	s->used = 0;
	task_port_deallocate(NAME_TASK_SELF, s->req.head.reply);
}
