/*
 * fastpath.c - the RPC fast path (after L4 and seL4).
 *
 * Most RPCs are the same: a simple message with a send-once reply right,
 * sent to a port whose server already waits in msg_receive (or msg_rpc),
 * on that port or on the port set it belongs to (every real server waits
 * on a set).
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
 *
 * Port sets promise that one sender's messages arrive in order and that
 * a busy member cannot starve the others (portset_first's round robin).
 * The fast path keeps both by handing a message to a set's receiver only
 * while no member of the set has anything queued: a message that never
 * waited overtakes no one, and takes no member's turn.
 */
#include <stddef.h>
#include "kernel/fastpath.h"
#include "kernel/lib.h"
#include "kernel/msgcopy.h"
#include "kernel/port.h"
#include "kernel/portset.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/trace.h"
#include "kernel/vm.h"
#include "harbor/error.h"

struct fastpath_counts fastpath_counts;

/*
 * The thread a message to dest may be handed to - the same choice as the
 * slow path's ipc_wake_receiver: one waiting on dest itself, else one
 * waiting on dest's set. NULL when none may take it now: no one waits,
 * dest has messages queued (they come first), or, for a set's receiver,
 * some member of the set has (a receive from the set takes that one
 * first, so the fast path must not overtake it).
 */
static inline __attribute__((always_inline)) struct thread *
fastpath_receiver(const struct port *dest)
{
	if (dest->count > 0)
		return NULL;
	if (dest->receivers.head != NULL)
		return dest->receivers.head;
	if (dest->set == NULL || dest->set->count > 0)
		return NULL;
	return dest->set->receivers.head;
}

/*
 * r's name for dest, for the header it receives: the name it waits on,
 * or for a set's receiver (still on the set's queue) the member's. Which
 * one is asked of r alone: the port whose receivers queue r is on. Any
 * more values kept live across fastpath_rpc cost the common case spills
 * (about 25 instructions a leg when it kept dest).
 */
static inline __attribute__((always_inline)) int
fastpath_waits_on_set(const struct thread *r)
{
	const struct port *q = (const struct port *)
		((const char *)r->waitq - offsetof(struct port, receivers));

	return q->is_set;
}

/* A set's receiver's name for member dest (out of line: the rare case, with its check). */
static __attribute__((noinline)) port_name_t
fastpath_member_name(struct thread *r, const struct port *dest)
{
	return portset_member_name(r->task, dest);
}

struct sched_next
fastpath_send(struct task *t, uint32_t umsg, const struct msg_header *h, struct port *dest)
{
	struct thread *r = fastpath_receiver(dest);
	uint32_t reply_disp = MSG_BITS_REPLY(h->bits);
	struct space_entry *ye = NULL;
	struct port *reply = NULL;
	struct msg_header out;

	/* Bail out to the slow path if ... */
	if (r == NULL)
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
	out = (struct msg_header){ .size = h->size, .dest = fastpath_waits_on_set(r) ?
				   fastpath_member_name(r, dest) : r->wait.name,
				   .id = h->id };
	if (reply) {
		reply = right_copyin_entry(t, ye, h->reply, reply_disp);
		out.reply = right_copyout(r->task, reply, MSG_MOVE_SEND_ONCE);
		out.bits = MSG_BITS(MSG_NONE, MSG_MOVE_SEND_ONCE);
	}
	msg_consume_dest(t, h->dest, MSG_BITS_DEST(h->bits));
	vm_copyout(r->task, r->wait.buf, &out, sizeof(out));
	r->wait.delivered = 1;
	fastpath_counts.send_hits++;
	trace_handoff(&out, MSG_BITS_DEST(h->bits), r);
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
fastpath_rpc(struct task *t, uint32_t umsg, uint32_t urcv, uint32_t size, port_name_t rcv_name,
	     uint32_t options, struct port **rcv_port)
{
	struct space_entry *de, *re, *ye = NULL;
	struct port *dest, *reply = NULL;
	struct msg_header h, *uh, *rh;
	struct thread *r;
	uint32_t ddisp, bufsize;

	/* Bail out to the slow path if ... */
	if ((options & ~MSG_OPT_RCV_BUFFER) != 0 || size < MSG_SIZE_MIN ||
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
	if (dest->ktype != KOBJ_NONE || (r = fastpath_receiver(dest)) == NULL)
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
	if (re == NULL || !(re->rights & (RIGHT_RECEIVE | RIGHT_PORTSET)) || re->port->count > 0)
		return fastpath_bail(FASTPATH_BAIL_OWN_PORT);	/* an error, or mail queued (for a set: on a member) */
	bufsize = size < MSG_SIZE_MAX ? size : MSG_SIZE_MAX;
	if ((!vm_receive_buffer_ok(current, urcv, bufsize) &&
	     vm_check_receive_buffer(t, urcv, bufsize) != ERR_OK) ||
	    (urcv != umsg && vm_check(t, umsg, h.size, 0) != ERR_OK) ||
	    (!vm_receive_buffer_ok(r, r->wait.buf, h.size) &&
	     vm_check(r->task, r->wait.buf, h.size, 1) != ERR_OK) ||
	    ((rh = vm_receive_header(r, r->wait.buf)) == NULL &&
	     (rh = vm_user_header(r->task, r->wait.buf, 1)) == NULL))
		return fastpath_bail(FASTPATH_BAIL_BUFFER);	/* (in msg_rpc the first covers reading h.size bytes) */

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
	rh->dest = fastpath_waits_on_set(r) ? fastpath_member_name(r, de->port) : r->wait.name;
	rh->id = h.id;
	if (ddisp == MSG_MOVE_SEND_ONCE)
		port_release(right_copyin_entry(t, de, h.dest, ddisp));	/* the reply right is used up */
	r->wait.delivered = 1;
	fastpath_counts.rpc_hits++;
	*rcv_port = re->port;
	trace_handoff(rh, ddisp, r);
	return sched_wakeup_direct(r, ERR_OK);
}
