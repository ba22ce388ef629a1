/*
 * panic.c - what the kernel says when it finds a bug in itself.
 *
 * A panic names what happened, the task and thread that were running, and
 * a backtrace with function names. When a user task's trap led there, it
 * also names the trap with the user's registers (the fuzzer tags its traps
 * in %ebp), and the message being copied if a note says one was (msg_copyin
 * leaves one: panic_note_msg). The names come from the kernel's own
 * ELF symbol table, which GRUB loads for us and describes in the Multiboot
 * information (section headers). Then the machine stops; in a test boot
 * QEMU exits so the runner sees the panic at once.
 */
#include "kernel/panic.h"
#include "kernel/lib.h"
#include "kernel/pmem.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/i386/cpu.h"
#include "kernel/i386/x86.h"
#include "harbor/msg.h"

struct elf_shdr {
	uint32_t name, type, flags, addr, offset, size, link, info, addralign, entsize;
};

struct elf_sym {
	uint32_t name, value, size;
	uint8_t info, other;
	uint16_t shndx;
};

#define SHT_SYMTAB	2
#define STT_FUNC	2

/* What the running thread was working on (panic_note_msg); valid for thread `thread` only. */
uint32_t panic_note_thread;	/* thread id; 0: no note */
static struct {
	const char *where;
	uint32_t task;
	char task_name[16];
	struct msg_header h;
} note;

static const struct elf_sym *symtab;
static uint32_t nsyms;
static const char *strtab;

void
ksym_init(uint32_t shdr_addr, uint32_t shdr_num, uint32_t shdr_size)
{
	const uint8_t *base = P2V(shdr_addr);

	for (uint32_t i = 0; i < shdr_num; i++) {
		const struct elf_shdr *sh = (const void *)(base + i * shdr_size);
		if (sh->type != SHT_SYMTAB || sh->link >= shdr_num)
			continue;
		const struct elf_shdr *str = (const void *)(base + sh->link * shdr_size);
		symtab = P2V(sh->addr);
		nsyms = sh->size / sizeof(struct elf_sym);
		strtab = P2V(str->addr);
	}
}

const char *
ksym_lookup(uint32_t addr, uint32_t *offset)
{
	/* LAB 1.2 BEGIN ksym_lookup; handout: return NULL; */
	const struct elf_sym *best = NULL;

	for (uint32_t i = 0; i < nsyms; i++) {
		const struct elf_sym *s = &symtab[i];
		if ((s->info & 0xf) != STT_FUNC || s->value > addr)
			continue;
		if (best == NULL || s->value > best->value)
			best = s;
	}
	/* Past the function's end (a wild address, or assembly without a size): unknown. */
	if (best == NULL || (best->size != 0 && addr - best->value >= best->size))
		return NULL;
	*offset = addr - best->value;
	return strtab + best->name;
	/* LAB 1.2 END ksym_lookup */
}

void
backtrace(uint32_t ebp)
{
	kprintf("backtrace:\n");
	/* LAB 1.1 BEGIN backtrace */
	for (int depth = 0; depth < 16 && ebp >= KERNBASE && ebp % 4 == 0; depth++) {
		uint32_t *frame = (uint32_t *)ebp;
		uint32_t eip = frame[1], off = 0;
		/* A return address can be just past its function (a call to a
		 * function that never returns ends it): look up the call. */
		const char *fn = ksym_lookup(eip - 1, &off);
		kprintf("  %p %s+%u\n", (void *)eip, fn ? fn : "?", fn ? off + 1 : 0);
		ebp = frame[0];
	}
	/* LAB 1.1 END backtrace */
}

static void
panic_stop(void)
{
	kprintf("harbor: stopped.\n");
	qemu_exit(3);
}

void
panic_note_msg(const char *where, const struct task *t, const struct msg_header *h)
{
	panic_note_thread = current ? current->id : 0;
	note.where = where;
	note.task = t->id;
	memcpy(note.task_name, t->name, sizeof(note.task_name));
	note.h = *h;
}

static const char *
ipc_op_name(uint32_t op)
{
	return op == MSG_TRAP_SEND ? "msg_send" : op == MSG_TRAP_RECEIVE ? "msg_receive" :
	       op == MSG_TRAP_RPC ? "msg_rpc" : "unknown operation";
}

/* Who was running, the user trap that brought it into the kernel, and its note. */
static void
panic_who(void)
{
	struct trapframe *tf = current ? current->tf : NULL;

	if (current && current->task)
		kprintf("  in task %u (%s), thread %u\n", current->task->id,
			current->task->name, current->id);
	else if (current)
		kprintf("  in kernel thread %u\n", current->id);
	if (current && current->task && tf && (tf->cs & 3) == 3) {
		kprintf("  during %s (trap %u) from user eip %p", trap_name(tf->trapno), tf->trapno,
			(void *)tf->eip);
		if (tf->trapno == MSG_TRAP_VECTOR)
			kprintf(": %s", ipc_op_name(tf->eax));
		kprintf("\n  user eax %x ebx %x ecx %x edx %x esi %x edi %x ebp %x esp %x\n",
			tf->eax, tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp, tf->esp);
	}
	if (current && panic_note_thread == current->id)
		kprintf("  in %s of task %u (%s): msg id %u, bits %x, dest %x, reply %x, size %u\n",
			note.where, note.task, note.task_name, note.h.id, note.h.bits, note.h.dest,
			note.h.reply, note.h.size);
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	cli();
	kprintf("\nKERNEL PANIC: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	panic_who();
	backtrace(read_ebp());
	panic_stop();
	for (;;)
		;
}

void
panic_trap(struct trapframe *tf)
{
	uint32_t off = 0;
	const char *fn = ksym_lookup(tf->eip, &off);

	kprintf("\nKERNEL PANIC: %s (trap %u) in kernel mode\n", trap_name(tf->trapno), tf->trapno);
	kprintf("  eip %p (%s+%u), error code %x", (void *)tf->eip, fn ? fn : "?", off, tf->err);
	if (tf->trapno == 14)
		kprintf(", address %p", (void *)rcr2());
	kprintf("\n");
	panic_who();
	kprintf("  at %p %s+%u\n", (void *)tf->eip, fn ? fn : "?", off);
	backtrace(tf->ebp);
	panic_stop();
	for (;;)
		;
}
