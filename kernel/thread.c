/*
 * thread.c - creating and destroying threads.
 *
 * A thread is a zone object plus one pool page of kernel stack, charged to
 * its task, and a port that stands for it (its thread port).
 */
#include <stddef.h>
#include "kernel/thread.h"
#include "kernel/ipc.h"
#include "kernel/kobject.h"
#include "kernel/lib.h"
#include "kernel/notify.h"
#include "kernel/pool.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/trace.h"
#include "kernel/i386/cpu.h"
#include "harbor/error.h"
#include "harbor/layout.h"

static struct zone thread_zone = ZONE_INIT("thread", struct thread);
static uint32_t thread_next_id = 1;

#define THREAD_CHARGE	(sizeof(struct thread) + PAGE_SIZE)

/* The parts every thread has: struct, kernel stack, and (for user threads) a port. */
static struct thread *
thread_alloc(struct task *t, int *err)
{
	struct thread *th;

	*err = ERR_NO_MEMORY;
	if (pool_charge(t, THREAD_CHARGE) != ERR_OK)
		return NULL;
	th = zone_alloc(&thread_zone);
	if (th == NULL)
		goto fail_charge;
	th->kstack = pool_page_alloc(1);
	if (th->kstack == NULL)
		goto fail_thread;
	if (t != NULL) {
		th->port = kobject_port_alloc(t, KOBJ_THREAD, th);
		if (th->port == NULL)
			goto fail_stack;
	}
	th->task = t;
	th->id = thread_next_id++;
	th->priority = THREAD_PRIO_USER;
	th->state = THREAD_NEW;
	*err = ERR_OK;
	return th;

fail_stack:
	pool_page_free(th->kstack, 1);
fail_thread:
	zone_free(&thread_zone, th);
fail_charge:
	pool_uncharge(t, THREAD_CHARGE);
	return NULL;
}

struct thread *
thread_create(struct task *t, uint32_t entry, uint32_t stack, uint32_t arg, int *err)
{
	struct thread *th = thread_alloc(t, err);

	if (th == NULL)
		return NULL;
	cpu_thread_setup_user(th, entry, stack, arg);
	th->task_next = t->threads;
	t->threads = th;
	trace_thread(TRACE_THREAD_NEW, th);
	return th;
}

struct thread *
thread_create_kernel(void (*fn)(void), int *err)
{
	struct thread *th = thread_alloc(NULL, err);

	if (th != NULL)
		cpu_thread_setup_kernel(th, fn);
	return th;
}

void
thread_free(struct thread *th)
{
	pool_page_free(th->kstack, 1);
	zone_free(&thread_zone, th);
}

void
thread_detach(struct thread *th)
{
	struct task *t = th->task;

	trace_thread(TRACE_THREAD_DEAD, th);
	ipc_receive_abandoned(th);
	sched_forget(th);
	notify_thread_gone(th);
	for (struct thread **pp = &t->threads; *pp; pp = &(*pp)->task_next) {
		if (*pp == th) {
			*pp = th->task_next;
			break;
		}
	}
	/* The thread port dies: send rights to it become dead names. */
	kobject_port_destroy(th->port);
	th->port = NULL;
	if (th->pager_reply) {		/* a late answer from its pager now goes nowhere */
		kobject_port_destroy(th->pager_reply);
		th->pager_reply = NULL;
	}
	pool_uncharge(t, THREAD_CHARGE);
	th->task = NULL;
}

void
thread_destroy(struct thread *th)
{
	thread_detach(th);
	if (th == current)
		sched_exit();
	thread_free(th);
}

uint32_t
thread_count(void)
{
	return thread_zone.in_use;
}
