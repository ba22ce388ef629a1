/*
 * loopback.c - msg_rpc and msg_send for host tests: the server is a
 * function call away.
 *
 * Each message is copied into a buffer of exactly its size (malloc, so the
 * address sanitizer catches any read past it), its rights are turned into
 * what a receiver sees, and it goes to test_dispatch. The reply travels
 * back the same way into the client's buffer, where loopback_tamper may
 * spoil it first.
 */
#include <stdlib.h>
#include <string.h>

#include "harbor/error.h"
#include "harbor/test_server.h"
#include "handlers.h"
#include "loopback.h"

void (*loopback_tamper)(struct msg_header *reply, uint32_t size);
void (*loopback_intercept)(const struct msg_header *req);
int loopback_dispatch_result;
uint32_t loopback_reply_dest;
uint32_t loopback_reply_dest_kind;
int loopback_sends;
int loopback_rejects;

/* What the kernel does to a message in transit: copy it, and turn each
 * disposition into the kind of right the receiver now holds. */
static struct msg_header *
transit(const struct msg_header *m, port_name_t reply_name)
{
	struct msg_header *copy = malloc(m->size);
	uint32_t reply_kind = msg_disposition_kind(MSG_BITS_REPLY(m->bits));

	memcpy(copy, m, m->size);
	copy->bits = (m->bits & MSG_BITS_COMPLEX) | MSG_BITS(MSG_NONE, reply_kind);
	copy->reply = reply_kind == MSG_NONE ? NAME_NULL : reply_name;
	if (m->bits & MSG_BITS_COMPLEX) {
		struct msg_body *body = (struct msg_body *)(copy + 1);
		union msg_desc *d = (union msg_desc *)(body + 1);

		for (uint32_t i = 0; i < body->desc_count; i++)
			if (d[i].type == MSG_DESC_PORT)
				d[i].port.disposition = (uint16_t)
				    msg_disposition_kind(d[i].port.disposition);
	}
	return copy;
}

/* msg_rpc - send msg to the server and receive its reply into msg (size
 * bytes). Errors: ERR_BAD_SIZE, ERR_BAD_DISPOSITION (the stub set up the
 * reply right wrongly), ERR_NO_REPLY, ERR_TOO_LARGE, ERR_TIMED_OUT. */
int
msg_rpc(struct msg_header *msg, uint32_t size, port_name_t rcv_port,
	uint32_t options, uint32_t timeout)
{
	struct msg_header *req, *reply, *back;
	int r;

	if (msg->size < MSG_SIZE_MIN || msg->size > size || msg->size % 4 != 0)
		return ERR_BAD_SIZE;
	if (rcv_port != LOOPBACK_REPLY_PORT || msg->reply != LOOPBACK_REPLY_PORT ||
	    MSG_BITS_REPLY(msg->bits) != MSG_MAKE_SEND_ONCE)
		return ERR_BAD_DISPOSITION;
	req = transit(msg, LOOPBACK_REPLY_NAME);
	if (loopback_intercept != NULL) {
		loopback_intercept(req);
		free(req);
		return ERR_TIMED_OUT;
	}
	reply = malloc(TEST_REPLY_MAX);
	memset(reply, 0xa5, TEST_REPLY_MAX);	/* garbage, as a real buffer holds */
	r = test_dispatch(&handler_ctx, req, reply);
	loopback_dispatch_result = r;
	free(req);
	if (r == 0) {
		free(reply);
		return ERR_NO_REPLY;	/* the server dropped our reply right */
	}
	loopback_reply_dest = reply->dest;
	loopback_reply_dest_kind = MSG_BITS_DEST(reply->bits);
	if (reply->size > size) {
		free(reply);
		return ERR_TOO_LARGE;
	}
	back = transit(reply, NAME_NULL);
	back->dest = rcv_port;
	memcpy(msg, back, back->size);
	free(back);
	free(reply);
	if (loopback_tamper != NULL)
		loopback_tamper(msg, size);
	return ERR_OK;
}

/* msg_send - deliver msg to the server; no reply. Errors: ERR_BAD_SIZE. */
int
msg_send(struct msg_header *msg, uint32_t options, uint32_t timeout)
{
	struct msg_header *req, *reply;

	if (msg->size < MSG_SIZE_MIN || msg->size > MSG_SIZE_MAX || msg->size % 4 != 0)
		return ERR_BAD_SIZE;
	loopback_sends++;
	req = transit(msg, LOOPBACK_REPLY_NAME);
	if (loopback_intercept != NULL) {
		loopback_intercept(req);
		free(req);
		return ERR_OK;
	}
	reply = malloc(TEST_REPLY_MAX);
	loopback_dispatch_result = test_dispatch(&handler_ctx, req, reply);
	free(req);
	free(reply);
	return ERR_OK;
}

/* msg_reply_port - the client's reply port: always LOOPBACK_REPLY_PORT. */
port_name_t
msg_reply_port(void)
{
	return LOOPBACK_REPLY_PORT;
}

/* msg_call - what the user library does, minus the port juggling: the
 * reply port goes in, then msg_rpc. Errors: msg_rpc's. */
int
msg_call(struct msg_header *m, uint32_t size)
{
	m->reply = msg_reply_port();
	return msg_rpc(m, size, m->reply, 0, 0);
}

/* msg_call_reject - count it: the tests check which replies a stub turns away. */
void
msg_call_reject(struct msg_header *m)
{
	loopback_rejects++;
}
