/*
 * fastpath.h - the RPC fast path: a message handed straight to a waiting
 * receiver, user buffer to user buffer, with no kernel copy in between.
 */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

#include <stdint.h>
#include "harbor/msg.h"

struct port;
struct task;
struct thread;

/*
 * fastpath_send - deliver the message at t's umsg (header h, already
 * copied in and checked: size, bits, destination right) to a thread
 * waiting to receive on dest, if the message is one the fast path takes.
 * Returns that thread - delivered and woken with sched_wakeup_direct, so
 * the caller must switch to it or make it runnable - or NULL when the
 * slow path must do it: then nothing has changed.
 */
struct thread *fastpath_send(struct task *t, uint32_t umsg, const struct msg_header *h,
			     struct port *dest);

/* What fastpath_rpc returns besides an error code (which are >= 0). */
#define FASTPATH_SLOW	(-1)	/* not taken: nothing happened, use the slow path */
#define FASTPATH_SENT	(-2)	/* sent; the receive must go the slow way */

/*
 * fastpath_rpc - msg_rpc(umsg, size, rcv_name) with no options, done whole
 * when it is the common case: a simple message with at most a
 * make-send-once reply right, to a port a thread already waits on, and
 * nothing queued for us. Returns ERR_OK (sent and received), an error
 * from the wait, FASTPATH_SENT, or FASTPATH_SLOW (nothing changed).
 */
int fastpath_rpc(struct task *t, uint32_t umsg, uint32_t size, port_name_t rcv_name);

#endif /* KERNEL_FASTPATH_H */
