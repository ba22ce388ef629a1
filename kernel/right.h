/*
 * right.h - rights leaving a task (copyin), arriving in one (copyout) and
 * being destroyed, and the death of a port.
 *
 * A right "in transit" is a port pointer plus a kind (MSG_MOVE_SEND,
 * MSG_MOVE_SEND_ONCE or MSG_MOVE_RECEIVE) that owns one port reference.
 */
#ifndef KERNEL_RIGHT_H
#define KERNEL_RIGHT_H

#include <stdint.h>
#include "harbor/msg.h"

struct port;
struct task;
struct space_entry;

/*
 * right_check - may task t pass `name` with disposition disp? Returns
 * ERR_OK and the port in *pp, or ERR_BAD_NAME (no such name),
 * ERR_BAD_RIGHT (the name lacks the right disp needs), ERR_PORT_DEAD
 * (a send right to a dead port), ERR_BAD_DISPOSITION. Changes nothing.
 */
int right_check(struct task *t, port_name_t name, uint32_t disp, struct port **pp);

/* right_kind - the kind of right a disposition delivers (MSG_MOVE_SEND etc.), or 0. */
uint32_t right_kind(uint32_t disp);

/*
 * right_copyin - take the right disp describes out of t (right_check
 * passed just before). Returns the port, with one reference owned by the
 * caller, now in transit as right_kind(disp).
 */
struct port *right_copyin(struct task *t, port_name_t name, uint32_t disp);

/*
 * right_copyout - give task t the right in transit (p, kind); the
 * reference passes to t. Returns its name in t, NAME_DEAD if the port
 * died, or NAME_NULL if t's name space is full (the right is destroyed).
 */
port_name_t right_copyout(struct task *t, struct port *p, uint32_t kind);

/* right_destroy - destroy a right in transit (send-once: tell the port). */
void right_destroy(struct port *p, uint32_t kind);

/* right_release_entry - drop every right entry e of t holds, and free e. */
void right_release_entry(struct task *t, struct space_entry *e);

/* port_alloc - a new live port charged to t, with no references; NULL if no memory. */
struct port *port_alloc(struct task *t);

/* port_release - drop a reference; free the port if it was the last. */
void port_release(struct port *p);

/*
 * port_destroy - the receive right is gone: mark p dead, destroy its
 * queued messages, wake its waiters with ERR_PORT_DEAD.
 */
void port_destroy(struct port *p);

/*
 * port_recharge - t (or the kernel, NULL, or when t is over its quota)
 * pays for p and its queued messages from now on: its receiver, or, while
 * the receive right travels, the task that sent it.
 */
void port_recharge(struct port *p, struct task *t);

/* port_count - ports alive (for the object counts). */
uint32_t port_count(void);

#endif /* KERNEL_RIGHT_H */
