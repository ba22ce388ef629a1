/*
 * fpu.c - the helper task's FPU modes, partners of the cases in
 * user/tests/fpu.c:
 *   fpu_partner  answer requests while holding x87 values across every
 *                wait; each reply says in how many rounds ours changed
 *   fpu_fresh    answer one request with the x87 state we started with
 *   sse_partner  answer the first request with the SSE state we started
 *                with, then the others like fpu_partner, holding SSE values
 *   fpu_error    divide by zero with that x87 error unmasked, block in a
 *                trap (so the pending error is saved and restored), then
 *                wait for it: exception 16 must kill us
 *                (it spins if it lives, so the case sees that it did)
 */
#include "user/lib/ulib.h"
#include "user/tests/fpu.h"
#include "user/tchild/tchild.h"

/* Turn the request in m into its reply (through the send-once right it carried). */
static void
reply_header(struct fpu_msg *m)
{
	m->head = (struct msg_header){ .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0), .size = sizeof(*m),
				       .dest = m->head.reply, .id = MSG_REPLY_ID(FPU_MSG_ID) };
}

int
fpu_partner(port_name_t service)
{
	struct fpu_msg m;
	struct fpu_hold h = { 0 };
	uint32_t round = 0, bad = 0;
	int err;

	fpu_hold_fill(&h, FPU_TAG_CHILD, round);
	err = fpu_hold_trap(&h, MSG_TRAP_RECEIVE, (uint32_t)&m.head, sizeof(m), service);
	while (err == ERR_OK) {
		bad += fpu_hold_bad(&h);
		round++;
		reply_header(&m);
		m.bad = bad;
		fpu_hold_fill(&h, FPU_TAG_CHILD, round);
		err = fpu_hold_trap(&h, MSG_TRAP_RPC, (uint32_t)&m.head, sizeof(m), service);
	}
	return 60;
}

int
fpu_fresh(port_name_t service)
{
	struct fpu_msg m;

	/* Nothing here has touched the FPU yet: what we read is what we were given. */
	if (msg_receive(&m.head, sizeof(m), service, 0, 0) != ERR_OK)
		return 61;
	fpu_read_fresh(&m);
	reply_header(&m);
	return msg_send(&m.head, 0, 0) == ERR_OK ? 0 : 62;
}

int
sse_partner(port_name_t service)
{
	struct fpu_msg m;
	struct sse_hold h = { 0 };
	uint32_t round = 0, bad = 0;
	int err;

	if (msg_receive(&m.head, sizeof(m), service, 0, 0) != ERR_OK)
		return 63;
	sse_read_fresh(&m);	/* our first SSE instruction: an invalid opcode without OSFXSR */
	do {
		reply_header(&m);
		m.bad = bad;
		sse_hold_fill(&h, FPU_TAG_CHILD, round);
		err = sse_hold_trap(&h, MSG_TRAP_RPC, (uint32_t)&m.head, sizeof(m), service);
		bad += sse_hold_bad(&h);
		round++;
	} while (err == ERR_OK);
	return 64;
}

void
fpu_error(void)
{
	static const uint16_t cw = FPU_CW_DEFAULT & ~0x4u;	/* zero-divide unmasked */

	__asm__ volatile("fninit; fldcw %0; fld1; fldz; fdivrp" : : "m"(cw) : "st", "st(1)");
	sleep_ms(20);			/* the error is pending across a switch */
	__asm__ volatile("fwait");	/* it is raised here, in our own context */
	for (;;)
		;
}
