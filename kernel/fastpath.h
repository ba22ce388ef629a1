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

#endif /* KERNEL_FASTPATH_H */
