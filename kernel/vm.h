/*
 * vm.h - moving bytes between the kernel and a task's address space.
 *
 * Every pointer a task hands the kernel goes through here. Each page is
 * translated through the task's own page table before it is touched, so a
 * bad pointer (unmapped, read-only, in the kernel half, wrapping around)
 * is an error code, never a kernel page fault.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stddef.h>
#include <stdint.h>
#include "kernel/task.h"
#include "kernel/thread.h"

/*
 * vm_note_missing - a check of t's [va, end) found the page at va
 * missing: if t is the current thread's task and nothing is mapped there
 * at all, note the range in the thread (vm_missing_*), so that its trap,
 * which then fails with ERR_BAD_ADDRESS having changed nothing, can have
 * the pager fault the range in and start again (ipc_trap, pager.c). The
 * checks below call it themselves; ool.c calls it for regions.
 */
void vm_note_missing(struct task *t, uint32_t va, uint32_t end, int write);

/* vm_check - ERR_OK if [uaddr, uaddr+n) is user memory of t (writable if `write`), else ERR_BAD_ADDRESS. */
int vm_check(struct task *t, uint32_t uaddr, uint32_t n, int write);

/* vm_copyin - copy n bytes from t's uaddr to dst. ERR_OK or ERR_BAD_ADDRESS. */
int vm_copyin(struct task *t, void *dst, uint32_t uaddr, uint32_t n);

/* vm_copyout - copy n bytes from src to t's uaddr. ERR_OK or ERR_BAD_ADDRESS (nothing written then). */
int vm_copyout(struct task *t, uint32_t uaddr, const void *src, uint32_t n);

/*
 * vm_user_header - where the message header at t's uaddr is, in the
 * kernel's map of RAM, when all of it lies in one page (readable, or
 * writable if `write`); NULL otherwise (use vm_copyin / vm_copyout then).
 * For the fast path: a header then costs one page walk and five moves.
 */
struct msg_header *vm_user_header(struct task *t, uint32_t uaddr, int write);

/*
 * vm_check_receive_buffer - vm_check(t, buf, size, write) for the current
 * thread's receive buffer, remembered while t's mappings stay as they
 * are, so a server's buffer is checked once, not on every receive.
 */
int vm_check_receive_buffer(struct task *t, uint32_t buf, uint32_t size);

/*
 * vm_receive_header - the kernel address of the header of th's receive
 * buffer at buf, if that buffer was checked writable (vm_check_receive_buffer)
 * and no mapping changed since; else NULL (look it up with vm_user_header).
 * Inline, like vm_receive_buffer_ok: the RPC fast path asks both on every
 * call, and the answer is two compares.
 */
static inline struct msg_header *
vm_receive_header(const struct thread *th, uint32_t buf)
{
	/* Valid while no mapping of th's task changed since the check (the
	 * frame under a checked, writable page can only change with vm_gen). */
	return th->rcv_ok_gen == th->task->vm_gen && buf == th->rcv_ok_buf ? th->rcv_ok_header : NULL;
}

/* vm_receive_buffer_ok - is thread th's buffer [buf, buf+size) known writable still? */
static inline int
vm_receive_buffer_ok(const struct thread *th, uint32_t buf, uint32_t size)
{
	/* The same buffer again (the usual case), or a part of it. */
	return th->rcv_ok_gen == th->task->vm_gen && buf - th->rcv_ok_buf <= th->rcv_ok_size &&
	       size <= th->rcv_ok_size - (buf - th->rcv_ok_buf);
}

/*
 * vm_copy_between - copy n bytes from task st's src to task dt's dst,
 * user memory to user memory, both checked with vm_check beforehand.
 */
void vm_copy_between(struct task *dt, uint32_t dst, struct task *st, uint32_t src, uint32_t n);

#endif /* KERNEL_VM_H */
