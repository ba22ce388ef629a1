/*
 * portlife.c - a port's life: made (port_alloc), paid for (port_recharge),
 * killed when its receive right goes (port_destroy), freed when its last
 * reference goes (port_release, port_free).
 *
 * port.c keeps a port's queue and counts (portable, host-tested); right.c
 * moves the rights that name it. What is here touches the kernel's pool,
 * the scheduler and the notifications, so it lives apart from both.
 */
#include <stddef.h>
#include "kernel/portlife.h"
#include "kernel/ipc.h"
#include "kernel/irq.h"
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/notify.h"
#include "kernel/pool.h"
#include "kernel/portset.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "harbor/error.h"

static struct zone port_zone = ZONE_INIT("port", struct port);
static uint32_t port_next_id = 1;

struct port *
port_alloc(struct task *t)
{
	struct port *p;

	if (pool_charge(t, sizeof(struct port)) != ERR_OK)
		return NULL;
	p = zone_alloc(&port_zone);
	if (p == NULL) {
		pool_uncharge(t, sizeof(struct port));
		return NULL;
	}
	port_init(p, port_next_id++);
	p->charged = t;
	return p;
}

void
port_free(struct port *p)
{
	assert(p->refs == 0);	/* "a port is freed when its last reference goes, not before" */
	assert(p->count == 0 && p->senders.count == 0 && p->receivers.count == 0);
	pool_uncharge(p->charged, sizeof(struct port));
	zone_free(&port_zone, p);
}

uint32_t
port_count(void)
{
	return port_zone.in_use;
}

/* Take p off its payer's list of ports in transit. */
static void
port_transit_unlink(struct port *p)
{
	if (p->transit_prev == NULL)
		return;
	*p->transit_prev = p->transit_next;
	if (p->transit_next)
		p->transit_next->transit_prev = p->transit_prev;
	p->transit_next = NULL;
	p->transit_prev = NULL;
}

/*
 * Ports whose queues still wait to be destroyed. A queued message can
 * carry the receive right of a port whose queue carries another, and so
 * on as deep as a task cares to nest them: destroying those queues by
 * recursion would overflow the kernel stack. So only the outermost
 * port_destroy empties queues, one port after another, from this list.
 */
static struct port *doomed;
static int draining;

void
port_destroy(struct port *p)
{
	struct kmsg *m;
	struct thread *th;

	p->dead = 1;
	port_receiver_set(p, NULL, NAME_NULL);
	portset_remove(p);
	notify_port_died(p);
	irq_port_died(p);
	while ((th = p->senders.head) != NULL)
		sched_wakeup(th, ERR_PORT_DEAD);
	while ((th = p->receivers.head) != NULL)
		sched_wakeup(th, ERR_PORT_DEAD);
	/* The port's quota charge ends with the receive right. */
	port_transit_unlink(p);
	pool_uncharge(p->charged, sizeof(struct port));
	p->charged = NULL;

	port_ref(p);		/* the list's reference, until its queue is gone */
	p->doomed_next = doomed;
	doomed = p;
	if (draining)
		return;
	draining = 1;
	while ((p = doomed) != NULL) {
		doomed = p->doomed_next;
		while ((m = port_dequeue(p)) != NULL)
			ipc_kmsg_destroy(m);	/* may put more ports on the list */
		port_release(p);
	}
	draining = 0;
}

void
port_recharge(struct port *p, struct task *t)
{
	struct task *payer;

	port_transit_unlink(p);
	pool_uncharge(p->charged, sizeof(struct port));
	payer = pool_charge(t, sizeof(struct port)) == ERR_OK ? t : NULL;
	p->charged = payer;
	for (struct kmsg *m = p->head; m; m = m->next)
		kmsg_recharge(m, payer);
	/* In transit, its payer is not its receiver: the payer's death must
	 * find it (task_terminate), so it goes on the payer's list. */
	if (payer && p->receiver == NULL && p->ktype == KOBJ_NONE && !p->dead) {
		p->transit_next = payer->in_transit;
		if (p->transit_next)
			p->transit_next->transit_prev = &p->transit_next;
		payer->in_transit = p;
		p->transit_prev = &payer->in_transit;
	}
}
