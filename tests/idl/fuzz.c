/*
 * fuzz.c - throw random and mutated messages at generated code.
 *
 * Server side: 120,000 requests, each either well formed (made by calling
 * a client stub with random arguments and catching the request it sends),
 * a well-formed one with a few mutations (bytes, lengths, ids, sizes,
 * descriptors, string terminators), or plain noise. Each goes to
 * test_dispatch in a buffer of exactly its size. Its verdict must match an
 * independent judge (fuzz_oracle.c): a good request runs its handler once
 * (the handlers abort if they ever see a bad argument), a bad one gets the
 * right error reply, or nothing if it brought no reply right, and never
 * runs a handler.
 *
 * Client side: 40,000 calls whose replies are mutated in flight; the stubs
 * write into caller buffers of exactly the capacity they declare, so the
 * address sanitizer catches any overrun, and an ERR_OK must come with out
 * args that obey the interface.
 *
 * The seed is fixed: a failure reproduces exactly.
 */
#include <stdlib.h>
#include <string.h>

#include "harbor/error.h"
#include "harbor/test_client.h"
#include "harbor/test_server.h"
#include "tests/check.h"
#include "fuzz_oracle.h"
#include "handlers.h"
#include "loopback.h"

#define SERVER_ROUNDS	120000
#define CLIENT_ROUNDS	40000

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

/* xorshift64*: small, fast, and the same on every machine. */
static uint32_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

static uint32_t
below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

/* --- well-formed requests, caught on their way out of a stub -------------- */

static uint8_t caught[MSG_SIZE_MAX];
static uint32_t caught_len;

static void
catch_request(const struct msg_header *req)
{
	caught_len = req->size;
	memcpy(caught, req, req->size);
}

/* Random bytes; for strings, no NUL inside and a NUL at the end. */
static void
fill(void *p, uint32_t n, int string)
{
	uint8_t *b = p;

	for (uint32_t i = 0; i < n; i++)
		b[i] = (uint8_t)(string ? 1 + below(255) : rnd());
	if (string && n > 0)
		b[n - 1] = '\0';
}

/* Call a random stub with random in args; leaves its request in caught. */
static void
make_request(void)
{
	uint8_t b1[100], b2[100], fx[6], o1[100], o2[100];
	char s1[33], s2[33], c1[40];
	uint32_t u1, u2, u3, u4;
	int32_t i1;
	port_name_t q1, q2, q3;
	uint32_t n1 = below(101), n2 = below(11);

	fill(b1, sizeof b1, 0);
	fill(b2, sizeof b2, 0);
	fill(fx, sizeof fx, 0);
	fill(s1, 1 + below(32), 1);
	fill(s2, 1 + below(10), 1);
	loopback_intercept = catch_request;
	switch (below(11)) {
	case 0: test_scalars(7, (int32_t)rnd(), rnd(), &i1, &u1); break;
	case 1: test_fixed(7, fx, o1); break;
	case 2: test_var(7, b1, n1, o1, 100, &u1); break;
	case 3: test_str(7, s1, c1, 32); break;
	case 4: test_two(7, b1, n2, s2, c1, 10, o1, 10, &u1); break;
	case 5: test_ports(7, rnd(), rnd(), rnd(), rnd(), rnd(), rnd(), &q1, &q2, &q3); break;
	case 6: test_memory(7, rnd(), rnd(), rnd(), rnd(), rnd(), rnd(), &u1, &u2); break;
	case 7:
		fill(s1, 1 + below(16), 1);
		test_mixed(7, (int32_t)rnd(), s1, b2, below(41), rnd(), fx, rnd(), rnd(),
		    &u1, c1, 16, o1, 40, &u2, &q1, o2, &u3, &u4);
		break;
	case 8:
		fill(s1, 1 + below(16), 1);
		test_notify(7, rnd(), s1);
		break;
	case 9: test_fail(7, (int32_t)rnd(), &u1); break;
	default: test_nothing(7); break;
	}
	loopback_intercept = NULL;
}

/* --- mutations ------------------------------------------------------------ */

static void
put32(uint8_t *m, uint32_t off, uint32_t v)
{
	memcpy(m + off, &v, 4);
}

/* A value likely to sit on some boundary the checks care about. */
static uint32_t
interesting(void)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 4, 5, 9, 10, 11, 15, 16, 17, 31, 32, 33, 39, 40, 41,
		99, 100, 101, 0x7fffffff, 0x80000000u, 0xfffffffcu, 0xffffffffu,
		MSG_DESC_PORT, MSG_DESC_OOL, MSG_MOVE_SEND, MSG_MOVE_SEND_ONCE,
		MSG_MOVE_RECEIVE, MSG_COPY_SEND, MSG_OOL_COPY, MSG_OOL_MOVE,
	};

	return below(3) == 0 ? rnd() : v[below(sizeof v / sizeof v[0])];
}

/* Spoil msg (len bytes, room for MSG_SIZE_MAX) in one random way; returns
 * the new length. The size field is kept equal to the length. */
static uint32_t
mutate(uint8_t *m, uint32_t len)
{
	uint32_t at = len > 20 ? 20 + below(len - 20) / 4 * 4 : 20;

	switch (below(9)) {
	case 0:		/* flip a byte anywhere past the size field */
		m[8 + below(len - 8)] ^= (uint8_t)(1 + below(255));
		break;
	case 1:		/* a word of the body set to something pointed */
		if (len > 20)
			put32(m, at, interesting());
		break;
	case 2:		/* shorter */
		len -= 4 * below((len - 20) / 4 + 1);
		break;
	case 3:		/* longer, with junk */
		for (uint32_t n = 4 * (1 + below(8)); n > 0 && len < MSG_SIZE_MAX; n -= 4, len += 4)
			put32(m, len, below(2) ? 0 : rnd());
		break;
	case 4:		/* another id */
		put32(m, 16, below(2) ? TEST_BASE + below(TEST_COUNT + 2) - 1 : rnd());
		break;
	case 5:		/* the complex bit */
		m[3] ^= 0x80;
		break;
	case 6:		/* a descriptor's type or disposition/mode */
		if (len >= 36)
			m[24 + 12 * below((len - 24) / 12 < 6 ? (len - 24) / 12 : 6) + below(4)] =
			    (uint8_t)interesting();
		break;
	case 7:		/* a NUL turned into something else */
		for (uint32_t i = 20 + below(len - 20); i < len; i++)
			if (m[i] == 0) {
				m[i] = (uint8_t)(1 + below(255));
				break;
			}
		break;
	default:	/* the reply right: none, send-once, or send */
		put32(m, 0, (m[3] & 0x80u ? MSG_BITS_COMPLEX : 0) |
		    MSG_BITS(MSG_NONE, below(3) == 0 ? MSG_NONE : below(2) ? MSG_MOVE_SEND_ONCE : MSG_MOVE_SEND));
		put32(m, 12, below(4) == 0 ? NAME_NULL : LOOPBACK_REPLY_NAME);
		break;
	}
	put32(m, 4, len);
	return len;
}

/* --- the server side ------------------------------------------------------ */

static char fail_note[400];
static uint32_t served, refused;

/* Dispatch one request of len bytes (size field possibly lying outside the
 * valid range); check the outcome against the oracle. */
static int
judge_one(const uint8_t *m, uint32_t len)
{
	uint32_t size = ((const struct msg_header *)m)->size;
	uint32_t alloc = (size >= 20 && size <= MSG_SIZE_MAX) ? size : 20;
	uint8_t *req = malloc(alloc);
	struct msg_reply_header *reply = malloc(TEST_REPLY_MAX);
	const struct msg_header *h = (const struct msg_header *)m;
	int oneway = 0, verdict, r, calls = handler_calls, can_reply;

	memcpy(req, m, alloc < len ? alloc : len);
	if (alloc > len)
		memset(req + len, 0, alloc - len);
	verdict = oracle_judge(req, &oneway);
	can_reply = h->reply != NAME_NULL &&
	    (MSG_BITS_REPLY(h->bits) == MSG_MOVE_SEND_ONCE || MSG_BITS_REPLY(h->bits) == MSG_MOVE_SEND);
	r = test_dispatch(&handler_ctx, (struct msg_header *)req, &reply->head);

	if (verdict != ERR_OK) {
		refused++;
		if (handler_calls != calls)
			snprintf(fail_note, sizeof fail_note, "expected no handler for a bad request (oracle says %d), saw one run", verdict);
		else if (r != can_reply)
			snprintf(fail_note, sizeof fail_note, "expected dispatch to return %d, saw %d", can_reply, r);
		else if (r && (reply->retcode != verdict || reply->head.size != sizeof *reply ||
		    reply->head.id != MSG_REPLY_ID(h->id)))
			snprintf(fail_note, sizeof fail_note, "expected error reply %d, saw code %d size %u",
			    verdict, reply->retcode, reply->head.size);
	} else {
		served++;
		if (handler_calls != calls + 1)
			snprintf(fail_note, sizeof fail_note, "expected the handler to run once for a good request, saw %d runs",
			    handler_calls - calls);
		else if (r != (can_reply && !oneway))
			snprintf(fail_note, sizeof fail_note, "expected dispatch to return %d, saw %d",
			    can_reply && !oneway, r);
		else if (r && (reply->head.size > TEST_REPLY_MAX || reply->head.dest != h->reply ||
		    reply->head.id != MSG_REPLY_ID(h->id)))
			snprintf(fail_note, sizeof fail_note, "expected a reply to the reply right, saw size %u dest %u id %u",
			    reply->head.size, reply->head.dest, reply->head.id);
	}
	free(req);
	free(reply);
	if (fail_note[0] != '\0') {
		snprintf(check_why, sizeof check_why, "id %u size %u: %s", h->id, h->size, fail_note);
		return 0;
	}
	return 1;
}

static int
idl_fuzz_dispatch_matches_oracle(void)
{
	static uint8_t m[MSG_SIZE_MAX + 64];
	uint32_t len;

	for (int i = 0; i < SERVER_ROUNDS; i++) {
		uint32_t kind = below(10);

		if (kind == 0) {	/* noise, with a size that may lie */
			len = 20 + 4 * below(40);
			fill(m, len, 0);
			put32(m, 16, TEST_BASE + below(TEST_COUNT + 1));
			put32(m, 4, below(4) ? len : interesting());
			if (((struct msg_header *)m)->size < len && ((struct msg_header *)m)->size >= 20)
				len = ((struct msg_header *)m)->size;
		} else {
			make_request();
			memcpy(m, caught, caught_len);
			len = caught_len;
			for (uint32_t n = kind == 1 ? 0 : 1 + below(3); n > 0; n--)
				len = mutate(m, len);
		}
		if (!judge_one(m, len))
			return 0;
	}
	snprintf(check_why, sizeof check_why, "%u served, %u refused", served, refused);
	return served > 10000 && refused > 10000;
}

/* --- the client side ------------------------------------------------------ */

static void
spoil_reply(struct msg_header *m, uint32_t size)
{
	uint8_t *b = (uint8_t *)m;
	uint32_t len = m->size;

	switch (below(5)) {
	case 0:
		break;		/* leave it alone */
	case 1:
		m->size = below(2) ? interesting() : 4 * below(size / 4 + 2);
		break;
	case 2:
		if (len > 20)
			put32(b, 20 + below((len - 20) / 4) * 4, interesting());
		break;
	default:
		b[below(size)] ^= (uint8_t)(1 + below(255));
		break;
	}
}

static int
idl_fuzz_client_survives_spoiled_replies(void)
{
	uint32_t ok = 0;

	loopback_tamper = spoil_reply;
	for (int i = 0; i < CLIENT_ROUNDS; i++) {
		uint32_t cap = below(101), len = 999;
		uint8_t *buf = malloc(cap ? cap : 1);
		uint32_t scap = (uint32_t)1 + below(32);
		char *s2 = malloc(scap);
		int r = 0;

		switch (below(3)) {
		case 0:
			r = test_var(7, "0123456789abcdef", below(17), buf, cap, &len);
			if (r == ERR_OK && len > cap) {
				snprintf(check_why, sizeof check_why, "expected length <= %u, saw %u", cap, len);
				return 0;
			}
			break;
		case 1:
			r = test_str(7, "spoil me please", s2, scap);
			if (r == ERR_OK && memchr(s2, 0, scap) == NULL) {
				snprintf(check_why, sizeof check_why, "expected a terminated string, saw none");
				return 0;
			}
			break;
		default: {
			char x[4];
			uint8_t y[3];

			r = test_two(7, "ab", 2, "xyz", x, sizeof x, y, sizeof y, &len);
			if (r == ERR_OK && (len > sizeof y || memchr(x, 0, sizeof x) == NULL)) {
				snprintf(check_why, sizeof check_why, "expected outs within caller buffers");
				return 0;
			}
			break;
		}
		}
		ok += r == ERR_OK;
		free(buf);
		free(s2);
	}
	loopback_tamper = NULL;
	snprintf(check_why, sizeof check_why, "%u of %u accepted", ok, CLIENT_ROUNDS);
	return ok > 0 && ok < CLIENT_ROUNDS;
}

int
main(void)
{
	RUN(idl_fuzz_dispatch_matches_oracle);
	RUN(idl_fuzz_client_survives_spoiled_replies);
	return check_done();
}
