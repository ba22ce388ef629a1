/*
 * task.h - tasks: an address space plus a name space of rights.
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <stdint.h>

struct space;
struct thread;
struct port;

struct task {
	uint32_t id;
	char name[16];
	uint32_t *pgdir;		/* page directory (kernel virtual address) */
	struct space *space;		/* names -> rights */
	struct thread *threads;		/* linked through task_next */
	struct port *port;		/* the task's kernel object port */
	uint32_t pool_charged;		/* bytes of kernel pool held (pool.c) */
	uint8_t *iomap;			/* I/O ports granted (a clear bit allows), or NULL */
	uint32_t vm_gen;		/* bumped when a page is unmapped or made read-only */
	struct port *in_transit;	/* receive rights it sent that are still travelling */
	struct port *pager;		/* where its page faults go (pager.c), or NULL */
	int dying;
	struct task *all_next;		/* the list of every task (task_all), for debuggers */
};

/*
 * task_all - every live task, newest first, linked through all_next. The
 * kernel itself never walks it; GDB's `tasks` command and the trace (which
 * names every task when it is switched on) do.
 */
extern struct task *task_all;

/*
 * task_create - a new task with an empty address space, a fresh name
 * space holding NAME_TASK_SELF, and no threads. Returns NULL with *err =
 * ERR_NO_MEMORY (or ERR_NO_SPACE) on failure; nothing is left behind.
 */
struct task *task_create(const char *name, int *err);

/*
 * task_terminate - destroy t: its threads, its rights (receive rights die,
 * queued messages are destroyed, waiters woken with ERR_PORT_DEAD), its
 * memory. If the current thread belongs to t, this does not return.
 */
void task_terminate(struct task *t);

/* task_iomap - t's I/O permission bitmap, made (all denied) on first use; NULL if no memory. */
uint8_t *task_iomap(struct task *t);

/* task_count - tasks alive (for the object counts). */
uint32_t task_count(void);

#endif /* KERNEL_TASK_H */
