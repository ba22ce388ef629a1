/*
 * paging.h - i386 two-level page tables: one page directory per task.
 *
 * The kernel half of every directory is the same (all of RAM at KERNBASE,
 * 4 MiB pages); the user half is the task's own. User page tables come
 * from the kernel pool, charged to the task.
 */
#ifndef KERNEL_I386_PAGING_H
#define KERNEL_I386_PAGING_H

#include <stdint.h>

#define PTE_P	0x001u		/* present */
#define PTE_W	0x002u		/* writable */
#define PTE_U	0x004u		/* user */
#define PTE_PS	0x080u		/* 4 MiB page (directory entries) */
#define PTE_G	0x100u		/* global */
#define PTE_ADDR(e)	((e) & ~0xfffu)

struct task;

extern uint32_t *kernel_pgdir;

/* paging_init - build the kernel's page directory and switch to it. */
void paging_init(void);

/* pgdir_create - a directory with the kernel half filled in, charged to t; NULL if no memory. */
uint32_t *pgdir_create(struct task *t);

/* pgdir_destroy - free t's user frames, page tables and directory. */
void pgdir_destroy(struct task *t);

/*
 * vm_map_page - map physical frame pa at user address va in t, user
 * accessible, writable if `writable`. Returns ERR_OK, ERR_NO_MEMORY (no
 * page table) or ERR_BAD_ADDRESS (va not a user page address, or taken).
 */
int vm_map_page(struct task *t, uint32_t va, uint32_t pa, int writable);

/*
 * vm_user_pa - the physical address behind user address va in t, or 0 if
 * va is not a present user page (or not writable when `write` is set).
 */
uint32_t vm_user_pa(struct task *t, uint32_t va, int write);

#endif /* KERNEL_I386_PAGING_H */
