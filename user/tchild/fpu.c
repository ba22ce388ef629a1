/*
 * fpu.c - the helper task's FPU modes, partners of the cases in
 * user/tests/fpu.c:
 *   fpu_partner  answer requests while holding x87 values across every
 *                wait; each reply says in how many rounds ours changed
 *   fpu_fresh    answer one request with the x87 state we started with
 *   sse_partner  answer the first request with the SSE state we started
 *                with, then the others like fpu_partner, holding SSE values
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
