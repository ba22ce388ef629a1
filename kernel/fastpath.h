/*
 * fastpath.h - the RPC fast path: a message handed straight to a waiting
 * receiver, user buffer to user buffer, with no kernel copy in between.
 */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

#include <stdint.h>
#include "kernel/sched.h"
#include "harbor/msg.h"

struct port;
struct task;

/* Why fastpath_rpc left an RPC to the slow path (the host port reports the counts). */
enum fastpath_bail {
	FASTPATH_BAIL_SHAPE,		/* options, a bad size, descriptors, an unreadable header */
	FASTPATH_BAIL_DEST,		/* not copy-send or move-send-once, or a bad/dead destination */
	FASTPATH_BAIL_NOT_WAITING,	/* no receiver waits on the port or its set, messages queued
					 * (on the port, or for a set's receiver on any member), or a
					 * kernel object */
	FASTPATH_BAIL_TOO_LARGE,	/* larger than the waiting receiver's buffer */
	FASTPATH_BAIL_REPLY,		/* a reply right other than make-send-once, or no room for it */
	FASTPATH_BAIL_OWN_PORT,		/* the port or set to receive on: bad, or messages queued
					 * (for a set, on any member) */
	FASTPATH_BAIL_BUFFER,		/* a buffer not known writable, or a header across two pages */
	FASTPATH_BAIL_COUNT
};

/* How often each way was taken since boot. */
struct fastpath_counts {
	uint32_t rpc_hits;			/* msg_rpc sends done by fastpath_rpc */
	uint32_t rpc_bails[FASTPATH_BAIL_COUNT];	/* msg_rpc left to the slow path, by reason */
	uint32_t send_hits;			/* sends done by fastpath_send */
};

extern struct fastpath_counts fastpath_counts;

/*
 * fastpath_send - deliver the message at t's umsg (header h, already
 * copied in and checked: size, bits, destination right) to a thread
 * waiting to receive on dest or on dest's port set (only while no member
 * has mail), if the message is one the fast path takes.
 * Returns:
 *   NEXT_THIS(r)  delivered into r's buffer; r was handed the CPU
 *                 (sched_wakeup_direct): pass the answer on to
 *                 sched_block or sched_continue;
 *   NEXT_SAME     not taken: nothing has changed, the slow path sends.
 */
struct sched_next fastpath_send(struct task *t, uint32_t umsg, const struct msg_header *h,
				struct port *dest);

/*
 * fastpath_rpc - the send half of msg_rpc(umsg, size, rcv_name, options),
 * whose answer goes to urcv (umsg, or msg_rpc_into's buffer), done at once
 * when it is the common case: no options but MSG_OPT_RCV_BUFFER, a simple message
 * with at most a make-send-once reply right, to a port a thread already
 * waits on (on the port, or on its set while no member has mail), and
 * nothing queued on rcv_name (a port, or a set: on any member). Returns:
 *   NEXT_THIS(r)  sent: r has the message and was handed the CPU; the
 *                 caller receives on rcv_name (the port in *rcv_port)
 *                 with this answer;
 *   NEXT_SAME     not taken (fastpath_counts says why): nothing has
 *                 changed, the slow path does the whole trap.
 * It never returns an error: every error is the slow path's to report.
 */
struct sched_next fastpath_rpc(struct task *t, uint32_t umsg, uint32_t urcv, uint32_t size,
			       port_name_t rcv_name, uint32_t options, struct port **rcv_port);

#endif /* KERNEL_FASTPATH_H */
