/*
 * portlife.h - a port's life and death: allocation, who pays for it,
 * death when its receive right goes, and freeing with its last reference.
 */
#ifndef KERNEL_PORTLIFE_H
#define KERNEL_PORTLIFE_H

#include <stdint.h>
#include "kernel/port.h"

struct task;

/*
 * port_alloc - a new live port charged to t, with no references.
 * Returns NULL when t's quota or the pool is exhausted (ERR_NO_MEMORY to
 * the caller's caller).
 */
struct port *port_alloc(struct task *t);

/*
 * port_free - free p, whose last reference just went (port_release). Its
 * queue and wait queues must be empty: a live port is never freed (it
 * panics, naming the rule, if they are not).
 */
void port_free(struct port *p);

/*
 * port_release - drop a reference; free the port if it was the last.
 * Inline: every right used up on the RPC path drops one.
 */
static inline void
port_release(struct port *p)
{
	if (port_unref(p))
		port_free(p);
}

/*
 * port_destroy - the receive right is gone: mark p dead, destroy its
 * queued messages, wake its waiters with ERR_PORT_DEAD. Cannot fail.
 */
void port_destroy(struct port *p);

/*
 * port_recharge - t (or the kernel, NULL, or when t is over its quota)
 * pays for p and its queued messages from now on: its receiver, or, while
 * the receive right travels, the task that sent it. Cannot fail: over the
 * quota, the kernel pays.
 */
void port_recharge(struct port *p, struct task *t);

/* port_count - ports alive (for the object counts). */
uint32_t port_count(void);

#endif /* KERNEL_PORTLIFE_H */
