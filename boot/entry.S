/*
 * entry.S - the Multiboot header and the kernel's first instructions.
 *
 * GRUB jumps to _start in 32-bit protected mode with paging off, %eax =
 * the Multiboot magic and %ebx = the physical address of the Multiboot
 * information. We turn on paging with a boot page directory that maps the
 * first 16 MiB twice, at 0 (so this code keeps running) and at KERNBASE
 * (where the kernel is linked), using 4 MiB pages; jump up; and call
 * kmain(magic, info). The kernel builds its real page tables in paging.c.
 */
#include "harbor/layout.h"

#define MB_MAGIC	0x1BADB002
#define MB_FLAGS	0x00000003	/* modules page aligned, memory map wanted */

#define CR0_PG		0x80000000
#define CR0_WP		0x00010000
#define CR4_PSE		0x00000010
#define PDE_BOOT	0x083		/* present, writable, 4 MiB page */

	.section .multiboot
	.align 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .data
	.align 4096
	.globl boot_pgdir
boot_pgdir:
	.set i, 0
	.rept 4
	.long (i << 22) | PDE_BOOT
	.set i, i + 1
	.endr
	.fill (KERNBASE >> 22) - 4, 4, 0
	.set i, 0
	.rept 4
	.long (i << 22) | PDE_BOOT
	.set i, i + 1
	.endr
	.fill 1024 - (KERNBASE >> 22) - 4, 4, 0

	.section .bss
	.align 4096
	.globl boot_stack, boot_stack_top
boot_stack:
	.space 16384
boot_stack_top:

	.section .text
	.globl _start
_start:
	movl	%cr4, %ecx
	orl	$CR4_PSE, %ecx
	movl	%ecx, %cr4
	movl	$(boot_pgdir - KERNBASE), %ecx
	movl	%ecx, %cr3
	movl	%cr0, %ecx
	orl	$(CR0_PG | CR0_WP), %ecx
	movl	%ecx, %cr0
	movl	$higher_half, %ecx
	jmp	*%ecx
higher_half:
	movl	$boot_stack_top, %esp
	xorl	%ebp, %ebp		/* ends the backtrace */
	pushl	%ebx
	pushl	%eax
	call	kmain
1:	cli
	hlt
	jmp	1b
