/*
 * portset.c - port sets (membership lists; receiving is in ipc.c, and
 * handing a message straight to a set's receiver in fastpath.c).
 *
 * A set's `count` is the sum of its members' counts: port_enqueue and
 * port_dequeue keep it as messages come and go, and the membership
 * changes here move a member's count in and out with it. So an empty set
 * costs a receiver one test, not a walk of the members.
 */
#include <stddef.h>
#include "kernel/portset.h"
#include "kernel/ipc.h"
#include "kernel/lib.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "harbor/error.h"

/* Put p at the end of set's member list. */
static void
portset_append(struct port *set, struct port *p)
{
	struct port **pp;

	for (pp = &set->members; *pp; pp = &(*pp)->set_next)
		;
	*pp = p;
	p->set_next = NULL;
	p->set = set;
	set->count += p->count;
}

void
portset_insert(struct port *set, struct port *p)
{
	portset_remove(p);
	portset_append(set, p);
	if (p->senders.head)
		set->senders_maybe = 1;		/* (ipc_offer_room's hint) */
	if (p->count > 0 && set->receivers.head)
		sched_wakeup(set->receivers.head, ERR_OK);
	else
		ipc_offer_room(p, 0);	/* the set's receivers count for p now */
}

void
portset_remove(struct port *p)
{
	struct port *set = p->set;

	if (set == NULL)
		return;
	for (struct port **pp = &set->members; *pp; pp = &(*pp)->set_next) {
		if (*pp == p) {
			*pp = p->set_next;
			break;
		}
	}
	assert(set->count >= p->count);	/* "a set's count is the sum of its members'" */
	set->count -= p->count;
	p->set = NULL;
	p->set_next = NULL;
}

struct port *
portset_first(struct port *set)
{
	struct port *p;

	if (set->count == 0)
		return NULL;	/* no member has mail: no need to look */
	for (p = set->members; p; p = p->set_next)
		if (p->count > 0)
			break;
	assert(p != NULL);	/* "a set's count is the sum of its members'" */
	if (p->set_next) {
		/* Round robin: the member served goes to the back of the line,
		 * so a busy member cannot starve the others. */
		portset_remove(p);
		portset_append(set, p);
	}
	return p;
}

void
portset_destroy(struct port *set)
{
	while (set->members)
		portset_remove(set->members);
	port_destroy(set);	/* wakes its receivers with ERR_PORT_DEAD */
}
