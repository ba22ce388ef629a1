/*
 * hostile.c - stubs and dispatch facing broken or hostile peers.
 *
 * The first cases play a server that sends back a spoiled reply
 * (loopback_tamper edits it in the client's buffer) and check the client
 * stub answers ERR_BAD_REPLY without touching, let alone overrunning, its
 * out args; caller buffers are malloc'd to their exact size, so the
 * address sanitizer would catch a single byte too many. Every reply a stub
 * turns away must go to msg_call_reject (which throws the reply port away
 * in a real program) exactly once; its own answer, or an error reply,
 * never. The last cases feed test_dispatch bad requests directly and
 * check the error replies.
 */
#include <stdlib.h>
#include <string.h>

#include "harbor/error.h"
#include "harbor/test_client.h"
#include "harbor/test_server.h"
#include "tests/check.h"
#include "handlers.h"
#include "loopback.h"

#define TARGET 7

/* Reply offsets, from the layouts in the generated test_client.c. */
#define SIMPLE_DATA	24	/* var/str reply: length word after the retcode */
#define PORTS_BODY	20	/* ports reply: desc_count, then q1, q2, q3 */
#define PORTS_Q1	24

static uint32_t
get32(const void *m, uint32_t off)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)m + off, 4);
	return v;
}

static void
put32(void *m, uint32_t off, uint32_t v)
{
	memcpy((uint8_t *)m + off, &v, 4);
}

/* --- tampering: each spoils one thing about the reply -------------------- */

static void
bump_id(struct msg_header *m, uint32_t size)
{
	m->id++;
}

static void
grow_size(struct msg_header *m, uint32_t size)
{
	m->size += 4;
}

static void
shrink_size(struct msg_header *m, uint32_t size)
{
	m->size -= 4;
}

static void
huge_size(struct msg_header *m, uint32_t size)
{
	m->size = 0x10000;
}

static void
len_over_bound(struct msg_header *m, uint32_t size)
{
	put32(m, SIMPLE_DATA, 101);
}

static void
len_huge(struct msg_header *m, uint32_t size)
{
	put32(m, SIMPLE_DATA, 0xfffffffcu);
}

static void
len_short(struct msg_header *m, uint32_t size)
{
	put32(m, SIMPLE_DATA, get32(m, SIMPLE_DATA) - 4);
}

static void
clear_complex(struct msg_header *m, uint32_t size)
{
	m->bits &= ~MSG_BITS_COMPLEX;
}

static void
retcode_in_full_reply(struct msg_header *m, uint32_t size)
{
	put32(m, 20, ERR_DENIED);
}

static void
desc_count_two(struct msg_header *m, uint32_t size)
{
	put32(m, PORTS_BODY, 2);
}


/* Turn any reply into a well-formed error reply with ERR_NOT_FOUND. */
static void
error_shape(struct msg_header *m, uint32_t size)
{
	m->bits &= ~MSG_BITS_COMPLEX;
	m->size = sizeof(struct msg_reply_header);
	put32(m, 20, ERR_NOT_FOUND);
}

/* The string's NUL becomes 'x': no terminator within its length. */
static void
unterminate(struct msg_header *m, uint32_t size)
{
	uint32_t len = get32(m, SIMPLE_DATA);

	((uint8_t *)m)[SIMPLE_DATA + 4 + len - 1] = 'x';
}

/* A NUL at the start of a longer string: the length lies about it. */
static void
early_nul(struct msg_header *m, uint32_t size)
{
	((uint8_t *)m)[SIMPLE_DATA + 4] = '\0';
}

/* q1 arrives as a send-once right although port(move_send) was declared. */
static void
wrong_kind(struct msg_header *m, uint32_t size)
{
	union msg_desc *d = (union msg_desc *)((uint8_t *)m + PORTS_Q1);

	d->port.disposition = MSG_MOVE_SEND_ONCE;
}

/* q1 claims to be memory, not a port. */
static void
wrong_type(struct msg_header *m, uint32_t size)
{
	union msg_desc *d = (union msg_desc *)((uint8_t *)m + PORTS_Q1);

	d->type = MSG_DESC_OOL;
}

/* The server dropped the request: the kernel's send-once notification. */
static void
notification(struct msg_header *m, uint32_t size)
{
	m->bits = 0;
	m->size = sizeof *m;
	m->reply = NAME_NULL;
	m->id = MSG_ID_NOTIFY_SEND_ONCE;
}

/* --- the client side ----------------------------------------------------- */

/* scalars with a spoiled reply: ERR_BAD_REPLY (or want), outs untouched;
 * the reply turned away unless it is an error reply. */
static int
scalars_with(void (*tamper)(struct msg_header *, uint32_t), int want)
{
	int32_t a2 = 111;
	uint32_t b2 = 222;
	int rejects = loopback_rejects;
	int r;

	loopback_tamper = tamper;
	r = test_scalars(TARGET, 1, 2, &a2, &b2);
	loopback_tamper = NULL;
	EXPECT(want, r);
	EXPECT(111, a2);
	EXPECT(222, b2);
	EXPECT(rejects + (want == ERR_BAD_REPLY || want == ERR_NO_REPLY), loopback_rejects);
	return 1;
}

/* var with a spoiled reply into an exact-size heap buffer of cap bytes. */
static int
var_with(void (*tamper)(struct msg_header *, uint32_t), uint32_t send, uint32_t cap)
{
	uint8_t data[100] = "0123456789";
	uint8_t *got = malloc(cap ? cap : 1);
	uint32_t got_len = 333;
	int rejects = loopback_rejects;
	int r;

	memset(got, 0x5a, cap ? cap : 1);
	loopback_tamper = tamper;
	r = test_var(TARGET, data, send, got, cap, &got_len);
	loopback_tamper = NULL;
	EXPECT(ERR_BAD_REPLY, r);
	EXPECT(rejects + 1, loopback_rejects);
	EXPECT(333, got_len);
	for (uint32_t i = 0; i < cap; i++)
		EXPECT(0x5a, got[i]);
	free(got);
	return 1;
}

static int
str_with(void (*tamper)(struct msg_header *, uint32_t), const char *send, uint32_t cap)
{
	char *got = malloc(cap);
	int rejects = loopback_rejects;
	int r;

	memset(got, '#', cap);
	loopback_tamper = tamper;
	r = test_str(TARGET, send, got, cap);
	loopback_tamper = NULL;
	EXPECT(ERR_BAD_REPLY, r);
	EXPECT(rejects + 1, loopback_rejects);
	for (uint32_t i = 0; i < cap; i++)
		EXPECT('#', got[i]);
	free(got);
	return 1;
}

static int
ports_with(void (*tamper)(struct msg_header *, uint32_t))
{
	port_name_t q1 = 1, q2 = 2, q3 = 3;
	int rejects = loopback_rejects;
	int r;

	loopback_tamper = tamper;
	r = test_ports(TARGET, 11, 12, 13, 14, 15, 16, &q1, &q2, &q3);
	loopback_tamper = NULL;
	EXPECT(ERR_BAD_REPLY, r);
	EXPECT(rejects + 1, loopback_rejects);
	EXPECT(1, q1);
	EXPECT(2, q2);
	EXPECT(3, q3);
	return 1;
}

/* Its own answer is taken, and nothing turned away. */
static int
idl_client_keeps_its_own_answer(void)
{
	int32_t a2 = 111;
	uint32_t b2 = 222;
	int rejects = loopback_rejects;

	EXPECT(ERR_OK, test_scalars(TARGET, 1, 2, &a2, &b2));
	EXPECT(-1, a2);
	EXPECT(~2u, b2);
	EXPECT(rejects, loopback_rejects);
	return 1;
}

static int
idl_client_turns_away_a_send_once_notification(void)
{
	return scalars_with(notification, ERR_NO_REPLY);
}

static int
idl_client_rejects_wrong_reply_id(void)
{
	return scalars_with(bump_id, ERR_BAD_REPLY);
}

static int
idl_client_rejects_reply_too_long(void)
{
	return scalars_with(grow_size, ERR_BAD_REPLY);
}

static int
idl_client_rejects_reply_too_short(void)
{
	return scalars_with(shrink_size, ERR_BAD_REPLY);
}

static int
idl_client_rejects_code_in_full_reply(void)
{
	return scalars_with(retcode_in_full_reply, ERR_BAD_REPLY);
}

static int
idl_client_returns_code_of_error_reply(void)
{
	return scalars_with(error_shape, ERR_NOT_FOUND);
}

static int
idl_client_rejects_size_beyond_buffer(void)
{
	return var_with(huge_size, 10, 100);
}

static int
idl_client_rejects_var_length_over_bound(void)
{
	return var_with(len_over_bound, 100, 100);
}

static int
idl_client_rejects_huge_var_length(void)
{
	return var_with(len_huge, 10, 100);
}

static int
idl_client_rejects_length_disagreeing_with_size(void)
{
	return var_with(len_short, 10, 100);
}

static int
idl_client_rejects_var_over_caller_capacity(void)
{
	return var_with(NULL, 10, 4);
}

static int
idl_client_rejects_unterminated_string(void)
{
	return str_with(unterminate, "hello", 32);
}

static int
idl_client_rejects_string_with_early_nul(void)
{
	return str_with(early_nul, "hello", 32);
}

static int
idl_client_rejects_string_over_caller_capacity(void)
{
	return str_with(NULL, "hello", 5);
}

static int
idl_client_rejects_wrong_kind_of_right(void)
{
	return ports_with(wrong_kind);
}

static int
idl_client_rejects_wrong_descriptor_type(void)
{
	return ports_with(wrong_type);
}

static int
idl_client_rejects_wrong_descriptor_count(void)
{
	return ports_with(desc_count_two);
}

static int
idl_client_rejects_missing_complex_bit(void)
{
	return ports_with(clear_complex);
}


/* --- the server side ----------------------------------------------------- */

/* A scalars request as the kernel delivers it: 28 bytes. */
static void
scalars_request(uint32_t *m, uint32_t reply_kind)
{
	memset(m, 0, 32);
	m[0] = MSG_BITS(MSG_NONE, reply_kind);
	m[1] = 28;
	m[2] = 5;
	m[3] = reply_kind == MSG_NONE ? NAME_NULL : LOOPBACK_REPLY_NAME;
	m[4] = TEST_SCALARS_ID;
	m[5] = 1;
	m[6] = 2;
}

/* Dispatch m; expect an error reply with code and no handler run. */
static int
expect_error_reply(uint32_t *m, int code)
{
	uint32_t reply[TEST_REPLY_MAX / 4];
	struct msg_reply_header *r = (struct msg_reply_header *)reply;
	int calls = handler_calls;

	EXPECT(1, test_dispatch(&handler_ctx, (struct msg_header *)m,
	    (struct msg_header *)reply));
	EXPECT(calls, handler_calls);
	EXPECT(code, r->retcode);
	EXPECT(sizeof *r, r->head.size);
	EXPECT(0, r->head.bits & MSG_BITS_COMPLEX);
	EXPECT(MSG_MOVE_SEND_ONCE, MSG_BITS_DEST(r->head.bits));
	EXPECT(LOOPBACK_REPLY_NAME, r->head.dest);
	EXPECT(MSG_REPLY_ID(m[4]), r->head.id);
	return 1;
}

static int
idl_server_unknown_id_gets_bad_operation(void)
{
	uint32_t m[8];

	scalars_request(m, MSG_MOVE_SEND_ONCE);
	m[4] = TEST_BASE - 1;
	if (!expect_error_reply(m, ERR_BAD_OPERATION))
		return 0;
	m[4] = TEST_BASE + TEST_COUNT;
	return expect_error_reply(m, ERR_BAD_OPERATION);
}

static int
idl_server_wrong_size_gets_bad_message(void)
{
	uint32_t m[8];

	scalars_request(m, MSG_MOVE_SEND_ONCE);
	m[1] = 24;
	if (!expect_error_reply(m, ERR_BAD_MESSAGE))
		return 0;
	m[1] = 32;
	if (!expect_error_reply(m, ERR_BAD_MESSAGE))
		return 0;
	m[1] = 27;
	return expect_error_reply(m, ERR_BAD_MESSAGE);
}

static int
idl_server_unexpected_complex_bit_gets_bad_message(void)
{
	uint32_t m[8];

	scalars_request(m, MSG_MOVE_SEND_ONCE);
	m[0] |= MSG_BITS_COMPLEX;
	return expect_error_reply(m, ERR_BAD_MESSAGE);
}

static int
idl_server_without_reply_right_runs_handler_silently(void)
{
	uint32_t m[8], reply[TEST_REPLY_MAX / 4];
	int calls = handler_calls;

	scalars_request(m, MSG_NONE);
	EXPECT(0, test_dispatch(&handler_ctx, (struct msg_header *)m, (struct msg_header *)reply));
	EXPECT(calls + 1, handler_calls);
	return 1;
}

/* Refused without a reply right: nothing to send, but the error reply is
 * built all the same, so the server loop knows to release the request's
 * rights. */
static int
idl_server_refusal_without_reply_right_is_visible(void)
{
	uint32_t m[8], reply[TEST_REPLY_MAX / 4];
	struct msg_reply_header *r = (struct msg_reply_header *)reply;
	int calls = handler_calls;

	scalars_request(m, MSG_NONE);
	m[4] = TEST_BASE + TEST_COUNT;
	memset(reply, 0, sizeof reply);
	EXPECT(0, test_dispatch(&handler_ctx, (struct msg_header *)m, (struct msg_header *)reply));
	EXPECT(calls, handler_calls);
	EXPECT(sizeof *r, r->head.size);
	EXPECT(ERR_BAD_OPERATION, r->retcode);
	EXPECT(NAME_NULL, r->head.dest);
	m[4] = TEST_SCALARS_ID;
	m[1] = 24;
	memset(reply, 0, sizeof reply);
	EXPECT(0, test_dispatch(&handler_ctx, (struct msg_header *)m, (struct msg_header *)reply));
	EXPECT(calls, handler_calls);
	EXPECT(sizeof *r, r->head.size);
	EXPECT(ERR_BAD_MESSAGE, r->retcode);
	return 1;
}

static int
idl_server_replies_with_the_right_it_got(void)
{
	uint32_t m[8], reply[TEST_REPLY_MAX / 4];
	struct msg_header *r = (struct msg_header *)reply;

	scalars_request(m, MSG_MOVE_SEND);
	EXPECT(1, test_dispatch(&handler_ctx, (struct msg_header *)m, r));
	EXPECT(MSG_MOVE_SEND, MSG_BITS_DEST(r->bits));
	EXPECT(LOOPBACK_REPLY_NAME, r->dest);
	EXPECT(32, r->size);
	EXPECT(MSG_REPLY_ID(TEST_SCALARS_ID), r->id);
	EXPECT(-1, (int32_t)reply[6]);
	EXPECT(~2u, reply[7]);
	return 1;
}

/* A port that arrives as it was sent (copy_send), not as the right received. */
static int
idl_server_rejects_sent_disposition(void)
{
	uint32_t m[32];
	union msg_desc *d = (union msg_desc *)&m[6];

	memset(m, 0, sizeof m);
	m[0] = MSG_BITS(MSG_NONE, MSG_MOVE_SEND_ONCE) | MSG_BITS_COMPLEX;
	m[1] = 20 + 4 + 6 * 12;
	m[3] = LOOPBACK_REPLY_NAME;
	m[4] = TEST_PORTS_ID;
	m[5] = 6;
	for (int i = 0; i < 6; i++)
		d[i].port.type = MSG_DESC_PORT;
	d[0].port.disposition = MSG_MOVE_SEND;
	d[1].port.disposition = MSG_MOVE_SEND;
	d[2].port.disposition = MSG_MOVE_SEND;
	d[3].port.disposition = MSG_MOVE_SEND_ONCE;
	d[4].port.disposition = MSG_MOVE_SEND_ONCE;
	d[5].port.disposition = MSG_MOVE_RECEIVE;
	{
		uint32_t reply[TEST_REPLY_MAX / 4];

		/* first as the kernel delivers it: accepted. The reply is
		 * header, body, 3 descriptors, then the retcode (word 15). */
		EXPECT(1, test_dispatch(&handler_ctx, (struct msg_header *)m,
		    (struct msg_header *)reply));
		EXPECT(64, reply[1]);
		EXPECT(ERR_OK, reply[15]);
	}
	d[0].port.disposition = MSG_COPY_SEND;
	return expect_error_reply(m, ERR_BAD_MESSAGE);
}

int
main(void)
{
	RUN(idl_client_keeps_its_own_answer);
	RUN(idl_client_turns_away_a_send_once_notification);
	RUN(idl_client_rejects_wrong_reply_id);
	RUN(idl_client_rejects_reply_too_long);
	RUN(idl_client_rejects_reply_too_short);
	RUN(idl_client_rejects_code_in_full_reply);
	RUN(idl_client_returns_code_of_error_reply);
	RUN(idl_client_rejects_size_beyond_buffer);
	RUN(idl_client_rejects_var_length_over_bound);
	RUN(idl_client_rejects_huge_var_length);
	RUN(idl_client_rejects_length_disagreeing_with_size);
	RUN(idl_client_rejects_var_over_caller_capacity);
	RUN(idl_client_rejects_unterminated_string);
	RUN(idl_client_rejects_string_with_early_nul);
	RUN(idl_client_rejects_string_over_caller_capacity);
	RUN(idl_client_rejects_wrong_kind_of_right);
	RUN(idl_client_rejects_wrong_descriptor_type);
	RUN(idl_client_rejects_wrong_descriptor_count);
	RUN(idl_client_rejects_missing_complex_bit);
	RUN(idl_server_unknown_id_gets_bad_operation);
	RUN(idl_server_wrong_size_gets_bad_message);
	RUN(idl_server_unexpected_complex_bit_gets_bad_message);
	RUN(idl_server_without_reply_right_runs_handler_silently);
	RUN(idl_server_refusal_without_reply_right_is_visible);
	RUN(idl_server_replies_with_the_right_it_got);
	RUN(idl_server_rejects_sent_disposition);
	return check_done();
}
