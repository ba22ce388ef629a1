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
 * slow path's, which also reports the errors; each is counted by reason
 * (fastpath_counts, read through the host port), so tests can see which
 * way an RPC went.
 *
 * The rights are checked and moved by the very functions every other send
 * uses (right_check_entry, right_copyin_entry, right_copyout,
 * msg_consume_dest), only with the name lookups shared.
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
#include "kernel/trace.h"
#include "kernel/vm.h"
#include "harbor/error.h"

struct fastpath_counts fastpath_counts;

struct sched_next
fastpath_send(struct task *t, uint32_t umsg, const struct msg_header *h, struct port *dest)
{
	struct thread *r = dest->receivers.head;
	uint32_t reply_disp = MSG_BITS_REPLY(h->bits);
	struct space_entry *ye = NULL;
	struct port *reply = NULL;
	struct msg_header out;

	/* Bail out to the slow path if ... */
	if (r == NULL || dest->count > 0)
		return SCHED_SAME;	/* no one waits, or older messages come first */
	if (dest->ktype != KOBJ_NONE || (h->bits & MSG_BITS_COMPLEX))
		return SCHED_SAME;	/* kernel objects and descriptors */
	if (h->size > r->wait.size)
		return SCHED_SAME;	/* too large: the slow path queues it and says so */
	if (h->reply != NAME_NULL &&
	    (reply_disp != MSG_MAKE_SEND_ONCE ||
	     right_check_entry(ye = space_lookup(t->space, h->reply), reply_disp, &reply) != ERR_OK ||
	     !space_has_room(r->task->space)))
		return SCHED_SAME;	/* only the usual reply right; errors are the slow path's */
	/* The header came in already; the receiver's buffer may have changed
	 * while it waited (another of its threads can unmap memory). */
	if ((h->size > sizeof(*h) && vm_check(t, umsg, h->size, 0) != ERR_OK) ||
	    (!vm_receive_buffer_ok(r, r->wait.buf, h->size) &&
	     vm_check(r->task, r->wait.buf, h->size, 1) != ERR_OK))
		return SCHED_SAME;

	/* Point of no return: from here on nothing fails. */
	if (h->size > sizeof(*h))
		vm_copy_between(r->task, r->wait.buf + sizeof(*h), t, umsg + sizeof(*h),
				h->size - sizeof(*h));
	out = (struct msg_header){ .size = h->size, .dest = r->wait.name, .id = h->id };
	if (reply) {
		reply = right_copyin_entry(t, ye, h->reply, reply_disp);
		out.reply = right_copyout(r->task, reply, MSG_MOVE_SEND_ONCE);
		out.bits = MSG_BITS(MSG_NONE, MSG_MOVE_SEND_ONCE);
	}
	msg_consume_dest(t, h->dest, MSG_BITS_DEST(h->bits));
	vm_copyout(r->task, r->wait.buf, &out, sizeof(out));
	r->wait.delivered = 1;
	fastpath_counts.send_hits++;
	trace_handoff(h, MSG_BITS_DEST(h->bits), r);
	return sched_wakeup_direct(r, ERR_OK);
}

/* Count a bail-out and say "not taken". */
static struct sched_next
fastpath_bail(enum fastpath_bail why)
{
	fastpath_counts.rpc_bails[why]++;
	return SCHED_SAME;
}

struct sched_next
fastpath_rpc(struct task *t, uint32_t umsg, uint32_t size, port_name_t rcv_name, uint32_t options,
	     struct port **rcv_port)
{
	struct space_entry *de, *re, *ye = NULL;
	struct port *dest, *reply = NULL;
	struct msg_header h, *uh, *rh;
	struct thread *r;
	uint32_t ddisp, bufsize;

	/* Bail out to the slow path if ... */
	if (options != 0 || size < MSG_SIZE_MIN ||
	    ((uh = vm_receive_header(current, umsg)) == NULL &&
	     (uh = vm_user_header(t, umsg, 0)) == NULL))
		return fastpath_bail(FASTPATH_BAIL_SHAPE);
	h = *uh;
	if ((h.bits & ~(uint32_t)0xffff) || h.size < MSG_SIZE_MIN || h.size > size ||
	    h.size > MSG_SIZE_MAX || h.size % 4)
		return fastpath_bail(FASTPATH_BAIL_SHAPE);	/* descriptors, odd sizes, errors */
	ddisp = MSG_BITS_DEST(h.bits);
	de = space_lookup(t->space, h.dest);
	if ((ddisp != MSG_COPY_SEND && ddisp != MSG_MOVE_SEND_ONCE) ||
	    right_check_entry(de, ddisp, &dest) != ERR_OK)
		return fastpath_bail(FASTPATH_BAIL_DEST);	/* other dispositions and every bad name */
	r = dest->receivers.head;
	if (dest->ktype != KOBJ_NONE || dest->count > 0 || r == NULL)
		return fastpath_bail(FASTPATH_BAIL_NOT_WAITING);
	if (h.size > r->wait.size)
		return fastpath_bail(FASTPATH_BAIL_TOO_LARGE);
	if (h.reply != NAME_NULL &&
	    (MSG_BITS_REPLY(h.bits) != MSG_MAKE_SEND_ONCE ||
	     right_check_entry(ye = space_lookup(t->space, h.reply), MSG_MAKE_SEND_ONCE,
			       &reply) != ERR_OK ||
	     !space_has_room(r->task->space)))
		return fastpath_bail(FASTPATH_BAIL_REPLY);
	re = space_lookup(t->space, rcv_name);
	if (re == NULL || !(re->rights & RIGHT_RECEIVE) || re->port->count > 0)
		return fastpath_bail(FASTPATH_BAIL_OWN_PORT);	/* a set, a queued message, or an error */
	bufsize = size < MSG_SIZE_MAX ? size : MSG_SIZE_MAX;
	if ((!vm_receive_buffer_ok(current, umsg, bufsize) &&
	     vm_check_receive_buffer(t, umsg, bufsize) != ERR_OK) ||
	    (!vm_receive_buffer_ok(r, r->wait.buf, h.size) &&
	     vm_check(r->task, r->wait.buf, h.size, 1) != ERR_OK) ||
	    ((rh = vm_receive_header(r, r->wait.buf)) == NULL &&
	     (rh = vm_user_header(r->task, r->wait.buf, 1)) == NULL))
		return fastpath_bail(FASTPATH_BAIL_BUFFER);	/* (the first also covers reading h.size bytes) */

	/* Point of no return: from here on nothing fails. */
	if (h.size > sizeof(h))
		vm_copy_between(r->task, r->wait.buf + sizeof(h), t, umsg + sizeof(h),
				h.size - sizeof(h));
	/* The header the receiver sees, field by field (a struct assignment
	 * would zero it first with a string instruction). */
	rh->bits = 0;
	rh->reply = NAME_NULL;
	if (reply) {
		reply = right_copyin_entry(t, ye, h.reply, MSG_MAKE_SEND_ONCE);
		rh->reply = right_copyout(r->task, reply, MSG_MOVE_SEND_ONCE);
		rh->bits = MSG_BITS(MSG_NONE, MSG_MOVE_SEND_ONCE);
	}
	rh->size = h.size;
	rh->dest = r->wait.name;
	rh->id = h.id;
	if (ddisp == MSG_MOVE_SEND_ONCE)
		port_release(right_copyin_entry(t, de, h.dest, ddisp));	/* the reply right is used up */
	r->wait.delivered = 1;
	fastpath_counts.rpc_hits++;
	*rcv_port = re->port;
	trace_handoff(rh, ddisp, r);
	return sched_wakeup_direct(r, ERR_OK);
}
