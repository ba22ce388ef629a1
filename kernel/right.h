/*
 * right.h - rights leaving a task (copyin), arriving in one (copyout) and
 * being destroyed. A port's own life and death are in portlife.h.
 *
 * A right "in transit" is a port pointer plus a kind (MSG_MOVE_SEND,
 * MSG_MOVE_SEND_ONCE or MSG_MOVE_RECEIVE) that owns one port reference.
 */
#ifndef KERNEL_RIGHT_H
#define KERNEL_RIGHT_H

#include <stdint.h>
#include "kernel/port.h"
#include "kernel/portlife.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "harbor/error.h"
#include "harbor/msg.h"


/*
 * right_check - may task t pass `name` with disposition disp? Returns
 * ERR_OK and the port in *pp, or ERR_BAD_NAME (no such name),
 * ERR_BAD_RIGHT (the name lacks the right disp needs), ERR_PORT_DEAD
 * (a send right to a dead port), ERR_BAD_DISPOSITION. Changes nothing.
 */
int right_check(struct task *t, port_name_t name, uint32_t disp, struct port **pp);

/*
 * right_check_entry - right_check for an entry already looked up (NULL
 * when the name denotes nothing). Inline, so the RPC fast path runs the
 * very same check as every other send.
 */
static inline int
right_check_entry(const struct space_entry *e, uint32_t disp, struct port **pp)
{
	uint32_t need;

	switch (disp) {
	case MSG_MOVE_SEND:
	case MSG_COPY_SEND:
		need = RIGHT_SEND;
		break;
	case MSG_MOVE_SEND_ONCE:
		need = RIGHT_SEND_ONCE;
		break;
	case MSG_MAKE_SEND:
	case MSG_MAKE_SEND_ONCE:
	case MSG_MOVE_RECEIVE:
		need = RIGHT_RECEIVE;
		break;
	default:
		return ERR_BAD_DISPOSITION;
	}
	if (e == NULL)
		return ERR_BAD_NAME;
	if (e->rights & RIGHT_DEAD)
		return ERR_PORT_DEAD;
	if (!(e->rights & need))
		return ERR_BAD_RIGHT;
	if (e->port->dead)
		return ERR_PORT_DEAD;
	if (disp == MSG_MOVE_RECEIVE && e->port->ktype != KOBJ_NONE)
		return ERR_BAD_RIGHT;
	*pp = e->port;
	return ERR_OK;
}

/* right_kind - the kind of right a disposition delivers (MSG_MOVE_SEND etc.), or 0. */
uint32_t right_kind(uint32_t disp);

/*
 * right_copyin - take the right disp describes out of t (right_check
 * passed just before). Returns the port, with one reference owned by the
 * caller, now in transit as right_kind(disp).
 */
struct port *right_copyin(struct task *t, port_name_t name, uint32_t disp);

/* The parts of right_copyin_entry out of line (right.c): */
void right_copyin_missing(struct task *t, port_name_t name) __attribute__((noreturn));
void right_receive_leaves(struct task *t, struct port *p);
void right_entry_emptied(struct task *t, struct space_entry *e, port_name_t name);

/*
 * right_copyin_entry - right_copyin for t's entry e, which `name` denotes.
 * Inline, so the RPC fast path moves rights with this same code.
 */
static inline struct port *
right_copyin_entry(struct task *t, struct space_entry *e, port_name_t name, uint32_t disp)
{
	struct port *p;

	if (e == NULL || e->port == NULL)
		right_copyin_missing(t, name);	/* pass 1 let through what pass 2 cannot do */
	p = e->port;
	port_ref(p);			/* the reference in transit */
	switch (disp) {
	case MSG_COPY_SEND:
	case MSG_MAKE_SEND:
		p->srights++;
		break;
	case MSG_MOVE_SEND:
		if (--e->urefs == 0)
			e->rights &= ~RIGHT_SEND;
		else
			p->srights++;
		break;
	case MSG_MOVE_SEND_ONCE:
		e->rights &= ~RIGHT_SEND_ONCE;
		break;
	case MSG_MOVE_RECEIVE:
		e->rights &= ~RIGHT_RECEIVE;
		right_receive_leaves(t, p);
		break;
	}
	if (e->rights == 0)
		right_entry_emptied(t, e, name);
	return p;
}

/*
 * right_copyout_any - give task t the right in transit (p, kind); the
 * reference passes to t. Returns its name in t, NAME_DEAD if the port
 * died, or NAME_NULL if t's name space is full (the right is destroyed).
 */
port_name_t right_copyout_any(struct task *t, struct port *p, uint32_t kind);

/* right_copyout - as above; inline for the usual reply right (a send-once right gets a name of its own). */
static inline port_name_t
right_copyout(struct task *t, struct port *p, uint32_t kind)
{
	port_name_t name;

	if (kind == MSG_MOVE_SEND_ONCE && !p->dead &&
	    (name = space_alloc(t->space, p, RIGHT_SEND_ONCE)) != NAME_NULL)
		return name;
	return right_copyout_any(t, p, kind);
}

/* right_destroy - destroy a right in transit (send-once: tell the port). */
void right_destroy(struct port *p, uint32_t kind);

/* right_release_entry - drop every right entry e of t holds, and free e. */
void right_release_entry(struct task *t, struct space_entry *e);

#endif /* KERNEL_RIGHT_H */
