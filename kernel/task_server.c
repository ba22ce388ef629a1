/*
 * task_server.c - the kernel's handlers for the task interface
 * (include/harbor/task.defs): a task's ports, threads and its end.
 *
 * Each handler works on the task the port stands for (call->object),
 * which need not be the caller: holding a task's port is the permission.
 */
#include <stddef.h>
#include "kernel/ipc.h"
#include "kernel/kobject.h"
#include "kernel/lib.h"
#include "kernel/notify.h"
#include "kernel/portset.h"
#include "kernel/pager.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "harbor/error.h"
#include "harbor/layout.h"
#include "harbor/task_server.h"

static struct task *
target(void *ctx)
{
	return ((struct kobject_call *)ctx)->object;
}

/* The entry for name in t if it holds a receive right; NULL and *err otherwise. */
static struct space_entry *
receive_entry(struct task *t, uint32_t name, int *err)
{
	struct space_entry *e = space_lookup(t->space, name);

	*err = e == NULL ? ERR_BAD_NAME : !(e->rights & RIGHT_RECEIVE) ? ERR_BAD_RIGHT : ERR_OK;
	return *err == ERR_OK ? e : NULL;
}

int
task_port_allocate_handler(void *ctx, uint32_t *name)
{
	struct task *t = target(ctx);
	struct port *p = port_alloc(t);

	if (p == NULL)
		return ERR_NO_MEMORY;
	*name = space_alloc(t->space, p, RIGHT_RECEIVE);
	if (*name == NAME_NULL) {
		port_ref(p);
		port_destroy(p);
		port_release(p);
		return ERR_NO_SPACE;
	}
	port_ref(p);
	port_receiver_set(p, t, *name);
	return ERR_OK;
}

int
task_port_deallocate_handler(void *ctx, uint32_t name)
{
	struct task *t = target(ctx);
	struct space_entry *e = space_lookup(t->space, name);

	if (e == NULL)
		return ERR_BAD_NAME;
	/* A send reference first; the receive right only when none is left. */
	if ((e->rights & (RIGHT_SEND | RIGHT_DEAD)) && e->urefs > 1) {
		e->urefs--;
		return ERR_OK;
	}
	if ((e->rights & RIGHT_SEND) && (e->rights & RIGHT_RECEIVE)) {
		e->rights &= ~RIGHT_SEND;
		e->urefs = 0;
		notify_srights_dec(e->port);
		return ERR_OK;
	}
	right_release_entry(t, e);
	return ERR_OK;
}

int
task_port_set_limit_handler(void *ctx, uint32_t name, uint32_t limit)
{
	int err;
	struct space_entry *e = receive_entry(target(ctx), name, &err);

	if (e == NULL)
		return err;
	if (limit > PORT_LIMIT_MAX)
		return ERR_BAD_ARGUMENT;
	e->port->limit = limit;
	/* A larger queue may have room for senders that wait. */
	ipc_offer_room(e->port, 0);
	return ERR_OK;
}

int
task_port_make_send_handler(void *ctx, uint32_t name)
{
	int err;
	struct space_entry *e = receive_entry(target(ctx), name, &err);

	if (e == NULL)
		return err;
	if (e->urefs == SPACE_UREFS_MAX)
		return ERR_NO_SPACE;
	if (!(e->rights & RIGHT_SEND))
		e->port->srights++;
	e->rights |= RIGHT_SEND;
	e->urefs++;
	return ERR_OK;
}

int
task_thread_create_handler(void *ctx, uint32_t entry, uint32_t stack, uint32_t arg,
			   uint32_t *thread)
{
	struct task *t = target(ctx);
	struct thread *th;
	int err;

	if (entry >= USER_TOP || stack > USER_TOP)
		return ERR_BAD_ADDRESS;
	th = thread_create(t, entry, stack, arg, &err);
	if (th == NULL)
		return err;
	*thread = kobject_port_out(th->port);
	sched_make_runnable(th);
	return ERR_OK;
}

int
task_terminate_handler(void *ctx, int32_t status)
{
	struct kobject_call *call = ctx;
	struct task *t = target(ctx);

	if (status != 0)
		kprintf("harbor: task %u (%s) exited with status %d\n", t->id, t->name, status);
	if (t == call->caller)
		call->kill_task = t;	/* after the request is cleaned up */
	else
		task_terminate(t);
	return ERR_OK;
}

int
task_set_pager_handler(void *ctx, uint32_t pager)
{
	struct port *p = (struct port *)pager;

	if (p != NULL && p->ktype != KOBJ_NONE)
		return ERR_BAD_ARGUMENT;	/* a kernel object cannot answer faults */
	pager_set(target(ctx), p);	/* the kernel keeps a send right of its own */
	return ERR_OK;
}

int
task_get_pager_handler(void *ctx, uint32_t *pager)
{
	struct port *p = target(ctx)->pager;

	if (p == NULL || p->dead)
		return ERR_NOT_FOUND;
	*pager = kobject_port_out(p);
	return ERR_OK;
}

int
task_port_set_allocate_handler(void *ctx, uint32_t *name)
{
	struct task *t = target(ctx);
	struct port *set = port_alloc(t);

	if (set == NULL)
		return ERR_NO_MEMORY;
	set->is_set = 1;
	*name = space_alloc(t->space, set, RIGHT_PORTSET);
	port_receiver_set(set, t, *name);
	port_ref(set);
	if (*name == NAME_NULL) {
		port_destroy(set);
		port_release(set);
		return ERR_NO_SPACE;
	}
	return ERR_OK;
}

int
task_port_set_insert_handler(void *ctx, uint32_t member, uint32_t set)
{
	struct task *t = target(ctx);
	struct space_entry *s = space_lookup(t->space, set);
	int err;
	struct space_entry *e = receive_entry(t, member, &err);

	if (e == NULL)
		return err;
	if (s == NULL)
		return ERR_BAD_NAME;
	if (!(s->rights & RIGHT_PORTSET))
		return ERR_BAD_RIGHT;
	portset_insert(s->port, e->port);
	return ERR_OK;
}

int
task_port_set_remove_handler(void *ctx, uint32_t member)
{
	int err;
	struct space_entry *e = receive_entry(target(ctx), member, &err);

	if (e == NULL)
		return err;
	if (e->port->set == NULL)
		return ERR_NOT_FOUND;
	portset_remove(e->port);
	return ERR_OK;
}

int
task_port_request_notification_handler(void *ctx, uint32_t name, uint32_t kind, uint32_t notify)
{
	int err;

	if (notify == 0)
		return ERR_BAD_ARGUMENT;
	err = notify_request(target(ctx), name, kind, (struct port *)notify);
	if (err == ERR_OK)
		kobject_claim(ctx, notify);	/* the request keeps the send-once right */
	return err;
}
