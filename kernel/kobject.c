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
#include "kernel/notify.h"
#include "kernel/pager.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/trace.h"
#include "harbor/error.h"
#include "harbor/host_server.h"
#include "harbor/memctl_server.h"
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
	[KOBJ_MEMCTL] = { memctl_dispatch, MEMCTL_REPLY_MAX },
	[KOBJ_PAGER_REPLY] = { pager_reply_dispatch, sizeof(struct msg_reply_header) },
};

uint32_t
kobject_port_out(struct port *p)
{
	port_ref(p);
	p->srights++;
	return (uint32_t)p;
}

void
kobject_claim(void *ctx, uint32_t port)
{
	struct kmsg *m = ((struct kobject_call *)ctx)->request;
	struct msg_body *body = (struct msg_body *)(m->msg + 1);
	union msg_desc *d = (union msg_desc *)(body + 1);

	if (!(m->msg->bits & MSG_BITS_COMPLEX))
		return;
	for (uint32_t i = 0; i < body->desc_count; i++) {
		if (d[i].type == MSG_DESC_PORT && d[i].port.name == port) {
			d[i].port.name = 0;
			return;
		}
	}
}

struct port *
kobject_port_alloc(struct task *t, enum kobject_type ktype, void *object)
{
	struct port *p = port_alloc(t);

	if (p == NULL)
		return NULL;
	p->ktype = ktype;
	p->kobject = object;
	port_ref(p);		/* the object's own reference */
	return p;
}

void
kobject_port_destroy(struct port *p)
{
	/* First stop standing for the object, so no request can reach it. */
	p->kobject = NULL;
	p->ktype = KOBJ_NONE;
	port_destroy(p);
	port_release(p);
}

struct port *
kobject_host_init(void)
{
	struct port *p = kobject_port_alloc(NULL, KOBJ_HOST, NULL);

	if (p == NULL)
		panic("kobject_host_init: no memory for the host port");
	p->kobject = p;		/* the host has no struct of its own */
	return p;
}

struct kmsg *
kobject_reply_alloc(struct port *dest, struct task *t)
{
	assert(dest->ktype < ARRAY_SIZE(kobject_kinds) && kobject_kinds[dest->ktype].dispatch);
	return kmsg_alloc(kobject_kinds[dest->ktype].reply_max, t);
}

void
kobject_request(struct port *dest, struct kmsg *m, struct kmsg *r)
{
	struct kobject_call call = { .object = dest->kobject, .request = m,
				     .caller = current->task };
	struct port *reply_to = m->reply;

	trace_msg(TRACE_KREQUEST, current->task, dest, m, 0);
	if (kobject_kinds[dest->ktype].dispatch(&call, m->msg, r->msg) && reply_to != NULL) {
		/* The reply uses up the request's reply right. */
		r->size = r->msg->size;
		kmsg_recharge(r, reply_to->charged);
		m->reply = NULL;
		if (m->reply_type == MSG_MOVE_SEND)
			notify_srights_dec(reply_to);
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
}
