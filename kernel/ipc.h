/*
 * ipc.h - the three IPC traps and the message transfer they share.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdint.h>

struct kmsg;
struct port;
struct thread;

/*
 * ipc_trap - the system call: op is MSG_TRAP_SEND, _RECEIVE or _RPC with
 * their arguments (see harbor/msg.h). Returns ERR_OK or an error code;
 * any other op gets ERR_BAD_OPERATION.
 */
int ipc_trap(uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5);

/*
 * ipc_trap_faulted - ipc_trap(op, a1..a5) just returned ERR_BAD_ADDRESS,
 * and one of its checks found a page of the task's memory missing
 * (current->vm_missing_start, vm.c): have the task's pager fault the
 * range in (pager_fault_range) and run the trap again, until it succeeds
 * or fails otherwise. Every such check comes before the trap changed
 * anything (ipc.c says why), so running it again is the same trap.
 * Returns the trap's result, or ERR_BAD_ADDRESS when the pager refused a
 * page (or there is no pager, or it did not answer): the task lives.
 */
int ipc_trap_faulted(uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5);

/*
 * ipc_deliver - queue a kernel-made message m on port p, past its limit
 * (notifications and kernel replies never block), and wake a receiver.
 * Destroys m if p is dead or a kernel object's port.
 */
void ipc_deliver(struct port *p, struct kmsg *m);

/*
 * ipc_receive_abandoned - thread th dies after it was woken but before it
 * ran: a receiver passes the wake-up on to the next receiver (or, for a
 * message the fast path already delivered, destroys its reply right so
 * the client is told); a sender given room passes it to the next sender.
 */
void ipc_receive_abandoned(struct thread *th);

/*
 * ipc_offer_room - the one rule for waking senders. A sender waits only
 * while its port has no room; whenever room may have appeared (a message
 * taken, a receiver about to wait, a limit raised, a port joining a set,
 * a sender sent or gave up the room it was given), this wakes p's first
 * waiting sender if p has room for one more message, counting `arriving`
 * receivers about to wait. For a port set, the first member that takes
 * the offer. A woken sender checks again when it runs, and after it
 * sends, offers what room is left to the next: so a raised limit lets
 * every sender through that fits, in order. Returns 1 if it woke one.
 */
int ipc_offer_room(struct port *p, uint32_t arriving);

/* ipc_kmsg_destroy - destroy m with every right it carries. */
void ipc_kmsg_destroy(struct kmsg *m);

/* ipc_notify_send_once - tell port p that a send-once right to it died unused. */
void ipc_notify_send_once(struct port *p);

#endif /* KERNEL_IPC_H */
