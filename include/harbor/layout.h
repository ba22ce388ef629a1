/*
 * layout.h - the virtual address space every task sees.
 *
 * User space is everything below KERNBASE; the kernel maps all physical
 * memory it uses at KERNBASE and above, the same in every page directory.
 */
#ifndef HARBOR_LAYOUT_H
#define HARBOR_LAYOUT_H

#define PAGE_SIZE	4096u
#define KERNBASE	0xC0000000u	/* first kernel virtual address */
#define KERNLINK	0xC0100000u	/* where the kernel image is linked */
#define USER_BASE	0x00400000u	/* user programs are linked here */
#define USER_TOP	KERNBASE	/* first address above user space */
#define USER_STACK_SIZE	0x4000u		/* main thread's stack, just below USER_TOP */
#define USER_STACK_TOP	USER_TOP
#define USER_ARGS_MAX	256u		/* a task's argument string, at the top of its stack */
#define USER_ARGS_ADDR	(USER_STACK_TOP - USER_ARGS_MAX)

#endif /* HARBOR_LAYOUT_H */
