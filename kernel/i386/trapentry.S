/*
 * trapentry.S - the first and last instructions of every trap.
 *
 * Each vector's stub pushes a zero error code (where the CPU pushes none)
 * and its number, then joins alltraps, which completes a struct trapframe
 * and calls trap(tf). trapret undoes it; new threads start there too.
 */
#include "kernel/i386/cpu.h"

#define TRAP_NOERR(n)	.globl vector##n; vector##n: pushl $0; pushl $n; jmp alltraps
#define TRAP_ERR(n)	.globl vector##n; vector##n: pushl $n; jmp alltraps

	.text
TRAP_NOERR(0)
TRAP_NOERR(1)
TRAP_NOERR(2)
TRAP_NOERR(3)
TRAP_NOERR(4)
TRAP_NOERR(5)
TRAP_NOERR(6)
TRAP_NOERR(7)
TRAP_ERR(8)
TRAP_NOERR(9)
TRAP_ERR(10)
TRAP_ERR(11)
TRAP_ERR(12)
TRAP_ERR(13)
TRAP_ERR(14)
TRAP_NOERR(15)
TRAP_NOERR(16)
TRAP_ERR(17)
TRAP_NOERR(18)
TRAP_NOERR(19)
TRAP_NOERR(32)
TRAP_NOERR(33)
TRAP_NOERR(34)
TRAP_NOERR(35)
TRAP_NOERR(36)
TRAP_NOERR(37)
TRAP_NOERR(38)
TRAP_NOERR(39)
TRAP_NOERR(40)
TRAP_NOERR(41)
TRAP_NOERR(42)
TRAP_NOERR(43)
TRAP_NOERR(44)
TRAP_NOERR(45)
TRAP_NOERR(46)
TRAP_NOERR(47)
TRAP_NOERR(48)		/* MSG_TRAP_VECTOR: the IPC trap */

alltraps:
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	pushal
	movw	$SEG_KDATA, %ax
	movw	%ax, %ds
	movw	%ax, %es
	pushl	%esp
	call	trap
	addl	$4, %esp

	.globl trapret
trapret:
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp	/* trapno and error code */
	iret

	/* The table idt_init reads: vector number -> stub. */
	.section .rodata
	.globl trap_vectors
trap_vectors:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19
	.long vector\n
	.endr
	.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48
	.long vector\n
	.endr
