/*
 * trace.h - the IPC trace's event record: what the kernel writes into its
 * trace ring and what host_trace_read hands out (docs/trace.md).
 *
 * The kernel records one event per IPC step while tracing is on: a
 * message queued, handed straight to a waiting receiver, taken from a
 * queue, sent to a kernel object, made by the kernel (a kernel object's
 * reply or a notification); a task or thread born or dead. Every record is
 * 40 bytes, little-endian, with no padding, so a host tool (tools/trace/)
 * and GDB (tools/gdb/) can decode the bytes without this header.
 */
#ifndef HARBOR_TRACE_H
#define HARBOR_TRACE_H

#include <stdint.h>

enum trace_kind {
	TRACE_SEND = 1,		/* a message queued on a port (the slow path) */
	TRACE_HANDOFF,		/* delivered straight into a waiting receiver (the fast path) */
	TRACE_RECEIVE,		/* a queued message taken by a receiver */
	TRACE_KREQUEST,		/* a message to a kernel object, served at once */
	TRACE_KMSG,		/* a message the kernel made: a kernel object's reply, a notification */
	TRACE_TASK_NEW,		/* a task was made */
	TRACE_TASK_DEAD,	/* a task is being destroyed */
	TRACE_THREAD_NEW,	/* a thread was made */
	TRACE_THREAD_DEAD,	/* a thread is being destroyed */
	TRACE_FAULT,		/* a page fault sent to a task's pager (kernel/pager.c) */
	TRACE_TASK_ALIVE,	/* a task alive when tracing was switched on, and again when off */
	TRACE_KIND_COUNT
};

/* flags */
#define TRACE_F_SEND_ONCE	0x1u	/* sent through a send-once right: a reply */
#define TRACE_F_OVERFLOW	0x2u	/* queued past the limit (MSG_OPT_NOTIFY) */
#define TRACE_F_FROM_KERNEL	0x4u	/* the kernel made it (a kernel object's reply, a notification) */
#define TRACE_F_KOBJ(kind)	((uint32_t)(kind) << 8)	/* TRACE_KREQUEST: 1 task, 2 thread, 3 host,
							   4 memctl, 5 a pager answer */

/*
 * One event. For the message kinds: task and thread did it (0: the
 * kernel); port is the port's serial number; peer is the task holding its
 * receive right (0: none, or a kernel object); msg_id, size and the
 * descriptor counts describe the message. For the task kinds, task is the
 * task, thread the thread that made or killed it (0: the kernel) and name
 * its program (NUL-padded, not always NUL-terminated). For the thread
 * kinds, thread is the thread and peer the task of the thread that made or
 * destroyed it. TRACE_FAULT: task and thread faulted, port is the pager's
 * port, peer the pager's task, msg_id the fault message's id
 * (pager.fault), size the faulting address, flags the i386 error code.
 * A pager's answer is a TRACE_KREQUEST to the faulting thread's
 * KOBJ_PAGER_REPLY port (TRACE_F_KOBJ(5)) whose peer is the faulting task.
 */
struct trace_event {
	uint32_t time_lo, time_hi;	/* rdtsc: guest instructions under -icount */
	uint16_t kind;			/* enum trace_kind */
	uint8_t ports, ools;		/* port and out-of-line descriptors carried */
	uint32_t task, thread;
	uint32_t port;
	union {
		struct {
			uint32_t msg_id, size, peer, flags;
		} m;
		char name[16];
	} u;
};

#define TRACE_EVENT_SIZE	40u
#define TRACE_READ_MAX		5u	/* events one host_trace_read returns (200 bytes) */

#endif /* HARBOR_TRACE_H */
