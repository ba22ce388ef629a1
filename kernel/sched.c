/*
 * sched.c - choosing and switching threads, blocking and waking.
 *
 * The run queue holds runnable threads that are not running. The current
 * thread is never on it. A switch goes straight from one thread's kernel
 * stack to the next (swtch); the idle thread runs when nothing else can.
 * A thread that died on its own stack is freed by the next thread, right
 * after the switch (sched_reap).
 */
#include <stddef.h>
#include "kernel/sched.h"
#include "kernel/runq.h"
#include "kernel/thread.h"
#include "kernel/task.h"
#include "kernel/lib.h"
#include "kernel/i386/cpu.h"
#include "kernel/i386/fpu.h"
#include "harbor/error.h"

struct thread *current;
uint32_t ticks;

static struct runq runq;
static struct thread *idle;
static struct thread *timed;		/* threads blocked with a deadline */
static struct thread *zombie;		/* died on its own stack; free after switch */
static int need_resched;

/*
 * The legal moves between thread states (thread.h has the picture). The
 * idle thread is the one exception to "READY means on the run queue": it
 * is READY off the queue, the fallback when the queue is empty.
 *
 * Some rules are rows of this table, so the one check thread_set_state
 * makes on a move asserts them too: only a READY or HANDED thread is
 * switched to (RUNNING), and only a waiting thread is handed the CPU
 * (HANDED: "the fast path delivers only to a thread that waits").
 */
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
 * The one place a thread's state changes: to `to`, which must be a legal
 * move from its state and one of the states in `allowed` (what the caller
 * means to do: "start a wait" allows only the wait states). Inline, so a
 * move the caller names as a constant costs one test of the table.
 */
static inline __attribute__((always_inline)) void
thread_set_state_in(struct thread *t, enum thread_state to, uint32_t allowed)
{
	if (!(thread_moves[t->state] & TS(to) & allowed))
		panic("thread %u: illegal state change %u -> %u (thread.h lists the legal ones)",
		      t->id, t->state, to);
	t->state = to;
}

static inline __attribute__((always_inline)) void
thread_set_state(struct thread *t, enum thread_state to)
{
	thread_set_state_in(t, to, ~0u);
}

static void
timer_list_remove(struct thread *t)
{
	for (struct thread **pp = &timed; *pp; pp = &(*pp)->timer_next) {
		if (*pp == t) {
			*pp = t->timer_next;
			break;
		}
	}
	t->timer_next = NULL;
	t->deadline = 0;
}

void
sched_reap(void)
{
	if (zombie && zombie != current) {
		thread_free(zombie);
		zombie = NULL;
	}
}

/* Run next (READY off the queue, HANDED, or the current thread itself) in
 * place of the current thread, whose state the caller has set already.
 * Inline: every RPC comes through here, and gcc stops inlining it by
 * itself once it holds the FPU switch (a call costs about 10
 * instructions a switch, make bench shows). */
static inline __attribute__((always_inline)) void
sched_run(struct thread *next)
{
	struct thread *prev = current;

	assert(next->waitq == NULL && next->deadline == 0);	/* "a thread switched to waits on nothing" */
	assert(prev == next || prev->state != THREAD_RUNNING);	/* "the thread leaving the CPU was put somewhere" */
	need_resched = 0;
	thread_set_state(next, THREAD_RUNNING);		/* (from READY or HANDED only: the table) */
	next->ticks_left = QUANTUM_TICKS;	/* (also for a lone spinner, or it is never preempted again) */
	if (next == prev)
		return;
	current = next;
	cpu_switch_address_space(next);
	fpu_save(&prev->fpu);		/* user state too: every switch (kernel/i386/fpu.c) */
	fpu_load(&next->fpu);
	swtch(&prev->context, next->context);
	/* Back on prev's stack: some other thread switched to us. */
	sched_reap();
}

/* Switch to the thread next names, else the run queue's best, else idle.
 * The caller has already put the current thread where it belongs. */
static inline __attribute__((always_inline)) void
sched_switch(struct sched_next next)
{
	struct thread *to = NULL;

	if (next.kind == NEXT_THIS) {
		to = next.thread;
		if (to->state == THREAD_READY && to != idle)
			runq_remove(&runq, to);
	}
	if (to == NULL)
		to = runq_pop(&runq);
	if (to == NULL)
		to = idle;
	sched_run(to);
}

struct sched_next
sched_next_combine(struct sched_next a, struct sched_next b)
{
	if (b.kind == NEXT_SAME || (a.kind == NEXT_THIS && b.kind == NEXT_OTHER) ||
	    (a.kind == NEXT_THIS && b.kind == NEXT_THIS && a.thread == b.thread))
		return a;
	if (a.kind != NEXT_THIS || b.kind != NEXT_THIS)
		return a.kind == NEXT_SAME || b.kind == NEXT_THIS ? b : a;
	/* Two threads want the CPU next: the run queue decides between them. */
	sched_continue(a);
	sched_continue(b);
	return (struct sched_next){ NEXT_OTHER, NULL };
}

static void
idle_loop(void)
{
	for (;;) {
		cpu_idle_wait();		/* sti; hlt; cli */
		if (runq_best(&runq) >= 0)
			sched_yield();
	}
}

void
sched_init(void)
{
	int err;

	idle = thread_create_kernel(idle_loop, &err);
	if (idle == NULL)
		panic("sched_init: no idle thread");
	idle->priority = THREAD_PRIO_IDLE;
	thread_set_state(idle, THREAD_READY);	/* off the queue: see thread_moves */
}

void
sched_start(void)
{
	struct context *boot_ctx;

	current = runq_pop(&runq);
	if (current == NULL)
		current = idle;
	thread_set_state(current, THREAD_RUNNING);
	current->ticks_left = QUANTUM_TICKS;
	cpu_switch_address_space(current);
	fpu_load(&current->fpu);
	swtch(&boot_ctx, current->context);
	panic("sched_start: returned to boot stack");
}

void
sched_make_runnable(struct thread *t)
{
	assert(t->state == THREAD_NEW || t->state == THREAD_HANDED);	/* "waits end in sched_wakeup" */
	thread_set_state(t, THREAD_READY);
	runq_insert(&runq, t);
	if (current && t->priority > current->priority)
		need_resched = 1;
}

/* The current thread starts waiting in `why` on q (may be NULL), for at most timeout ticks. */
static void
sched_wait_on(enum thread_state why, struct waitq *q, uint32_t timeout)
{
	struct thread *t = current;

	thread_set_state_in(t, why, TS_WAITS);
	t->waitq = q;
	t->wait_result = ERR_OK;
	if (q)
		waitq_push(q, t);
	if (timeout) {
		t->deadline = ticks + timeout;
		t->timer_next = timed;
		timed = t;
	}
}

int
sched_block(enum thread_state why, struct waitq *q, uint32_t timeout, struct sched_next next)
{
	sched_wait_on(why, q, timeout);
	sched_switch(next);
	return current->wait_result;
}

void
sched_continue(struct sched_next next)
{
	if (next.kind == NEXT_THIS && next.thread->state == THREAD_HANDED)
		sched_make_runnable(next.thread);
}

/* Take waiting thread t off its wait queue and the timer list, with result. */
static inline __attribute__((always_inline)) void
sched_end_wait(struct thread *t, int result)
{
	if (t->waitq)
		waitq_remove(t->waitq, t);
	t->waitq = NULL;
	if (t->deadline)
		timer_list_remove(t);
	t->wait_result = result;
}

void
sched_wakeup(struct thread *t, int result)
{
	if (!(TS(t->state) & TS_WAITS))
		return;		/* not waiting: nothing to end */
	sched_end_wait(t, result);
	thread_set_state(t, THREAD_READY);
	runq_insert(&runq, t);
	if (current && t->priority > current->priority)
		need_resched = 1;
}

struct sched_next
sched_wakeup_direct(struct thread *t, int result)
{
	thread_set_state(t, THREAD_HANDED);	/* panics unless t waits (the table) */
	sched_end_wait(t, result);
	return sched_next_this(t);
}

void
sched_yield(void)
{
	thread_set_state(current, THREAD_READY);
	if (current != idle)
		runq_insert(&runq, current);
	sched_switch(SCHED_SAME);
}

void
sched_set_priority(struct thread *t, uint32_t priority)
{
	if (t->state == THREAD_READY && t != idle) {
		runq_remove(&runq, t);
		t->priority = priority;
		runq_insert(&runq, t);
	} else {
		t->priority = priority;
	}
	if (t != current && t->state == THREAD_READY && priority > current->priority)
		need_resched = 1;
	if (t == current && runq_best(&runq) > (int)priority)
		need_resched = 1;
}

void
sched_forget(struct thread *t)
{
	if (t->state == THREAD_READY)
		runq_remove(&runq, t);
	if (t->waitq)
		waitq_remove(t->waitq, t);
	t->waitq = NULL;
	if (t->deadline)
		timer_list_remove(t);
	thread_set_state(t, THREAD_DEAD);
}

void
sched_exit(void)
{
	sched_reap();		/* at most one zombie at a time */
	zombie = current;
	if (current->state != THREAD_DEAD)
		thread_set_state(current, THREAD_DEAD);
	sched_switch(SCHED_SAME);
	panic("sched_exit: a dead thread ran");
}

void
sched_tick(void)
{
	ticks++;
	for (struct thread *t = timed, *next; t; t = next) {
		next = t->timer_next;
		if ((int32_t)(ticks - t->deadline) >= 0)
			sched_wakeup(t, ERR_TIMED_OUT);
	}
	if (current != idle && current->ticks_left > 0 && --current->ticks_left == 0)
		need_resched = 1;
}

void
sched_preempt_point(void)
{
	if (need_resched)
		sched_yield();
}

uint32_t
sched_ms_to_ticks(uint32_t ms)
{
	uint32_t t = ms / (1000 / HZ) + (ms % (1000 / HZ) != 0);

	return t ? t : 1;
}
