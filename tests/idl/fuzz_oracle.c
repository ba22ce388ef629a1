/*
 * fuzz_oracle.c - what a well-formed test.defs request looks like, written
 * out by hand from docs/idl.md rather than generated.
 *
 * If idlc's generated dispatch and this table ever disagree about a
 * message, the fuzz test reports it: one of the two misreads the layout.
 * The table lists each routine's in arguments in declaration order.
 */
#include <string.h>

#include "harbor/error.h"
#include "harbor/msg.h"
#include "fuzz_oracle.h"

enum { A_WORD, A_FIXED, A_VAR, A_STR, A_PORT, A_OOL };

struct o_arg {
	int kind;
	uint32_t n;	/* A_FIXED, A_VAR, A_STR: the bound; A_PORT: kind received; A_OOL: mode */
};

struct o_routine {
	int oneway;
	int nargs;
	struct o_arg args[8];
};

#define BASE 5000u
static const struct o_routine routines[] = {
	/* scalars */ { 0, 2, { { A_WORD, 0 }, { A_WORD, 0 } } },
	/* fixed */   { 0, 1, { { A_FIXED, 6 } } },
	/* var */     { 0, 1, { { A_VAR, 100 } } },
	/* str */     { 0, 1, { { A_STR, 32 } } },
	/* two */     { 0, 2, { { A_VAR, 10 }, { A_STR, 10 } } },
	/* ports */   { 0, 6, { { A_PORT, MSG_MOVE_SEND }, { A_PORT, MSG_MOVE_SEND },
			{ A_PORT, MSG_MOVE_SEND }, { A_PORT, MSG_MOVE_SEND_ONCE },
			{ A_PORT, MSG_MOVE_SEND_ONCE }, { A_PORT, MSG_MOVE_RECEIVE } } },
	/* memory */  { 0, 3, { { A_OOL, MSG_OOL_MOVE }, { A_OOL, MSG_OOL_SHARE },
			{ A_OOL, MSG_OOL_COPY } } },
	/* mixed */   { 0, 6, { { A_WORD, 0 }, { A_STR, 16 }, { A_VAR, 40 },
			{ A_PORT, MSG_MOVE_SEND }, { A_FIXED, 3 }, { A_OOL, MSG_OOL_COPY } } },
	/* notify */  { 1, 2, { { A_WORD, 0 }, { A_STR, 16 } } },
	/* fail */    { 0, 1, { { A_WORD, 0 } } },
	/* nothing */ { 0, 0, { { 0, 0 } } },
};

static uint32_t
word(const uint8_t *m, uint32_t off)
{
	uint32_t v;

	memcpy(&v, m + off, 4);
	return v;
}

/* oracle_judge - see fuzz_oracle.h. */
int
oracle_judge(const uint8_t *m, int *oneway)
{
	uint32_t bits = word(m, 0), size = word(m, 4), id = word(m, 16);
	uint32_t ndesc = 0, off, d;
	const struct o_routine *r;
	int i;

	if (size < 20 || size > MSG_SIZE_MAX || size % 4 != 0)
		return ERR_BAD_MESSAGE;
	if (id - BASE >= sizeof routines / sizeof routines[0])
		return ERR_BAD_OPERATION;
	r = &routines[id - BASE];
	*oneway = r->oneway;

	for (i = 0; i < r->nargs; i++)
		if (r->args[i].kind == A_PORT || r->args[i].kind == A_OOL)
			ndesc++;
	if (!!(bits & MSG_BITS_COMPLEX) != (ndesc > 0))
		return ERR_BAD_MESSAGE;
	off = 20;
	if (ndesc > 0) {
		if (size < 24 + 12 * ndesc || word(m, 20) != ndesc)
			return ERR_BAD_MESSAGE;
		off = 24;
		for (i = 0; i < r->nargs; i++) {
			const struct o_arg *a = &r->args[i];
			uint16_t type, disp;

			if (a->kind != A_PORT && a->kind != A_OOL)
				continue;
			memcpy(&type, m + off, 2);
			memcpy(&disp, m + off + 2, 2);
			if (type != (a->kind == A_PORT ? MSG_DESC_PORT : MSG_DESC_OOL) || disp != a->n)
				return ERR_BAD_MESSAGE;
			off += 12;
		}
	}
	for (i = 0; i < r->nargs; i++) {
		if (r->args[i].kind == A_WORD)
			off += 4;
		if (r->args[i].kind == A_FIXED)
			off += (r->args[i].n + 3) & ~3u;
	}
	if (off > size)
		return ERR_BAD_MESSAGE;
	for (i = 0; i < r->nargs; i++) {
		const struct o_arg *a = &r->args[i];

		if (a->kind != A_VAR && a->kind != A_STR)
			continue;
		if (size - off < 4)
			return ERR_BAD_MESSAGE;
		d = word(m, off);
		off += 4;
		if (d > a->n || (d + 3) / 4 * 4 > size - off)
			return ERR_BAD_MESSAGE;
		if (a->kind == A_STR && (d == 0 || memchr(m + off, 0, d) != m + off + d - 1))
			return ERR_BAD_MESSAGE;
		off += (d + 3) & ~3u;
	}
	return off == size ? ERR_OK : ERR_BAD_MESSAGE;
}
