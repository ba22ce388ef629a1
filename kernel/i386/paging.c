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
			if (pt[j] & PTE_P)
				frame_free(PTE_ADDR(pt[j]));
		pool_page_free(pt, 1);
		pool_uncharge(t, PAGE_SIZE);
	}
	pool_page_free(pd, 1);
	pool_uncharge(t, PAGE_SIZE);
	t->pgdir = NULL;
}

int
vm_map_page(struct task *t, uint32_t va, uint32_t pa, int writable)
{
	uint32_t *pde, *pt;

	if (va % PAGE_SIZE || va == 0 || va >= KERNBASE)
		return ERR_BAD_ADDRESS;
	pde = &t->pgdir[PDX(va)];
	if (!(*pde & PTE_P)) {
		if (pool_charge(t, PAGE_SIZE) != ERR_OK)
			return ERR_NO_MEMORY;
		pt = pool_page_alloc(1);
		if (pt == NULL) {
			pool_uncharge(t, PAGE_SIZE);
			return ERR_NO_MEMORY;
		}
		*pde = V2P(pt) | PTE_P | PTE_W | PTE_U;
	}
	pt = P2V(PTE_ADDR(*pde));
	if (pt[PTX(va)] & PTE_P)
		return ERR_BAD_ADDRESS;
	pt[PTX(va)] = pa | PTE_P | PTE_U | (writable ? PTE_W : 0);
	return ERR_OK;
}

uint32_t
vm_user_pa(struct task *t, uint32_t va, int write)
{
	uint32_t pde, pte;

	if (va >= KERNBASE)
		return 0;
	pde = t->pgdir[PDX(va)];
	if (!(pde & PTE_P) || (pde & PTE_PS))
		return 0;
	pte = ((uint32_t *)P2V(PTE_ADDR(pde)))[PTX(va)];
	if ((pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U) || (write && !(pte & PTE_W)))
		return 0;
	return PTE_ADDR(pte) | (va & 0xfff);
}
