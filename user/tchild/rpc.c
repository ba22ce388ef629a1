/*
 * rpc.c - tchild's servers and clients that misbehave in ways an RPC's
 * two ends must survive (user/tests/rpc.c and server.c use them):
 *
 *   late reply     hold the first request until a second one arrives, then
 *                  answer both, the first one late; then serve echo
 *   late drop      the same, but drop the first request's reply right
 *                  unanswered (its client gets a send-once notification)
 *   oversize       answer the first request with a message larger than
 *                  any echo reply; then serve echo
 *   quota_call     fill this task's kernel pool quota, then send an echo
 *                  add request to the bootstrap port and wait on another
 *                  port: the answer cannot be queued here
 *
 * Holding a request until the next one arrives, rather than sleeping,
 * makes "late" certain: the client's first call must time out before it
 * can send the second.
 */
#include "user/lib/ulib.h"
#include "user/tchild/tchild.h"
#include "harbor/echo_server.h"
#include "harbor/task_client.h"

union tchild_buf {
	struct msg_header head;
	uint8_t bytes[MSG_SIZE_MAX];
};

/* Answer req with echo's dispatch; a reply that cannot go is dropped. */
static void
answer(union tchild_buf *req, union tchild_buf *reply)
{
	if (echo_dispatch(NULL, &req->head, &reply->head) &&
	    msg_send(&reply->head, MSG_OPT_TIMEOUT, 0) != ERR_OK)
		task_port_deallocate(NAME_TASK_SELF, reply->head.dest);
}

void
tchild_late(port_name_t service, const char *how)
{
	static union tchild_buf first, second, reply;

	if (msg_receive(&first.head, sizeof(first), service, 0, 0) != ERR_OK ||
	    msg_receive(&second.head, sizeof(second), service, 0, 0) != ERR_OK)
		exit(60);
	if (strcmp(how, "drop") == 0)
		task_port_deallocate(NAME_TASK_SELF, first.head.reply);
	else
		answer(&first, &reply);
	answer(&second, &reply);
	server_loop(service, echo_dispatch, NULL);
}

void
tchild_oversize(port_name_t service)
{
	static union tchild_buf buf;
	port_name_t once;

	if (msg_receive(&buf.head, sizeof(buf), service, 0, 0) != ERR_OK)
		exit(61);
	once = buf.head.reply;
	memset(&buf, 0x5a, sizeof(buf));
	buf.head = (struct msg_header){ .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0),
					.size = MSG_SIZE_MAX, .dest = once,
					.id = MSG_REPLY_ID(ECHO_ADD_ID) };
	if (msg_send(&buf.head, 0, 0) != ERR_OK)
		exit(62);
	server_loop(service, echo_dispatch, NULL);
}

/* A port of our own that holds up to 64 messages. */
static port_name_t
queue_port(void)
{
	port_name_t p = NAME_NULL;

	if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK ||
	    task_port_make_send(NAME_TASK_SELF, p) != ERR_OK ||
	    task_port_set_limit(NAME_TASK_SELF, p, 64) != ERR_OK)
		return NAME_NULL;
	return p;
}

/* Send size-byte messages to p until it is full or our quota is; the error. */
static int
queue_until_full(port_name_t p, uint32_t size)
{
	static union tchild_buf m;
	int err;

	m.head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = size,
				      .dest = p, .id = 1 };
	while ((err = msg_send(&m.head, MSG_OPT_TIMEOUT, 0)) == ERR_OK)
		;
	return err;
}

/*
 * Fill our quota with queued messages until not even the smallest fits:
 * first the largest messages on as many ports as it takes, then the
 * smallest on ports set aside beforehand (a new port might not fit).
 */
static void
fill_quota_to_the_brim(void)
{
	port_name_t small[4];

	for (uint32_t i = 0; i < ARRAY_SIZE(small); i++)
		small[i] = queue_port();
	for (int i = 0; i < 200; i++) {
		port_name_t p = queue_port();

		if (p == NAME_NULL || queue_until_full(p, MSG_SIZE_MAX) == ERR_NO_MEMORY)
			break;
	}
	for (uint32_t i = 0; i < ARRAY_SIZE(small); i++)
		if (small[i] != NAME_NULL &&
		    queue_until_full(small[i], sizeof(struct msg_header)) == ERR_NO_MEMORY)
			break;
}

void
tchild_quota_call(void)
{
	struct {
		struct msg_header head;
		int32_t a, b;
	} req;
	port_name_t answers, idle;

	if (task_port_allocate(NAME_TASK_SELF, &answers) != ERR_OK ||
	    task_port_allocate(NAME_TASK_SELF, &idle) != ERR_OK)
		exit(63);
	fill_quota_to_the_brim();
	req = (typeof(req)){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = sizeof(req),
			  .dest = NAME_BOOTSTRAP, .reply = answers, .id = ECHO_ADD_ID },
		.a = 1, .b = 2,
	};
	if (msg_send(&req.head, 0, 0) != ERR_OK)
		exit(64);
	/* Wait elsewhere, to be terminated: an answer to a waiting receiver
	 * would be handed over directly, with nothing to charge. */
	for (;;)
		msg_receive(&req.head, sizeof(req), idle, 0, 0);
}
