/*
 * pool.h - the kernel object pool: a fixed set of pages for the kernel's
 * own objects (tasks, threads, ports, messages) and page tables.
 *
 * The pool is carved out of RAM once at boot and never grows, so no user
 * task can make the kernel run out of memory for itself: every object is
 * charged to a task (pool_charge), and a task may hold at most
 * POOL_TASK_LIMIT bytes.
 */
#ifndef KERNEL_POOL_H
#define KERNEL_POOL_H

#include <stddef.h>
#include <stdint.h>

#define POOL_PAGES	1024			/* 4 MiB */
#define POOL_TASK_LIMIT	(512u * 1024)		/* bytes one task may hold */

/* A zone: one kind of fixed-size object, allocated from pool pages. */
struct zone {
	const char *name;
	uint32_t size;		/* bytes per object */
	void *free;		/* free objects, linked through their first word */
	uint32_t in_use;	/* objects handed out (the kernel object counts) */
};

#define ZONE_INIT(n, type)	{ .name = (n), .size = sizeof(type) }

struct task;

/* pool_init - take the pool's pages from physical memory. Panics if it cannot. */
void pool_init(void);

/* pool_page_alloc - n contiguous zeroed pool pages, or NULL. */
void *pool_page_alloc(uint32_t n);

/* pool_page_free - give back n pages that pool_page_alloc returned. */
void pool_page_free(void *p, uint32_t n);

/* pool_pages_free - how many pool pages are unused. */
uint32_t pool_pages_free(void);

/* zone_alloc - a zeroed object from z, or NULL when the pool is exhausted. */
void *zone_alloc(struct zone *z);

/* zone_free - return obj to z. */
void zone_free(struct zone *z, void *obj);

/*
 * pool_charge - charge `bytes` of kernel memory to task t (NULL: the
 * kernel itself). Returns 0, or ERR_NO_MEMORY if t would exceed its limit.
 */
int pool_charge(struct task *t, uint32_t bytes);

/* pool_uncharge - undo pool_charge. */
void pool_uncharge(struct task *t, uint32_t bytes);

#endif /* KERNEL_POOL_H */
