/*
 * handlers.c - the handlers for tests/idl/test.defs.
 *
 * What each computes is in test.defs beside the routine. Every handler
 * first checks its arguments against the declaration with MUST, which
 * aborts the program: the fuzz test relies on that to prove dispatch lets
 * only valid arguments through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harbor/error.h"
#include "harbor/test_server.h"
#include "handlers.h"

int handler_ctx;
int handler_calls;
int handler_misbehave;
int handler_skip_outs;
uint32_t handler_ports[6];
uint32_t handler_notify_code;
char handler_notify_note[16];

#define MUST(cond) do {							\
	if (!(cond)) {							\
		printf("FAIL idl_handler_saw_valid_args: expected %s "	\
		    "at %s:%d, saw it false\n", #cond, __FILE__, __LINE__); \
		fflush(stdout);						\
		abort();						\
	}								\
} while (0)

/* The checks every handler makes first. */
static void
enter(void *ctx)
{
	MUST(ctx == &handler_ctx);
	handler_calls++;
}

static void
reverse(uint8_t *to, const uint8_t *from, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		to[i] = from[n - 1 - i];
}

/* test_scalars_handler - a2 = -a, b2 = ~b (neither set with
 * handler_skip_outs). Never fails. */
int
test_scalars_handler(void *ctx, int32_t a, uint32_t b, int32_t *a2, uint32_t *b2)
{
	enter(ctx);
	if (handler_skip_outs)
		return ERR_OK;
	*a2 = (int32_t)(0u - (uint32_t)a);	/* -a, without overflow at INT32_MIN */
	*b2 = ~b;
	return ERR_OK;
}

/* test_fixed_handler - rkey = key reversed (not set with
 * handler_skip_outs). Never fails. */
int
test_fixed_handler(void *ctx, const uint8_t key[6], uint8_t rkey[6])
{
	enter(ctx);
	if (handler_skip_outs)
		return ERR_OK;
	reverse(rkey, key, 6);
	return ERR_OK;
}

/* test_var_handler - rdata = data reversed (claims 101 bytes when
 * misbehaving). Never fails. */
int
test_var_handler(void *ctx, const void *data, uint32_t data_len, void *rdata,
		 uint32_t *rdata_len)
{
	enter(ctx);
	MUST(data_len <= 100);
	reverse(rdata, data, data_len);
	*rdata_len = handler_misbehave ? 101 : data_len;
	return ERR_OK;
}

/* test_str_handler - upper = s in capitals (no NUL at all when
 * misbehaving). Never fails. */
int
test_str_handler(void *ctx, const char *s, char *upper)
{
	enter(ctx);
	MUST(strnlen(s, 32) < 32);
	if (handler_misbehave) {
		memset(upper, 'x', 32);		/* no room left for the NUL */
		return ERR_OK;
	}
	for (size_t i = 0; i <= strlen(s); i++)
		upper[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	return ERR_OK;
}

/* test_two_handler - x = b, y = a. Never fails. */
int
test_two_handler(void *ctx, const void *a, uint32_t a_len, const char *b,
		 char *x, void *y, uint32_t *y_len)
{
	enter(ctx);
	MUST(a_len <= 10);
	MUST(strnlen(b, 10) < 10);
	memcpy(x, b, strlen(b) + 1);
	memcpy(y, a, a_len);
	*y_len = a_len;
	return ERR_OK;
}

/* test_ports_handler - record the names received; answer 21, 22, 23.
 * Never fails. */
int
test_ports_handler(void *ctx, uint32_t p1, uint32_t p2, uint32_t p3, uint32_t p4,
		   uint32_t p5, uint32_t p6, uint32_t *q1, uint32_t *q2, uint32_t *q3)
{
	enter(ctx);
	handler_ports[0] = p1;
	handler_ports[1] = p2;
	handler_ports[2] = p3;
	handler_ports[3] = p4;
	handler_ports[4] = p5;
	handler_ports[5] = p6;
	*q1 = 21;
	*q2 = 22;
	*q3 = 23;
	return ERR_OK;
}

/* test_memory_handler - back = the sums of the addresses and of the
 * sizes. Never fails. */
int
test_memory_handler(void *ctx, uint32_t m1_addr, uint32_t m1_size, uint32_t m2_addr,
		    uint32_t m2_size, uint32_t m3_addr, uint32_t m3_size,
		    uint32_t *back_addr, uint32_t *back_size)
{
	enter(ctx);
	*back_addr = m1_addr + m2_addr + m3_addr;
	*back_size = m1_size + m2_size + m3_size;
	return ERR_OK;
}

/* test_mixed_handler - every out arg derived from an in arg (see
 * test.defs). Never fails. */
int
test_mixed_handler(void *ctx, int32_t n, const char *tag, const void *blob,
		   uint32_t blob_len, uint32_t pt, const uint8_t fx[3],
		   uint32_t mem_addr, uint32_t mem_size, uint32_t *on, char *otag,
		   void *oblob, uint32_t *oblob_len, uint32_t *opt, uint8_t ofx[3],
		   uint32_t *omem_addr, uint32_t *omem_size)
{
	enter(ctx);
	MUST(strnlen(tag, 16) < 16);
	MUST(blob_len <= 40);
	*on = (uint32_t)n + 1;
	memcpy(otag, tag, strlen(tag) + 1);
	reverse(oblob, blob, blob_len);
	*oblob_len = handler_misbehave ? 41 : blob_len;
	*opt = pt;
	reverse(ofx, fx, 3);
	*omem_addr = mem_addr;
	*omem_size = mem_size;
	return ERR_OK;
}

/* test_notify_handler - record code and note; nobody hears back. Never fails. */
int
test_notify_handler(void *ctx, uint32_t code, const char *note)
{
	enter(ctx);
	MUST(strnlen(note, 16) < 16);
	handler_notify_code = code;
	memcpy(handler_notify_note, note, strlen(note) + 1);
	return ERR_OK;
}

/* test_fail_handler - return code as the error; never = 7 reaches the
 * client only when code is 0. */
int
test_fail_handler(void *ctx, int32_t code, uint32_t *never)
{
	enter(ctx);
	*never = 7;
	return code;
}

/* test_nothing_handler - count the call. Never fails. */
int
test_nothing_handler(void *ctx)
{
	enter(ctx);
	return ERR_OK;
}
