/*
 * waitq.c - FIFO thread queues (portable; host-tested in tests/unit).
 */
#include <stddef.h>
#include "kernel/waitq.h"
#include "kernel/thread.h"

void
waitq_push(struct waitq *q, struct thread *t)
{
	t->next = NULL;
	if (q->tail)
		q->tail->next = t;
	else
		q->head = t;
	q->tail = t;
	q->count++;
}

struct thread *
waitq_pop(struct waitq *q)
{
	struct thread *t = q->head;

	if (t == NULL)
		return NULL;
	q->head = t->next;
	if (q->head == NULL)
		q->tail = NULL;
	t->next = NULL;
	q->count--;
	return t;
}

int
waitq_remove(struct waitq *q, struct thread *t)
{
	struct thread *prev = NULL;

	for (struct thread *c = q->head; c; prev = c, c = c->next) {
		if (c != t)
			continue;
		if (prev)
			prev->next = t->next;
		else
			q->head = t->next;
		if (q->tail == t)
			q->tail = prev;
		t->next = NULL;
		q->count--;
		return 1;
	}
	return 0;
}
