/*
 * cpu.c - processor state per thread: kernel stacks, address spaces, idling.
 *
 * A new thread's kernel stack is laid out so that the first swtch to it
 * "returns" into thread_start and then through trapret into user mode
 * with the registers of a prepared trap frame.
 */
#include "kernel/i386/cpu.h"
#include "kernel/i386/fpu.h"
#include "kernel/i386/x86.h"
#include "kernel/i386/paging.h"
#include "kernel/lib.h"
#include "kernel/pmem.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"

extern void trapret(void);

void
cpu_init(void)
{
	gdt_init();
	idt_init();
	pic_init();
	pit_init();
	fpu_init();
}

void
cpu_switch_address_space(struct thread *t)
{
	tss_set_kernel_stack((uint32_t)t->kstack + PAGE_SIZE);
	tss_set_io_bitmap(t->task ? t->task->iomap : NULL);
	lcr3(V2P(t->task ? t->task->pgdir : kernel_pgdir));
}

void
cpu_use_kernel_address_space(void)
{
	lcr3(V2P(kernel_pgdir));
}

void
cpu_idle_wait(void)
{
	__asm__ volatile("sti; hlt; cli");
}

/* Lay down a context on t's stack that swtch will "return" through to eip. */
static void
push_context(struct thread *t, uint8_t *sp, void (*eip)(void))
{
	sp -= sizeof(uint32_t);
	*(uint32_t *)sp = (uint32_t)trapret;	/* where eip's ret goes */
	sp -= sizeof(struct context);
	t->context = (struct context *)sp;
	memset(t->context, 0, sizeof(struct context));
	t->context->eip = (uint32_t)eip;
}

/* The first code a new user thread runs, then on to trapret. */
static void
thread_start(void)
{
	sched_reap();
}

void
cpu_thread_setup_user(struct thread *t, uint32_t entry, uint32_t stack, uint32_t arg)
{
	uint8_t *sp = t->kstack + PAGE_SIZE - sizeof(struct trapframe);

	t->tf = (struct trapframe *)sp;
	memset(t->tf, 0, sizeof(*t->tf));
	t->tf->cs = SEG_UCODE;
	t->tf->ds = t->tf->es = t->tf->fs = t->tf->gs = t->tf->ss = SEG_UDATA;
	t->tf->eflags = EFLAGS_IF;
	t->tf->eip = entry;
	t->tf->esp = stack;
	t->tf->eax = arg;
	fpu_state_init(&t->fpu);	/* never another thread's registers */
	push_context(t, sp, thread_start);
}

void
cpu_thread_setup_kernel(struct thread *t, void (*fn)(void))
{
	fpu_state_init(&t->fpu);
	push_context(t, t->kstack + PAGE_SIZE, fn);
}

void
qemu_exit(uint32_t code)
{
	outw(0xf4, code);
	for (;;)
		__asm__ volatile("cli; hlt");
}
