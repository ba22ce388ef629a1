/*
 * port.h - ports: protected, bounded message queues.
 *
 * A port is referenced by every name entry that holds a right to it, by
 * every message that carries a right to it, and by the kernel object it
 * stands for. The receive right has one holder (`receiver`); when it is
 * destroyed the port is dead: its queue is destroyed, its waiters woken
 * with ERR_PORT_DEAD, and it lingers, dead, until its last reference goes.
 */
#ifndef KERNEL_PORT_H
#define KERNEL_PORT_H

#include <stdint.h>
#include "kernel/waitq.h"
#include "harbor/msg.h"

#define PORT_LIMIT_DEFAULT	8u
#define PORT_LIMIT_MAX		64u

struct kmsg;
struct task;
struct notify_req;

/* What kind of kernel object a port stands for, if any. */
enum kobject_type {
	KOBJ_NONE = 0,		/* an ordinary port: a task receives from it */
	KOBJ_TASK,
	KOBJ_THREAD,
	KOBJ_HOST,
	KOBJ_MEMCTL,		/* the memory control object (memctl_server.c) */
	KOBJ_PAGER_REPLY,	/* a thread's port for its pager's answers (pager.c) */
};

struct port {
	uint32_t refs;
	uint32_t id;			/* serial number, for debugging */
	int dead;
	struct task *receiver;		/* holder of the receive right; NULL in transit */
	port_name_t rname;		/* ... and its name there (port_receiver_set) */
	uint32_t limit;			/* queue limit; 0 = rendezvous */
	uint32_t count;			/* messages queued; for a set, queued on all its members */
	struct kmsg *head, *tail;
	struct waitq senders;		/* threads waiting for room */
	struct waitq receivers;		/* threads waiting for a message */
	enum kobject_type ktype;
	void *kobject;			/* the task, thread or host it stands for */
	uint32_t srights;		/* send rights outstanding (names and in transit) */
	struct task *charged;		/* whose pool quota holds the port, until it dies */
	struct notify_req *reqs;	/* dead-name and send-possible requests (notify.c) */
	struct port *nsreq;		/* no-senders request: a send-once right, or NULL */
	port_name_t nsname;		/* ... and the name to report */
	int is_set;			/* a port set, not a port (portset.c) */
	struct port *set;		/* the set this port is in, or NULL */
	struct port *set_next;		/* next member of that set */
	struct port *members;		/* a set's members */
	int senders_maybe;		/* a set: a member may have a waiting sender (ipc.c) */
	struct port *doomed_next;	/* dead, its queue still to destroy (right.c) */
	struct port *transit_next;	/* on its payer's list while in transit ... */
	struct port **transit_prev;	/* ... (right.c port_recharge) */
};

/* port_init - make p a live, empty port with the default queue limit. */
void port_init(struct port *p, uint32_t id);

/*
 * port_receiver_set - task t now holds p's receive right under `name`
 * (t NULL, name NAME_NULL: the right left its holder). Every place that
 * gives the right a holder or takes it away says so here, so that a
 * receive from a port set learns the member's name from the port in one
 * step (portset_member_name) instead of searching the name table.
 */
static inline void
port_receiver_set(struct port *p, struct task *t, port_name_t name)
{
	p->receiver = t;
	p->rname = name;
}

/*
 * port_has_room - may a sender queue one more message now? True below the
 * limit, or when a receiver is already waiting for it, on the port or on
 * its set (so a rendezvous port, limit 0, accepts exactly as many messages
 * as there are receivers).
 */
int port_has_room(const struct port *p);

/*
 * port_room_for - port_has_room, counting `arriving` more receivers about
 * to wait (a rendezvous port has room for a receiver that is about to
 * wait for the sender).
 */
int port_room_for(const struct port *p, uint32_t arriving);

/*
 * port_enqueue - append m to p's queue (FIFO). The caller checked room.
 * A member of a set also counts in its set's `count`, so "does any member
 * have mail?" is one test (portset_first, the fast path).
 */
void port_enqueue(struct port *p, struct kmsg *m);

/* port_peek - the message a receiver would get next, or NULL. */
struct kmsg *port_peek(const struct port *p);

/* port_dequeue - remove and return the first message, or NULL (and uncount it in p's set). */
struct kmsg *port_dequeue(struct port *p);

/* port_ref - take a reference to p. Inline: the RPC path takes and drops several. */
static inline void
port_ref(struct port *p)
{
	p->refs++;
}

/*
 * port_unref - drop a reference; returns 1 when that was the last one
 * and the caller must free the port, else 0. The kernel's callers use
 * port_release (portlife.h), which frees it; the host unit tests own their
 * ports and free nothing.
 */
static inline int
port_unref(struct port *p)
{
	return --p->refs == 0;
}

#endif /* KERNEL_PORT_H */
