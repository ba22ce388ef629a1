/*
 * thread_server.c - the kernel's handlers for the thread interface
 * (include/harbor/thread.defs).
 */
#include <stddef.h>
#include "kernel/kobject.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "harbor/error.h"
#include "harbor/thread_server.h"

int
thread_terminate_handler(void *ctx)
{
	struct kobject_call *call = ctx;
	struct thread *th = call->object;

	if (th == current)
		call->kill_thread = th;	/* after the request is cleaned up */
	else
		thread_destroy(th);
	return ERR_OK;
}

int
thread_get_priority_handler(void *ctx, uint32_t *priority)
{
	*priority = ((struct thread *)((struct kobject_call *)ctx)->object)->priority;
	return ERR_OK;
}

int
thread_set_priority_handler(void *ctx, uint32_t priority)
{
	struct thread *th = ((struct kobject_call *)ctx)->object;

	if (priority == THREAD_PRIO_IDLE || priority > THREAD_PRIO_MAX)
		return ERR_BAD_ARGUMENT;
	sched_set_priority(th, priority);
	return ERR_OK;
}
