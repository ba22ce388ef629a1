/*
 * task.c - creating and destroying tasks.
 *
 * A task is an address space (page directory), a name space, its threads
 * and its task port. Termination undoes all of it in an order that keeps
 * every waiter informed: threads stop first, then every right is released
 * (receive rights die, waking their waiters and destroying queued
 * messages), then memory goes back.
 */
#include <stddef.h>
#include "kernel/task.h"
#include "kernel/kobject.h"
#include "kernel/device.h"
#include "kernel/lib.h"
#include "kernel/pager.h"
#include "kernel/pool.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/thread.h"
#include "kernel/trace.h"
#include "kernel/i386/paging.h"
#include "kernel/i386/cpu.h"
#include "kernel/pmem.h"
#include "harbor/error.h"

static struct zone task_zone = ZONE_INIT("task", struct task);
static struct zone iomap_zone = ZONE_INIT("iomap", uint8_t[IO_BITMAP_BYTES]);
static uint32_t task_next_id = 1;
struct task *task_all;

/* Take t off the list of every task. */
static void
task_unlink(struct task *t)
{
	for (struct task **pp = &task_all; *pp; pp = &(*pp)->all_next) {
		if (*pp == t) {
			*pp = t->all_next;
			return;
		}
	}
}

struct task *
task_create(const char *name, int *err)
{
	struct task *t;
	port_name_t self;

	*err = ERR_NO_MEMORY;
	t = zone_alloc(&task_zone);
	if (t == NULL)
		return NULL;
	t->id = task_next_id++;
	for (size_t i = 0; i + 1 < sizeof(t->name) && name[i]; i++)
		t->name[i] = name[i];
	t->pgdir = pgdir_create(t);
	if (t->pgdir == NULL)
		goto fail;
	if (pool_charge(t, SPACE_PAGES * PAGE_SIZE) != ERR_OK)
		goto fail_pgdir;
	t->space = pool_page_alloc(SPACE_PAGES);
	if (t->space == NULL)
		goto fail_charge;
	space_init(t->space);
	space_reserve(t->space, NAME_REPLY);	/* names 1-5 are the well-known ones */
	t->port = kobject_port_alloc(t, KOBJ_TASK, t);
	if (t->port == NULL)
		goto fail_space;
	/* NAME_TASK_SELF: a send right to its own task port. */
	port_ref(t->port);
	t->port->srights++;
	self = space_alloc_at(t->space, NAME_TASK_SELF, t->port, RIGHT_SEND);
	assert(self == NAME_TASK_SELF);
	t->all_next = task_all;
	task_all = t;
	trace_task(TRACE_TASK_NEW, t);
	*err = ERR_OK;
	return t;

fail_space:
	pool_page_free(t->space, SPACE_PAGES);
fail_charge:
	pool_uncharge(t, SPACE_PAGES * PAGE_SIZE);
fail_pgdir:
	pgdir_destroy(t);
fail:
	zone_free(&task_zone, t);
	return NULL;
}

void
task_terminate(struct task *t)
{
	struct thread *me = current->task == t ? current : NULL;

	trace_task(TRACE_TASK_DEAD, t);
	t->dying = 1;
	task_unlink(t);
	if (me)
		thread_detach(me);	/* freed once the CPU has left it */
	while (t->threads)
		thread_destroy(t->threads);
	pager_set(t, NULL);
	for (uint32_t i = 1; i < SPACE_SIZE; i++)
		if (t->space->e[i].rights)
			right_release_entry(t, &t->space->e[i]);
	while (t->in_transit)		/* still travelling: the kernel pays now */
		port_recharge(t->in_transit, NULL);
	kobject_port_destroy(t->port);
	pool_page_free(t->space, SPACE_PAGES);
	pool_uncharge(t, SPACE_PAGES * PAGE_SIZE);
	device_release(t);		/* its I/O ports and device memory: free for others */
	if (t->iomap) {
		tss_forget_io_bitmap(t->iomap);	/* a later bitmap may reuse its address */
		zone_free(&iomap_zone, t->iomap);
		pool_uncharge(t, IO_BITMAP_BYTES);
	}
	if (me)
		cpu_use_kernel_address_space();	/* we are about to free the one we run on */
	pgdir_destroy(t);
	/* Every charge went back with what it paid for; anything left would
	 * later be uncharged from a freed task. Say so (the tests look). */
	if (t->pool_charged != 0)
		kprintf("harbor: BUG: task %u (%s) freed with %u bytes of pool still charged\n",
			t->id, t->name, t->pool_charged);
	zone_free(&task_zone, t);
	if (me)
		sched_exit();
}

uint8_t *
task_iomap(struct task *t)
{
	if (t->iomap == NULL && pool_charge(t, IO_BITMAP_BYTES) == ERR_OK) {
		t->iomap = zone_alloc(&iomap_zone);
		if (t->iomap != NULL)
			memset(t->iomap, 0xff, IO_BITMAP_BYTES);	/* all denied */
		else
			pool_uncharge(t, IO_BITMAP_BYTES);
	}
	return t->iomap;
}

uint32_t
task_count(void)
{
	return task_zone.in_use;
}
