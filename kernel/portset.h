/*
 * portset.h - port sets: receive from any of several ports.
 *
 * A set is a struct port with is_set: it has no queue of its own, only
 * members (ports whose receive rights its owner holds; a port is in at
 * most one set) and the threads waiting to receive from any of them.
 */
#ifndef KERNEL_PORTSET_H
#define KERNEL_PORTSET_H

#include "kernel/lib.h"
#include "kernel/port.h"
#include "kernel/space.h"
#include "kernel/task.h"

struct port;

/* portset_insert - put p in set (leaving any set it was in); wake a set receiver if p has mail. */
void portset_insert(struct port *set, struct port *p);

/* portset_remove - take p out of its set, if it is in one. */
void portset_remove(struct port *p);

/*
 * portset_first - the member whose queue has a message, oldest member
 * first, or NULL; that member goes to the back of the list (round robin).
 */
struct port *portset_first(struct port *set);

/* portset_destroy - the set's name is gone: release its members, wake its receivers. */
void portset_destroy(struct port *set);

/*
 * portset_member_name - the name under which task t holds member p's
 * receive right, for the header of a message received through the set.
 * One step, no search: the port keeps the name (port_receiver_set). A
 * set holds only its owner's ports, so the name must still be p's
 * receive right in t; anything else is a kernel bug and stops here.
 */
static inline port_name_t
portset_member_name(struct task *t, const struct port *p)
{
	const struct space_entry *e = space_lookup(t->space, p->rname);

	assert(p->receiver == t && e != NULL && e->port == p && (e->rights & RIGHT_RECEIVE));
	/* "a port's rname is its receive right's name in its receiver" */
	return p->rname;
}

#endif /* KERNEL_PORTSET_H */
