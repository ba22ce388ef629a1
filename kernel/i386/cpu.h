/*
 * cpu.h - what the portable kernel needs from the i386 layer: trap frames,
 * context switching, segment and interrupt set-up.
 */
#ifndef KERNEL_I386_CPU_H
#define KERNEL_I386_CPU_H

#define SEG_KCODE	0x08
#define SEG_KDATA	0x10
#define SEG_UCODE	0x1b	/* RPL 3 */
#define SEG_UDATA	0x23	/* RPL 3 */
#define SEG_TSS		0x28

#define EFLAGS_IF	0x200

#define IRQ_BASE	32	/* IRQ n arrives on vector IRQ_BASE + n */
#define IRQ_TIMER	0

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The registers a trap saves, in the order trapentry.S pushes them. */
struct trapframe {
	uint32_t edi, esi, ebp, oesp, ebx, edx, ecx, eax;	/* pushal */
	uint32_t gs, fs, es, ds;
	uint32_t trapno, err;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;	/* only when coming from user mode */
};

/* Callee-saved registers kept on a kernel stack while a thread is switched out. */
struct context {
	uint32_t edi, esi, ebx, ebp, eip;
};

struct thread;

/* swtch - save registers into *old, continue running from new. (swtch.S) */
void swtch(struct context **old, struct context *new);

/* cpu_init - GDT, TSS, IDT, PIC and timer. */
void cpu_init(void);

/* cpu_switch_address_space - load t's page directory and kernel stack for traps. */
void cpu_switch_address_space(struct thread *t);

/*
 * cpu_use_kernel_address_space - run on the kernel's own page directory
 * until the next switch, so that the current task's can be freed (its
 * last thread is about to exit).
 */
void cpu_use_kernel_address_space(void);

/* cpu_idle_wait - enable interrupts, halt until one arrives, disable them again. */
void cpu_idle_wait(void);

/* cpu_thread_setup_user - prepare t's kernel stack to enter user mode at entry. */
void cpu_thread_setup_user(struct thread *t, uint32_t entry, uint32_t stack, uint32_t arg);

/* cpu_thread_setup_kernel - prepare t's kernel stack to run fn() in the kernel. */
void cpu_thread_setup_kernel(struct thread *t, void (*fn)(void));

/* tss_set_kernel_stack - where the CPU puts the trap frame on the next trap from user mode. */
void tss_set_kernel_stack(uint32_t esp0);

/* Whose I/O permission bitmap the TSS holds now (NULL: all denied; gdt.c). */
extern const uint8_t *tss_iomap_now;

/* tss_load_io_bitmap - copy bitmap (NULL: deny all) into the TSS. */
void tss_load_io_bitmap(const uint8_t *bitmap);

/*
 * tss_set_io_bitmap - the I/O permission bitmap for the next task (NULL:
 * no I/O at all). Inline: most switches are between tasks with no
 * grants, and then there is nothing to copy.
 */
static inline void
tss_set_io_bitmap(const uint8_t *bitmap)
{
	if (bitmap != tss_iomap_now)
		tss_load_io_bitmap(bitmap);
}

/*
 * tss_forget_io_bitmap - bitmap is about to be freed: if it is the one
 * loaded, load "no I/O at all" instead, since a later bitmap may get its
 * address. Any other loaded bitmap is a live task's and stays.
 */
void tss_forget_io_bitmap(const uint8_t *bitmap);

/* qemu_exit - leave QEMU through the isa-debug-exit device (status (code << 1) | 1). */
void qemu_exit(uint32_t code) __attribute__((noreturn));

/* Set-up steps inside the i386 layer, called by cpu_init in order. */
void gdt_init(void);
void idt_init(void);
void pic_init(void);
void pit_init(void);

/* pic_eoi - acknowledge IRQ irq so the PIC delivers the next one. */
void pic_eoi(int irq);

/* pic_mask, pic_unmask - stop and start delivery of one IRQ line. */
void pic_mask(int irq);
void pic_unmask(int irq);

/* The I/O ports a task may be granted: the ISA range, one bit each. */
#define IO_PORTS	0x400u
#define IO_BITMAP_BYTES	(IO_PORTS / 8)

#endif /* !__ASSEMBLER__ */
#endif /* KERNEL_I386_CPU_H */
