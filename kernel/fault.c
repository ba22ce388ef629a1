/*
 * fault.c - the one place that decides a user task's fate on a fault.
 *
 * Errors in what a task asks the kernel (bad pointers, names, messages)
 * are returned as error codes by the traps. A CPU exception in user mode
 * is either a write to a copy-on-write page (resolved here: the task goes
 * on) or the task's fault - a wild pointer, an illegal instruction, an
 * `in` without an I/O grant - which kills the task, with a report naming
 * what happened and where.
 */
#include "kernel/fault.h"
#include "kernel/lib.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/i386/paging.h"
#include "harbor/error.h"

#define PF_PRESENT	0x1u	/* page fault error code: the page was present */
#define PF_WRITE	0x2u	/* ... and the access was a write */

void
fault_user(uint32_t trapno, const char *name, uint32_t eip, uint32_t err, uint32_t addr)
{
	struct task *t = current->task;

	/* A write to a copy-on-write page: copy it and go on. */
	if (trapno == 14 && (err & (PF_PRESENT | PF_WRITE)) == (PF_PRESENT | PF_WRITE) &&
	    vm_fault_cow(t, addr) == ERR_OK)
		return;

	kprintf("harbor: task %u (%s) thread %u: %s (trap %u) at eip %p",
		t->id, t->name, current->id, name, trapno, (void *)eip);
	if (trapno == 14)
		kprintf(", address %p, error %x", (void *)addr, err);
	kprintf(": task killed\n");
	task_terminate(t);
	panic("fault_user: task_terminate returned");
}
