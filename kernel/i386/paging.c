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

void
vm_make_cow(struct task *t, uint32_t va)
{
	uint32_t *pte = vm_pte(t, va, 0);

	if (pte == NULL || !(*pte & PTE_P) || (*pte & PTE_DEV))
		return;
	if (*pte & PTE_W) {
		*pte = (*pte & ~PTE_W) | PTE_COW;
		t->vm_gen++;
	}
	vm_flush(t, va);
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


int
vm_is_ram(struct task *t, uint32_t va)
{
	uint32_t *pte = va < KERNBASE ? vm_pte(t, va, 0) : NULL;

	return pte && (*pte & PTE_P) && !(*pte & PTE_DEV);
}

int
vm_is_cow(struct task *t, uint32_t va)
{
	uint32_t *pte = va < KERNBASE ? vm_pte(t, va, 0) : NULL;

	return pte && (*pte & (PTE_P | PTE_COW)) == (PTE_P | PTE_COW);
}

int
vm_page_free(struct task *t, uint32_t va)
{
	uint32_t *pte;

	if (va == 0 || va >= KERNBASE)
		return 0;
	pte = vm_pte(t, va, 0);
	return pte == NULL || !(*pte & PTE_P);
}
