/*
 * trapentry.S - the first and last instructions of every trap.
 *
 * Each vector's stub pushes a zero error code (where the CPU pushes none)
 * and its number, then joins alltraps, which completes a struct trapframe
 * and calls trap(tf). trapret undoes it; new threads start there too.
 *
 * Beside its code, every stub adds a line (vector, address) to the table
 * trap_stubs, and idt_init (trap.c) fills the IDT from that table by
 * vector number. So the list below can be in any order, and a vector is
 * handled exactly when it has a stub here: there is no second list to
 * keep in step. The vector numbers come from the headers the C code uses
 * (IRQ_BASE from cpu.h, MSG_TRAP_VECTOR from harbor/msg.h).
 */
#include "kernel/i386/cpu.h"
#include "harbor/msg.h"

	/* The table's start; each stub appends its line after this. */
	.section .rodata
	.p2align 2
	.globl trap_stubs
trap_stubs:

/* A stub for vector vec, where the CPU pushes no error code: push a zero
 * so that every trap frame has the same shape. */
.macro TRAP_NOERR vec
	.text
1:	pushl	$0
	pushl	$(\vec)
	jmp	alltraps
	.section .rodata
	.long	(\vec), 1b
.endm

/* A stub for vector vec, where the CPU has pushed an error code. */
.macro TRAP_ERR vec
	.text
1:	pushl	$(\vec)
	jmp	alltraps
	.section .rodata
	.long	(\vec), 1b
.endm

	.text
	.globl trap_entry_stubs
trap_entry_stubs:		/* a name for the stubs, for GDB and the listing */

	/* CPU exceptions. */
	TRAP_NOERR 0		/* divide error */
	TRAP_NOERR 1		/* debug */
	TRAP_NOERR 2		/* NMI */
	TRAP_NOERR 3		/* breakpoint */
	TRAP_NOERR 4		/* overflow */
	TRAP_NOERR 5		/* bound range */
	TRAP_NOERR 6		/* invalid opcode */
	TRAP_NOERR 7		/* device not available */
	TRAP_ERR 8		/* double fault */
	TRAP_NOERR 9		/* coprocessor segment overrun */
	TRAP_ERR 10		/* invalid TSS */
	TRAP_ERR 11		/* segment not present */
	TRAP_ERR 12		/* stack fault */
	TRAP_ERR 13		/* general protection fault */
	TRAP_ERR 14		/* page fault */
	TRAP_NOERR 15		/* reserved */
	TRAP_NOERR 16		/* x87 floating point error */
	TRAP_ERR 17		/* alignment check */
	TRAP_NOERR 18		/* machine check */
	TRAP_NOERR 19		/* SIMD floating point error */

	/* The 16 IRQ lines, which pic.c moves to IRQ_BASE and up. */
	TRAP_NOERR IRQ_BASE+0
	TRAP_NOERR IRQ_BASE+1
	TRAP_NOERR IRQ_BASE+2
	TRAP_NOERR IRQ_BASE+3
	TRAP_NOERR IRQ_BASE+4
	TRAP_NOERR IRQ_BASE+5
	TRAP_NOERR IRQ_BASE+6
	TRAP_NOERR IRQ_BASE+7
	TRAP_NOERR IRQ_BASE+8
	TRAP_NOERR IRQ_BASE+9
	TRAP_NOERR IRQ_BASE+10
	TRAP_NOERR IRQ_BASE+11
	TRAP_NOERR IRQ_BASE+12
	TRAP_NOERR IRQ_BASE+13
	TRAP_NOERR IRQ_BASE+14
	TRAP_NOERR IRQ_BASE+15

	/* The IPC trap, the only one user code may raise (trap.c). */
	TRAP_NOERR MSG_TRAP_VECTOR

	/* The table's end. */
	.section .rodata
	.globl trap_stubs_end
trap_stubs_end:

	.text
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
