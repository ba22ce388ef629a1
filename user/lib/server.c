/*
 * server.c - the loop every server runs: receive, dispatch, reply.
 *
 * A server gives server_loop its port and the dispatch function idlc
 * generated for its interface. Each reply goes out in the same msg_rpc
 * that waits for the next request, so a busy server makes one trap per
 * request. Buffers are MSG_SIZE_MAX bytes, so no request is ever too
 * large to take.
 */
#include "user/lib/ulib.h"
#include "harbor/task_client.h"

static union {
	struct msg_header head;
	uint8_t bytes[MSG_SIZE_MAX];
} buf_a, buf_b;

void
server_loop(port_name_t port, server_dispatch_fn dispatch, void *ctx)
{
	struct msg_header *req = &buf_a.head, *reply = &buf_b.head;
	int err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);

	for (;;) {
		if (err != ERR_OK) {
			printf("server: receive failed: %s\n", error_string(err));
			err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);
			continue;
		}
		if (!dispatch(ctx, req, reply) || reply->dest == NAME_NULL) {
			err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);
			continue;
		}
		/* Reply and wait for the next request in one trap; it arrives
		 * in the reply's buffer, which becomes the request buffer. */
		err = msg_rpc(reply, MSG_SIZE_MAX, port, 0, 0);
		if (err != ERR_OK && err != ERR_TIMED_OUT) {
			/* The reply could not go (the client died): drop its right. */
			task_port_deallocate(NAME_TASK_SELF, reply->dest);
			err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);
			continue;
		}
		struct msg_header *t = req;
		req = reply;
		reply = t;
	}
}
