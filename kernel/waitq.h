/*
 * waitq.h - FIFO queues of threads, used for run queues' levels and for
 * threads waiting on a port. A thread is on at most one queue at a time
 * (runnable or waiting, never both), linked through thread->next.
 */
#ifndef KERNEL_WAITQ_H
#define KERNEL_WAITQ_H

#include <stdint.h>

struct thread;

struct waitq {
	struct thread *head, *tail;
	uint32_t count;
};

/* waitq_push - append t at the tail. */
void waitq_push(struct waitq *q, struct thread *t);

/* waitq_pop - remove and return the head, or NULL when empty. */
struct thread *waitq_pop(struct waitq *q);

/* waitq_remove - take t out of q wherever it is; returns 1 if it was there. */
int waitq_remove(struct waitq *q, struct thread *t);

#endif /* KERNEL_WAITQ_H */
