/*
 * runq.c - priority round-robin run queue (portable; host-tested).
 */
#include <stddef.h>
#include "kernel/runq.h"

void
runq_insert(struct runq *rq, struct thread *t)
{
	waitq_push(&rq->level[t->priority], t);
	/* LAB 3.1 BEGIN runq_bitmap */
	rq->bitmap |= 1u << t->priority;
	/* LAB 3.1 END runq_bitmap */
}

void
runq_remove(struct runq *rq, struct thread *t)
{
	struct waitq *q = &rq->level[t->priority];

	/* LAB 3.1 BEGIN runq_bitmap; handout: waitq_remove(q, t); */
	if (waitq_remove(q, t) && q->count == 0)
		rq->bitmap &= ~(1u << t->priority);
	/* LAB 3.1 END runq_bitmap */
}

int
runq_best(const struct runq *rq)
{
	/* LAB 3.1 BEGIN runq_bitmap; handout: for (int p = THREAD_PRIO_MAX; p >= 0; p--) { if (rq->level[p].count) return p; } return -1; */
	return rq->bitmap ? 31 - __builtin_clz(rq->bitmap) : -1;
	/* LAB 3.1 END runq_bitmap */
}

struct thread *
runq_pop(struct runq *rq)
{
	int p = runq_best(rq);
	struct thread *t;

	if (p < 0)
		return NULL;
	t = waitq_pop(&rq->level[p]);
	/* LAB 3.1 BEGIN runq_bitmap */
	if (rq->level[p].count == 0)
		rq->bitmap &= ~(1u << p);
	/* LAB 3.1 END runq_bitmap */
	return t;
}
