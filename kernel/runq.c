/*
 * runq.c - priority round-robin run queue (portable; host-tested).
 */
#include <stddef.h>
#include "kernel/runq.h"

void
runq_insert(struct runq *rq, struct thread *t)
{
	waitq_push(&rq->level[t->priority], t);
	rq->bitmap |= 1u << t->priority;
}

void
runq_remove(struct runq *rq, struct thread *t)
{
	struct waitq *q = &rq->level[t->priority];

	if (waitq_remove(q, t) && q->count == 0)
		rq->bitmap &= ~(1u << t->priority);
}

int
runq_best(const struct runq *rq)
{
	return rq->bitmap ? 31 - __builtin_clz(rq->bitmap) : -1;
}

struct thread *
runq_pop(struct runq *rq)
{
	int p = runq_best(rq);
	struct thread *t;

	if (p < 0)
		return NULL;
	t = waitq_pop(&rq->level[p]);
	if (rq->level[p].count == 0)
		rq->bitmap &= ~(1u << p);
	return t;
}
