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
#include "kernel/msgcopy.h"
#include "kernel/notify.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/trace.h"
#include "kernel/vm.h"
#include "kernel/i386/paging.h"
#include "kernel/i386/cpu.h"
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
#define PF_USER		0x4u	/* ... from user mode (a trap's copies count as the task's) */

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

/* How often each way was taken since boot (pager.h). */
struct pager_counts pager_counts;

/*
 * The fault's fast path (as fastpath_send for a message): when a pager
 * thread already waits on p, or on the set p is in, and nothing is queued
 * on p before the fault, write the request straight into its receive
 * buffer - no kmsg, no queue, no second look at the port - give it the
 * reply right and hand it the CPU. A straight run of "bail out if ...",
 * which change nothing; then nothing fails. The receiver sees exactly
 * what msg_copyout would have written.
 */
static struct sched_next
pager_deliver_fast(struct port *p, struct pager_fault_msg *f, struct port *reply)
{
	struct thread *r = p->receivers.head;
	struct task *rt;
	struct space_entry *e;
	struct pager_fault_msg *uf;
	port_name_t name;

	/* Bail out to pager_deliver if ... */
	if (p->count > 0)
		return SCHED_SAME;		/* older faults come first */
	if (r == NULL && p->set)
		r = p->set->receivers.head;
	if (r == NULL || r->wait.size < sizeof(*f) || !space_has_room(r->task->space))
		return SCHED_SAME;		/* no one waits, a small buffer, a full name space */
	rt = r->task;
	if (r->wait.buf % PAGE_SIZE > PAGE_SIZE - sizeof(*f) ||
	    ((uf = (struct pager_fault_msg *)vm_receive_header(r, r->wait.buf)) == NULL &&
	     (uf = (struct pager_fault_msg *)vm_user_header(rt, r->wait.buf, 1)) == NULL))
		return SCHED_SAME;		/* across two pages, or not writable now */
	name = r->wait.name;
	if (r != p->receivers.head) {
		/* It waits on the set: the message names the member, p. */
		e = space_find(rt->space, p);
		if (e == NULL)
			return SCHED_SAME;	/* (cannot happen: the set's holder holds p) */
		name = space_name(rt->space, e);
	}

	/* Point of no return: from here on nothing fails. */
	f->head.dest = name;
	f->head.bits = MSG_BITS(MSG_NONE, MSG_MOVE_SEND_ONCE);
	f->head.reply = right_copyout(rt, reply, MSG_MOVE_SEND_ONCE);	/* space_has_room: a name */
	*uf = *f;
	r->wait.delivered = 1;
	pager_counts.fault_direct++;
	return sched_wakeup_direct(r, ERR_OK);
}

/* Queue m on the pager's port p and wake a receiver; returns who runs next. */
static struct sched_next
pager_deliver(struct port *p, struct kmsg *m)
{
	struct thread *th = p->receivers.head;

	port_enqueue(p, m);	/* past the limit, like a notification: one per faulting thread */
	pager_counts.fault_queued++;
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
	struct pager_fault_msg f;
	struct sched_next next;
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
	f = (struct pager_fault_msg){
		.head = { .size = sizeof(f), .id = PAGER_FAULT_ID },
		.task_id = t->id, .thread_id = me->id, .address = addr,
		.access = ((err & PF_PRESENT) ? MEM_ACCESS_PRESENT : 0) |
			  ((err & PF_WRITE) ? MEM_ACCESS_WRITE : 0),
		.eip = eip,
	};
	me->pager_addr = ROUNDDOWN(addr, PAGE_SIZE);
	trace_fault(addr, err, p);	/* either way it goes below */
	port_ref(me->pager_reply);	/* the send-once right the request carries */
	next = pager_deliver_fast(p, &f, me->pager_reply);
	if (next.kind != NEXT_THIS) {
		m = kmsg_alloc(sizeof(f), p->charged);
		if (m == NULL) {
			port_release(me->pager_reply);
			return ERR_NO_MEMORY;
		}
		m->size = sizeof(f);
		*(struct pager_fault_msg *)m->msg = f;
		m->reply = me->pager_reply;
		m->reply_type = MSG_MOVE_SEND_ONCE;
		next = pager_deliver(p, m);
	}
	int code = sched_block(THREAD_PAGER, NULL, PAGER_TIMEOUT_MS / (1000 / HZ), next);
	if (code == ERR_TIMED_OUT) {
		/* The pager still holds this fault's reply right, and every fault
		 * of this thread is answered on one port: retire it, or a late
		 * answer would be taken for the answer to the thread's next fault
		 * (a trap that faulted returns an error and the task goes on). */
		kobject_port_destroy(me->pager_reply);
		me->pager_reply = NULL;
	}
	return code;
}

int
pager_fault_range(uint32_t start, uint32_t end, int write)
{
	struct thread *me = current;
	uint32_t err = PF_USER | (write ? PF_WRITE : 0);

	for (uint32_t va = start; va < end && va >= start; va += PAGE_SIZE) {
		int code;

		if (vm_page_entry(me->task, va) != 0)
			continue;	/* mapped: the trap's check says whether it will do */
		code = pager_fault(va, err, me->tf->eip);
		if (code != ERR_OK)
			return code;
	}
	return ERR_OK;
}

/* The answer as idlc lays out pager.defs's fault reply: ERR_OK and map. */
struct pager_answer {
	struct msg_reply_header r;
	uint32_t map;
};
_Static_assert(sizeof(struct pager_answer) == PAGER_REPLY_MAX, "pager_answer differs from pager.defs");

/*
 * What the pager's answer a (from task `by`, its size in a->r.head) means
 * for the faulting thread th: ERR_OK, or why its task dies. An answer
 * ERR_OK with map asks for a zeroed frame at the page (memctl.c checks
 * that `by` may have it).
 */
static int
pager_answer_code(struct thread *th, struct task *by, const struct pager_answer *a)
{
	const struct msg_header *req = &a->r.head;
	int code;

	if (req->id != MSG_REPLY_ID(PAGER_FAULT_ID) || req->size < sizeof(a->r) ||
	    (req->bits & MSG_BITS_COMPLEX))
		code = ERR_BAD_REPLY;	/* a pager that answers nonsense: the task dies */
	else
		code = a->r.retcode;
	if (code == ERR_OK && req->size == sizeof(*a) && a->map != 0)
		code = memctl_map_zero(by, th->task, th->pager_addr, a->map);
	else if (code == ERR_OK && req->size != sizeof(*a))
		code = ERR_BAD_REPLY;
	return code;
}

int
pager_reply_dispatch(void *ctx, const struct msg_header *req, struct msg_header *reply)
{
	struct kobject_call *call = ctx;
	struct thread *th = call->object;

	(void)reply;
	if (th->state != THREAD_PAGER)
		return 0;		/* cannot happen: one right per fault, used once */
	pager_counts.answer_queued++;
	sched_wakeup(th, pager_answer_code(th, call->caller, (const struct pager_answer *)req));
	return 0;
}

struct sched_next
pager_answer_fast(struct task *t, uint32_t umsg, const struct msg_header *h, struct port *dest)
{
	struct thread *th = dest->kobject;
	struct pager_answer a = { .r.head = *h };

	/* Bail out to the slow path (kobject_request) if ... */
	if (dest->ktype != KOBJ_PAGER_REPLY || th->state != THREAD_PAGER)
		return SCHED_SAME;	/* another kernel object (or a thread not waiting: cannot happen) */
	if (MSG_BITS_DEST(h->bits) != MSG_MOVE_SEND_ONCE || h->reply != NAME_NULL ||
	    (h->bits & MSG_BITS_COMPLEX) || h->size > sizeof(a))
		return SCHED_SAME;	/* not the answer's shape: the slow path sorts it out */
	if (h->size > sizeof(*h) &&
	    vm_copyin(t, (struct msg_header *)&a + 1, umsg + sizeof(*h), h->size - sizeof(*h)) != ERR_OK)
		return SCHED_SAME;	/* (the slow path reports the bad address) */

	/* Point of no return: the answer is taken. */
	msg_consume_dest(t, h->dest, MSG_MOVE_SEND_ONCE);	/* the right is used up */
	trace_answer(h, dest);		/* kobject_request's TRACE_KREQUEST, which this skips */
	pager_counts.answer_direct++;
	return sched_wakeup_direct(th, pager_answer_code(th, t, &a));
}

void
pager_reply_lost(struct port *p)
{
	struct thread *th = p->kobject;

	if (th->state == THREAD_PAGER)
		sched_wakeup(th, ERR_NO_REPLY);
}
