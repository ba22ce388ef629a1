/*
 * kobject.h - messages to kernel objects: task, thread and host ports.
 *
 * The kernel serves these at once, in the sender's context, through the
 * dispatch functions idlc generates from include/harbor/{task,thread,
 * host}.defs. Handlers get a struct kobject_call as their ctx.
 */
#ifndef KERNEL_KOBJECT_H
#define KERNEL_KOBJECT_H

#include <stdint.h>
#include "kernel/port.h"

struct kmsg;
struct task;
struct thread;

struct kobject_call {
	void *object;		/* the task, thread or host the port stands for */
	struct kmsg *request;	/* the request being served */
	struct task *caller;	/* the sending task */
	struct task *kill_task;	/* the caller's own task, to terminate after replying */
	struct thread *kill_thread;	/* the caller's own thread, likewise */
};

/*
 * kobject_reply_alloc - room for the reply to a request to kernel object
 * port dest, charged to t; NULL when the pool is exhausted. Taken before
 * the request's rights move, so a failure changes nothing.
 */
struct kmsg *kobject_reply_alloc(struct port *dest, struct task *t);

/*
 * kobject_request - serve request m (rights already copied in) sent to
 * kernel object port dest, with r (from kobject_reply_alloc) for the
 * reply: deliver it to m's reply right, destroy m. Does not return when
 * the request terminates the caller's own task or thread.
 */
void kobject_request(struct port *dest, struct kmsg *m, struct kmsg *r);

/*
 * kobject_claim - a handler keeps the right in transit that an in-port
 * argument (port) of the request carries: the request no longer destroys
 * it. (For send-once rights, which are one right, not a count.)
 */
void kobject_claim(void *ctx, uint32_t port);

/* kobject_port_out - turn port p into an out-right for a reply (a send right in transit). */
uint32_t kobject_port_out(struct port *p);

/*
 * kobject_port_alloc - a new port, charged to t (NULL: the kernel), that
 * stands for kernel object `object` of kind ktype, holding one reference
 * that belongs to the object. Returns NULL when the pool is exhausted
 * (nothing was made).
 */
struct port *kobject_port_alloc(struct task *t, enum kobject_type ktype, void *object);

/*
 * kobject_port_destroy - the object p stands for is going away: p stops
 * standing for it and dies (send rights to it become dead names, waiters
 * wake with ERR_PORT_DEAD), and the object's reference is dropped.
 */
void kobject_port_destroy(struct port *p);

/* kobject_host_init - make the host port; returns it (one reference is the host's). */
struct port *kobject_host_init(void);

#endif /* KERNEL_KOBJECT_H */
