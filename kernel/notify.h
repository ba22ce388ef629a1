/*
 * notify.h - notifications the kernel sends about ports: dead-name,
 * no-senders, send-possible (and send-once, in ipc.c).
 *
 * A task asks for one through its task port, giving a send-once right
 * for the answer. The request lives on the port it is about until it
 * fires, the port dies, or the requester's right goes away.
 */
#ifndef KERNEL_NOTIFY_H
#define KERNEL_NOTIFY_H

#include <stdint.h>
#include "harbor/msg.h"

struct port;
struct task;
struct thread;
struct kmsg;

struct notify_req {
	struct notify_req *next;
	struct task *task;		/* the requester ... */
	port_name_t name;		/* ... and its name for the right */
	uint32_t kind;			/* enum notify_kind */
	int armed;			/* send-possible: a message went past the limit */
	struct port *notify;		/* send-once right for the notification */
};

/*
 * notify_request - register a request of `kind` by t about the right
 * `name` denotes, to be answered through the send-once right in transit
 * `notify`, which it takes over on success (ERR_OK). Errors: ERR_BAD_NAME, ERR_BAD_RIGHT (the
 * name lacks the right the kind is about), ERR_BAD_ARGUMENT (kind),
 * ERR_NO_MEMORY. A dead-name request on a dead right fires at once.
 */
int notify_request(struct task *t, port_name_t name, uint32_t kind, struct port *notify);

/* notify_port_died - p died: fire its dead-name requests, drop the rest. */
void notify_port_died(struct port *p);

/* notify_cancel - t's right `name` to p is gone: drop t's requests on it. */
void notify_cancel(struct port *p, struct task *t, port_name_t name);

/* notify_srights_dec - one send right to p is gone; the last fires no-senders. */
void notify_srights_dec(struct port *p);

/*
 * notify_may_overflow - may a MSG_OPT_NOTIFY send by the current thread of
 * t (through `name`) go past full port p's limit? Only with a send-possible
 * request on that name, and one message past a limit per thread.
 */
int notify_may_overflow(struct port *p, struct task *t, port_name_t name);

/* notify_overflow - m goes past p's limit: arm the request, mark m as the thread's. */
void notify_overflow(struct port *p, struct task *t, port_name_t name, struct kmsg *m);

/* notify_dequeued - m left p's queue: fire armed send-possible requests once there is room. */
void notify_dequeued(struct port *p, struct kmsg *m);

/* notify_kmsg_gone - m is destroyed: its thread may overflow again. */
void notify_kmsg_gone(struct kmsg *m);

/* notify_thread_gone - thread th dies: forget its message past a limit. */
void notify_thread_gone(struct thread *th);

/* notify_count - requests alive (part of the kernel object counts). */
uint32_t notify_count(void);

#endif /* KERNEL_NOTIFY_H */
