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

enum thread_state {
	THREAD_RUNNABLE = 1,	/* on a run queue */
	THREAD_RUNNING,		/* the current thread */
	THREAD_BLOCKED,		/* on a wait queue (or suspended with none) */
	THREAD_DEAD,		/* being torn down */
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
	/* A receive it waits in, for a sender to complete directly (fastpath.c). */
	uint32_t rcv_buf, rcv_size;
	port_name_t rcv_name;
	int rcv_done;			/* the sender delivered into rcv_buf */
	int rcv_waiting;		/* in a receive's wait (or woken from it, not yet run) */
	port_name_t snd_name;		/* likewise a send waiting for room on this name */
	int snd_waiting;
	/* The last receive buffer found writable, valid while vm_gen is unchanged. */
	uint32_t rcv_ok_buf, rcv_ok_size, rcv_ok_gen;
	/* Its FPU registers while it is switched out (kernel/i386/fpu.c); 512 bytes. */
	struct fpu_state fpu;
};

/*
 * thread_create - a new thread in task t that will enter user mode at
 * `entry` with stack pointer `stack` and %eax = arg. It is not yet
 * runnable (call sched_make_runnable). Returns NULL with *err set to
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
