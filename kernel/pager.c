/*
 * pager.c - page faults as messages (L4's pagers, Mach's external pagers).
 *
 * The kernel resolves one kind of page fault itself: a write to a
 * copy-on-write page, which is part of out-of-line message semantics
 * (fault.c). Every other user page fault is the task's pager's business.
 * The kernel sends it a pager_fault request (include/harbor/pager.defs)
 * whose reply right is a send-once right to a kernel port of the faulting
 * thread (KOBJ_PAGER_REPLY), and the thread waits in THREAD_PAGER. The
 * answer arrives at that port like any request to a kernel object
 * (kobject.c) and wakes the thread with the pager's code. If the right is
 * destroyed unanswered (the pager died: its queue is destroyed, or it
 * dropped the request) the thread wakes with ERR_NO_REPLY; if nothing
 * comes within PAGER_TIMEOUT_MS it wakes with ERR_TIMED_OUT. fault.c then
 * kills the task: the kernel itself never waits on a pager.
 */
#include <stddef.h>
#include "kernel/pager.h"
#include "kernel/kmsg.h"
#include "kernel/kobject.h"
#include "kernel/lib.h"
#include "kernel/memctl.h"
#include "kernel/notify.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "harbor/error.h"
#include "harbor/mem.h"
#include "harbor/pager_server.h"

/* The request as idlc lays out pager.defs's fault (docs/idl.md). */
struct pager_fault_msg {
	struct msg_header head;
	uint32_t task_id, thread_id, address, access, eip;
};
_Static_assert(sizeof(struct pager_fault_msg) == PAGER_REQUEST_MAX,
	       "pager_fault_msg differs from pager.defs");

#define PF_PRESENT	0x1u	/* page fault error code: the page was present */
#define PF_WRITE	0x2u	/* ... and the access was a write */

void
pager_set(struct task *t, struct port *p)
{
	struct port *old = t->pager;

	if (p) {
		port_ref(p);
		p->srights++;
	}
	t->pager = p;
	if (old) {
		notify_srights_dec(old);
		port_release(old);
	}
}

/* Queue m on the pager's port p and wake a receiver; returns who runs next. */
static struct sched_next
pager_deliver(struct port *p, struct kmsg *m)
{
	struct thread *th = p->receivers.head;

	port_enqueue(p, m);	/* past the limit, like a notification: one per faulting thread */
	if (th == NULL && p->set)
		th = p->set->receivers.head;
	if (th == NULL)
		return SCHED_SAME;
	return sched_wakeup_direct(th, ERR_OK);	/* the pager runs next, off the run queue */
}

int
pager_fault(uint32_t addr, uint32_t err, uint32_t eip)
{
	struct thread *me = current;
	struct task *t = me->task;
	struct port *p = t->pager;
	struct pager_fault_msg *f;
	struct kmsg *m;

	if (p == NULL || p->dead || p->receiver == NULL || p->ktype != KOBJ_NONE)
		return ERR_NOT_FOUND;
	if (p->receiver == t)
		return ERR_BUSY;	/* its own fault would wait on itself */
	if (me->pager_reply == NULL) {
		me->pager_reply = kobject_port_alloc(t, KOBJ_PAGER_REPLY, me);
		if (me->pager_reply == NULL)
			return ERR_NO_MEMORY;
	}
	m = kmsg_alloc(sizeof(*f), p->charged);
	if (m == NULL)
		return ERR_NO_MEMORY;
	m->size = sizeof(*f);
	f = (struct pager_fault_msg *)m->msg;
	*f = (struct pager_fault_msg){
		.head = { .size = sizeof(*f), .id = PAGER_FAULT_ID },
		.task_id = t->id, .thread_id = me->id, .address = addr,
		.access = ((err & PF_PRESENT) ? MEM_ACCESS_PRESENT : 0) |
			  ((err & PF_WRITE) ? MEM_ACCESS_WRITE : 0),
		.eip = eip,
	};
	me->pager_addr = ROUNDDOWN(addr, PAGE_SIZE);
	port_ref(me->pager_reply);	/* the send-once right the request carries */
	m->reply = me->pager_reply;
	m->reply_type = MSG_MOVE_SEND_ONCE;
	return sched_block(THREAD_PAGER, NULL, PAGER_TIMEOUT_MS / (1000 / HZ), pager_deliver(p, m));
}

/* The answer as idlc lays out pager.defs's fault reply: ERR_OK and map. */
struct pager_answer {
	struct msg_reply_header r;
	uint32_t map;
};
_Static_assert(sizeof(struct pager_answer) == PAGER_REPLY_MAX, "pager_answer differs from pager.defs");

int
pager_reply_dispatch(void *ctx, const struct msg_header *req, struct msg_header *reply)
{
	struct kobject_call *call = ctx;
	struct thread *th = call->object;
	const struct pager_answer *a = (const struct pager_answer *)req;
	int code;

	(void)reply;
	if (th->state != THREAD_PAGER)
		return 0;		/* cannot happen: one right per fault, used once */
	if (req->id != MSG_REPLY_ID(PAGER_FAULT_ID) || req->size < sizeof(a->r) ||
	    (req->bits & MSG_BITS_COMPLEX))
		code = ERR_BAD_REPLY;	/* a pager that answers nonsense: the task dies */
	else
		code = a->r.retcode;
	if (code == ERR_OK && req->size == sizeof(*a) && a->map != 0)
		code = memctl_map_zero(call->caller, th->task, th->pager_addr, a->map);
	else if (code == ERR_OK && req->size != sizeof(*a))
		code = ERR_BAD_REPLY;
	sched_wakeup(th, code);
	return 0;
}

void
pager_reply_lost(struct port *p)
{
	struct thread *th = p->kobject;

	if (th->state == THREAD_PAGER)
		sched_wakeup(th, ERR_NO_REPLY);
}
