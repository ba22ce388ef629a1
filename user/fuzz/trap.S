/*
 * trap.S - the fuzzer's traps: every register loaded with a chosen value
 * before `int $0x30`, every register stored right after it.
 *
 * void fz_trap(struct fz_frame *f);
 *
 * The values to load are staged on the stack and popped into the
 * registers, segment registers first and %eflags last, so no memory
 * operand is used once %ds may hold a null selector. After the trap,
 * everything is pushed at once, %ds and %es are made usable again and the
 * flags clean for C, and the pushed values are stored into f->out. The
 * x87 state: frstor fpu_in, fnsave fpu_pre, frstor fpu_pre (so fpu_pre is
 * exactly what the trap started with), and fnsave fpu_post afterwards.
 *
 * This program also defines msg_send, msg_receive, msg_rpc and
 * msg_trap_raw, so the user library's trap stubs are never linked in:
 * every trap this program makes, the library's included, goes through
 * fz_call (regs.c).
 */
#include "harbor/msg.h"
#include "user/fuzz/regs.h"

#define USER_DATA_SEL	0x23	/* the user data segment (kernel/i386/cpu.h SEG_UDATA) */
/* MSG_OPT_TIMEOUT of harbor/msg.h, which assembly cannot see (the trap numbers it can). */
#define OPT_TIMEOUT	1
#define EFLAGS_CLEAN	0x2	/* reserved bit 1 only: DF, AC, NT and the rest clear */

	.text
	.globl fz_trap
fz_trap:
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	20(%esp), %eax			/* f */
	cmpl	$0, FZ_USE_FPU(%eax)
	je	1f
	frstor	FZ_FPU_IN(%eax)
	fnsave	FZ_FPU_PRE(%eax)
	frstor	FZ_FPU_PRE(%eax)
1:	pushl	%eax				/* f, found again at 48(%esp) after the trap */
	movl	%esp, FZ_IN+FZ_R_ESP(%eax)	/* %esp at the trap */
	pushl	FZ_IN+FZ_R_EFLAGS(%eax)
	pushl	FZ_IN+FZ_R_EBP(%eax)
	pushl	FZ_IN+FZ_R_EDI(%eax)
	pushl	FZ_IN+FZ_R_ESI(%eax)
	pushl	FZ_IN+FZ_R_EDX(%eax)
	pushl	FZ_IN+FZ_R_ECX(%eax)
	pushl	FZ_IN+FZ_R_EBX(%eax)
	pushl	FZ_IN+FZ_R_EAX(%eax)
	pushl	FZ_IN+FZ_R_DS(%eax)
	pushl	FZ_IN+FZ_R_ES(%eax)
	pushl	FZ_IN+FZ_R_FS(%eax)
	pushl	FZ_IN+FZ_R_GS(%eax)
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	popl	%eax
	popl	%ebx
	popl	%ecx
	popl	%edx
	popl	%esi
	popl	%edi
	popl	%ebp
	popfl
	int	$MSG_TRAP_VECTOR
	pushfl
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%edx
	pushl	%ecx
	pushl	%ebx
	pushl	%eax
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	movl	$USER_DATA_SEL, %eax
	movw	%ax, %ds
	movw	%ax, %es
	pushl	$EFLAGS_CLEAN
	popfl
	movl	48(%esp), %eax			/* f */
	popl	FZ_OUT+FZ_R_GS(%eax)
	popl	FZ_OUT+FZ_R_FS(%eax)
	popl	FZ_OUT+FZ_R_ES(%eax)
	popl	FZ_OUT+FZ_R_DS(%eax)
	popl	FZ_OUT+FZ_R_EAX(%eax)
	popl	FZ_OUT+FZ_R_EBX(%eax)
	popl	FZ_OUT+FZ_R_ECX(%eax)
	popl	FZ_OUT+FZ_R_EDX(%eax)
	popl	FZ_OUT+FZ_R_ESI(%eax)
	popl	FZ_OUT+FZ_R_EDI(%eax)
	popl	FZ_OUT+FZ_R_EBP(%eax)
	popl	FZ_OUT+FZ_R_EFLAGS(%eax)
	movl	%esp, FZ_OUT+FZ_R_ESP(%eax)
	cmpl	$0, FZ_USE_FPU(%eax)
	je	2f
	fnsave	FZ_FPU_POST(%eax)
2:	addl	$4, %esp			/* f */
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret

/* The traps the user library and the generated stubs call (harbor/msg.h). */
	.globl msg_send
msg_send:
	pushl	$0
	pushl	$0
	pushl	20(%esp)	/* timeout */
	pushl	20(%esp)	/* options */
	pushl	20(%esp)	/* msg */
	pushl	$3
	pushl	$MSG_TRAP_SEND
	call	fz_call
	addl	$28, %esp
	ret

	.globl msg_receive
msg_receive:
	pushl	20(%esp)	/* timeout */
	pushl	20(%esp)	/* options */
	pushl	20(%esp)	/* port */
	pushl	20(%esp)	/* size */
	pushl	20(%esp)	/* buf */
	pushl	$5
	pushl	$MSG_TRAP_RECEIVE
	call	fz_call
	addl	$28, %esp
	ret

	.globl msg_rpc
msg_rpc:
	pushl	20(%esp)	/* timeout */
	pushl	20(%esp)	/* options */
	pushl	20(%esp)	/* rcv_port */
	pushl	20(%esp)	/* size */
	pushl	20(%esp)	/* msg */
	pushl	$5
	pushl	$MSG_TRAP_RPC
	call	fz_call
	addl	$28, %esp
	ret

/* msg_trap_raw(op, a1..a5): any operation number. */
	.globl msg_trap_raw
msg_trap_raw:
	pushl	24(%esp)	/* a5 */
	pushl	24(%esp)	/* a4 */
	pushl	24(%esp)	/* a3 */
	pushl	24(%esp)	/* a2 */
	pushl	24(%esp)	/* a1 */
	pushl	$5
	pushl	28(%esp)	/* op */
	call	fz_call
	addl	$28, %esp
	ret

/*
 * fz_park_entry - where threads made by generated thread_create requests
 * start (%eax, their argument, is ignored). They use no stack (the
 * request's stack pointer may be junk) and wait on the task's park port
 * (fz_park_port, read from memory: the same address in every worker) until
 * they are terminated. Should the wait fail - the thread landed in a task
 * that has no park port - it tries again with a timeout; such a task (a
 * "fuzz exit" child) ends at once anyway.
 */
	.globl fz_park_entry
fz_park_entry:
	xorl	%esi, %esi		/* no options: wait for good */
	xorl	%edi, %edi
1:	movl	fz_park_port, %edx
	movl	$MSG_TRAP_RECEIVE, %eax
	movl	$fz_park_buf, %ebx
	movl	$32, %ecx
	int	$MSG_TRAP_VECTOR
	movl	$OPT_TIMEOUT, %esi
	movl	$1000, %edi
	jmp	1b

	.bss
	.align	4
fz_park_buf:
	.space	32
