/*
 * fastpath.c - the RPC fast path (after L4 and seL4).
 *
 * Most RPCs are the same: a simple message with a send-once reply right,
 * sent to a port whose server already waits in msg_receive (or msg_rpc).
 * For those the kernel needs no kmsg and no queue: it copies the message
 * from the sender's buffer into the receiver's, makes the reply right in
 * the receiver's name space, and switches to the receiver, which returns
 * from its trap at once.
 *
 * The function is a straight run of "bail out to the slow path if ..."
 * checks, none of which changes anything, then a marked point of no
 * return after which nothing can fail. Every case the checks turn away
 * (descriptors, a full reply table, bad buffers, no one waiting) is the
 * slow path's, which also reports the errors.
 */
#include <stddef.h>
#include "kernel/fastpath.h"
#include "kernel/msgcopy.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/vm.h"
#include "harbor/error.h"

struct thread *
fastpath_send(struct task *t, uint32_t umsg, const struct msg_header *h, struct port *dest)
{
	struct thread *r = dest->receivers.head;
	uint32_t reply_disp = MSG_BITS_REPLY(h->bits);
	struct port *reply = NULL;
	struct msg_header out;

	/* Bail out to the slow path if ... */
	if (r == NULL || dest->count > 0)
		return NULL;		/* no one waits, or older messages come first */
	if (dest->ktype != KOBJ_NONE || (h->bits & MSG_BITS_COMPLEX))
		return NULL;		/* kernel objects and descriptors */
	if (h->size > r->rcv_size)
		return NULL;		/* too large: the slow path queues it and says so */
	if (h->reply != NAME_NULL &&
	    (reply_disp != MSG_MAKE_SEND_ONCE || right_check(t, h->reply, reply_disp, &reply) != ERR_OK))
		return NULL;		/* only the usual reply right; errors are the slow path's */
	if (reply && !space_has_room(r->task->space))
		return NULL;
	/* The header came in already; the receiver's buffer may have changed
	 * while it waited (another of its threads can unmap memory). */
	if ((h->size > sizeof(*h) && vm_check(t, umsg, h->size, 0) != ERR_OK) ||
	    (!vm_receive_buffer_ok(r, r->rcv_buf, h->size) &&
	     vm_check(r->task, r->rcv_buf, h->size, 1) != ERR_OK))
		return NULL;

	/* Point of no return: from here on nothing fails. */
	if (h->size > sizeof(*h))
		vm_copy_between(r->task, r->rcv_buf + sizeof(*h), t, umsg + sizeof(*h),
				h->size - sizeof(*h));
	out = (struct msg_header){ .size = h->size, .dest = r->rcv_name, .id = h->id };
	if (reply) {
		reply = right_copyin(t, h->reply, reply_disp);
		out.reply = right_copyout(r->task, reply, MSG_MOVE_SEND_ONCE);
		out.bits = MSG_BITS(MSG_NONE, MSG_MOVE_SEND_ONCE);
	}
	msg_consume_dest(t, h->dest, MSG_BITS_DEST(h->bits));
	vm_copyout(r->task, r->rcv_buf, &out, sizeof(out));
	r->rcv_done = 1;
	sched_wakeup_direct(r, ERR_OK);
	return r;
}

int
fastpath_rpc(struct task *t, uint32_t umsg, uint32_t size, port_name_t rcv_name)
{
	struct space_entry *de, *re, *ye = NULL;
	struct port *dest, *reply = NULL, *rp;
	struct msg_header h, *uh, *rh;
	struct thread *r, *me = current;
	uint32_t ddisp;
	int err;

	/* Bail out to the slow path if ... */
	if (size < MSG_SIZE_MIN || (uh = vm_user_header(t, umsg, 0)) == NULL)
		return FASTPATH_SLOW;
	h = *uh;
	if ((h.bits & ~(uint32_t)0xffff) || h.size < MSG_SIZE_MIN || h.size > size ||
	    h.size > MSG_SIZE_MAX || h.size % 4)
		return FASTPATH_SLOW;	/* descriptors, odd sizes, errors */
	ddisp = MSG_BITS_DEST(h.bits);
	de = space_lookup(t->space, h.dest);
	if (de == NULL || !((ddisp == MSG_COPY_SEND && (de->rights & RIGHT_SEND)) ||
			    (ddisp == MSG_MOVE_SEND_ONCE && (de->rights & RIGHT_SEND_ONCE))))
		return FASTPATH_SLOW;	/* other dispositions and every bad name */
	dest = de->port;
	r = dest->receivers.head;
	if (dest->dead || dest->ktype != KOBJ_NONE || dest->count > 0 || r == NULL ||
	    h.size > r->rcv_size)
		return FASTPATH_SLOW;	/* no one waiting, or not simply */
	if (h.reply != NAME_NULL) {
		ye = space_lookup(t->space, h.reply);
		if (MSG_BITS_REPLY(h.bits) != MSG_MAKE_SEND_ONCE || ye == NULL ||
		    !(ye->rights & RIGHT_RECEIVE) || !space_has_room(r->task->space))
			return FASTPATH_SLOW;
		reply = ye->port;
	}
	re = space_lookup(t->space, rcv_name);
	if (re == NULL || !(re->rights & RIGHT_RECEIVE) || re->port->count > 0)
		return FASTPATH_SLOW;	/* a set, a queued message, or an error */
	rp = re->port;
	if (vm_check_receive_buffer(t, umsg, size < MSG_SIZE_MAX ? size : MSG_SIZE_MAX) != ERR_OK)
		return FASTPATH_SLOW;	/* (it also covers reading the h.size <= size bytes) */
	if (!vm_receive_buffer_ok(r, r->rcv_buf, h.size) &&
	    vm_check(r->task, r->rcv_buf, h.size, 1) != ERR_OK)
		return FASTPATH_SLOW;
	if ((rh = vm_user_header(r->task, r->rcv_buf, 1)) == NULL)
		return FASTPATH_SLOW;	/* a header across two pages */

	/* Point of no return: from here on nothing fails. */
	if (h.size > sizeof(h))
		vm_copy_between(r->task, r->rcv_buf + sizeof(h), t, umsg + sizeof(h),
				h.size - sizeof(h));
	*rh = (struct msg_header){ .size = h.size, .dest = r->rcv_name, .id = h.id };
	if (reply) {
		port_ref(reply);	/* the new send-once entry's reference */
		rh->reply = space_alloc(r->task->space, reply, RIGHT_SEND_ONCE);
		rh->bits = MSG_BITS(MSG_NONE, MSG_MOVE_SEND_ONCE);
	}
	if (ddisp == MSG_MOVE_SEND_ONCE) {
		space_free(t->space, de);	/* the reply right is used up */
		port_release(dest);
	}
	r->rcv_done = 1;
	sched_wakeup_direct(r, ERR_OK);

	/* Wait for our own message, giving r the CPU. */
	me->rcv_buf = umsg;
	me->rcv_size = size;
	me->rcv_name = rcv_name;
	me->rcv_done = 0;
	me->rcv_waiting = 1;
	err = sched_block_to(&rp->receivers, 0, r);
	me->rcv_waiting = 0;
	if (err != ERR_OK)
		return err;
	return me->rcv_done ? ERR_OK : FASTPATH_SENT;
}
