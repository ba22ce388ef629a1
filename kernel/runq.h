/*
 * runq.h - the run queue: one FIFO per priority and a bitmap of the
 * non-empty ones, so picking the next thread is a find-first-set.
 */
#ifndef KERNEL_RUNQ_H
#define KERNEL_RUNQ_H

#include <stdint.h>
#include "kernel/thread.h"
#include "kernel/waitq.h"

struct runq {
	struct waitq level[THREAD_PRIO_MAX + 1];
	uint32_t bitmap;		/* bit p set = level p not empty */
};

/* runq_insert - put t at the tail of its priority's queue. */
void runq_insert(struct runq *rq, struct thread *t);

/* runq_remove - take t out of the run queue if it is there. */
void runq_remove(struct runq *rq, struct thread *t);

/* runq_pop - remove and return the first thread of the highest priority, or NULL. */
struct thread *runq_pop(struct runq *rq);

/* runq_best - the highest priority with a runnable thread, or -1. */
int runq_best(const struct runq *rq);

#endif /* KERNEL_RUNQ_H */
