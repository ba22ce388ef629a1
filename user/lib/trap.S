/*
 * trap.S - the three IPC traps: the only way into the kernel.
 *
 * One software interrupt (MSG_TRAP_VECTOR) with the operation in %eax and
 * up to five arguments in %ebx, %ecx, %edx, %esi, %edi; the result comes
 * back in %eax. The vector and the operation numbers come from
 * harbor/msg.h, the same definitions the kernel uses. %ebx, %esi and %edi
 * are callee-saved in the C calling convention, so we keep them.
 */
#include "harbor/msg.h"

#define TRAP(name, op) \
	.globl name; \
name: \
	pushl	%ebx; \
	pushl	%esi; \
	pushl	%edi; \
	movl	16(%esp), %ebx; \
	movl	20(%esp), %ecx; \
	movl	24(%esp), %edx; \
	movl	28(%esp), %esi; \
	movl	32(%esp), %edi; \
	movl	$op, %eax; \
	int	$MSG_TRAP_VECTOR; \
	popl	%edi; \
	popl	%esi; \
	popl	%ebx; \
	ret

	.text
TRAP(msg_send, MSG_TRAP_SEND)
TRAP(msg_receive, MSG_TRAP_RECEIVE)
TRAP(msg_rpc, MSG_TRAP_RPC)

/*
 * msg_rpc_into(msg, rcv, size, rcv_port, options, timeout): msg_rpc with
 * MSG_OPT_RCV_BUFFER and the receive buffer in %ebp (callee-saved too).
 */
	.globl msg_rpc_into
msg_rpc_into:
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	pushl	%ebp
	movl	20(%esp), %ebx
	movl	24(%esp), %ebp
	movl	28(%esp), %ecx
	movl	32(%esp), %edx
	movl	36(%esp), %esi
	orl	$MSG_OPT_RCV_BUFFER, %esi
	movl	40(%esp), %edi
	movl	$MSG_TRAP_RPC, %eax
	int	$MSG_TRAP_VECTOR
	popl	%ebp
	popl	%edi
	popl	%esi
	popl	%ebx
	ret

/* msg_trap_raw(op, a1..a5): any operation number, for the tests of bad ones. */
	.globl msg_trap_raw
msg_trap_raw:
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	20(%esp), %ebx
	movl	24(%esp), %ecx
	movl	28(%esp), %edx
	movl	32(%esp), %esi
	movl	36(%esp), %edi
	movl	16(%esp), %eax
	int	$MSG_TRAP_VECTOR
	popl	%edi
	popl	%esi
	popl	%ebx
	ret
