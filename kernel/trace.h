/*
 * trace.h - the IPC trace: hooks that record IPC events in a ring.
 *
 * Tracing is off by default. Each hook below is one line at the place an
 * event happens (ipc.c, fastpath.c, kobject.c, task.c, thread.c, pager.c),
 * and costs one load and one branch the CPU predicts as not taken while
 * tracing is off: the work is in trace.c, out of line. The ring keeps the
 * last TRACE_RING_SIZE events, overwriting the oldest; the reader
 * (host_trace_read, GDB's `events`) is told how many it missed, so
 * nothing is dropped silently. The record's layout is in
 * include/harbor/trace.h; docs/trace.md tells how to use it.
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <stdint.h>
#include "harbor/msg.h"
#include "harbor/trace.h"

/* Events; 640 KiB. Loading a program from the disk (make trace CMD='cat
 * /etc/motd') takes about 9,600: every block is a request to the disk
 * driver, two IRQs and their acknowledgements. */
#define TRACE_RING_SIZE	16384u

#define trace_unlikely(x)	__builtin_expect(!!(x), 0)

struct kmsg;
struct port;
struct task;
struct thread;

extern int trace_on;			/* recording? (host_trace_switch) */
extern uint32_t trace_seq;		/* events recorded since switched on */
extern struct trace_event trace_ring[TRACE_RING_SIZE];	/* event n is at n % TRACE_RING_SIZE */

/* The out-of-line halves of the hooks (trace.c). */
void trace_record_msg(enum trace_kind kind, struct task *t, struct port *p,
		      const struct kmsg *m, uint32_t bits);
void trace_record_handoff(const struct msg_header *h, uint32_t dest_disp, struct thread *r);
void trace_record_task(enum trace_kind kind, struct task *t);
void trace_record_thread(enum trace_kind kind, struct thread *th);
void trace_record_fault(uint32_t addr, uint32_t err, struct port *pager);
void trace_record_answer(const struct msg_header *h, struct port *dest);

/*
 * trace_msg - a message m (sent by t with header bits `bits` as the
 * sender wrote them; 0 if not known) was queued on, taken from, or sent
 * to p: kind is TRACE_SEND, TRACE_RECEIVE, TRACE_KREQUEST or TRACE_KMSG
 * (t NULL: the kernel made it).
 */
static inline void
trace_msg(enum trace_kind kind, struct task *t, struct port *p, const struct kmsg *m,
	  uint32_t bits)
{
	if (trace_unlikely(trace_on))
		trace_record_msg(kind, t, p, m, bits);
}

/*
 * trace_handoff - the fast path copied a message from the current thread
 * straight into r: h is the header r sees (id, size, and in dest r's
 * name for the port it came in on: the member, when r waits on a port
 * set), dest_disp the disposition of the sender's destination
 * right (MSG_MOVE_SEND_ONCE: a reply). Only values the fast path holds
 * anyway, and no local's address, so it keeps its registers when off.
 */
static inline void
trace_handoff(const struct msg_header *h, uint32_t dest_disp, struct thread *r)
{
	if (trace_unlikely(trace_on))
		trace_record_handoff(h, dest_disp, r);
}

/* trace_task - task t was made (TRACE_TASK_NEW) or is being destroyed (TRACE_TASK_DEAD). */
static inline void
trace_task(enum trace_kind kind, struct task *t)
{
	if (trace_unlikely(trace_on))
		trace_record_task(kind, t);
}

/* trace_thread - thread th was made (TRACE_THREAD_NEW) or is going (TRACE_THREAD_DEAD). */
static inline void
trace_thread(enum trace_kind kind, struct thread *th)
{
	if (trace_unlikely(trace_on))
		trace_record_thread(kind, th);
}

/*
 * trace_fault - the current thread's page fault at addr (i386 error code
 * err) is being sent to its task's pager, whose port is pager (with a
 * receiver: pager_fault checked). One hook for both ways the fault goes,
 * written straight into a waiting pager or queued.
 */
static inline void
trace_fault(uint32_t addr, uint32_t err, struct port *pager)
{
	if (trace_unlikely(trace_on))
		trace_record_fault(addr, err, pager);
}

/*
 * trace_answer - the current task's pager answer (header h) to the
 * KOBJ_PAGER_REPLY port dest was taken on the answer's fast path, which
 * skips kobject_request and so its TRACE_KREQUEST: record one here.
 */
static inline void
trace_answer(const struct msg_header *h, struct port *dest)
{
	if (trace_unlikely(trace_on))
		trace_record_answer(h, dest);
}

/*
 * trace_switch - start recording (on != 0: the ring is emptied, then
 * every live task is recorded as TRACE_TASK_ALIVE, so a reader can name
 * them) or stop. Either way, a trace that was on ends with every live
 * task recorded as TRACE_TASK_ALIVE again: the newest events, which
 * survive however much the ring overwrote. Returns the events recorded
 * since the last start, those included.
 */
uint32_t trace_switch(int on);

/*
 * trace_read - copy up to max events, from event number `from` on, to
 * out. *first is the number of the first event copied: more than from
 * when the ring has overwritten older ones (first - from were lost).
 * Returns how many were copied; *total is trace_seq.
 */
uint32_t trace_read(uint32_t from, struct trace_event *out, uint32_t max, uint32_t *first,
		    uint32_t *total);

#endif /* KERNEL_TRACE_H */
