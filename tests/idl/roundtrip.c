/*
 * roundtrip.c - generated stubs carry every argument type there and back.
 *
 * Each case calls a client stub from tests/idl/test.defs; the loopback
 * (loopback.c) hands the request to test_dispatch, which checks it and
 * runs a handler (handlers.c), and carries the reply back. Then we look
 * at what the client got. hostile.c has the cases where things go wrong.
 */
#include <stdlib.h>
#include <string.h>

#include "harbor/error.h"
#include "harbor/test_client.h"
#include "harbor/test_server.h"
#include "tests/check.h"
#include "handlers.h"
#include "loopback.h"

#define TARGET 7	/* the client's name for the server's port */

/* --- every type, there and back ----------------------------------------- */

static int
idl_scalars_roundtrip(void)
{
	int32_t a2 = 0;
	uint32_t b2 = 0;

	EXPECT(ERR_OK, test_scalars(TARGET, -5, 0x0f0f0000u, &a2, &b2));
	EXPECT(5, a2);
	EXPECT(0xf0f0ffffu, b2);
	EXPECT(LOOPBACK_REPLY_NAME, loopback_reply_dest);
	EXPECT(MSG_MOVE_SEND_ONCE, loopback_reply_dest_kind);
	EXPECT(ERR_OK, test_scalars(TARGET, INT32_MIN, 0, &a2, &b2));
	EXPECT(INT32_MIN, a2);
	EXPECT(0xffffffffu, b2);
	return 1;
}

static int
idl_fixed_bytes_roundtrip(void)
{
	uint8_t key[6] = { 1, 2, 3, 4, 5, 6 }, rkey[6] = { 0 };

	EXPECT(ERR_OK, test_fixed(TARGET, key, rkey));
	for (int i = 0; i < 6; i++)
		EXPECT(6 - i, rkey[i]);
	return 1;
}

static int
idl_var_bytes_roundtrip_every_length(void)
{
	uint8_t data[100], got[100 + 8];
	uint32_t got_len;

	for (uint32_t i = 0; i < 100; i++)
		data[i] = (uint8_t)(i * 7 + 1);
	for (uint32_t len = 0; len <= 100; len++) {
		memset(got, 0xee, sizeof got);
		got_len = 12345;
		EXPECT(ERR_OK, test_var(TARGET, data, len, got, 100, &got_len));
		EXPECT(len, got_len);
		for (uint32_t i = 0; i < len; i++)
			EXPECT(data[len - 1 - i], got[i]);
		EXPECT(0xee, got[len]);		/* nothing written past the data */
	}
	return 1;
}

static int
idl_var_bytes_over_bound_refused_by_client(void)
{
	uint8_t data[101] = { 0 }, got[101];
	uint32_t got_len = 77;
	int calls = handler_calls;

	EXPECT(ERR_BAD_ARGUMENT, test_var(TARGET, data, 101, got, 101, &got_len));
	EXPECT(calls, handler_calls);
	EXPECT(77, got_len);
	return 1;
}

static int
idl_string_roundtrip(void)
{
	static const char *const in[] = { "", "a", "hello, world", "abcdefghijklmnopqrstuvwxyz01234" };
	static const char *const want[] = { "", "A", "HELLO, WORLD", "ABCDEFGHIJKLMNOPQRSTUVWXYZ01234" };
	char got[32];

	for (int i = 0; i < 4; i++) {
		memset(got, '?', sizeof got);
		EXPECT(ERR_OK, test_str(TARGET, in[i], got, sizeof got));
		EXPECT(0, strcmp(got, want[i]));
	}
	return 1;
}

static int
idl_string_over_bound_refused_by_client(void)
{
	char got[32] = "untouched";

	/* 32 characters and a NUL: one byte more than string<=32 holds */
	EXPECT(ERR_BAD_ARGUMENT, test_str(TARGET, "abcdefghijklmnopqrstuvwxyz012345", got, sizeof got));
	EXPECT(0, strcmp(got, "untouched"));
	return 1;
}

static int
idl_two_variable_args_each_way(void)
{
	char x[10];
	uint8_t y[10];
	uint32_t y_len;

	EXPECT(ERR_OK, test_two(TARGET, "12345", 5, "ab", x, sizeof x, y, sizeof y, &y_len));
	EXPECT(0, strcmp(x, "ab"));
	EXPECT(5, y_len);
	EXPECT(0, memcmp(y, "12345", 5));
	EXPECT(ERR_OK, test_two(TARGET, "", 0, "123456789", x, sizeof x, y, sizeof y, &y_len));
	EXPECT(0, strcmp(x, "123456789"));
	EXPECT(0, y_len);
	return 1;
}

static int
idl_ports_every_disposition(void)
{
	port_name_t q1 = 0, q2 = 0, q3 = 0;

	EXPECT(ERR_OK, test_ports(TARGET, 11, 12, 13, 14, 15, 16, &q1, &q2, &q3));
	for (int i = 0; i < 6; i++)
		EXPECT(11 + i, handler_ports[i]);
	EXPECT(21, q1);
	EXPECT(22, q2);
	EXPECT(23, q3);
	return 1;
}

static int
idl_ool_every_mode(void)
{
	uint32_t addr = 0, size = 0;

	EXPECT(ERR_OK, test_memory(TARGET, 0x1000, 1, 0x20000, 2, 0x300000, 3, &addr, &size));
	EXPECT(0x321000, addr);
	EXPECT(6, size);
	return 1;
}

static int
idl_mixed_roundtrip(void)
{
	uint8_t fx[3] = { 7, 8, 9 }, ofx[3], oblob[40];
	char otag[16];
	uint32_t on, oblob_len, omem_addr, omem_size;
	port_name_t opt;

	EXPECT(ERR_OK, test_mixed(TARGET, 41, "tag", "blob!", 5, 31, fx, 0x5000, 0x2000,
	    &on, otag, sizeof otag, oblob, sizeof oblob, &oblob_len, &opt, ofx,
	    &omem_addr, &omem_size));
	EXPECT(42, on);
	EXPECT(0, strcmp(otag, "tag"));
	EXPECT(5, oblob_len);
	EXPECT(0, memcmp(oblob, "!bolb", 5));
	EXPECT(31, opt);
	EXPECT(9, ofx[0]);
	EXPECT(7, ofx[2]);
	EXPECT(0x5000, omem_addr);
	EXPECT(0x2000, omem_size);
	return 1;
}

static int
idl_oneway_runs_handler_without_reply(void)
{
	int sends = loopback_sends;

	EXPECT(ERR_OK, test_notify(TARGET, 314, "fire and forget"));
	EXPECT(sends + 1, loopback_sends);
	EXPECT(0, loopback_dispatch_result);
	EXPECT(314, handler_notify_code);
	EXPECT(0, strcmp(handler_notify_note, "fire and forget"));
	return 1;
}

static int
idl_error_retcode_reaches_client(void)
{
	uint32_t never = 1234;

	EXPECT(ERR_DENIED, test_fail(TARGET, ERR_DENIED, &never));
	EXPECT(1234, never);	/* an error reply carries no out args */
	EXPECT(ERR_OK, test_fail(TARGET, ERR_OK, &never));
	EXPECT(7, never);
	return 1;
}

/* The stub zeroes the reply's body before the handler runs: an out arg
 * the handler never sets reaches the client as zero, not as whatever the
 * server's reply buffer held (the loopback fills it with 0xa5). */
static int
idl_out_args_a_handler_leaves_unset_arrive_as_zero(void)
{
	int32_t a2 = 99;
	uint32_t b2 = 99;
	uint8_t key[6] = { 1, 2, 3, 4, 5, 6 }, rkey[6] = { 9, 9, 9, 9, 9, 9 };
	int r1, r2;

	handler_skip_outs = 1;
	r1 = test_scalars(TARGET, 5, 6, &a2, &b2);
	r2 = test_fixed(TARGET, key, rkey);
	handler_skip_outs = 0;
	EXPECT(ERR_OK, r1);
	EXPECT(ERR_OK, r2);
	EXPECT(0, a2);
	EXPECT(0, b2);
	for (int i = 0; i < 6; i++)
		EXPECT(0, rkey[i]);
	return 1;
}

static int
idl_no_arguments(void)
{
	int calls = handler_calls;

	EXPECT(ERR_OK, test_nothing(TARGET));
	EXPECT(calls + 1, handler_calls);
	return 1;
}

static int
idl_handler_breaking_bounds_gives_bad_reply(void)
{
	uint8_t got[100];
	char up[32];
	uint32_t got_len = 5;
	int r1, r2;

	handler_misbehave = 1;
	r1 = test_var(TARGET, "abc", 3, got, sizeof got, &got_len);
	r2 = test_str(TARGET, "abc", up, sizeof up);
	handler_misbehave = 0;
	EXPECT(ERR_BAD_REPLY, r1);
	EXPECT(ERR_BAD_REPLY, r2);
	EXPECT(5, got_len);
	return 1;
}

int
main(void)
{
	RUN(idl_scalars_roundtrip);
	RUN(idl_fixed_bytes_roundtrip);
	RUN(idl_var_bytes_roundtrip_every_length);
	RUN(idl_var_bytes_over_bound_refused_by_client);
	RUN(idl_string_roundtrip);
	RUN(idl_string_over_bound_refused_by_client);
	RUN(idl_two_variable_args_each_way);
	RUN(idl_ports_every_disposition);
	RUN(idl_ool_every_mode);
	RUN(idl_mixed_roundtrip);
	RUN(idl_oneway_runs_handler_without_reply);
	RUN(idl_error_retcode_reaches_client);
	RUN(idl_out_args_a_handler_leaves_unset_arrive_as_zero);
	RUN(idl_no_arguments);
	RUN(idl_handler_breaking_bounds_gives_bad_reply);
	return check_done();
}
