/*
 * thread.h - threads: what the scheduler runs.
 *
 * Each thread has a kernel stack of one page; while it is in the kernel,
 * its user registers sit in a trap frame at the top of that stack. A
 * blocked thread waits on one wait queue, optionally until a deadline.
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <stdint.h>
#include "harbor/msg.h"
#include "kernel/i386/fpu.h"

#define THREAD_PRIO_MAX		31u	/* priorities 0 (lowest) .. 31 */
#define THREAD_PRIO_USER	16u	/* what new user threads get */
#define THREAD_PRIO_IDLE	0u

/*
 * A thread is in exactly one of these states, changed only through
 * thread_set_state (sched.c), which checks that the transition is legal:
 *
 *   NEW --> READY <--> RUNNING --> SEND / RECEIVE / REPLY / PAGER --> READY or HANDED
 *             ^                                                    |
 *             +------------------- HANDED <------------------------+
 *
 * and any state --> DEAD. A new way to wait is one new state here, one row
 * in the table in thread_moves.h, and its wait queue.
 */
enum thread_state {
	THREAD_NEW = 1,		/* made, not yet started */
	THREAD_READY,		/* on the run queue */
	THREAD_RUNNING,		/* the current thread */
	THREAD_HANDED,		/* woken to be switched to directly: on no queue (the RPC hand-off) */
	THREAD_SEND,		/* waiting for room on a port (wait.name) */
	THREAD_RECEIVE,		/* waiting for a message on a port or port set (wait.name) */
	THREAD_REPLY,		/* msg_rpc: its request sent, waiting for the reply (wait.name) */
	THREAD_PAGER,		/* waiting on its pager: a page fault sent as a message (pager.c) */
	THREAD_DEAD,		/* being torn down */
	THREAD_STATE_COUNT
};

/*
 * What a thread waits in: set when it starts waiting, and kept after it is
 * woken until it runs again (ipc.c clears it), so that a thread killed in
 * between can hand on what it was given (ipc_receive_abandoned).
 */
struct thread_wait {
	enum thread_state in;	/* THREAD_SEND, _RECEIVE or _REPLY; 0 when not in an IPC wait */
	port_name_t name;	/* the name it sends to or receives on */
	uint32_t buf, size;	/* a receive's buffer, for a sender to deliver into (fastpath.c) */
	int delivered;		/* a sender delivered into buf */
};

struct context;
struct task;
struct port;
struct waitq;
struct trapframe;
struct kmsg;

struct thread {
	struct thread *next;		/* run queue or wait queue link */
	struct thread *task_next;	/* the task's list of threads */
	struct thread *timer_next;	/* threads waiting with a deadline */
	struct task *task;
	uint32_t id;
	enum thread_state state;
	uint32_t priority;
	uint32_t ticks_left;		/* of its quantum */
	struct waitq *waitq;		/* what it waits on while blocked */
	uint32_t deadline;		/* tick to give up waiting at; 0 = never */
	int wait_result;		/* set by whoever wakes it */
	struct context *context;	/* saved kernel registers while not running */
	uint8_t *kstack;		/* one page */
	struct trapframe *tf;		/* user registers, at the top of kstack */
	struct port *port;		/* the thread's kernel object port */
	struct kmsg *overflow;		/* its one message past a queue limit (notify.c) */
	struct port *pager_reply;	/* where its pager answers its faults (pager.c), or NULL */
	uint32_t pager_addr;		/* ... and the page its fault is about */
	/* A user range in which a check of its trap found a page missing,
	 * from that page on (vm.c): the trap has the pager fault the range
	 * in and starts again (ipc_trap). start 0: none. */
	uint32_t vm_missing_start, vm_missing_end;
	int vm_missing_write;
	struct thread_wait wait;	/* the IPC wait it is in, or was woken from */
	/* The last receive buffer found writable, valid while vm_gen is unchanged. */
	uint32_t rcv_ok_buf, rcv_ok_size, rcv_ok_gen;
	struct msg_header *rcv_ok_header;	/* ... and its header's kernel address, or NULL */
	/* Its FPU registers while it is switched out (kernel/i386/fpu.c); 512 bytes. */
	struct fpu_state fpu;
};

/*
 * thread_create - a new thread in task t that will enter user mode at
 * `entry` with stack pointer `stack` and %eax = arg. It is not yet
 * runnable (THREAD_NEW: call sched_make_runnable). Returns NULL with *err set to
 * ERR_NO_MEMORY when the pool or t's quota is exhausted.
 */
struct thread *thread_create(struct task *t, uint32_t entry, uint32_t stack,
			     uint32_t arg, int *err);

/*
 * thread_destroy - take thread th off every queue and free it. If th is
 * the current thread, its memory goes once the CPU has left it, and this
 * switches away and never returns.
 */
void thread_destroy(struct thread *th);

/* thread_create_kernel - a kernel thread (no task) that runs fn; for the idle thread. */
struct thread *thread_create_kernel(void (*fn)(void), int *err);

/*
 * thread_detach - stop th and cut it from its task (queues, thread port,
 * quota) without freeing its memory; for a thread that is still running.
 */
void thread_detach(struct thread *th);

/* thread_free - free a dead thread's memory (after the CPU has left its stack). */
void thread_free(struct thread *th);

/* thread_count - threads alive (for the object counts). */
uint32_t thread_count(void);

#endif /* KERNEL_THREAD_H */
