/*
 * ipc.c - the three IPC traps: msg_send, msg_receive, msg_rpc.
 *
 * This is the only way into the kernel from user mode. A send checks the
 * header, waits for room on the destination queue (or fails at once when
 * polling), then copies the message in and moves its rights (msgcopy.c)
 * with no further chance to block, so a send either happens whole or
 * changes nothing. A receive takes the first queued message or waits for
 * one. msg_rpc does both in one trap; when the send woke the server, the
 * CPU goes straight to it (sched_handoff). A simple message to a receiver
 * that already waits skips the queue altogether (fastpath.c).
 *
 * Messages to kernel objects (task, thread, host ports) never queue: the
 * kernel serves them at once in the sender's context (kobject.c).
 */
#include <stddef.h>
#include "kernel/ipc.h"
#include "kernel/kmsg.h"
#include "kernel/fastpath.h"
#include "kernel/kobject.h"
#include "kernel/msgcopy.h"
#include "kernel/notify.h"
#include "kernel/portset.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/vm.h"
#include "harbor/error.h"
#include "harbor/msg.h"

/* How long a trap may wait, decided once per trap. */
struct ipc_wait {
	int timed;		/* MSG_OPT_TIMEOUT was given */
	int poll;		/* ... with a timeout of 0 */
	uint32_t deadline;	/* tick at which to give up */
};

/*
 * Block on q as w allows. ERR_OK means: woken, look again. A thread the
 * fast path woke for us (*next) gets the CPU straight away.
 */
static int
ipc_wait(struct waitq *q, const struct ipc_wait *w, struct thread **next)
{
	uint32_t left = 0;
	struct thread *to = *next;

	if (w->timed) {
		if (w->poll || (int32_t)(w->deadline - ticks) <= 0)
			return ERR_TIMED_OUT;
		left = w->deadline - ticks;
	}
	*next = NULL;
	return to ? sched_block_to(q, left, to) : sched_block(q, left);
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
		current->snd_name = h->dest;
		current->snd_waiting = 1;
		err = ipc_wait(&dest->senders, w, &(struct thread *){ NULL });
		current->snd_waiting = 0;
		if (err != ERR_OK)
			return err;
	}
}

/* A sender that was given room will not use it: let the next one try. */
static void
ipc_pass_room(struct port *p)
{
	if (p->senders.head && port_has_room(p))
		sched_wakeup(p->senders.head, ERR_OK);
}

/*
 * Send the message at umsg. *woken: a receiver the slow path woke (on the
 * run queue); *direct: one the fast path delivered to and woke directly,
 * for the caller to switch to or make runnable.
 */
static int
ipc_send(struct task *t, uint32_t umsg, uint32_t options, const struct ipc_wait *w,
	 struct thread **woken, struct thread **direct)
{
	struct msg_header h;
	struct port *dest;
	struct kmsg *m, *reply = NULL;
	int err, overflow;

	*woken = *direct = NULL;
	if (vm_copyin(t, &h, umsg, sizeof(h)) != ERR_OK)
		return ERR_BAD_ADDRESS;
	if (h.size < MSG_SIZE_MIN || h.size > MSG_SIZE_MAX || h.size % 4 != 0)
		return ERR_BAD_SIZE;
	if (h.bits & ~MSG_BITS_USER)
		return ERR_BAD_MESSAGE;
	if (MSG_BITS_DEST(h.bits) == MSG_MOVE_RECEIVE)
		return ERR_BAD_DISPOSITION;	/* a message cannot carry its own port */
	err = ipc_wait_room(t, &h, w, options, &dest, &overflow);
	if (err != ERR_OK)
		return err;
	if (!overflow && (*direct = fastpath_send(t, umsg, &h, dest)) != NULL)
		return ERR_OK;

	/* From here on nothing blocks: the send happens whole or not at all. */
	/* The port's payer pays for the queue; a request to a kernel object is
	 * served and freed within this trap, on the kernel. */
	m = kmsg_alloc(h.size, dest->ktype == KOBJ_NONE ? dest->charged : NULL);
	if (m == NULL) {
		ipc_pass_room(dest);
		return ERR_NO_MEMORY;
	}
	if (dest->ktype != KOBJ_NONE) {
		reply = kobject_reply_alloc(dest, t);
		if (reply == NULL) {
			kmsg_free(m);
			return ERR_NO_MEMORY;	/* (kernel objects have no queue to pass room on) */
		}
	}
	err = vm_copyin(t, m->msg, umsg, h.size);
	*m->msg = h;		/* the header we checked, whatever the user copy says now */
	if (err == ERR_OK)
		err = msg_copyin(t, m);
	if (err != ERR_OK) {
		kmsg_free(m);
		if (reply)
			kmsg_free(reply);
		ipc_pass_room(dest);
		return err;
	}
	if (dest->ktype != KOBJ_NONE) {
		kobject_request(dest, m, reply);
		return ERR_OK;
	}
	if (overflow)
		notify_overflow(dest, t, h.dest, m);
	port_enqueue(dest, m);
	*woken = ipc_wake_receiver(dest);
	return ERR_OK;
}

static int
ipc_receive_loop(struct task *t, uint32_t ubuf, uint32_t size, port_name_t name,
		 const struct ipc_wait *w, struct thread **next)
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
				from = space_name(t->space, space_find(t->space, p));
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
			if (p->senders.head)
				sched_wakeup(p->senders.head, ERR_OK);
			return msg_copyout(t, m, ubuf, from);
		}
		/* A sender waiting on a rendezvous port may go now that we wait. */
		if (p && p->senders.head)
			sched_wakeup(p->senders.head, ERR_OK);
		else if (p == NULL)
			portset_wake_sender(e->port);
		/* Where a sender on the fast path may put the message itself. */
		current->rcv_buf = ubuf;
		current->rcv_size = size;
		current->rcv_name = name;
		current->rcv_done = 0;
		current->rcv_waiting = 1;
		err = ipc_wait(q, w, next);
		current->rcv_waiting = 0;
		if (err != ERR_OK)
			return err;
		if (current->rcv_done)
			return ERR_OK;		/* delivered by fastpath_send */
	}
}

/*
 * Receive into ubuf. next: a thread the fast path woke for us (msg_rpc),
 * to switch to if we wait; made runnable as usual if we do not.
 */
static int
ipc_receive(struct task *t, uint32_t ubuf, uint32_t size, port_name_t name,
	    const struct ipc_wait *w, struct thread *next)
{
	int err = ipc_receive_loop(t, ubuf, size, name, w, &next);

	if (next)
		sched_make_runnable(next);
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

int
ipc_trap(uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	struct task *t = current->task;
	struct thread *woken, *direct;
	struct ipc_wait w;
	uint32_t options = op == MSG_TRAP_SEND ? a2 : a4;
	uint32_t timeout = op == MSG_TRAP_SEND ? a3 : a5;
	int err;

	/* The common RPC first: msg_rpc(msg, size, rcv_port, 0, 0). */
	if (op == MSG_TRAP_RPC && options == 0) {
		err = fastpath_rpc(t, a1, a2, a3);
		if (err != FASTPATH_SLOW && err != FASTPATH_SENT)
			return err;
		if (err == FASTPATH_SENT) {
			w = (struct ipc_wait){ 0 };
			return ipc_receive(t, a1, a2, a3, &w, NULL);
		}
	}
	if (op != MSG_TRAP_SEND && op != MSG_TRAP_RECEIVE && op != MSG_TRAP_RPC)
		return ERR_BAD_OPERATION;
	if (options & ~MSG_OPT_USER)
		return ERR_BAD_ARGUMENT;
	w.timed = (options & MSG_OPT_TIMEOUT) != 0;
	w.poll = w.timed && timeout == 0;
	w.deadline = ticks + (w.timed && timeout ? sched_ms_to_ticks(timeout) : 0);

	switch (op) {
	case MSG_TRAP_SEND:	/* msg_send(msg, options, timeout) */
		err = ipc_send(t, a1, options, &w, &woken, &direct);
		if (direct)
			sched_make_runnable(direct);
		return err;
	case MSG_TRAP_RECEIVE:	/* msg_receive(buf, size, port, options, timeout) */
		err = ipc_check_receive(t, a1, a2, a3);
		return err != ERR_OK ? err : ipc_receive(t, a1, a2, a3, &w, NULL);
	default:		/* msg_rpc(msg, size, rcv_port, options, timeout) */
		err = ipc_check_receive(t, a1, a2, a3);
		if (err == ERR_OK)
			err = ipc_send(t, a1, options, &w, &woken, &direct);
		if (err != ERR_OK)
			return err;
		if (woken)
			sched_handoff(woken);
		return ipc_receive(t, a1, a2, a3, &w, direct);
	}
}

void
ipc_receive_abandoned(struct thread *th)
{
	struct task *t = th->task;
	struct space_entry *e;
	struct msg_header h;

	if (th->snd_waiting && th->state == THREAD_RUNNABLE && th->wait_result == ERR_OK) {
		/* Woken to send into room it will never use: pass it on. */
		e = space_lookup(t->space, th->snd_name);
		if (e != NULL && e->port != NULL && !e->port->dead)
			ipc_pass_room(e->port);
		return;
	}
	if (!th->rcv_waiting || th->state != THREAD_RUNNABLE || th->wait_result != ERR_OK)
		return;		/* still waiting (its wait queue forgets it), or not for a message */
	if (th->rcv_done) {
		/* The fast path put a request in its buffer. Its reply right dies
		 * with the thread, so the client hears a send-once notification
		 * instead of waiting for the whole task to die. */
		if (vm_copyin(t, &h, th->rcv_buf, sizeof(h)) == ERR_OK &&
		    MSG_BITS_REPLY(h.bits) == MSG_MOVE_SEND_ONCE &&
		    (e = space_lookup(t->space, h.reply)) != NULL && (e->rights & RIGHT_SEND_ONCE))
			right_release_entry(t, e);
		return;
	}
	/* Woken for a queued message it will never take: wake the next receiver. */
	e = space_lookup(t->space, th->rcv_name);
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

	if (p->dead || p->ktype != KOBJ_NONE)
		return;
	m = kmsg_alloc(sizeof(struct msg_header), p->charged);
	if (m == NULL)
		return;		/* the pool is exhausted: the waiter times out instead */
	*m->msg = (struct msg_header){ .size = sizeof(struct msg_header),
				       .id = MSG_ID_NOTIFY_SEND_ONCE };
	ipc_deliver(p, m);
}
