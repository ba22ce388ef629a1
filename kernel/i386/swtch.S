/*
 * swtch.S - switch kernel stacks.
 *
 * void swtch(struct context **old, struct context *new);
 * Pushes the callee-saved registers (the struct context layout, with the
 * return address as eip), stores the stack pointer in *old, loads new as
 * the stack pointer and pops the same registers off it.
 */
	.globl swtch
swtch:
	movl	4(%esp), %eax
	movl	8(%esp), %edx
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, (%eax)
	movl	%edx, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret
