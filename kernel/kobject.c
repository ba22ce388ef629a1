/*
 * kobject.c - serving messages sent to kernel objects.
 *
 * The request has been copied in like any message (its rights now belong
 * to the kmsg). We pick the generated dispatch for the object's kind; it
 * checks the request and calls one of our handlers (task_server.c,
 * thread_server.c, host_server.c). The reply goes to the request's reply
 * right, exactly as a user server's reply would.
 */
#include <stddef.h>
#include "kernel/kobject.h"
#include "kernel/ipc.h"
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "harbor/error.h"
#include "harbor/host_server.h"
#include "harbor/task_server.h"
#include "harbor/thread_server.h"

typedef int (*kobject_dispatch_fn)(void *ctx, const struct msg_header *req,
				   struct msg_header *reply);

static const struct {
	kobject_dispatch_fn dispatch;
	uint32_t reply_max;
} kobject_kinds[] = {
	[KOBJ_TASK] = { task_dispatch, TASK_REPLY_MAX },
	[KOBJ_THREAD] = { thread_dispatch, THREAD_REPLY_MAX },
	[KOBJ_HOST] = { host_dispatch, HOST_REPLY_MAX },
};

uint32_t
kobject_port_out(struct port *p)
{
	port_ref(p);
	p->srights++;
	return (uint32_t)p;
}

struct port *
kobject_host_init(void)
{
	struct port *p = port_alloc(NULL);

	if (p == NULL)
		panic("kobject_host_init: no memory for the host port");
	p->ktype = KOBJ_HOST;
	p->kobject = p;
	port_ref(p);
	return p;
}

int
kobject_request(struct port *dest, struct kmsg *m)
{
	struct kobject_call call = { .object = dest->kobject, .caller = current->task };
	struct port *reply_to = m->reply;
	uint32_t kind = dest->ktype;
	struct kmsg *r;

	assert(kind < ARRAY_SIZE(kobject_kinds) && kobject_kinds[kind].dispatch);
	r = kmsg_alloc(kobject_kinds[kind].reply_max, reply_to ? reply_to->receiver : NULL);
	if (r == NULL) {
		ipc_kmsg_destroy(m);
		return ERR_NO_MEMORY;
	}
	if (kobject_kinds[kind].dispatch(&call, m->msg, r->msg) && reply_to != NULL) {
		/* The reply uses up the request's reply right. */
		r->size = r->msg->size;
		m->reply = NULL;
		if (m->reply_type == MSG_MOVE_SEND)
			reply_to->srights--;
		ipc_deliver(reply_to, r);
		port_release(reply_to);
	} else {
		ipc_kmsg_destroy(r);
	}
	ipc_kmsg_destroy(m);
	if (call.kill_task)
		task_terminate(call.kill_task);		/* does not return */
	if (call.kill_thread)
		thread_destroy(call.kill_thread);	/* does not return */
	return ERR_OK;
}
