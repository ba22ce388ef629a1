/*
 * server.c - the loop every server runs: receive, dispatch, reply.
 *
 * A server gives server_loop its port and the dispatch function idlc
 * generated for its interface. Each reply goes out in the same msg_rpc
 * that waits for the next request, so a busy server makes one trap per
 * request. Buffers are MSG_SIZE_MAX bytes, so no request is ever too
 * large to take. Nothing a client sends can stop the loop: a reply
 * through a plain send right (which could wait for room forever) is only
 * tried once, and the rights and pages of a refused request are let go.
 */
#include "user/lib/ulib.h"
#include "harbor/task_client.h"

static union {
	struct msg_header head;
	uint8_t bytes[MSG_SIZE_MAX];
} buf_a, buf_b;

void
msg_destroy(struct msg_header *m)
{
	if (m->reply != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, m->reply);
	m->reply = NAME_NULL;
	if (!(m->bits & MSG_BITS_COMPLEX) || m->size < sizeof(*m) + sizeof(struct msg_body))
		return;
	struct msg_body *body = (struct msg_body *)(m + 1);
	union msg_desc *d = (union msg_desc *)(body + 1);
	uint32_t room = (m->size - sizeof(*m) - sizeof(*body)) / sizeof(*d);

	for (uint32_t i = 0; i < body->desc_count && i < room; i++) {
		if (d[i].type == MSG_DESC_PORT && d[i].port.name != NAME_NULL &&
		    d[i].port.name != NAME_DEAD)
			task_port_deallocate(NAME_TASK_SELF, d[i].port.name);
		else if (d[i].type == MSG_DESC_OOL && d[i].ool.size != 0)
			task_vm_deallocate(NAME_TASK_SELF, d[i].ool.address, d[i].ool.size);
	}
}

/* Did dispatch answer with an error (so no handler kept the request's rights)? */
static int
server_refused(const struct msg_header *reply)
{
	return !(reply->bits & MSG_BITS_COMPLEX) && reply->size == sizeof(struct msg_reply_header) &&
	       ((const struct msg_reply_header *)reply)->retcode != ERR_OK;
}

void
server_loop(port_name_t port, server_dispatch_fn dispatch, void *ctx)
{
	struct msg_header *req = &buf_a.head, *reply = &buf_b.head;
	int err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);

	for (;;) {
		if (err != ERR_OK) {
			printf("server: receive on %u failed: %s\n", port, error_string(err));
			if (err != ERR_TOO_LARGE && err != ERR_BAD_ADDRESS)
				exit(1);	/* the port is gone or was never ours: nothing to serve */
			err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);
			continue;
		}
		if (!dispatch(ctx, req, reply)) {
			/* One-way: a handler may have kept its rights, but a reply
			 * right nobody will use must go. */
			if (req->reply != NAME_NULL)
				task_port_deallocate(NAME_TASK_SELF, req->reply);
			err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);
			continue;
		}
		req->reply = NAME_NULL;		/* the reply uses it up */
		if (server_refused(reply))
			msg_destroy(req);
		if (MSG_BITS_DEST(reply->bits) != MSG_MOVE_SEND_ONCE) {
			/* A plain send right: its queue may be full for good. Try once. */
			if (msg_send(reply, MSG_OPT_TIMEOUT, 0) != ERR_OK)
				task_port_deallocate(NAME_TASK_SELF, reply->dest);
			err = msg_receive(req, MSG_SIZE_MAX, port, 0, 0);
			continue;
		}
		/* Reply and wait for the next request in one trap; it arrives
		 * in the reply's buffer, which becomes the request buffer. */
		err = msg_rpc(reply, MSG_SIZE_MAX, port, 0, 0);
		if (err != ERR_OK && reply->dest != NAME_NULL &&
		    (err == ERR_PORT_DEAD || err == ERR_BAD_NAME || err == ERR_BAD_RIGHT)) {
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
