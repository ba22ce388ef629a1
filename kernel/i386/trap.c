/*
 * trap.c - the IDT and the one C entry point of every trap: trap(tf).
 *
 * Three kinds of trap arrive here: the IPC trap (vector MSG_TRAP_VECTOR,
 * the only system call), hardware interrupts, and CPU exceptions. An
 * exception in user mode is the task's fault (fault.c decides what happens
 * to the task); an exception in kernel mode is a kernel bug and panics.
 */
#include "kernel/i386/cpu.h"
#include "kernel/i386/x86.h"
#include "kernel/ipc.h"
#include "kernel/irq.h"
#include "kernel/fault.h"
#include "kernel/lib.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "harbor/error.h"
#include "harbor/msg.h"

struct gate {
	uint16_t off_lo, sel;
	uint8_t zero, type;	/* type: present, DPL, 32-bit interrupt gate */
	uint16_t off_hi;
} __attribute__((packed));

#define GATE_INTR_K	0x8e	/* interrupt gate, DPL 0: IF cleared on entry */
#define GATE_INTR_U	0xee	/* DPL 3: user code may `int` it */

static struct gate idt[256];

/*
 * One line per stub in trapentry.S: which vector it handles and where it
 * starts. The IDT is filled from it by vector number, so the order of the
 * stubs there does not matter.
 */
struct trap_stub {
	uint32_t vector;
	uint32_t entry;
};
extern const struct trap_stub trap_stubs[], trap_stubs_end[];

/* The IPC trap must not land on a vector the CPU or the PIC uses. */
_Static_assert(MSG_TRAP_VECTOR >= IRQ_BASE + 16 && MSG_TRAP_VECTOR < 256,
	       "MSG_TRAP_VECTOR collides with an exception or an IRQ");

static const char *const exception_names[] = {
	[0] = "divide error", [1] = "debug", [2] = "NMI", [3] = "breakpoint",
	[4] = "overflow", [5] = "bound range", [6] = "invalid opcode",
	[7] = "device not available", [8] = "double fault",
	[10] = "invalid TSS", [11] = "segment not present",
	[12] = "stack fault", [13] = "general protection fault",
	[14] = "page fault", [16] = "x87 floating point error",
	[17] = "alignment check", [18] = "machine check", [19] = "SIMD floating point error",
};

const char *
trap_name(uint32_t trapno)
{
	if (trapno < ARRAY_SIZE(exception_names) && exception_names[trapno])
		return exception_names[trapno];
	if (trapno == MSG_TRAP_VECTOR)
		return "IPC trap";
	if (trapno >= IRQ_BASE && trapno < IRQ_BASE + 16)
		return "interrupt";
	return "unknown trap";
}

static void
set_gate(int vec, uint32_t handler, uint8_t type)
{
	idt[vec] = (struct gate){
		.off_lo = handler & 0xffff, .sel = SEG_KCODE,
		.type = type, .off_hi = handler >> 16,
	};
}

void
idt_init(void)
{
	static struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (uint32_t)idt };

	for (const struct trap_stub *s = trap_stubs; s < trap_stubs_end; s++) {
		/* A mistake in trapentry.S, caught at boot rather than at the trap. */
		if (s->vector >= ARRAY_SIZE(idt) || idt[s->vector].type != 0)
			panic("idt_init: vector %u has no slot or two stubs", s->vector);
		/* Only the IPC trap may be raised by user code (`int`). */
		set_gate(s->vector, s->entry,
			 s->vector == MSG_TRAP_VECTOR ? GATE_INTR_U : GATE_INTR_K);
	}
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

/* trap - called by alltraps with interrupts off; tf is on the current kernel stack. */
void trap(struct trapframe *tf);

void
trap(struct trapframe *tf)
{
	int from_user = (tf->cs & 3) == 3;

	/* The user registers of the trap being handled, for faults and for a
	 * panic's report (panic.c); a new trap also ends the last one's notes
	 * (and the page its checks found missing, vm.c). */
	if (from_user) {
		current->tf = tf;
		current->vm_missing_start = 0;
		panic_note_clear();
	}
	if (tf->trapno == MSG_TRAP_VECTOR) {
		uint32_t op = tf->eax;

		tf->eax = ipc_trap(op, tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi);
		/* A page the trap's copies found missing: the pager's turn. */
		if (tf->eax == (uint32_t)ERR_BAD_ADDRESS && current->vm_missing_start != 0)
			tf->eax = ipc_trap_faulted(op, tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi);
	} else if (tf->trapno >= IRQ_BASE && tf->trapno < IRQ_BASE + 16) {
		int irq = tf->trapno - IRQ_BASE;
		if (irq == IRQ_TIMER) {
			pic_eoi(irq);
			sched_tick();
		} else {
			irq_deliver(irq);
		}
	} else if (from_user) {
		fault_user(tf->trapno, trap_name(tf->trapno), tf->eip, tf->err,
			   tf->trapno == 14 ? rcr2() : 0);
	} else {
		panic_trap(tf);
	}
	if (from_user) {
		panic_note_clear();
		sched_preempt_point();
	}
}
