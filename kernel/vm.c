/*
 * vm.c - copying to and from user memory through the task's page table.
 */
#include "kernel/vm.h"
#include "kernel/lib.h"
#include "kernel/pmem.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/i386/paging.h"
#include "harbor/error.h"
#include "harbor/msg.h"

void
vm_note_missing(struct task *t, uint32_t va, uint32_t end, int write)
{
	struct thread *th = current;

	va = ROUNDDOWN(va, PAGE_SIZE);
	if (t != th->task || va == 0 || va >= end || end > USER_TOP || vm_page_entry(t, va) != 0)
		return;		/* another task's memory, or mapped (read-only): no fault helps */
	th->vm_missing_start = va;
	th->vm_missing_end = end;
	th->vm_missing_write = write;
}

/* The physical address behind user address va, or 0; a copy-on-write
 * page gets its own copy first when we are about to write to it. A page
 * that is missing is noted (up to end), so the trap can fault it in. */
static uint32_t
vm_user_page(struct task *t, uint32_t va, uint32_t end, int write)
{
	uint32_t pa = vm_user_pa(t, va, write);

	if (pa == 0 && write && vm_fault_cow(t, va) == ERR_OK)
		pa = vm_user_pa(t, va, 1);
	if (pa == 0)
		vm_note_missing(t, va, end, write);
	return pa;
}

int
vm_check(struct task *t, uint32_t uaddr, uint32_t n, int write)
{
	if (n == 0)
		return ERR_OK;
	/* LAB 2.1 BEGIN vm_range */
	if (uaddr + n < uaddr || uaddr + n > USER_TOP)
		return ERR_BAD_ADDRESS;
	/* LAB 2.1 END vm_range */
	/* LAB 2.2 BEGIN vm_pages; handout: if (vm_user_page(t, ROUNDDOWN(uaddr, PAGE_SIZE), uaddr + n, write) == 0) return ERR_BAD_ADDRESS; */
	for (uint32_t va = ROUNDDOWN(uaddr, PAGE_SIZE); va < uaddr + n; va += PAGE_SIZE) {
		if (vm_user_page(t, va, uaddr + n, write) == 0)
			return ERR_BAD_ADDRESS;
		if (va + PAGE_SIZE < va)
			break;
	}
	/* LAB 2.2 END vm_pages */
	return ERR_OK;
}

/* Copy n bytes between kernel buffer k and user range u, page by page. */
static int
vm_copy(struct task *t, uint32_t u, void *k, uint32_t n, int to_user)
{
	uint8_t *kp = k;

	/* Within one page (every message header): a single page walk. */
	if (u % PAGE_SIZE + n <= PAGE_SIZE && n > 0 && u + n <= USER_TOP) {
		uint32_t pa = vm_user_page(t, u, u + n, to_user);
		if (pa == 0)
			return ERR_BAD_ADDRESS;
		if (to_user)
			memcpy(P2V(pa), kp, n);
		else
			memcpy(kp, P2V(pa), n);
		return ERR_OK;
	}
	if (vm_check(t, u, n, to_user) != ERR_OK)
		return ERR_BAD_ADDRESS;
	while (n > 0) {
		uint32_t chunk = PAGE_SIZE - (u % PAGE_SIZE);
		if (chunk > n)
			chunk = n;
		uint8_t *up = P2V(vm_user_pa(t, u, to_user));
		if (to_user)
			memcpy(up, kp, chunk);
		else
			memcpy(kp, up, chunk);
		u += chunk;
		kp += chunk;
		n -= chunk;
	}
	return ERR_OK;
}

int
vm_copyin(struct task *t, void *dst, uint32_t uaddr, uint32_t n)
{
	return vm_copy(t, uaddr, dst, n, 0);
}

int
vm_copyout(struct task *t, uint32_t uaddr, const void *src, uint32_t n)
{
	return vm_copy(t, uaddr, (void *)src, n, 1);
}

void
vm_copy_between(struct task *dt, uint32_t dst, struct task *st, uint32_t src, uint32_t n)
{
	while (n > 0) {
		uint32_t chunk = PAGE_SIZE - (dst % PAGE_SIZE);
		if (PAGE_SIZE - (src % PAGE_SIZE) < chunk)
			chunk = PAGE_SIZE - (src % PAGE_SIZE);
		if (chunk > n)
			chunk = n;
		memcpy(P2V(vm_user_pa(dt, dst, 1)), P2V(vm_user_pa(st, src, 0)), chunk);
		dst += chunk;
		src += chunk;
		n -= chunk;
	}
}

struct msg_header *
vm_user_header(struct task *t, uint32_t uaddr, int write)
{
	uint32_t pa;

	if (uaddr % PAGE_SIZE > PAGE_SIZE - sizeof(struct msg_header))
		return NULL;
	pa = vm_user_pa(t, uaddr, write);
	return pa ? P2V(pa) : NULL;
}

int
vm_check_receive_buffer(struct task *t, uint32_t buf, uint32_t size)
{
	struct thread *th = current;

	if (vm_receive_buffer_ok(th, buf, size))
		return ERR_OK;
	if (vm_check(t, buf, size, 1) != ERR_OK)
		return ERR_BAD_ADDRESS;
	th->rcv_ok_buf = buf;
	th->rcv_ok_size = size;
	th->rcv_ok_gen = t->vm_gen;
	th->rcv_ok_header = vm_user_header(t, buf, 1);
	return ERR_OK;
}

