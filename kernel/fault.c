/*
 * fault.c - the one place that decides a user task's fate on a fault.
 *
 * Errors in what a task asks the kernel (bad pointers, names, messages)
 * are returned as error codes by the traps. Only a CPU exception in user
 * mode - a wild pointer, an illegal instruction, an `in` without an I/O
 * grant - kills the task, with a report naming what happened and where.
 */
#include "kernel/fault.h"
#include "kernel/lib.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"

void
fault_user(uint32_t trapno, const char *name, uint32_t eip, uint32_t err, uint32_t addr)
{
	struct task *t = current->task;

	kprintf("harbor: task %u (%s) thread %u: %s (trap %u) at eip %p",
		t->id, t->name, current->id, name, trapno, (void *)eip);
	if (trapno == 14)
		kprintf(", address %p, error %x", (void *)addr, err);
	kprintf(": task killed\n");
	task_terminate(t);
	panic("fault_user: task_terminate returned");
}
