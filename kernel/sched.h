/*
 * sched.h - the scheduler: preemptive, priority round-robin, one CPU.
 *
 * The kernel runs with interrupts off, so nothing here needs a lock: a
 * thread leaves the CPU only by blocking, yielding, dying, or being
 * preempted by the timer while in user mode.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>

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

/* sched_make_runnable - put a new or woken thread on the run queue. */
void sched_make_runnable(struct thread *t);

/*
 * sched_block - the current thread waits on q (may be NULL) until
 * sched_wakeup, or until `timeout` ticks pass (0 = no timeout).
 * Returns the result the waker gave, or ERR_TIMED_OUT.
 */
int sched_block(struct waitq *q, uint32_t timeout);

/* sched_wakeup - end t's wait with `result` and make it runnable. */
void sched_wakeup(struct thread *t, int result);

/*
 * sched_wakeup_direct - end t's wait with `result`, but put it on no run
 * queue: the caller must then either switch to it (sched_block_to) or
 * make it runnable (sched_make_runnable). The RPC fast path.
 */
void sched_wakeup_direct(struct thread *t, int result);

/*
 * sched_block_to - like sched_block, but the CPU goes straight to next
 * (woken with sched_wakeup_direct), past the run queue.
 */
int sched_block_to(struct waitq *q, uint32_t timeout, struct thread *next);

/* sched_handoff - run t next when the current thread blocks (the RPC fast path). */
void sched_handoff(struct thread *t);

/* sched_yield - let other threads of the same or higher priority run. */
void sched_yield(void);

/* sched_set_priority - change t's priority, moving it between run queue levels. */
void sched_set_priority(struct thread *t, uint32_t priority);

/* sched_forget - take t off the run queue and the timer list (it is dying). */
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
