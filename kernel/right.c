/*
 * right.c - moving rights between name spaces.
 *
 * Every function here keeps one invariant: each space entry that names a
 * port, each right in transit, and each kernel object holds exactly one
 * reference to the port. When the last goes, the port is freed (its life
 * and death are in portlife.c).
 */
#include <stddef.h>
#include "kernel/right.h"
#include "kernel/ipc.h"
#include "kernel/lib.h"
#include "kernel/notify.h"
#include "kernel/portset.h"
#include "kernel/port.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "harbor/error.h"

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
	port_receiver_set(p, NULL, NAME_NULL);
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

	if (p->reqs != NULL)	/* (most ports have none: no call on the RPC path) */
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
			port_receiver_set(p, t, space_name(t->space, e));
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
		port_receiver_set(p, t, name);
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
