/*
 * ool.c - out-of-line memory: move, share and copy-on-write copy.
 *
 * A region is cut into its frames when sent and mapped again when
 * received; only page table entries change. Each frame in transit holds
 * one frame reference, so a region that is never received is freed with
 * its message, and a shared or copied frame is freed by its last user.
 */
#include <stddef.h>
#include "kernel/ool.h"
#include "kernel/lib.h"
#include "kernel/pmem.h"
#include "kernel/pool.h"
#include "kernel/vmregion.h"
#include "kernel/i386/paging.h"
#include "harbor/error.h"

static uint32_t
ool_list_pages(uint32_t npages)
{
	return ROUNDUP(sizeof(struct ool_pages) + npages * sizeof(uint32_t), PAGE_SIZE) / PAGE_SIZE;
}

int
ool_check(struct task *t, const struct msg_ool_desc *d, struct ool_pages **list)
{
	uint32_t npages = d->size / PAGE_SIZE, lp;
	int err;

	*list = NULL;
	if (d->mode != MSG_OOL_MOVE && d->mode != MSG_OOL_SHARE && d->mode != MSG_OOL_COPY)
		return ERR_BAD_MESSAGE;
	if (d->size > VM_REGION_MAX)
		return ERR_BAD_SIZE;
	if (d->size == 0)
		return ERR_OK;		/* an empty region: nothing to pass */
	err = vm_check_range(d->address, d->size);
	if (err != ERR_OK)
		return err;
	/* A page still shared copy-on-write must not be handed on writable:
	 * for move and share, the sender gets its own copy first (it cannot
	 * tell the difference). */
	err = vm_range_ram(t, d->address, npages, d->mode != MSG_OOL_COPY);
	if (err != ERR_OK)
		return err;
	lp = ool_list_pages(npages);
	*list = pool_page_alloc(lp);
	if (*list == NULL)
		return ERR_NO_MEMORY;
	(*list)->npages = 0;
	(*list)->pool_pages = lp;
	return ERR_OK;
}

void
ool_copyin(struct task *t, const struct msg_ool_desc *d, struct ool_pages *list)
{
	int how = d->mode == MSG_OOL_MOVE ? VM_TAKE_MOVE :
		  d->mode == MSG_OOL_COPY ? VM_TAKE_COW : VM_TAKE_SHARE;

	list->npages = d->size / PAGE_SIZE;
	vm_range_take(t, d->address, list->npages, how, list->frames);
}

uint32_t
ool_copyout(struct task *t, uint32_t mode, struct ool_pages *list)
{
	uint32_t flags = mode == MSG_OOL_COPY ? VM_COW : VM_WRITE;
	uint32_t va = vm_find_free(t, list->npages), i;

	if (va == 0)
		goto drop;
	i = vm_range_map(t, va, list->npages, list->frames, flags);
	if (i < list->npages) {
		/* No page table: undo what we mapped, drop the rest. */
		vm_deallocate(t, va, i * PAGE_SIZE);
		for (; i < list->npages; i++)
			frame_unref(PTE_ADDR(list->frames[i]));
		va = 0;
	}
	list->npages = 0;	/* the frames' references now belong to the mappings */
	ool_destroy(list);
	return va;
drop:
	ool_destroy(list);
	return 0;
}

void
ool_destroy(struct ool_pages *list)
{
	if (list == NULL)
		return;
	for (uint32_t i = 0; i < list->npages; i++)
		frame_unref(PTE_ADDR(list->frames[i]));
	pool_page_free(list, list->pool_pages);
}

uint32_t
ool_list_bytes(const struct msg_ool_desc *d)
{
	return d->size ? ool_list_pages(d->size / PAGE_SIZE) * PAGE_SIZE : 0;
}

int
ool_overlap(const struct msg_ool_desc *a, const struct msg_ool_desc *b)
{
	return a->size && b->size && a->address < b->address + b->size &&
	       b->address < a->address + a->size;
}
