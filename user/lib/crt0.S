/*
 * crt0.S - where every user program starts.
 *
 * The kernel enters here with the stack just below the argument string
 * and the spawner's argument word in %eax. We clear %ebp (so backtraces
 * stop here) and let libc_start do the rest in C.
 */
	.section .text.start
	.globl _start
_start:
	xorl	%ebp, %ebp
	pushl	%eax
	call	libc_start
1:	jmp	1b
