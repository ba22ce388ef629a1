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
static struct thread *handoff;		/* run this next, if still runnable */
static struct thread *timed;		/* threads blocked with a deadline */
static struct thread *zombie;		/* died on its own stack; free after switch */
static int need_resched;

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

/* Run next (runnable, on no queue) in place of the current thread, whose
 * state the caller has set already. Inline: every RPC comes through here,
 * and gcc stops inlining it by itself once it holds the FPU switch (a
 * call costs about 10 instructions a switch, make bench shows). */
static inline void
sched_run(struct thread *next)
{
	struct thread *prev = current;

	need_resched = 0;
	if (next == prev) {
		prev->state = THREAD_RUNNING;
		prev->ticks_left = QUANTUM_TICKS;	/* or a lone spinner is never preempted again */
		return;
	}
	next->state = THREAD_RUNNING;
	next->ticks_left = QUANTUM_TICKS;
	current = next;
	cpu_switch_address_space(next);
	fpu_save(&prev->fpu);		/* user state too: every switch (kernel/i386/fpu.c) */
	fpu_load(&next->fpu);
	swtch(&prev->context, next->context);
	/* Back on prev's stack: some other thread switched to us. */
	sched_reap();
}

/* Pick the next thread and switch to it. The caller has already put the
 * current thread where it belongs (run queue, wait queue, or nowhere). */
static void
sched_switch(void)
{
	struct thread *next = NULL;

	if (handoff && handoff->state == THREAD_RUNNABLE) {
		next = handoff;
		runq_remove(&runq, next);
	}
	handoff = NULL;
	if (next == NULL)
		next = runq_pop(&runq);
	if (next == NULL)
		next = idle;
	sched_run(next);
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
}

void
sched_start(void)
{
	struct context *boot_ctx;

	current = runq_pop(&runq);
	if (current == NULL)
		current = idle;
	current->state = THREAD_RUNNING;
	current->ticks_left = QUANTUM_TICKS;
	cpu_switch_address_space(current);
	fpu_load(&current->fpu);
	swtch(&boot_ctx, current->context);
	panic("sched_start: returned to boot stack");
}

void
sched_make_runnable(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	runq_insert(&runq, t);
	if (current && t->priority > current->priority)
		need_resched = 1;
}

/* The current thread starts waiting on q (may be NULL), for at most timeout ticks. */
static void
sched_wait_on(struct waitq *q, uint32_t timeout)
{
	struct thread *t = current;

	t->state = THREAD_BLOCKED;
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
sched_block(struct waitq *q, uint32_t timeout)
{
	sched_wait_on(q, timeout);
	sched_switch();
	return current->wait_result;
}

int
sched_block_to(struct waitq *q, uint32_t timeout, struct thread *next)
{
	sched_wait_on(q, timeout);
	sched_run(next);
	return current->wait_result;
}

/* End t's wait with result; it is runnable but on no queue yet. */
static int
sched_unblock(struct thread *t, int result)
{
	if (t->state != THREAD_BLOCKED)
		return 0;
	if (t->waitq)
		waitq_remove(t->waitq, t);
	t->waitq = NULL;
	if (t->deadline)
		timer_list_remove(t);
	t->wait_result = result;
	t->state = THREAD_RUNNABLE;
	return 1;
}

void
sched_wakeup(struct thread *t, int result)
{
	if (sched_unblock(t, result))
		sched_make_runnable(t);
}

void
sched_wakeup_direct(struct thread *t, int result)
{
	sched_unblock(t, result);
}

void
sched_handoff(struct thread *t)
{
	handoff = t;
}

void
sched_yield(void)
{
	if (current != idle) {
		current->state = THREAD_RUNNABLE;
		runq_insert(&runq, current);
	}
	sched_switch();
}

void
sched_set_priority(struct thread *t, uint32_t priority)
{
	if (t->state == THREAD_RUNNABLE) {
		runq_remove(&runq, t);
		t->priority = priority;
		runq_insert(&runq, t);
	} else {
		t->priority = priority;
	}
	if (t != current && t->state == THREAD_RUNNABLE && priority > current->priority)
		need_resched = 1;
	if (t == current && runq_best(&runq) > (int)priority)
		need_resched = 1;
}

void
sched_forget(struct thread *t)
{
	if (t->state == THREAD_RUNNABLE)
		runq_remove(&runq, t);
	if (t->waitq)
		waitq_remove(t->waitq, t);
	t->waitq = NULL;
	if (t->deadline)
		timer_list_remove(t);
	if (handoff == t)
		handoff = NULL;
	t->state = THREAD_DEAD;
}

void
sched_exit(void)
{
	sched_reap();		/* at most one zombie at a time */
	zombie = current;
	current->state = THREAD_DEAD;
	sched_switch();
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
