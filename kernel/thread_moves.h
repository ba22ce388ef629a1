/*
 * thread_moves.h - the legal moves between thread states, as one table.
 *
 * Only sched.c (thread_set_state) and the host test of the table
 * (tests/unit/state_test.c) include it. thread.h has the picture; this is
 * the rule that enforces it.
 *
 * The idle thread is the one exception to "READY means on the run queue":
 * it is READY off the queue, the fallback when the queue is empty. Some
 * rules are rows of this table, so the one check a move makes asserts
 * them too: only a READY or HANDED thread is switched to (RUNNING), and
 * only a waiting thread is handed the CPU (HANDED: "the fast path delivers
 * only to a thread that waits"; a pager's answer taken by
 * pager_answer_fast hands the faulting thread the CPU the same way).
 */
#ifndef KERNEL_THREAD_MOVES_H
#define KERNEL_THREAD_MOVES_H

#include <stdint.h>
#include "kernel/thread.h"

#define TS(s)	(1u << (s))
#define TS_WAITS	(TS(THREAD_SEND) | TS(THREAD_RECEIVE) | TS(THREAD_REPLY) | TS(THREAD_PAGER))

static const uint32_t thread_moves[THREAD_STATE_COUNT] = {
	[THREAD_NEW] = TS(THREAD_READY) | TS(THREAD_DEAD),
	[THREAD_READY] = TS(THREAD_RUNNING) | TS(THREAD_DEAD),
	[THREAD_RUNNING] = TS(THREAD_READY) | TS_WAITS | TS(THREAD_DEAD),
	[THREAD_HANDED] = TS(THREAD_RUNNING) | TS(THREAD_READY) | TS(THREAD_DEAD),
	[THREAD_SEND] = TS(THREAD_READY) | TS(THREAD_HANDED) | TS(THREAD_DEAD),
	[THREAD_RECEIVE] = TS(THREAD_READY) | TS(THREAD_HANDED) | TS(THREAD_DEAD),
	[THREAD_REPLY] = TS(THREAD_READY) | TS(THREAD_HANDED) | TS(THREAD_DEAD),
	[THREAD_PAGER] = TS(THREAD_READY) | TS(THREAD_HANDED) | TS(THREAD_DEAD),
};

/*
 * thread_move_ok - may a thread in state `from` move to `to`, as one of
 * the moves in `allowed` (a set of TS() bits: what the caller means, e.g.
 * TS_WAITS for "start a wait")? One test of the table.
 */
static inline __attribute__((always_inline)) int
thread_move_ok(enum thread_state from, enum thread_state to, uint32_t allowed)
{
	return (thread_moves[from] & TS(to) & allowed) != 0;
}

#endif /* KERNEL_THREAD_MOVES_H */
