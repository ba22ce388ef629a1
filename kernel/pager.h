/*
 * pager.h - page faults as messages: each task's pager, the fault
 * request the kernel sends it (include/harbor/pager.defs), and the wait
 * for its answer (THREAD_PAGER).
 */
#ifndef KERNEL_PAGER_H
#define KERNEL_PAGER_H

#include <stdint.h>
#include "kernel/sched.h"

struct task;
struct thread;
struct port;
struct msg_header;

/*
 * How often each way was taken since boot: a fault written straight into
 * a waiting pager's buffer or queued as a kmsg, an answer taken straight
 * from the pager's buffer or through kobject_request. (The host port's
 * pager_counts reads them, so tests can see which way a fault went.)
 */
struct pager_counts {
	uint32_t fault_direct, fault_queued;
	uint32_t answer_direct, answer_queued;
};

extern struct pager_counts pager_counts;

/* How long a faulting thread waits for its pager before its task is killed. */
#define PAGER_TIMEOUT_MS	1000u

/*
 * pager_set - make p (NULL: none) t's pager, taking a send right of the
 * kernel's own to it and dropping the one to the old pager.
 */
void pager_set(struct task *t, struct port *p);

/*
 * pager_fault - the current thread faulted at addr (i386 page fault error
 * code err) at eip, and the kernel cannot resolve it: send the fault to
 * its task's pager and wait for the answer. Returns ERR_OK when the pager
 * answered ERR_OK (the page should now be mapped: the instruction runs
 * again), else why the task must die: ERR_NOT_FOUND (no pager, or its
 * port is dead or in transit), ERR_BUSY (the task is its own pager: it
 * could never answer its own fault), ERR_NO_MEMORY (no room for the
 * message, or no frame for the page the pager had the kernel map),
 * ERR_DENIED (the pager asked the kernel to map a page without holding
 * the memory control right), ERR_TIMED_OUT (no answer within PAGER_TIMEOUT_MS),
 * ERR_NO_REPLY (the pager died or dropped the request), or the error the
 * pager answered (ERR_BAD_ADDRESS, ERR_STACK_OVERFLOW, ERR_NO_MEMORY ...).
 */
int pager_fault(uint32_t addr, uint32_t err, uint32_t eip);

/*
 * pager_fault_range - a trap of the current thread found a page missing
 * in [start, end) of its task's memory (vm_note_missing): send each page
 * there that has nothing mapped to the task's pager as a fault (a write
 * fault if `write`), one after the other, as if the task had touched
 * them. Returns ERR_OK when the pager answered ERR_OK for all of them
 * (the trap starts again), else the first refusal, with every error
 * pager_fault lists. The trap then returns ERR_BAD_ADDRESS and the task
 * lives; pages mapped before the refusal stay mapped.
 */
int pager_fault_range(uint32_t start, uint32_t end, int write);

/*
 * pager_reply_dispatch - the kobject dispatch of a KOBJ_PAGER_REPLY port:
 * the pager's answer to a fault arrived; wake the thread with its code.
 * Sends no reply (returns 0).
 */
int pager_reply_dispatch(void *ctx, const struct msg_header *req, struct msg_header *reply);

/*
 * pager_answer_fast - the answer's fast path: the send of the message at
 * t's umsg (header h, copied in and checked: size, bits, the destination
 * right, which names the kernel port dest) when it is a pager's answer to
 * a fault, taken at once without a kmsg: the right is used up, the answer
 * applied as pager_reply_dispatch would (the page mapped), and the
 * faulting thread handed the CPU. Returns:
 *   NEXT_THIS(th)  taken (the send succeeded, whatever the answer said):
 *                  pass it on to the receive half, or sched_continue;
 *   NEXT_SAME      not taken (another kernel object, or not the answer's
 *                  shape): nothing changed, the slow path sends it.
 */
struct sched_next pager_answer_fast(struct task *t, uint32_t umsg, const struct msg_header *h,
				    struct port *dest);

/*
 * pager_reply_lost - the send-once right to thread port p (KOBJ_PAGER_REPLY)
 * was destroyed unanswered (the pager died, or dropped the request): the
 * thread waiting on it wakes with ERR_NO_REPLY.
 */
void pager_reply_lost(struct port *p);

#endif /* KERNEL_PAGER_H */
