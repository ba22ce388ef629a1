/*
 * server.c - the loop every server runs: receive, dispatch, reply.
 *
 * A server gives server_loop its port and the dispatch function idlc
 * generated for its interface. Each reply goes out in the same msg_rpc
 * that waits for the next request, so a busy server makes one trap per
 * request. Buffers are MSG_SIZE_MAX bytes, so no request is ever too
 * large to take. Nothing a client sends can stop the loop: a reply
 * through a plain send right (which could wait for room forever) is only
 * tried once, a reply that cannot go is dropped, and the rights and pages
 * of a refused request are let go, with or without a reply right.
 * docs/idl.md ("Using it") walks through the same loop.
 */
#include "user/lib/ulib.h"
#include "user/lib/uthread.h"
#include "harbor/task_client.h"

static union {
	struct msg_header head;
	uint8_t bytes[MSG_SIZE_MAX];
} buf_a, buf_b;

void
server_loop(port_name_t port, server_dispatch_fn dispatch, void *ctx)
{
	struct msg_header *req = &buf_a.head, *reply = &buf_b.head;
	struct uthread *me = uthread_self();
	int err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);

	for (;;) {
		if (err != ERR_OK) {
			/* Our buffers take any message: the port is gone or was never ours. */
			printf("server: receive on %u failed: %s\n", port, error_string(err));
			exit(1);
		}
		reply->size = 0;	/* so that a reply dispatch did not build is no refusal */
		if (me != NULL)
			me->answer_from = NULL;
		int answer = dispatch(ctx, req, reply);
		struct msg_header *out = me != NULL && me->answer_from ? me->answer_from : reply;

		server_settle(req, out, answer);
		if (!answer) {
			err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);
			continue;
		}
		if (MSG_BITS_DEST(out->bits) != MSG_MOVE_SEND_ONCE) {
			/* A plain send right: its queue may be full for good. Try once. */
			if (msg_send(out, MSG_OPT_TIMEOUT, 0) != ERR_OK)
				msg_destroy_unsent(out);
			err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);
			continue;
		}
		/* Reply and wait for the next request in one trap; it arrives
		 * in the reply's buffer, which becomes the request buffer. */
		err = out == reply ? msg_rpc(reply, MSG_SIZE_MAX, port, 0, 0) :
				     msg_rpc_into(out, reply, MSG_SIZE_MAX, port, 0, 0);
		if (err != ERR_OK) {
			/* If the reply could not go (its client died), its right
			 * is still ours, and so is everything it would have
			 * moved (an open file's send right: kept, the file would
			 * never close): let all of it go. Then wait anew; if the
			 * port is what failed, that says so. */
			msg_destroy_unsent(out);
			err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);
			continue;
		}
		struct msg_header *t = req;
		req = reply;
		reply = t;
	}
}

void
server_answer_from(struct msg_header *m)
{
	struct uthread *me = uthread_self();

	if (me != NULL)
		me->answer_from = m;
}
