/*
 * sched.h - the scheduler: preemptive, priority round-robin, one CPU.
 *
 * The kernel runs with interrupts off, so nothing here needs a lock: a
 * thread leaves the CPU only by blocking, yielding, dying, or being
 * preempted by the timer while in user mode.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stddef.h>
#include <stdint.h>
#include "kernel/thread.h"

#define HZ		100u		/* timer ticks per second */
#define QUANTUM_TICKS	5u		/* 50 ms slices */

struct thread;
struct waitq;

extern struct thread *current;
extern uint32_t ticks;

/* sched_init - create the idle thread. */
void sched_init(void);

/* sched_start - leave boot code for the first runnable thread. Never returns. */
void sched_start(void) __attribute__((noreturn));

/*
 * What runs next after a kernel operation (Hubris's NextTask), returned
 * by whatever woke threads, so that "who runs" never travels through
 * out-parameters or sentinel error codes:
 *   NEXT_SAME   nothing changed: the current thread goes on, or, when it
 *               blocks, the run queue decides;
 *   NEXT_OTHER  threads were woken: when the current thread gives up the
 *               CPU, the run queue decides;
 *   NEXT_THIS   run `thread` (THREAD_READY or THREAD_HANDED) as soon as
 *               the current thread gives up the CPU.
 */
enum sched_next_kind { NEXT_SAME, NEXT_OTHER, NEXT_THIS };

struct sched_next {
	enum sched_next_kind kind;
	struct thread *thread;		/* NEXT_THIS only */
};

#define SCHED_SAME	((struct sched_next){ NEXT_SAME, NULL })

/* sched_next_this - the answer "run t next". */
static inline struct sched_next
sched_next_this(struct thread *t)
{
	return (struct sched_next){ NEXT_THIS, t };
}

/*
 * sched_next_combine - one answer for two operations done in a row: a
 * specific thread wins over "other", which wins over "same"; two different
 * specific threads both go to the run queue (a handed one is made ready)
 * and the answer is NEXT_OTHER.
 */
struct sched_next sched_next_combine(struct sched_next a, struct sched_next b);

/* sched_make_runnable - a THREAD_NEW or THREAD_HANDED thread goes on the run queue. */
void sched_make_runnable(struct thread *t);

/*
 * sched_block - the current thread waits in `why` (THREAD_SEND, _RECEIVE
 * or _REPLY) on q (may be NULL) until sched_wakeup, or until `timeout`
 * ticks pass (0 = no timeout). The CPU goes to next's thread if it names
 * one, else to the run queue's best. Returns the result the waker gave,
 * or ERR_TIMED_OUT.
 */
int sched_block(enum thread_state why, struct waitq *q, uint32_t timeout, struct sched_next next);

/*
 * sched_continue - the current thread goes on without blocking: a thread
 * next handed the CPU goes to the run queue instead.
 */
void sched_continue(struct sched_next next);

/* sched_wakeup - end t's wait with `result` and put it on the run queue (no-op if t does not wait). */
void sched_wakeup(struct thread *t, int result);

/*
 * sched_wakeup_direct - end t's wait with `result` and hand it the CPU:
 * it goes on no run queue (THREAD_HANDED). Returns "run t next", which
 * the caller must pass to sched_block or sched_continue. The RPC fast path.
 */
struct sched_next sched_wakeup_direct(struct thread *t, int result);

/* sched_yield - let other threads of the same or higher priority run. */
void sched_yield(void);

/* sched_set_priority - change t's priority, moving it between run queue levels. */
void sched_set_priority(struct thread *t, uint32_t priority);

/* sched_forget - take t off every queue and the timer list: it is THREAD_DEAD from now on. */
void sched_forget(struct thread *t);

/* sched_exit - the current thread is dead: switch away for good. */
void sched_exit(void) __attribute__((noreturn));

/*
 * sched_reap - free the thread that died on its own stack before the
 * switch to us; every thread calls it when it first runs or resumes.
 */
void sched_reap(void);

/* sched_tick - the timer interrupt: time out waits, count down the quantum. */
void sched_tick(void);

/* sched_preempt_point - on the way back to user mode: switch if the quantum ran out. */
void sched_preempt_point(void);

/* sched_ms_to_ticks - a timeout in milliseconds as ticks, rounded up, at least 1. */
uint32_t sched_ms_to_ticks(uint32_t ms);

#endif /* KERNEL_SCHED_H */
