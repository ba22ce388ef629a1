/*
 * sched_test.c - host tests of the scheduler's queues: kernel/waitq.c
 * (FIFO queues of threads) and kernel/runq.c (one FIFO per priority and
 * a bitmap of the non-empty ones).
 *
 * A wait queue must keep arrival order and stay well linked after a
 * thread is taken out of it anywhere. The run queue must always give the
 * highest priority first and, within one priority, take turns (a thread
 * put back after running goes behind the others). Its bitmap must say
 * exactly which levels hold threads. Threads are bare structs here: the
 * queues only use next and priority.
 */
#include <stdint.h>
#include <string.h>
#include "kernel/thread.h"
#include "kernel/waitq.h"
#include "kernel/runq.h"
#include "tests/check.h"

#define NTHREAD 64

static struct thread th[NTHREAD];
static struct waitq wq;
static struct runq rq;

/* which - a readable name for a thread pointer, for failure messages. */
static const char *
which(const void *p)
{
	static char buf[2][48];
	static int turn;
	char *b = buf[turn++ & 1];
	const struct thread *t = p;

	if (t == NULL)
		return "NULL";
	if (t >= th && t < th + NTHREAD)
		snprintf(b, sizeof buf[0], "thread %d (priority %u)",
		    (int)(t - th), (unsigned)t->priority);
	else
		snprintf(b, sizeof buf[0], "%p (not a test thread)", p);
	return b;
}

/* fresh - empty queues; threads with stale links, all at priority 0. */
static void
fresh(void)
{
	memset(&wq, 0, sizeof wq);
	memset(&rq, 0, sizeof rq);
	for (int i = 0; i < NTHREAD; i++) {
		th[i] = (struct thread){ .id = (uint32_t)i };
		th[i].next = &th[(i + 1) % NTHREAD];	/* push must not trust it */
	}
}

/* push_n - push threads 0..n-1 on wq in order. */
static void
push_n(int n)
{
	for (int i = 0; i < n; i++)
		waitq_push(&wq, &th[i]);
}

/* --- wait queues --------------------------------------------------------- */

static int
waitq_pop_of_an_empty_queue_returns_null(void)
{
	fresh();
	EXPECT_PTR(NULL, waitq_pop(&wq), which);
	EXPECT(0, wq.count);
	return 1;
}

static int
waitq_threads_come_out_in_arrival_order(void)
{
	fresh();
	push_n(NTHREAD);
	EXPECT(NTHREAD, wq.count);
	for (int i = 0; i < NTHREAD; i++) {
		EXPECT_PTR(&th[i], waitq_pop(&wq), which);
		EXPECT(NTHREAD - i - 1, wq.count);
	}
	EXPECT_PTR(NULL, waitq_pop(&wq), which);
	EXPECT_PTR(NULL, wq.tail, which);
	return 1;
}

static int
waitq_works_again_after_it_empties(void)
{
	fresh();
	push_n(2);
	waitq_pop(&wq);
	waitq_pop(&wq);
	waitq_push(&wq, &th[5]);
	waitq_push(&wq, &th[6]);
	EXPECT_PTR(&th[5], waitq_pop(&wq), which);
	EXPECT_PTR(&th[6], waitq_pop(&wq), which);
	EXPECT_PTR(NULL, waitq_pop(&wq), which);
	return 1;
}

static int
waitq_remove_of_the_head(void)
{
	fresh();
	push_n(4);
	EXPECT(1, waitq_remove(&wq, &th[0]));
	EXPECT(3, wq.count);
	EXPECT_PTR(NULL, th[0].next, which);
	for (int i = 1; i < 4; i++)
		EXPECT_PTR(&th[i], waitq_pop(&wq), which);
	EXPECT_PTR(NULL, waitq_pop(&wq), which);
	return 1;
}

static int
waitq_remove_from_the_middle(void)
{
	fresh();
	push_n(5);
	EXPECT(1, waitq_remove(&wq, &th[2]));
	EXPECT(4, wq.count);
	EXPECT_PTR(&th[0], waitq_pop(&wq), which);
	EXPECT_PTR(&th[1], waitq_pop(&wq), which);
	EXPECT_PTR(&th[3], waitq_pop(&wq), which);
	EXPECT_PTR(&th[4], waitq_pop(&wq), which);
	EXPECT_PTR(NULL, waitq_pop(&wq), which);
	return 1;
}

static int
waitq_remove_of_the_tail_then_push_links_behind_the_new_tail(void)
{
	fresh();
	push_n(3);
	EXPECT(1, waitq_remove(&wq, &th[2]));
	EXPECT_PTR(&th[1], wq.tail, which);
	waitq_push(&wq, &th[9]);	/* must follow th[1], not the removed th[2] */
	EXPECT_PTR(&th[0], waitq_pop(&wq), which);
	EXPECT_PTR(&th[1], waitq_pop(&wq), which);
	EXPECT_PTR(&th[9], waitq_pop(&wq), which);
	EXPECT_PTR(NULL, waitq_pop(&wq), which);
	return 1;
}

static int
waitq_remove_of_the_only_thread_empties_it(void)
{
	fresh();
	push_n(1);
	EXPECT(1, waitq_remove(&wq, &th[0]));
	EXPECT(0, wq.count);
	EXPECT_PTR(NULL, wq.head, which);
	EXPECT_PTR(NULL, wq.tail, which);
	waitq_push(&wq, &th[1]);
	EXPECT_PTR(&th[1], waitq_pop(&wq), which);
	return 1;
}

static int
waitq_remove_of_an_absent_thread_changes_nothing(void)
{
	fresh();
	EXPECT(0, waitq_remove(&wq, &th[0]));	/* empty queue */
	push_n(3);
	EXPECT(0, waitq_remove(&wq, &th[7]));
	EXPECT(3, wq.count);
	EXPECT(1, waitq_remove(&wq, &th[1]));
	EXPECT(0, waitq_remove(&wq, &th[1]));	/* not twice */
	EXPECT(2, wq.count);
	EXPECT_PTR(&th[0], waitq_pop(&wq), which);
	EXPECT_PTR(&th[2], waitq_pop(&wq), which);
	return 1;
}

static int
waitq_count_follows_pushes_pops_and_removes(void)
{
	fresh();
	push_n(10);
	waitq_pop(&wq);
	waitq_remove(&wq, &th[5]);
	waitq_remove(&wq, &th[9]);
	waitq_remove(&wq, &th[0]);	/* already popped */
	EXPECT(7, wq.count);
	for (int i = 0; i < 7; i++)
		EXPECT_TRUE(waitq_pop(&wq) != NULL);
	EXPECT(0, wq.count);
	return 1;
}

/* --- run queue ----------------------------------------------------------- */

/* ready - give thread i priority p and put it on the run queue. */
static void
ready(int i, uint32_t p)
{
	th[i].priority = p;
	runq_insert(&rq, &th[i]);
}

static int
runq_empty_has_best_minus_one_and_pops_null(void)
{
	fresh();
	EXPECT(-1, runq_best(&rq));
	EXPECT_PTR(NULL, runq_pop(&rq), which);
	EXPECT(0, rq.bitmap);
	return 1;
}

static int
runq_highest_priority_runs_first(void)
{
	fresh();
	ready(0, 3);
	ready(1, 20);
	ready(2, 0);
	ready(3, 16);
	EXPECT(20, runq_best(&rq));
	EXPECT_PTR(&th[1], runq_pop(&rq), which);
	EXPECT_PTR(&th[3], runq_pop(&rq), which);
	EXPECT_PTR(&th[0], runq_pop(&rq), which);
	EXPECT_PTR(&th[2], runq_pop(&rq), which);
	EXPECT_PTR(NULL, runq_pop(&rq), which);
	return 1;
}

static int
runq_threads_of_one_priority_take_turns(void)
{
	fresh();
	ready(0, 16);
	ready(1, 16);
	ready(2, 16);
	/* Each runs for a quantum and is put back behind the others. */
	for (int turn = 0; turn < 9; turn++) {
		struct thread *t = runq_pop(&rq);
		EXPECT_PTR(&th[turn % 3], t, which);
		runq_insert(&rq, t);
	}
	return 1;
}

static int
runq_lower_priority_waits_while_higher_takes_turns(void)
{
	fresh();
	ready(0, 5);
	ready(1, 10);
	ready(2, 10);
	for (int turn = 0; turn < 6; turn++) {
		struct thread *t = runq_pop(&rq);
		EXPECT_PTR(&th[1 + turn % 2], t, which);
		runq_insert(&rq, t);
	}
	runq_remove(&rq, &th[1]);
	runq_remove(&rq, &th[2]);
	EXPECT_PTR(&th[0], runq_pop(&rq), which);
	return 1;
}

static int
runq_bitmap_bit_clears_when_its_level_empties(void)
{
	fresh();
	ready(0, 7);
	ready(1, 7);
	ready(2, 2);
	EXPECT((1u << 7) | (1u << 2), rq.bitmap);
	runq_pop(&rq);
	EXPECT((1u << 7) | (1u << 2), rq.bitmap);	/* th[1] still at 7 */
	runq_pop(&rq);
	EXPECT(1u << 2, rq.bitmap);
	EXPECT(2, runq_best(&rq));
	runq_pop(&rq);
	EXPECT(0, rq.bitmap);
	EXPECT(-1, runq_best(&rq));
	return 1;
}

static int
runq_remove_of_the_last_thread_at_a_level_clears_its_bit(void)
{
	fresh();
	ready(0, 12);
	ready(1, 4);
	runq_remove(&rq, &th[0]);
	EXPECT(1u << 4, rq.bitmap);
	EXPECT(4, runq_best(&rq));
	EXPECT_PTR(&th[1], runq_pop(&rq), which);
	return 1;
}

static int
runq_remove_keeps_the_bit_while_the_level_has_others(void)
{
	fresh();
	ready(0, 12);
	ready(1, 12);
	ready(2, 12);
	runq_remove(&rq, &th[1]);
	EXPECT(1u << 12, rq.bitmap);
	EXPECT_PTR(&th[0], runq_pop(&rq), which);
	EXPECT_PTR(&th[2], runq_pop(&rq), which);
	EXPECT(0, rq.bitmap);
	return 1;
}

static int
runq_remove_of_a_thread_not_queued_changes_nothing(void)
{
	fresh();
	ready(0, 9);
	th[1].priority = 9;
	th[1].next = NULL;
	runq_remove(&rq, &th[1]);
	EXPECT(1u << 9, rq.bitmap);
	th[2].priority = 3;		/* a level that is empty */
	runq_remove(&rq, &th[2]);
	EXPECT(1u << 9, rq.bitmap);
	EXPECT(1, rq.level[9].count);
	EXPECT_PTR(&th[0], runq_pop(&rq), which);
	return 1;
}

static int
runq_lowest_and_highest_priorities_work(void)
{
	fresh();
	ready(0, THREAD_PRIO_IDLE);
	EXPECT(0, runq_best(&rq));
	ready(1, THREAD_PRIO_MAX);
	EXPECT(31, runq_best(&rq));
	EXPECT(0x80000001u, rq.bitmap);
	EXPECT_PTR(&th[1], runq_pop(&rq), which);
	EXPECT(0, runq_best(&rq));
	EXPECT_PTR(&th[0], runq_pop(&rq), which);
	EXPECT(-1, runq_best(&rq));
	return 1;
}

static int
runq_drains_by_priority_then_arrival_for_every_level(void)
{
	uint32_t last_prio = THREAD_PRIO_MAX + 1;
	int last_index = -1;

	fresh();
	/* 64 threads over all 32 levels, inserted in a scrambled order. */
	for (int i = 0; i < NTHREAD; i++)
		ready(i, (uint32_t)(i * 7) % (THREAD_PRIO_MAX + 1));
	EXPECT(0xffffffffu, rq.bitmap);
	for (int i = 0; i < NTHREAD; i++) {
		struct thread *t = runq_pop(&rq);
		int idx = (int)(t - th);

		EXPECT_TRUE(t->priority <= last_prio);
		if (t->priority == last_prio)
			EXPECT_TRUE(idx > last_index);	/* FIFO within a level */
		last_prio = t->priority;
		last_index = idx;
	}
	EXPECT_PTR(NULL, runq_pop(&rq), which);
	EXPECT(0, rq.bitmap);
	return 1;
}

int
main(void)
{
	RUN(waitq_pop_of_an_empty_queue_returns_null);
	RUN(waitq_threads_come_out_in_arrival_order);
	RUN(waitq_works_again_after_it_empties);
	RUN(waitq_remove_of_the_head);
	RUN(waitq_remove_from_the_middle);
	RUN(waitq_remove_of_the_tail_then_push_links_behind_the_new_tail);
	RUN(waitq_remove_of_the_only_thread_empties_it);
	RUN(waitq_remove_of_an_absent_thread_changes_nothing);
	RUN(waitq_count_follows_pushes_pops_and_removes);
	RUN(runq_empty_has_best_minus_one_and_pops_null);
	RUN(runq_highest_priority_runs_first);
	RUN(runq_threads_of_one_priority_take_turns);
	RUN(runq_lower_priority_waits_while_higher_takes_turns);
	RUN(runq_bitmap_bit_clears_when_its_level_empties);
	RUN(runq_remove_of_the_last_thread_at_a_level_clears_its_bit);
	RUN(runq_remove_keeps_the_bit_while_the_level_has_others);
	RUN(runq_remove_of_a_thread_not_queued_changes_nothing);
	RUN(runq_lowest_and_highest_priorities_work);
	RUN(runq_drains_by_priority_then_arrival_for_every_level);
	return check_done();
}
