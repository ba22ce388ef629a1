/*
 * fault.c - the one place that decides a user task's fate on a fault.
 *
 * Errors in what a task asks the kernel (bad pointers, names, messages)
 * are returned as error codes by the traps. A CPU exception in user mode
 * is one of three things: a write to a copy-on-write page (resolved here:
 * the task goes on), another page fault (sent to the task's pager as a
 * message, pager.c: the task goes on if the pager maps the page), or the
 * task's fault - a wild pointer its pager refused, an illegal
 * instruction, an `in` without an I/O grant - which kills the task, with
 * a report naming what happened and where.
 */
#include "kernel/fault.h"
#include "kernel/lib.h"
#include "kernel/pager.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/i386/paging.h"
#include "harbor/error.h"

#define PF_PRESENT	0x1u	/* page fault error code: the page was present */
#define PF_WRITE	0x2u	/* ... and the access was a write */

/* Why a page fault the pager did not resolve kills the task, in words. */
static const char *
fault_pager_reason(int code)
{
	switch (code) {
	case ERR_NOT_FOUND:	return "no pager";
	case ERR_BUSY:		return "the task is its own pager";
	case ERR_DENIED:	return "its pager may not map memory";
	case ERR_TIMED_OUT:	return "the pager did not answer in time";
	case ERR_NO_REPLY:	return "the pager died or dropped the fault";
	case ERR_BAD_REPLY:	return "the pager's answer is malformed";
	case ERR_NO_MEMORY:	return "out of memory";
	case ERR_STACK_OVERFLOW:	return "stack overflow";
	case ERR_BAD_ADDRESS:	return "bad address";
	default:		return "the pager refused the access";
	}
}

void
fault_user(uint32_t trapno, const char *name, uint32_t eip, uint32_t err, uint32_t addr)
{
	struct task *t = current->task;
	int code = ERR_OK;

	if (trapno == 14) {
		/* A write to a copy-on-write page: copy it and go on. */
		if ((err & (PF_PRESENT | PF_WRITE)) == (PF_PRESENT | PF_WRITE) &&
		    vm_fault_cow(t, addr) == ERR_OK)
			return;
		/* Anything else: the pager decides. */
		code = pager_fault(addr, err, eip);
		if (code == ERR_OK)
			return;
	}
	kprintf("harbor: task %u (%s) thread %u: %s (trap %u) at eip %p",
		t->id, t->name, current->id, name, trapno, (void *)eip);
	if (trapno == 14)
		kprintf(", address %p, error %x: %s", (void *)addr, err, fault_pager_reason(code));
	kprintf(": task killed\n");
	task_terminate(t);
	panic("fault_user: task_terminate returned");
}
