/*
 * memctl_server.c - the kernel's handlers for the memory control object
 * (include/harbor/memctl.defs): the mechanism under the memory server.
 *
 * The memory server decides who gets memory, where, and how much; these
 * handlers only do what it asks, on a task it names by its task port:
 * map fresh zeroed frames, unmap, change protection, read what is mapped.
 * Frames are reference counted (pmem.c) whatever the server asks, so a
 * wrong request can waste a task's memory but never lose or double-free a
 * frame. The right comes from host_memory_control, once.
 *
 * The kernel keeps MEMCTL_RESERVE frames back from the server for what it
 * still allocates itself: copy-on-write copies of out-of-line data
 * (message semantics) and the images of boot modules it loads.
 */
#include <stddef.h>
#include "kernel/kobject.h"
#include "kernel/memctl.h"
#include "kernel/lib.h"
#include "kernel/pmem.h"
#include "kernel/port.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "kernel/task.h"
#include "kernel/vmregion.h"
#include "kernel/i386/paging.h"
#include "harbor/error.h"
#include "harbor/mem.h"
#include "harbor/memctl_server.h"

#define MEMCTL_RESERVE	256u		/* frames the server never gets (1 MiB) */
#define MEMCTL_MAP_MAX	16384u		/* pages in one map request (64 MiB) */

static struct port *memctl_port;	/* made by the first (only) host_memory_control */
static uint32_t memctl_holder;		/* the id of the task it was given to (ids are never reused) */

/* The task a task port in a request stands for, or NULL. */
static struct task *
memctl_task(uint32_t port)
{
	struct port *p = (struct port *)port;

	return p && p->ktype == KOBJ_TASK && !p->dead ? p->kobject : NULL;
}

int
memctl_give(uint32_t *ctl)
{
	if (memctl_port != NULL)
		return ERR_DENIED;		/* one holder: the memory server */
	memctl_port = kobject_port_alloc(NULL, KOBJ_MEMCTL, NULL);
	if (memctl_port == NULL)
		return ERR_NO_MEMORY;
	memctl_port->kobject = memctl_port;	/* no struct of its own, like the host */
	memctl_holder = current->task->id;
	*ctl = kobject_port_out(memctl_port);
	return ERR_OK;
}

int
memctl_map_zero(struct task *by, struct task *t, uint32_t va, uint32_t prot)
{
	uint32_t pa;

	if (by == NULL || by->id != memctl_holder)
		return ERR_DENIED;
	if (vm_page_entry(t, va) != 0)
		return ERR_OK;		/* mapped already: another thread's fault came first */
	if (frame_count_free() < MEMCTL_RESERVE + 1)
		return ERR_NO_MEMORY;
	pa = frame_alloc();
	assert(pa != 0);	/* "the reserve keeps frames for the kernel" */
	if (vm_map_page(t, va, pa, (prot & MEM_PROT_WRITE) ? VM_WRITE : 0) != ERR_OK) {
		frame_unref(pa);
		return ERR_NO_MEMORY;	/* no page table */
	}
	return ERR_OK;
}

int
memctl_task_id_handler(void *ctx, uint32_t task, uint32_t *id)
{
	struct task *t = memctl_task(task);

	if (t == NULL)
		return ERR_BAD_ARGUMENT;
	*id = t->id;
	return ERR_OK;
}

int
memctl_map_handler(void *ctx, uint32_t task, uint32_t address, uint32_t npages, uint32_t prot)
{
	struct task *t = memctl_task(task);
	uint32_t flags = (prot & MEM_PROT_WRITE) ? VM_WRITE : 0, i;

	if (t == NULL)
		return ERR_BAD_ARGUMENT;
	if (npages == 0 || npages > MEMCTL_MAP_MAX)
		return ERR_BAD_SIZE;
	if (vm_check_range(address, npages * PAGE_SIZE) != ERR_OK ||
	    vm_range_free(t, address, address + npages * PAGE_SIZE, npages) != address)
		return ERR_BAD_ADDRESS;		/* not user space, or something is mapped there */
	if (frame_count_free() < MEMCTL_RESERVE + npages)
		return ERR_NO_MEMORY;
	for (i = 0; i < npages; i++) {
		uint32_t pa = frame_alloc();

		assert(pa != 0);	/* "the reserve keeps frames for the kernel" */
		if (vm_map_page(t, address + i * PAGE_SIZE, pa, flags) != ERR_OK) {
			frame_unref(pa);	/* no page table: undo it all */
			vm_deallocate(t, address, i * PAGE_SIZE);
			return ERR_NO_MEMORY;
		}
	}
	return ERR_OK;
}

int
memctl_unmap_handler(void *ctx, uint32_t task, uint32_t address, uint32_t size, uint32_t *pages)
{
	struct task *t = memctl_task(task);
	int err, device;

	if (t == NULL)
		return ERR_BAD_ARGUMENT;
	err = vm_check_range(address, size);
	if (err != ERR_OK)
		return err;
	*pages = 0;
	for (uint32_t off = 0; off < size; off += PAGE_SIZE) {
		uint32_t pa = vm_unmap_page(t, address + off, &device);
		if (pa && !device) {
			frame_unref(pa);
			(*pages)++;
		}
	}
	return ERR_OK;
}

int
memctl_protect_handler(void *ctx, uint32_t task, uint32_t address, uint32_t size, uint32_t prot)
{
	struct task *t = memctl_task(task);
	int err;

	if (t == NULL)
		return ERR_BAD_ARGUMENT;
	err = vm_check_range(address, size);
	if (err != ERR_OK)
		return err;
	for (uint32_t off = 0; off < size; off += PAGE_SIZE)
		vm_protect_page(t, address + off, (prot & MEM_PROT_WRITE) != 0);
	return ERR_OK;
}

int
memctl_query_handler(void *ctx, uint32_t task, uint32_t address, uint32_t *flags)
{
	struct task *t = memctl_task(task);
	uint32_t e;

	if (t == NULL)
		return ERR_BAD_ARGUMENT;
	if (address >= USER_TOP)
		return ERR_BAD_ADDRESS;
	e = vm_page_entry(t, address);
	*flags = !e ? 0 : MEM_MAPPED | ((e & PTE_W) ? MEM_MAPPED_WRITE : 0) |
		 ((e & PTE_COW) ? MEM_MAPPED_COW : 0) | ((e & PTE_DEV) ? MEM_MAPPED_DEVICE : 0);
	return ERR_OK;
}

int
memctl_frames_handler(void *ctx, uint32_t *free, uint32_t *reserve)
{
	uint32_t n = frame_count_free();

	*free = n > MEMCTL_RESERVE ? n - MEMCTL_RESERVE : 0;
	*reserve = MEMCTL_RESERVE;
	return ERR_OK;
}
