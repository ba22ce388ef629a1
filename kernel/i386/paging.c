/*
 * paging.c - page directories and page tables.
 */
#include "kernel/i386/paging.h"
#include "kernel/i386/x86.h"
#include "kernel/lib.h"
#include "kernel/pmem.h"
#include "kernel/pool.h"
#include "kernel/task.h"
#include "harbor/error.h"

#define PDX(va)		((va) >> 22)
#define PTX(va)		(((va) >> 12) & 0x3ff)
#define NPDE_USER	PDX(KERNBASE)

static uint32_t kernel_pgdir_page[1024] __attribute__((aligned(PAGE_SIZE)));
uint32_t *kernel_pgdir = kernel_pgdir_page;

void
paging_init(void)
{
	for (uint32_t pa = 0; pa < PMEM_MAX; pa += 4u << 20)
		kernel_pgdir[PDX(KERNBASE + pa)] = pa | PTE_P | PTE_W | PTE_PS | PTE_G;
	lcr3(V2P(kernel_pgdir));
}

uint32_t *
pgdir_create(struct task *t)
{
	uint32_t *pd;

	if (pool_charge(t, PAGE_SIZE) != ERR_OK)
		return NULL;
	pd = pool_page_alloc(1);
	if (pd == NULL) {
		pool_uncharge(t, PAGE_SIZE);
		return NULL;
	}
	for (uint32_t i = NPDE_USER; i < 1024; i++)
		pd[i] = kernel_pgdir[i];
	return pd;
}

void
pgdir_destroy(struct task *t)
{
	uint32_t *pd = t->pgdir;

	for (uint32_t i = 0; i < NPDE_USER; i++) {
		if (!(pd[i] & PTE_P))
			continue;
		uint32_t *pt = P2V(PTE_ADDR(pd[i]));
		for (uint32_t j = 0; j < 1024; j++)
			if ((pt[j] & PTE_P) && !(pt[j] & PTE_DEV))
				frame_unref(PTE_ADDR(pt[j]));
		pool_page_free(pt, 1);
		pool_uncharge(t, PAGE_SIZE);
	}
	pool_page_free(pd, 1);
	pool_uncharge(t, PAGE_SIZE);
	t->pgdir = NULL;
}

/* The page table entry for va in t, making the page table if `create`; NULL if none. */
static uint32_t *
vm_pte(struct task *t, uint32_t va, int create)
{
	uint32_t *pde = &t->pgdir[PDX(va)], *pt;

	if (!(*pde & PTE_P)) {
		if (!create || pool_charge(t, PAGE_SIZE) != ERR_OK)
			return NULL;
		pt = pool_page_alloc(1);
		if (pt == NULL) {
			pool_uncharge(t, PAGE_SIZE);
			return NULL;
		}
		*pde = V2P(pt) | PTE_P | PTE_W | PTE_U;
	}
	return &((uint32_t *)P2V(PTE_ADDR(*pde)))[PTX(va)];
}

/* Flush va from the TLB if t's directory is the one loaded. */
static void
vm_flush(struct task *t, uint32_t va)
{
	uint32_t cr3;

	__asm__ volatile("movl %%cr3, %0" : "=r"(cr3));
	if (cr3 == V2P(t->pgdir))
		invlpg(va);
}

int
vm_map_page(struct task *t, uint32_t va, uint32_t pa, uint32_t flags)
{
	uint32_t *pte;

	if (va % PAGE_SIZE || va == 0 || va >= KERNBASE)
		return ERR_BAD_ADDRESS;
	pte = vm_pte(t, va, 1);
	if (pte == NULL)
		return ERR_NO_MEMORY;
	if (*pte & PTE_P)
		return ERR_BAD_ADDRESS;
	*pte = pa | PTE_P | PTE_U | ((flags & VM_WRITE) ? PTE_W : 0) |
	       ((flags & VM_COW) ? PTE_COW : 0) | ((flags & VM_DEVICE) ? PTE_DEV : 0);
	return ERR_OK;
}

uint32_t
vm_unmap_page(struct task *t, uint32_t va, int *device)
{
	uint32_t *pte = va < KERNBASE ? vm_pte(t, va, 0) : NULL, e;

	if (pte == NULL || !(*pte & PTE_P))
		return 0;
	e = *pte;
	*pte = 0;
	vm_flush(t, va);
	t->vm_gen++;		/* checked buffers must be checked again */
	*device = (e & PTE_DEV) != 0;
	return PTE_ADDR(e);
}

uint32_t
vm_page_entry(struct task *t, uint32_t va)
{
	uint32_t *pte = va < KERNBASE ? vm_pte(t, ROUNDDOWN(va, PAGE_SIZE), 0) : NULL;

	return pte && (*pte & PTE_P) ? *pte : 0;
}

int
vm_protect_page(struct task *t, uint32_t va, int writable)
{
	uint32_t *pte = va < KERNBASE ? vm_pte(t, va, 0) : NULL;

	if (pte == NULL || !(*pte & PTE_P))
		return ERR_NOT_FOUND;
	if (*pte & (PTE_DEV | PTE_COW))
		return ERR_OK;
	if (writable) {
		*pte |= PTE_W;
		return ERR_OK;
	}
	*pte &= ~PTE_W;
	vm_flush(t, va);
	t->vm_gen++;		/* checked receive buffers must be checked again */
	return ERR_OK;
}

int
vm_fault_cow(struct task *t, uint32_t va)
{
	uint32_t *pte = va < KERNBASE ? vm_pte(t, ROUNDDOWN(va, PAGE_SIZE), 0) : NULL;
	uint32_t old, copy;

	if (pte == NULL || (*pte & (PTE_P | PTE_COW)) != (PTE_P | PTE_COW))
		return ERR_BAD_ADDRESS;
	old = PTE_ADDR(*pte);
	if (frame_refcount(old) > 1) {
		copy = frame_alloc();
		if (copy == 0)
			return ERR_NO_MEMORY;
		memcpy(P2V(copy), P2V(old), PAGE_SIZE);
		frame_unref(old);
		old = copy;
	}
	*pte = old | PTE_P | PTE_U | PTE_W;
	vm_flush(t, ROUNDDOWN(va, PAGE_SIZE));
	return ERR_OK;
}





/*
 * The range operations below walk a region's page table entries in order,
 * looking a page table up only when the region crosses into the next one,
 * and flush the TLB once at the end: out-of-line memory costs a few
 * instructions per page, not a page walk per page.
 */

/* The entry for the i-th page of a walk at va: the next one, or a lookup at a table boundary. */
static uint32_t *
vm_pte_next(struct task *t, uint32_t *pte, uint32_t va, int create)
{
	if (pte != NULL && va % (PAGE_SIZE * 1024) != 0)
		return pte + 1;
	return vm_pte(t, va, create);
}

/* After changing n entries from va: flush them, or all of the TLB for a big region. */
static void
vm_flush_range(struct task *t, uint32_t va, uint32_t npages)
{
	uint32_t cr3;

	__asm__ volatile("movl %%cr3, %0" : "=r"(cr3));
	if (cr3 != V2P(t->pgdir))
		return;
	if (npages > 32) {
		lcr3(cr3);
		return;
	}
	for (uint32_t i = 0; i < npages; i++)
		invlpg(va + i * PAGE_SIZE);
}

int
vm_range_ram(struct task *t, uint32_t va, uint32_t npages, int private)
{
	uint32_t *pte = NULL;

	for (uint32_t i = 0; i < npages; i++, va += PAGE_SIZE) {
		pte = vm_pte_next(t, i ? pte : NULL, va, 0);
		if (pte == NULL || (*pte & (PTE_P | PTE_U | PTE_DEV)) != (PTE_P | PTE_U))
			return ERR_BAD_ADDRESS;
		if (private && (*pte & PTE_COW) && vm_fault_cow(t, va) != ERR_OK)
			return ERR_NO_MEMORY;
	}
	return ERR_OK;
}

int
vm_range_snapshot(struct task *t, uint32_t va, uint32_t npages, int all, uint32_t *frames,
		  uint32_t *ncopied)
{
	uint32_t lazy = all ? 0 : PTE_COW;	/* entry bits that let a page be taken lazily */
	uint32_t *pte = NULL, e, copy;
	int err = ERR_OK;

	*ncopied = 0;
	for (uint32_t i = 0; i < npages; i++, va += PAGE_SIZE) {
		pte = vm_pte_next(t, i ? pte : NULL, va, 0);
		e = pte ? *pte : 0;
		if ((e & (PTE_P | PTE_U | PTE_DEV)) != (PTE_P | PTE_U)) {
			err = ERR_BAD_ADDRESS;
			break;
		}
		if (e & lazy)
			continue;	/* copy-on-write already: no one writes it without a fault */
		if (!all && frame_refcount(PTE_ADDR(e)) == 1)
			continue;	/* ours alone */
		/* Others map it and may write it, and only our own entry could
		 * be write-protected: copy the bytes now. */
		copy = frame_alloc();
		if (copy == 0) {
			err = ERR_NO_MEMORY;
			break;
		}
		if (*ncopied == 0)
			memset(frames, 0, npages * sizeof(frames[0]));	/* 0: not copied */
		memcpy(P2V(copy), P2V(PTE_ADDR(e)), PAGE_SIZE);
		frames[i] = copy;
		(*ncopied)++;
	}
	if (err != ERR_OK && *ncopied != 0) {
		for (uint32_t i = 0; i < npages; i++)
			if (frames[i] != 0)
				frame_unref(frames[i]);
		*ncopied = 0;
	}
	return err;
}

void
vm_range_take(struct task *t, uint32_t va, uint32_t npages, int how, uint32_t *frames)
{
	uint32_t *pte = NULL, start = va;

	for (uint32_t i = 0; i < npages; i++, va += PAGE_SIZE) {
		pte = vm_pte_next(t, i ? pte : NULL, va, 0);
		frames[i] = PTE_ADDR(*pte);
		if (how == VM_TAKE_MOVE) {
			if (!(*pte & (PTE_W | PTE_COW)))
				frames[i] |= VM_FRAME_READONLY;
			*pte = 0;		/* its frame reference moves with it */
			continue;
		}
		frame_ref(frames[i]);
		if (how == VM_TAKE_SHARE && !(*pte & PTE_W))
			frames[i] |= VM_FRAME_READONLY;	/* shared as the sender has it */
		if (how == VM_TAKE_COW && (*pte & PTE_W)) {
			/* vm_range_snapshot copied every page another task maps. */
			assert(frame_refcount(frames[i]) == 2);	/* the sender and the copy alone */
			*pte = (*pte & ~PTE_W) | PTE_COW;
		}
	}
	if (how != VM_TAKE_SHARE) {
		t->vm_gen++;
		vm_flush_range(t, start, npages);
	}
}

int
vm_range_map(struct task *t, uint32_t va, uint32_t npages, const uint32_t *frames, uint32_t flags)
{
	uint32_t bits = PTE_P | PTE_U | ((flags & VM_WRITE) ? PTE_W : 0) | ((flags & VM_COW) ? PTE_COW : 0);
	uint32_t *pte = NULL;

	for (uint32_t i = 0; i < npages; i++, va += PAGE_SIZE) {
		pte = vm_pte_next(t, i ? pte : NULL, va, 1);
		if (pte == NULL)
			return (int)i;		/* no memory for a page table */
		*pte = PTE_ADDR(frames[i]) |
		       ((frames[i] & VM_FRAME_READONLY) ? bits & ~PTE_W : bits);
	}
	return (int)npages;
}

uint32_t
vm_range_free(struct task *t, uint32_t from, uint32_t to, uint32_t npages)
{
	uint32_t run = 0, start = 0, va = from;

	while (va < to && npages > 0) {
		uint32_t pde = t->pgdir[PDX(va)];
		uint32_t table_end = ROUNDDOWN(va, PAGE_SIZE * 1024) + PAGE_SIZE * 1024;

		if (table_end > to)
			table_end = to;
		if (!(pde & PTE_P)) {
			/* No page table: the rest of its 4 MiB is free. */
			if (run == 0)
				start = va;
			run += (table_end - va) / PAGE_SIZE;
			va = table_end;
		} else {
			uint32_t *pt = P2V(PTE_ADDR(pde));
			for (; va < table_end && run < npages; va += PAGE_SIZE) {
				if (pt[PTX(va)] & PTE_P) {
					run = 0;
					continue;
				}
				if (run++ == 0)
					start = va;
			}
		}
		if (run >= npages)
			return start;
	}
	return 0;
}
