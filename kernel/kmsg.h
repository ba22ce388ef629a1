/*
 * kmsg.h - a message inside the kernel, between send and receive.
 *
 * A kmsg holds a copy of the sender's message. While it is in the kernel
 * its rights are held by the kmsg, not by any task: the reply right in
 * `reply`, and in each port descriptor the port pointer (in place of the
 * name) with the descriptor's disposition rewritten to the kind of right
 * the receiver will get (MSG_MOVE_SEND, MSG_MOVE_SEND_ONCE or
 * MSG_MOVE_RECEIVE).
 */
#ifndef KERNEL_KMSG_H
#define KERNEL_KMSG_H

#include <stdint.h>
#include "harbor/msg.h"

struct port;
struct task;
struct thread;

struct kmsg {
	struct kmsg *next;		/* in the port's queue */
	struct port *reply;		/* reply right carried, or NULL */
	uint32_t reply_type;		/* MSG_MOVE_SEND or MSG_MOVE_SEND_ONCE */
	struct task *charged;		/* whose pool quota pays for it */
	uint32_t alloc_size;		/* bytes allocated, kmsg included */
	uint32_t extra_charge;		/* pool bytes of its out-of-line page lists */
	struct thread *overflow_by;	/* sent past the queue limit by this thread (notify.c) */
	uint32_t size;			/* message bytes */
	uint32_t sender;		/* the sending task's id; 0: the kernel made it */
	struct msg_header msg[];	/* the message (header, then body) */
};

#define KMSG_SMALL	256u		/* messages up to this come from a zone */

/* kmsg_alloc - room for a size-byte message charged to t, or NULL (ERR_NO_MEMORY). */
struct kmsg *kmsg_alloc(uint32_t size, struct task *t);

/* kmsg_free - free the kmsg's memory only; its rights must be gone already. */
void kmsg_free(struct kmsg *m);

/*
 * kmsg_charge_extra - charge `bytes` more (out-of-line page lists) to
 * whoever pays for m. Returns ERR_OK or ERR_NO_MEMORY.
 */
int kmsg_charge_extra(struct kmsg *m, uint32_t bytes);

/* kmsg_recharge - make task t pay for m from now on (NULL: the kernel). */
void kmsg_recharge(struct kmsg *m, struct task *t);

/* kmsg_count - messages alive in the kernel (for the object counts). */
uint32_t kmsg_count(void);

#endif /* KERNEL_KMSG_H */
