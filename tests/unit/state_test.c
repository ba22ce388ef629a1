/*
 * state_test.c - host tests of the thread state table (kernel/thread_moves.h),
 * the one rule sched.c's thread_set_state checks on every move.
 *
 * The legal moves are written out again here, pair by pair, from the
 * picture in kernel/thread.h and the rules in docs/architecture.md
 * ("Thread states"); every one of the 81 pairs of states must be allowed
 * exactly when this list says so. Then the `allowed` argument: a caller
 * that means "start a wait" must not get any other move through, and one
 * that means "hand the CPU over" only gets it from a wait. And the paths a
 * thread really takes through an RPC, a fault and a death are walked.
 */
#include <stdint.h>
#include "kernel/thread_moves.h"
#include "tests/check.h"

static const char *const names[THREAD_STATE_COUNT] = {
	[THREAD_NEW] = "NEW", [THREAD_READY] = "READY", [THREAD_RUNNING] = "RUNNING",
	[THREAD_HANDED] = "HANDED", [THREAD_SEND] = "SEND", [THREAD_RECEIVE] = "RECEIVE",
	[THREAD_REPLY] = "REPLY", [THREAD_PAGER] = "PAGER", [THREAD_DEAD] = "DEAD",
};

/* The legal moves, restated (not copied from the table). */
static const struct { enum thread_state from, to; } legal[] = {
	{ THREAD_NEW, THREAD_READY },		/* sched_make_runnable */
	{ THREAD_READY, THREAD_RUNNING },	/* switched to */
	{ THREAD_RUNNING, THREAD_READY },	/* preempted, or yields */
	{ THREAD_RUNNING, THREAD_SEND },	/* waits for room */
	{ THREAD_RUNNING, THREAD_RECEIVE },	/* waits for a message */
	{ THREAD_RUNNING, THREAD_REPLY },	/* msg_rpc: waits for its answer */
	{ THREAD_RUNNING, THREAD_PAGER },	/* a page fault sent to its pager */
	{ THREAD_SEND, THREAD_READY }, { THREAD_RECEIVE, THREAD_READY },
	{ THREAD_REPLY, THREAD_READY }, { THREAD_PAGER, THREAD_READY },	/* woken */
	{ THREAD_SEND, THREAD_HANDED }, { THREAD_RECEIVE, THREAD_HANDED },
	{ THREAD_REPLY, THREAD_HANDED },	/* woken to be switched to at once */
	{ THREAD_PAGER, THREAD_HANDED },	/* its fault answered: pager_answer_fast */
	{ THREAD_HANDED, THREAD_RUNNING },	/* the hand-off */
	{ THREAD_HANDED, THREAD_READY },	/* the hand-off given up: queued after all */
	{ THREAD_NEW, THREAD_DEAD }, { THREAD_READY, THREAD_DEAD }, { THREAD_RUNNING, THREAD_DEAD },
	{ THREAD_HANDED, THREAD_DEAD }, { THREAD_SEND, THREAD_DEAD }, { THREAD_RECEIVE, THREAD_DEAD },
	{ THREAD_REPLY, THREAD_DEAD }, { THREAD_PAGER, THREAD_DEAD },
};

static int
is_legal(enum thread_state from, enum thread_state to)
{
	for (unsigned i = 0; i < sizeof legal / sizeof legal[0]; i++)
		if (legal[i].from == from && legal[i].to == to)
			return 1;
	return 0;
}

static int
state_every_pair_is_allowed_exactly_when_legal(void)
{
	for (int f = THREAD_NEW; f < THREAD_STATE_COUNT; f++)
		for (int t = THREAD_NEW; t < THREAD_STATE_COUNT; t++)
			if (thread_move_ok(f, t, ~0u) != is_legal(f, t)) {
				snprintf(check_why, sizeof check_why, "%s -> %s: the table says %s",
					 names[f], names[t], is_legal(f, t) ? "no" : "yes");
				return 0;
			}
	return 1;
}

static int
state_dead_is_final(void)
{
	for (int t = THREAD_NEW; t < THREAD_STATE_COUNT; t++)
		EXPECT(0, thread_move_ok(THREAD_DEAD, t, ~0u));
	return 1;
}

static int
state_a_wait_starts_only_from_running(void)
{
	for (int f = THREAD_NEW; f < THREAD_STATE_COUNT; f++)
		for (int t = THREAD_SEND; t <= THREAD_PAGER; t++)
			EXPECT(f == THREAD_RUNNING, thread_move_ok(f, t, TS_WAITS));
	return 1;
}

static int
state_start_a_wait_lets_no_other_move_through(void)
{
	/* sched_block names its move "a wait": READY or DEAD must not pass. */
	EXPECT(0, thread_move_ok(THREAD_RUNNING, THREAD_READY, TS_WAITS));
	EXPECT(0, thread_move_ok(THREAD_RUNNING, THREAD_DEAD, TS_WAITS));
	EXPECT(0, thread_move_ok(THREAD_RUNNING, THREAD_HANDED, TS_WAITS));
	return 1;
}

static int
state_only_a_waiting_thread_is_handed_the_cpu(void)
{
	for (int f = THREAD_NEW; f < THREAD_STATE_COUNT; f++)
		EXPECT(f == THREAD_SEND || f == THREAD_RECEIVE || f == THREAD_REPLY ||
		       f == THREAD_PAGER, thread_move_ok(f, THREAD_HANDED, ~0u));
	return 1;
}

static int
state_only_ready_or_handed_is_switched_to(void)
{
	for (int f = THREAD_NEW; f < THREAD_STATE_COUNT; f++)
		EXPECT(f == THREAD_READY || f == THREAD_HANDED, thread_move_ok(f, THREAD_RUNNING, ~0u));
	return 1;
}

/* Walk a path of states; every step must be a legal move. */
static int
walk(const enum thread_state *path, int n)
{
	for (int i = 0; i + 1 < n; i++)
		if (!thread_move_ok(path[i], path[i + 1], ~0u)) {
			snprintf(check_why, sizeof check_why, "step %d: %s -> %s refused", i,
				 names[path[i]], names[path[i + 1]]);
			return 0;
		}
	return 1;
}

static int
state_an_rpc_server_and_client_paths_are_legal(void)
{
	/* The server: started, waits to receive, handed a request, answers
	 * with msg_rpc (its answer sent, waiting for the next request). */
	static const enum thread_state server[] = {
		THREAD_NEW, THREAD_READY, THREAD_RUNNING, THREAD_RECEIVE, THREAD_HANDED,
		THREAD_RUNNING, THREAD_RECEIVE, THREAD_READY, THREAD_RUNNING, THREAD_DEAD,
	};
	/* The client: sends and waits for its answer, handed it, blocks on a
	 * full queue, woken through the run queue, faults, resumed (queued,
	 * then handed the CPU by the pager's answer). */
	static const enum thread_state client[] = {
		THREAD_NEW, THREAD_READY, THREAD_RUNNING, THREAD_REPLY, THREAD_HANDED,
		THREAD_RUNNING, THREAD_SEND, THREAD_READY, THREAD_RUNNING, THREAD_PAGER,
		THREAD_READY, THREAD_RUNNING, THREAD_PAGER, THREAD_HANDED, THREAD_RUNNING,
		THREAD_REPLY, THREAD_DEAD,
	};
	return walk(server, sizeof server / sizeof server[0]) &&
	       walk(client, sizeof client / sizeof client[0]);
}

static int
state_a_pager_wait_ends_only_by_a_wake_up(void)
{
	/* A fault's answer resumes the thread, queued or handed the CPU;
	 * nothing switches to it straight from its wait. */
	EXPECT(0, thread_move_ok(THREAD_PAGER, THREAD_RUNNING, ~0u));
	EXPECT(0, thread_move_ok(THREAD_PAGER, THREAD_RECEIVE, ~0u));
	return 1;
}

int
main(void)
{
	RUN(state_every_pair_is_allowed_exactly_when_legal);
	RUN(state_dead_is_final);
	RUN(state_a_wait_starts_only_from_running);
	RUN(state_start_a_wait_lets_no_other_move_through);
	RUN(state_only_a_waiting_thread_is_handed_the_cpu);
	RUN(state_only_ready_or_handed_is_switched_to);
	RUN(state_an_rpc_server_and_client_paths_are_legal);
	RUN(state_a_pager_wait_ends_only_by_a_wake_up);
	return check_done();
}
