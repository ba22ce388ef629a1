/*
 * ipc.c - the three IPC traps: msg_send, msg_receive, msg_rpc.
 *
 * This is the only way into the kernel from user mode. A send checks the
 * header, waits for room on the destination queue (or fails at once when
 * polling), then copies the message in and moves its rights (msgcopy.c)
 * with no further chance to block, so a send either happens whole or
 * changes nothing. A receive takes the first queued message or waits for
 * one. msg_rpc does both in one trap; when the send woke the server, the
 * CPU goes straight to it (the struct sched_next the send returns). A
 * simple message to a receiver that already waits skips the queue
 * altogether (fastpath.c).
 *
 * Messages to kernel objects (task, thread, host ports) never queue: the
 * kernel serves them at once in the sender's context (kobject.c).
 */
#include <stddef.h>
#include "kernel/ipc.h"
#include "kernel/kmsg.h"
#include "kernel/fastpath.h"
#include "kernel/kobject.h"
#include "kernel/pager.h"
#include "kernel/msgcopy.h"
#include "kernel/notify.h"
#include "kernel/portset.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/trace.h"
#include "kernel/vm.h"
#include "kernel/i386/cpu.h"
#include "harbor/error.h"
#include "harbor/msg.h"

/* How long a trap may wait, decided once per trap. */
struct ipc_wait {
	int timed;		/* MSG_OPT_TIMEOUT was given */
	int poll;		/* ... with a timeout of 0 */
	uint32_t deadline;	/* tick at which to give up */
};

static const struct ipc_wait ipc_wait_forever;

/*
 * The current thread waits on q as `how` says, as long as w allows.
 * ERR_OK means: woken, look again (current->wait.delivered says whether a
 * sender delivered into the buffer). A thread *next names gets the CPU
 * (and *next is used up); on a timeout *next is left for the caller.
 */
static inline __attribute__((always_inline)) int
ipc_wait(struct waitq *q, const struct thread_wait *how, const struct ipc_wait *w,
	 struct sched_next *next)
{
	uint32_t left = 0;
	struct sched_next to = *next;
	int err;

	if (w->timed) {
		if (w->poll || (int32_t)(w->deadline - ticks) <= 0)
			return ERR_TIMED_OUT;
		left = w->deadline - ticks;
	}
	*next = SCHED_SAME;
	current->wait = *how;
	err = sched_block(how->in, q, left, to);
	current->wait.in = 0;		/* it runs again: nothing left to hand on */
	return err;
}

/* Wake the first thread waiting to receive on p (or on its set); returns it or NULL. */
static struct thread *
ipc_wake_receiver(struct port *p)
{
	struct thread *th = p->receivers.head;

	if (th == NULL && p->set)
		th = p->set->receivers.head;
	if (th)
		sched_wakeup(th, ERR_OK);
	return th;
}

int
ipc_offer_room(struct port *p, uint32_t arriving)
{
	/* A set: the first member with a waiting sender and room (one loop,
	 * no call per member). A server's set is asked on every receive, so
	 * it keeps a hint: set when a sender starts waiting on a member (or a
	 * member with waiting senders joins), cleared by a walk that found no
	 * sender at all. Without it there is nothing to walk. */
	if (p->is_set && !p->senders_maybe)
		return 0;
	struct port *m = p->is_set ? p->members : p;
	int seen = 0;

	for (; m != NULL; m = p->is_set ? m->set_next : NULL) {
		if (m->senders.head == NULL)
			continue;
		seen = 1;
		if (port_room_for(m, arriving)) {
			sched_wakeup(m->senders.head, ERR_OK);
			return 1;
		}
	}
	if (p->is_set && !seen)
		p->senders_maybe = 0;
	return 0;
}

/*
 * Wait until h's destination can take a message. Messages to kernel
 * objects and sends through a send-once right (replies) never wait; a
 * MSG_OPT_NOTIFY send may go past a full queue (*overflow is set then).
 */
static int
ipc_wait_room(struct task *t, const struct msg_header *h, const struct ipc_wait *w,
	      uint32_t options, struct port **destp, int *overflow)
{
	*overflow = 0;
	for (;;) {
		struct sched_next none = SCHED_SAME;
		struct port *dest;
		uint32_t disp = MSG_BITS_DEST(h->bits);
		int err = right_check(t, h->dest, disp, &dest);

		if (err != ERR_OK)
			return err;
		*destp = dest;
		if (dest->ktype != KOBJ_NONE || disp == MSG_MOVE_SEND_ONCE || port_has_room(dest))
			return ERR_OK;
		if ((options & MSG_OPT_NOTIFY) && notify_may_overflow(dest, t, h->dest)) {
			*overflow = 1;
			return ERR_OK;
		}
		if (dest->set)
			dest->set->senders_maybe = 1;	/* ipc_offer_room walks the set again */
		err = ipc_wait(&dest->senders, &(struct thread_wait){ .in = THREAD_SEND, .name = h->dest },
			       w, &none);
		if (err != ERR_OK)
			return err;
	}
}

/*
 * Send the message at umsg. Returns who runs next: a receiver the fast
 * path delivered to and handed the CPU, one the slow path woke, or no
 * one; *err is the send's result.
 */
static struct sched_next
ipc_send(struct task *t, uint32_t umsg, uint32_t options, const struct ipc_wait *w, int *err)
{
	struct msg_header h;
	struct sched_next next;
	struct thread *woken;
	struct port *dest;
	struct kmsg *m, *reply = NULL;
	int overflow;

	if (vm_copyin(t, &h, umsg, sizeof(h)) != ERR_OK)
		return *err = ERR_BAD_ADDRESS, SCHED_SAME;
	if (h.size < MSG_SIZE_MIN || h.size > MSG_SIZE_MAX || h.size % 4 != 0)
		return *err = ERR_BAD_SIZE, SCHED_SAME;
	if (h.bits & ~MSG_BITS_USER)
		return *err = ERR_BAD_MESSAGE, SCHED_SAME;
	if (MSG_BITS_DEST(h.bits) == MSG_MOVE_RECEIVE)
		return *err = ERR_BAD_DISPOSITION, SCHED_SAME;	/* a message cannot carry its own port */
	*err = ipc_wait_room(t, &h, w, options, &dest, &overflow);
	if (*err != ERR_OK)
		return SCHED_SAME;
	if (!overflow) {
		next = fastpath_send(t, umsg, &h, dest);
		if (next.kind == NEXT_THIS)
			return next;
	}
	if (dest->ktype == KOBJ_PAGER_REPLY) {
		next = pager_answer_fast(t, umsg, &h, dest);	/* a fault's answer: no kmsg */
		if (next.kind == NEXT_THIS)
			return next;
	}

	/* From here on nothing blocks: the send happens whole or not at all. */
	/* The port's payer pays for the queue; a request to a kernel object is
	 * served and freed within this trap, on the kernel. */
	m = kmsg_alloc(h.size, dest->ktype == KOBJ_NONE ? dest->charged : NULL);
	if (m == NULL) {
		ipc_offer_room(dest, 0);	/* the room we were given goes to the next sender */
		return *err = ERR_NO_MEMORY, SCHED_SAME;
	}
	if (dest->ktype != KOBJ_NONE) {
		reply = kobject_reply_alloc(dest, t);
		if (reply == NULL) {
			kmsg_free(m);
			return *err = ERR_NO_MEMORY, SCHED_SAME;	/* (kernel objects have no queue) */
		}
	}
	*err = vm_copyin(t, m->msg, umsg, h.size);
	*m->msg = h;		/* the header we checked, whatever the user copy says now */
	if (*err == ERR_OK)
		*err = msg_copyin(t, m);
	if (*err != ERR_OK) {
		kmsg_free(m);
		if (reply)
			kmsg_free(reply);
		ipc_offer_room(dest, 0);
		return SCHED_SAME;
	}
	if (dest->ktype != KOBJ_NONE) {
		kobject_request(dest, m, reply);
		return SCHED_SAME;
	}
	if (overflow)
		notify_overflow(dest, t, h.dest, m);
	port_enqueue(dest, m);
	trace_msg(TRACE_SEND, t, dest, m, h.bits);
	woken = ipc_wake_receiver(dest);
	ipc_offer_room(dest, 0);	/* a raised limit: room may be left for the next sender */
	return woken ? sched_next_this(woken) : SCHED_SAME;
}

/* Receive into ubuf from name, waiting (as `why`) if nothing is queued. */
static int
ipc_receive_loop(struct task *t, uint32_t ubuf, uint32_t size, port_name_t name,
		 enum thread_state why, const struct ipc_wait *w, struct sched_next *next)
{
	for (;;) {
		struct space_entry *e = space_lookup(t->space, name);
		port_name_t from = name;	/* the receiver's name for the port it came in on */
		struct waitq *q;
		struct port *p;
		struct kmsg *m;
		int err;

		if (e == NULL)
			return ERR_BAD_NAME;
		if (!(e->rights & (RIGHT_RECEIVE | RIGHT_PORTSET)))
			return ERR_BAD_RIGHT;
		p = e->port;
		q = &p->receivers;
		if (e->rights & RIGHT_PORTSET) {
			/* From a set: the first member with mail, under its own name. */
			p = portset_first(p);
			if (p != NULL)
				from = portset_member_name(t, p);
		}
		m = p ? port_peek(p) : NULL;
		if (m != NULL) {
			if (m->size > size) {
				uint32_t need = m->size;
				vm_copyout(t, ubuf + offsetof(struct msg_header, size), &need, sizeof(need));
				return ERR_TOO_LARGE;
			}
			port_dequeue(p);
			notify_dequeued(p, m);
			ipc_offer_room(p, 0);
			trace_msg(TRACE_RECEIVE, t, p, m, 0);
			err = msg_copyout(t, m, ubuf, from);
			if (err != ERR_OK)
				current->vm_missing_start = 0;	/* a message was lost: no restart */
			return err;
		}
		/* A sender waiting on a rendezvous port may go now that we wait. */
		ipc_offer_room(e->port, 1);
		err = ipc_wait(q, &(struct thread_wait){ .in = why, .name = name, .buf = ubuf,
							.size = size },
			       w, next);
		if (err != ERR_OK)
			return err;
		if (current->wait.delivered)
			return ERR_OK;		/* delivered by the fast path */
	}
}

/*
 * Receive into ubuf, waiting as `why`. next: a thread woken for us (by
 * msg_rpc's send), to switch to if we wait, made runnable if we do not.
 */
static int
ipc_receive(struct task *t, uint32_t ubuf, uint32_t size, port_name_t name,
	    enum thread_state why, const struct ipc_wait *w, struct sched_next next)
{
	int err = ipc_receive_loop(t, ubuf, size, name, why, w, &next);

	sched_continue(next);
	return err;
}

/* Check a receive buffer and port before anything happens. */
static int
ipc_check_receive(struct task *t, uint32_t ubuf, uint32_t size, port_name_t name)
{
	struct space_entry *e;

	if (size < MSG_SIZE_MIN)
		return ERR_BAD_SIZE;
	if (vm_check_receive_buffer(t, ubuf, size < MSG_SIZE_MAX ? size : MSG_SIZE_MAX) != ERR_OK)
		return ERR_BAD_ADDRESS;
	e = space_lookup(t->space, name);
	if (e == NULL)
		return ERR_BAD_NAME;
	if (!(e->rights & (RIGHT_RECEIVE | RIGHT_PORTSET)))
		return ERR_BAD_RIGHT;
	return ERR_OK;
}

/* How long the trap may wait, from its options and timeout. */
static int
ipc_wait_init(struct ipc_wait *w, uint32_t options, uint32_t timeout)
{
	if (options & ~MSG_OPT_USER)
		return ERR_BAD_ARGUMENT;
	w->timed = (options & MSG_OPT_TIMEOUT) != 0;
	w->poll = w->timed && timeout == 0;
	w->deadline = ticks + (w->timed && timeout ? sched_ms_to_ticks(timeout) : 0);
	return ERR_OK;
}

/* msg_send(msg, options, timeout) */
static int
ipc_trap_send(struct task *t, uint32_t msg, uint32_t options, uint32_t timeout)
{
	struct ipc_wait w;
	int err = options & MSG_OPT_RCV_BUFFER ? ERR_BAD_ARGUMENT : ipc_wait_init(&w, options, timeout);

	if (err == ERR_OK)
		sched_continue(ipc_send(t, msg, options, &w, &err));
	return err;
}

/* msg_receive(buf, size, port, options, timeout) */
static int
ipc_trap_receive(struct task *t, uint32_t buf, uint32_t size, port_name_t port,
		 uint32_t options, uint32_t timeout)
{
	struct ipc_wait w;
	int err = options & MSG_OPT_RCV_BUFFER ? ERR_BAD_ARGUMENT : ipc_wait_init(&w, options, timeout);

	if (err == ERR_OK)
		err = ipc_check_receive(t, buf, size, port);
	if (err == ERR_OK)
		err = ipc_receive(t, buf, size, port, THREAD_RECEIVE, &w, SCHED_SAME);
	return err;
}

/*
 * The receive half of msg_rpc after fastpath_rpc sent: it checked that
 * port is a receive right or a port set with nothing queued (on any
 * member), so the thread can wait at once (handing the CPU to the
 * receiver it woke) - the whole receive loop runs only if it is woken
 * for anything but a direct delivery.
 */
static int
ipc_receive_after_fastpath(struct task *t, uint32_t msg, uint32_t size, port_name_t port,
			   struct port *p, struct sched_next next)
{
	struct thread *me = current;
	int err;

	if (p->senders.head || p->is_set)
		ipc_offer_room(p, 1);	/* a rendezvous sender may go now that we wait (on a member, for a set) */
	me->wait = (struct thread_wait){ .in = THREAD_REPLY, .name = port, .buf = msg, .size = size };
	err = sched_block(THREAD_REPLY, &p->receivers, 0, next);
	me->wait.in = 0;
	if (err != ERR_OK || me->wait.delivered)
		return err;
	return ipc_receive(t, msg, size, port, THREAD_REPLY, &ipc_wait_forever, SCHED_SAME);
}

/*
 * msg_rpc(msg, size, port, options, timeout): the common one first, on the
 * fast path. With MSG_OPT_RCV_BUFFER the answer goes to the buffer in the
 * trap's %ebp instead of msg (msg_rpc_into).
 */
static int
ipc_trap_rpc(struct task *t, uint32_t msg, uint32_t size, port_name_t port,
	     uint32_t options, uint32_t timeout)
{
	uint32_t rcv = options & MSG_OPT_RCV_BUFFER ? current->tf->ebp : msg;
	struct port *rcv_port;
	struct sched_next next = fastpath_rpc(t, msg, rcv, size, port, options, &rcv_port);
	struct ipc_wait w;
	int err;

	if (next.kind == NEXT_THIS)
		return ipc_receive_after_fastpath(t, rcv, size, port, rcv_port, next);
	err = ipc_wait_init(&w, options, timeout);
	if (err == ERR_OK)
		err = ipc_check_receive(t, rcv, size, port);
	if (err == ERR_OK)
		next = ipc_send(t, msg, options, &w, &err);
	if (err != ERR_OK)
		return err;	/* (a failed send wakes no one) */
	return ipc_receive(t, rcv, size, port, THREAD_REPLY, &w, next);
}

int
ipc_trap(uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	struct task *t = current->task;

	switch (op) {
	case MSG_TRAP_SEND:
		return ipc_trap_send(t, a1, a2, a3);
	case MSG_TRAP_RECEIVE:
		return ipc_trap_receive(t, a1, a2, a3, a4, a5);
	case MSG_TRAP_RPC:
		return ipc_trap_rpc(t, a1, a2, a3, a4, a5);
	default:
		return ERR_BAD_OPERATION;	/* the only other outcome: no fourth trap runs as one of these */
	}
}

/*
 * The kernel's copies fault pages in. Every check of user memory that
 * finds a page missing notes the range it was checking (vm_note_missing;
 * trap() forgets the last trap's note), and every trap fails with
 * ERR_BAD_ADDRESS at such a check before it has changed anything: the
 * receive buffer is checked first (before msg_rpc's send), the message's
 * header, body and out-of-line regions before its point of no return.
 * The one check after a change, of a receive buffer unmapped while its
 * thread waited, forgets the note (ipc_receive_loop). So the trap can
 * have the pager map the range, as a page fault would (pager_fault_range),
 * and start again from the top. It starts again only while each round
 * gets past the page the last one stopped at, so a pager that answers
 * "mapped" without mapping cannot keep it going round.
 */
int
ipc_trap_faulted(uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	struct thread *me = current;
	uint32_t last = 0;
	int err = ERR_BAD_ADDRESS;

	while (err == ERR_BAD_ADDRESS && me->vm_missing_start != 0) {
		if (me->vm_missing_start == last ||
		    pager_fault_range(me->vm_missing_start, me->vm_missing_end,
				      me->vm_missing_write) != ERR_OK)
			return ERR_BAD_ADDRESS;		/* the pager's verdict: a bad address */
		last = me->vm_missing_start;
		me->vm_missing_start = 0;
		err = ipc_trap(op, a1, a2, a3, a4, a5);
	}
	return err;
}

void
ipc_receive_abandoned(struct thread *th)
{
	struct task *t = th->task;
	struct thread_wait *wt = &th->wait;
	struct space_entry *e;
	struct msg_header h;

	if (wt->in == 0 || (th->state != THREAD_READY && th->state != THREAD_HANDED) ||
	    th->wait_result != ERR_OK)
		return;		/* still waiting (its wait queue forgets it), or not woken with something */
	if (wt->in == THREAD_SEND) {
		/* Woken to send into room it will never use: pass it on. */
		e = space_lookup(t->space, wt->name);
		if (e != NULL && e->port != NULL && !e->port->dead)
			ipc_offer_room(e->port, 0);
		return;
	}
	if (wt->delivered) {
		/* The fast path put a request in its buffer. Its reply right dies
		 * with the thread, so the client hears a send-once notification
		 * instead of waiting for the whole task to die. */
		if (vm_copyin(t, &h, wt->buf, sizeof(h)) == ERR_OK &&
		    MSG_BITS_REPLY(h.bits) == MSG_MOVE_SEND_ONCE &&
		    (e = space_lookup(t->space, h.reply)) != NULL && (e->rights & RIGHT_SEND_ONCE))
			right_release_entry(t, e);
		return;
	}
	/* Woken for a queued message it will never take: wake the next receiver. */
	e = space_lookup(t->space, wt->name);
	if (e != NULL && (e->rights & (RIGHT_RECEIVE | RIGHT_PORTSET)))
		ipc_wake_receiver(e->port);
}

void
ipc_deliver(struct port *p, struct kmsg *m)
{
	/* A kernel object's port has no receiver: a reply or notification
	 * sent there could never be taken, so it goes at once. */
	if (p->dead || p->ktype != KOBJ_NONE) {
		ipc_kmsg_destroy(m);
		return;
	}
	port_enqueue(p, m);
	trace_msg(TRACE_KMSG, NULL, p, m, 0);
	ipc_wake_receiver(p);
}

void
ipc_kmsg_destroy(struct kmsg *m)
{
	notify_kmsg_gone(m);
	msg_release_rights(m);
	kmsg_free(m);
}

void
ipc_notify_send_once(struct port *p)
{
	struct kmsg *m;

	if (!p->dead && p->ktype == KOBJ_PAGER_REPLY) {
		pager_reply_lost(p);	/* a fault's answer that will never come */
		return;
	}
	if (p->dead || p->ktype != KOBJ_NONE)
		return;
	m = kmsg_alloc(sizeof(struct msg_header), p->charged);
	if (m == NULL)
		return;		/* the pool is exhausted: the waiter times out instead */
	*m->msg = (struct msg_header){ .size = sizeof(struct msg_header),
				       .id = MSG_ID_NOTIFY_SEND_ONCE };
	ipc_deliver(p, m);
}
