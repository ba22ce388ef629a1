/*
 * panic.h - reporting kernel bugs: panics with a symbolized backtrace.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <stdint.h>

struct trapframe;
struct task;
struct msg_header;

/* ksym_init - find the kernel's symbol table in the Multiboot ELF section headers. */
void ksym_init(uint32_t shdr_addr, uint32_t shdr_num, uint32_t shdr_size);

/* ksym_lookup - the name of the function containing addr (and its offset), or NULL. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);

/* backtrace - print the call chain starting at frame pointer ebp. */
void backtrace(uint32_t ebp);

/* panic_trap - an exception in kernel mode: report it all and stop. */
void panic_trap(struct trapframe *tf) __attribute__((noreturn));

/* trap_name - "page fault" etc. for a trap number. */
const char *trap_name(uint32_t trapno);

/*
 * panic_note_msg - remember that the current thread is working on message
 * h of task t (at `where`, a string constant), so that a panic before the
 * trap ends names it: the task, the message's id, bits, names and size.
 * One slot: the latest note of the running thread.
 */
void panic_note_msg(const char *where, const struct task *t, const struct msg_header *h);

/* The thread whose note panic_note_msg keeps (0: none). */
extern uint32_t panic_note_thread;

/* panic_note_clear - the current thread's trap is over (or a new one
 * begins). Inline: trap() calls it twice on every user trap. */
static inline void
panic_note_clear(void)
{
	panic_note_thread = 0;
}

#endif /* KERNEL_PANIC_H */
