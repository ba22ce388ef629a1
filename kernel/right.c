/*
 * right.c - moving rights between name spaces, and port life and death.
 *
 * Every function here keeps one invariant: each space entry that names a
 * port, each right in transit, and each kernel object holds exactly one
 * reference to the port. When the last goes, the port is freed.
 */
#include <stddef.h>
#include "kernel/right.h"
#include "kernel/ipc.h"
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/irq.h"
#include "kernel/notify.h"
#include "kernel/portset.h"
#include "kernel/pool.h"
#include "kernel/port.h"
#include "kernel/sched.h"
#include "kernel/space.h"
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
port_release(struct port *p)
{
	if (!port_unref(p))
		return;
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
	p->receiver = NULL;
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

uint32_t
right_kind(uint32_t disp)
{
	return msg_disposition_kind(disp);	/* the ABI's definition; MSG_NONE is 0 */
}

int
right_check(struct task *t, port_name_t name, uint32_t disp, struct port **pp)
{
	return right_check_entry(space_lookup(t->space, name), disp, pp);
}

struct port *
right_copyin(struct task *t, port_name_t name, uint32_t disp)
{
	return right_copyin_entry(t, space_lookup(t->space, name), name, disp);
}

void
right_copyin_missing(struct task *t, port_name_t name)
{
	panic("right_copyin: task %u name %x: no right left to take "
	      "(pass 1 must refuse a message that uses a right after it left)", t->id, name);
}

void
right_receive_leaves(struct task *t, struct port *p)
{
	/* Receivers still waiting in this task lose the port. */
	p->receiver = NULL;
	port_recharge(p, t);	/* the mover pays while it travels */
	portset_remove(p);	/* a set holds only its owner's ports */
	if (p->nsreq) {		/* the request was its holder's, who lets go */
		right_destroy(p->nsreq, MSG_MOVE_SEND_ONCE);
		p->nsreq = NULL;
	}
	while (p->receivers.head)
		sched_wakeup(p->receivers.head, ERR_PORT_DEAD);
}

void
right_entry_emptied(struct task *t, struct space_entry *e, port_name_t name)
{
	struct port *p = e->port;

	notify_cancel(p, t, name);
	space_free(t->space, e);
	port_release(p);	/* the entry's reference */
}

port_name_t
right_copyout_any(struct task *t, struct port *p, uint32_t kind)
{
	struct space_entry *e = NULL;
	port_name_t name;

	if (p->dead && kind != MSG_MOVE_RECEIVE) {
		right_destroy(p, kind);
		return NAME_DEAD;
	}
	if (kind != MSG_MOVE_SEND_ONCE)
		e = space_find(t->space, p);
	if (e != NULL) {
		if (kind == MSG_MOVE_SEND) {
			if (e->rights & RIGHT_SEND)
				notify_srights_dec(p);	/* merges into the name's right */
			if (e->urefs < SPACE_UREFS_MAX)
				e->urefs++;
			e->rights |= RIGHT_SEND;
		} else {
			e->rights |= RIGHT_RECEIVE;
			p->receiver = t;
			port_recharge(p, t);
		}
		port_release(p);	/* the entry already holds one */
		return space_name(t->space, e);
	}
	name = space_alloc(t->space, p, kind == MSG_MOVE_SEND ? RIGHT_SEND :
			   kind == MSG_MOVE_SEND_ONCE ? RIGHT_SEND_ONCE : RIGHT_RECEIVE);
	if (name == NAME_NULL) {
		right_destroy(p, kind);
		return NAME_NULL;
	}
	if (kind == MSG_MOVE_RECEIVE) {
		p->receiver = t;
		port_recharge(p, t);
	}
	return name;
}

void
right_destroy(struct port *p, uint32_t kind)
{
	switch (kind) {
	case MSG_MOVE_SEND:
		notify_srights_dec(p);
		break;
	case MSG_MOVE_SEND_ONCE:
		ipc_notify_send_once(p);
		break;
	case MSG_MOVE_RECEIVE:
		port_destroy(p);
		break;
	}
	port_release(p);
}

void
right_release_entry(struct task *t, struct space_entry *e)
{
	struct port *p = e->port;

	if (p == NULL) {		/* a dead name with no port */
		space_free(t->space, e);
		return;
	}
	notify_cancel(p, t, space_name(t->space, e));
	if (e->rights & RIGHT_SEND)
		notify_srights_dec(p);
	if (e->rights & RIGHT_SEND_ONCE)
		ipc_notify_send_once(p);
	if (e->rights & RIGHT_RECEIVE)
		port_destroy(p);
	if (e->rights & RIGHT_PORTSET)
		portset_destroy(p);
	space_free(t->space, e);
	port_release(p);
}
