/*
 * paging.h - i386 two-level page tables: one page directory per task.
 *
 * The kernel half of every directory is the same (all of RAM at KERNBASE,
 * 4 MiB pages); the user half is the task's own. User page tables come
 * from the kernel pool, charged to the task. Every mapped RAM frame holds
 * one frame reference (pmem.c); device memory holds none.
 */
#ifndef KERNEL_I386_PAGING_H
#define KERNEL_I386_PAGING_H

#include <stdint.h>
#include "kernel/task.h"
#include "harbor/layout.h"

#define PTE_P	0x001u		/* present */
#define PTE_W	0x002u		/* writable */
#define PTE_U	0x004u		/* user */
#define PTE_PS	0x080u		/* 4 MiB page (directory entries) */
#define PTE_G	0x100u		/* global */
#define PTE_COW	0x200u		/* (software) copy on write: read-only until written */
#define PTE_DEV	0x400u		/* (software) device memory: not a RAM frame */
#define PTE_ADDR(e)	((e) & ~0xfffu)

/* How vm_map_page maps a page. */
#define VM_WRITE	0x1u
#define VM_COW		0x2u
#define VM_DEVICE	0x4u

struct task;

extern uint32_t *kernel_pgdir;

/* paging_init - build the kernel's page directory and switch to it. */
void paging_init(void);

/* pgdir_create - a directory with the kernel half filled in, charged to t; NULL if no memory. */
uint32_t *pgdir_create(struct task *t);

/* pgdir_destroy - drop t's frame references, free its page tables and directory. */
void pgdir_destroy(struct task *t);

/*
 * vm_map_page - map physical page pa at user address va in t, with
 * `flags` (VM_WRITE, VM_COW, VM_DEVICE). The mapping takes over the
 * caller's frame reference. Returns ERR_OK, ERR_NO_MEMORY (no page
 * table) or ERR_BAD_ADDRESS (va not a user page address, or taken).
 */
int vm_map_page(struct task *t, uint32_t va, uint32_t pa, uint32_t flags);

/*
 * vm_unmap_page - remove the mapping at va; returns the page's physical
 * address (the caller now owns its frame reference), or 0 if none.
 * *device is set for device memory.
 */
uint32_t vm_unmap_page(struct task *t, uint32_t va, int *device);

/*
 * vm_fault_cow - resolve a write fault at va on a copy-on-write page:
 * copy the frame (or take it, if no one else holds it) and make it
 * writable. Returns ERR_OK, ERR_BAD_ADDRESS (not a COW page) or ERR_NO_MEMORY.
 */
int vm_fault_cow(struct task *t, uint32_t va);

/*
 * vm_page_entry - t's page table entry for user page va (PTE_* bits and
 * the frame), or 0 if nothing is mapped there.
 */
uint32_t vm_page_entry(struct task *t, uint32_t va);

/*
 * vm_protect_page - make the page mapped at va writable or not. A
 * copy-on-write page stays copy-on-write (it becomes writable only
 * through its fault, which copies); device memory is left alone.
 * Returns ERR_OK, or ERR_NOT_FOUND if nothing is mapped there.
 */
int vm_protect_page(struct task *t, uint32_t va, int writable);

/*
 * vm_user_pa - the physical address behind user address va in page
 * directory pgdir, or 0 if va is not a present user page (or not writable
 * when `write` is set). Inline: every user pointer the IPC path touches
 * goes through it.
 */
static inline uint32_t
vm_user_pa_dir(const uint32_t *pgdir, uint32_t va, int write)
{
	uint32_t pde, pte;

	if (va >= KERNBASE)
		return 0;
	pde = pgdir[va >> 22];
	if ((pde & (PTE_P | PTE_PS)) != PTE_P)
		return 0;
	pte = ((const uint32_t *)(PTE_ADDR(pde) + KERNBASE))[(va >> 12) & 0x3ff];
	if ((pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U) || (write && !(pte & PTE_W)))
		return 0;
	return PTE_ADDR(pte) | (va & 0xfff);
}

static inline uint32_t
vm_user_pa(struct task *t, uint32_t va, int write)
{
	return vm_user_pa_dir(t->pgdir, va, write);
}

/*
 * Whole regions at once (out-of-line memory): each walks the region's
 * page table entries in order and flushes the TLB once.
 *
 * vm_range_ram - ERR_OK if all npages pages from va are mapped user RAM;
 * with `private`, copy-on-write pages get their own frame first (ERR_NO_MEMORY).
 * Else ERR_BAD_ADDRESS.
 */
int vm_range_ram(struct task *t, uint32_t va, uint32_t npages, int private);

/*
 * vm_range_snapshot - pass 1 of a copy (MSG_OOL_COPY) of npages pages from
 * va: check that all are mapped user RAM, and copy at once, into fresh
 * frames, the pages that cannot be made copy-on-write in place - those
 * whose frame has other holders (they may write it, and only t's own entry
 * could be write-protected), unless t maps them copy-on-write already;
 * with `all`, every page. Copies go to frames[i], one reference each, and
 * *ncopied counts them. When there are any, every other entry is 0 (a
 * page for vm_range_take to take lazily); else frames[] is untouched.
 * Errors: ERR_BAD_ADDRESS (a page is not mapped RAM), ERR_NO_MEMORY (no
 * frame for a copy); no copy is left then.
 */
int vm_range_snapshot(struct task *t, uint32_t va, uint32_t npages, int all, uint32_t *frames,
		      uint32_t *ncopied);

/* How vm_range_take takes pages (checked with vm_range_ram or vm_range_snapshot first). */
#define VM_TAKE_MOVE	1	/* unmap them: their frame references go to frames[] */
#define VM_TAKE_SHARE	2	/* a new frame reference each; the mapping stays */
#define VM_TAKE_COW	3	/* likewise, and the mapping turns copy-on-write: only
				 * for pages vm_range_snapshot left to take lazily */

/* In frames[]: a page that was read-only for the sender (share keeps it so). */
#define VM_FRAME_READONLY	0x1u

/*
 * vm_range_take - collect the frames of npages pages from va into
 * frames[] (physical addresses, with VM_FRAME_READONLY in the low bits).
 */
void vm_range_take(struct task *t, uint32_t va, uint32_t npages, int how, uint32_t *frames);

/*
 * vm_range_map - map frames[0..npages) at va (free pages) with flags
 * (VM_WRITE, VM_COW). Returns how many it mapped: fewer than npages when
 * a page table could not be had.
 */
int vm_range_map(struct task *t, uint32_t va, uint32_t npages, const uint32_t *frames,
		 uint32_t flags);

/* vm_range_free - the first run of npages unmapped pages in [from, to), or 0. */
uint32_t vm_range_free(struct task *t, uint32_t from, uint32_t to, uint32_t npages);

#endif /* KERNEL_I386_PAGING_H */
