/*
 * ool.c - out-of-line memory: move, share and copy-on-write copy.
 *
 * A region is cut into its frames when sent and mapped again when
 * received; only page table entries change (but see the rule of a copy,
 * below). Each frame in transit holds one frame reference, so a region
 * that is never received is freed with its message, and a shared or
 * copied frame is freed by its last user.
 *
 * The one rule of a copy: its receiver sees the bytes of send time until
 * it writes them itself. Copy-on-write keeps it only while no one can
 * write the frame without a fault, and the kernel keeps no list of who
 * maps a frame, so it can write-protect only the sender's own entry. A
 * page only the sender maps (one reference), or one it maps copy-on-write
 * already (then no one writes it without a fault), is shared lazily; any
 * other page is copied when it is sent (ool_check).
 */
#include <stddef.h>
#include "kernel/ool.h"
#include "kernel/lib.h"
#include "kernel/pmem.h"
#include "kernel/pool.h"
#include "kernel/vm.h"
#include "kernel/vmregion.h"
#include "kernel/i386/paging.h"
#include "harbor/error.h"

static uint32_t
ool_list_pages(uint32_t npages)
{
	return ROUNDUP(sizeof(struct ool_pages) + npages * sizeof(uint32_t), PAGE_SIZE) / PAGE_SIZE;
}

/* A frame list for npages pages, holding no reference yet; NULL if no pool memory. */
static struct ool_pages *
ool_list_alloc(uint32_t npages)
{
	uint32_t lp = ool_list_pages(npages);
	struct ool_pages *list = pool_page_alloc(lp);

	if (list == NULL)
		return NULL;
	list->npages = 0;
	list->ncopied = 0;
	list->pool_pages = lp;
	return list;
}

/* Does another region of the message d[0..n) share (MSG_OOL_SHARE) a page of region d[i]? */
static int
ool_shares_page(const union msg_desc *d, uint32_t n, uint32_t i)
{
	for (uint32_t j = 0; j < n; j++)
		if (j != i && d[j].type == MSG_DESC_OOL && d[j].ool.mode == MSG_OOL_SHARE &&
		    ool_overlap(&d[i].ool, &d[j].ool))
			return 1;
	return 0;
}

/*
 * A region failed its check: note its first page that is not mapped RAM,
 * so that, if nothing at all is mapped there, the trap has the pager
 * fault the rest of the region in and starts again (vm_note_missing).
 */
static void
ool_note_missing(struct task *t, const struct msg_ool_desc *d)
{
	for (uint32_t off = 0; off < d->size; off += PAGE_SIZE) {
		uint32_t e = vm_page_entry(t, d->address + off);

		if ((e & (PTE_P | PTE_U | PTE_DEV)) != (PTE_P | PTE_U)) {
			vm_note_missing(t, d->address + off, d->address + d->size, 0);
			return;
		}
	}
}

int
ool_check(struct task *t, const union msg_desc *descs, uint32_t n, uint32_t i,
	  struct ool_pages **list)
{
	const struct msg_ool_desc *d = &descs[i].ool;
	uint32_t npages = d->size / PAGE_SIZE;
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
	if (d->mode == MSG_OOL_COPY) {
		/* The rule of a copy (above). A region this message also
		 * shares is copied whole: the share maps it writable again. */
		*list = ool_list_alloc(npages);
		if (*list == NULL)
			return ERR_NO_MEMORY;
		err = vm_range_snapshot(t, d->address, npages, ool_shares_page(descs, n, i),
					(*list)->frames, &(*list)->ncopied);
		if (err != ERR_OK) {
			ool_destroy(*list);
			*list = NULL;
			if (err == ERR_BAD_ADDRESS)
				ool_note_missing(t, d);
			return err;
		}
		if ((*list)->ncopied != 0)
			(*list)->npages = npages;	/* so ool_destroy frees the copies */
		return ERR_OK;
	}
	/* A page still shared copy-on-write must not be handed on writable:
	 * for move and share, the sender gets its own copy first (it cannot
	 * tell the difference). */
	err = vm_range_ram(t, d->address, npages, 1);
	if (err == ERR_BAD_ADDRESS)
		ool_note_missing(t, d);
	if (err != ERR_OK)
		return err;
	*list = ool_list_alloc(npages);
	return *list == NULL ? ERR_NO_MEMORY : ERR_OK;
}

/*
 * Take the pages of a copy that ool_check did not copy: each run of 0
 * entries. Rare, so kept out of line: ool_copyin's common case stays a
 * plain call of vm_range_take.
 */
static void __attribute__((noinline))
ool_take_uncopied(struct task *t, uint32_t va, struct ool_pages *list)
{
	uint32_t i = 0, run;

	while (i < list->npages) {
		for (run = 0; i + run < list->npages && list->frames[i + run] == 0; run++)
			;
		if (run != 0)
			vm_range_take(t, va + i * PAGE_SIZE, run, VM_TAKE_COW, &list->frames[i]);
		i += run != 0 ? run : 1;	/* past the run, or past a copy */
	}
}

void
ool_copyin(struct task *t, const struct msg_ool_desc *d, struct ool_pages *list)
{
	int how = d->mode == MSG_OOL_MOVE ? VM_TAKE_MOVE :
		  d->mode == MSG_OOL_COPY ? VM_TAKE_COW : VM_TAKE_SHARE;

	list->npages = d->size / PAGE_SIZE;
	if (list->ncopied != 0)
		ool_take_uncopied(t, d->address, list);
	else
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
		if (list->frames[i] != 0)	/* 0: a page ool_check left to take */
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
