/*
 * notify.c - dead-name, no-senders and send-possible notifications.
 *
 * Every notification is a small message (struct msg_notification: the
 * requester's name for the right) sent through the send-once right that
 * came with the request; it never waits for room, as no reply does.
 */
#include <stddef.h>
#include "kernel/notify.h"
#include "kernel/ipc.h"
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/pool.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "harbor/error.h"

static struct zone notify_zone = ZONE_INIT("notify", struct notify_req);

/* Send notification `id` about `name` through send-once right so, using it up. */
static void
notify_send(struct port *so, uint32_t id, port_name_t name)
{
	struct kmsg *m = kmsg_alloc(sizeof(struct msg_notification), so->charged);

	if (m != NULL) {
		struct msg_notification *n = (struct msg_notification *)m->msg;
		n->head = (struct msg_header){ .size = sizeof(*n), .id = id };
		n->name = name;
		ipc_deliver(so, m);
	}
	port_release(so);	/* the send-once right is used up */
}

static void
notify_free(struct notify_req *r, int fire)
{
	if (fire)
		notify_send(r->notify, r->kind == NOTIFY_DEAD_NAME ? MSG_ID_NOTIFY_DEAD_NAME :
			    MSG_ID_NOTIFY_SEND_POSSIBLE, r->name);
	else
		right_destroy(r->notify, MSG_MOVE_SEND_ONCE);
	pool_uncharge(r->task, sizeof(*r));
	zone_free(&notify_zone, r);
}

int
notify_request(struct task *t, port_name_t name, uint32_t kind, struct port *notify)
{
	struct space_entry *e = space_lookup(t->space, name);
	struct notify_req *r, **pp;
	struct port *p;

	if (e == NULL)
		return ERR_BAD_NAME;
	p = e->port;
	switch (kind) {
	case NOTIFY_NO_SENDERS:
		if (!(e->rights & RIGHT_RECEIVE))
			return ERR_BAD_RIGHT;
		if (p->nsreq)
			right_destroy(p->nsreq, MSG_MOVE_SEND_ONCE);
		p->nsreq = notify;
		p->nsname = name;
		if (p->srights == 0)
			notify_srights_dec(p);	/* none now: tell at once */
		return ERR_OK;
	case NOTIFY_DEAD_NAME:
	case NOTIFY_SEND_POSSIBLE:
		if (!(e->rights & (RIGHT_SEND | RIGHT_DEAD)))
			return ERR_BAD_RIGHT;
		break;
	default:
		return ERR_BAD_ARGUMENT;
	}
	if (kind == NOTIFY_DEAD_NAME && (p == NULL || p->dead)) {
		notify_send(notify, MSG_ID_NOTIFY_DEAD_NAME, name);
		return ERR_OK;
	}
	if (pool_charge(t, sizeof(*r)) != ERR_OK)
		return ERR_NO_MEMORY;
	r = zone_alloc(&notify_zone);
	if (r == NULL) {
		pool_uncharge(t, sizeof(*r));
		return ERR_NO_MEMORY;
	}
	*r = (struct notify_req){ .task = t, .name = name, .kind = kind, .notify = notify };
	/* A new request replaces the requester's old one of the same kind. */
	for (pp = &p->reqs; *pp; pp = &(*pp)->next) {
		if ((*pp)->task == t && (*pp)->name == name && (*pp)->kind == kind) {
			struct notify_req *old = *pp;
			*pp = old->next;
			notify_free(old, 0);
			break;
		}
	}
	r->next = p->reqs;
	p->reqs = r;
	return ERR_OK;
}

void
notify_port_died(struct port *p)
{
	while (p->reqs) {
		struct notify_req *r = p->reqs;
		p->reqs = r->next;
		notify_free(r, r->kind == NOTIFY_DEAD_NAME);
	}
	if (p->nsreq) {
		right_destroy(p->nsreq, MSG_MOVE_SEND_ONCE);
		p->nsreq = NULL;
	}
}

void
notify_cancel(struct port *p, struct task *t, port_name_t name)
{
	for (struct notify_req **pp = &p->reqs; *pp;) {
		struct notify_req *r = *pp;
		if (r->task == t && r->name == name) {
			*pp = r->next;
			notify_free(r, 0);
		} else {
			pp = &r->next;
		}
	}
}

void
notify_srights_dec(struct port *p)
{
	if (p->srights > 0)
		p->srights--;
	if (p->srights == 0 && p->nsreq && !p->dead) {
		struct port *so = p->nsreq;
		p->nsreq = NULL;
		notify_send(so, MSG_ID_NOTIFY_NO_SENDERS, p->nsname);
	}
}

static struct notify_req *
notify_find_sp(struct port *p, struct task *t, port_name_t name)
{
	for (struct notify_req *r = p->reqs; r; r = r->next)
		if (r->task == t && r->name == name && r->kind == NOTIFY_SEND_POSSIBLE)
			return r;
	return NULL;
}

int
notify_may_overflow(struct port *p, struct task *t, port_name_t name)
{
	return current->overflow == NULL && notify_find_sp(p, t, name) != NULL;
}

void
notify_overflow(struct port *p, struct task *t, port_name_t name, struct kmsg *m)
{
	struct notify_req *r = notify_find_sp(p, t, name);

	if (r)		/* gone if the send moved the name's last send right */
		r->armed = 1;
	current->overflow = m;
	m->overflow_by = current;
}

/* Untie a thread from its message past the limit (they point at each other). */
static void
notify_overflow_untie(struct thread *th, struct kmsg *m)
{
	th->overflow = NULL;
	m->overflow_by = NULL;
}

void
notify_kmsg_gone(struct kmsg *m)
{
	if (m->overflow_by)
		notify_overflow_untie(m->overflow_by, m);
}

void
notify_dequeued(struct port *p, struct kmsg *m)
{
	notify_kmsg_gone(m);
	if (p->count >= (p->limit ? p->limit : 1))
		return;		/* still full (a rendezvous port has room when empty) */
	for (struct notify_req **pp = &p->reqs; *pp;) {
		struct notify_req *r = *pp;
		if (r->kind == NOTIFY_SEND_POSSIBLE && r->armed) {
			*pp = r->next;
			notify_free(r, 1);
		} else {
			pp = &r->next;
		}
	}
}

void
notify_thread_gone(struct thread *th)
{
	if (th->overflow)
		notify_overflow_untie(th, th->overflow);
}

uint32_t
notify_count(void)
{
	return notify_zone.in_use;
}
