/*
 * trace.c - the IPC trace's ring: recording events, switching, reading.
 *
 * The hooks in trace.h call in here only while tracing is on. Every event
 * takes the next slot of a fixed ring, so a busy system overwrites its
 * oldest events; trace_seq counts every event ever recorded since the
 * trace was switched on, which is how a reader knows how many it lost.
 * Time is the CPU's time-stamp counter: under QEMU's -icount (make trace,
 * make bench) it counts guest instructions, so runs compare exactly.
 */
#include <stddef.h>
#include "kernel/trace.h"
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/port.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "harbor/pager_server.h"

int trace_on;
uint32_t trace_seq;
struct trace_event trace_ring[TRACE_RING_SIZE];

_Static_assert(sizeof(struct trace_event) == TRACE_EVENT_SIZE, "trace_event is 40 bytes");

/* The next slot, cleared and stamped with the time, kind and the running thread. */
static struct trace_event *
trace_slot(enum trace_kind kind)
{
	struct trace_event *e = &trace_ring[trace_seq++ % TRACE_RING_SIZE];
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	memset(e, 0, sizeof(*e));
	e->time_lo = lo;
	e->time_hi = hi;
	e->kind = kind;
	if (current != NULL) {
		e->thread = current->id;
		e->task = current->task ? current->task->id : 0;
	}
	return e;
}

/* Count m's port and out-of-line descriptors into e. */
static void
trace_count_descs(struct trace_event *e, const struct kmsg *m)
{
	const struct msg_body *body = (const struct msg_body *)(m->msg + 1);
	const union msg_desc *d = (const union msg_desc *)(body + 1);
	uint32_t n;

	if (!(m->msg->bits & MSG_BITS_COMPLEX) || m->size < sizeof(*m->msg) + sizeof(*body))
		return;
	n = body->desc_count;
	for (uint32_t i = 0; i < n && i < MSG_DESC_MAX; i++) {
		if (d[i].type == MSG_DESC_PORT)
			e->ports++;
		else if (d[i].type == MSG_DESC_OOL)
			e->ools++;
	}
}

/* The task whose fault a KOBJ_PAGER_REPLY port answers (0 for other ports), so a filter by task shows the answer. */
static uint32_t
trace_answer_for(const struct port *p)
{
	const struct thread *th = p->kobject;

	return p->ktype == KOBJ_PAGER_REPLY && th != NULL && th->task != NULL ? th->task->id : 0;
}

void
trace_record_msg(enum trace_kind kind, struct task *t, struct port *p, const struct kmsg *m,
		 uint32_t bits)
{
	struct trace_event *e = trace_slot(kind);

	if (t == NULL)
		e->task = e->thread = 0;	/* the kernel made it, whoever ran */
	e->port = p->id;
	e->u.m.msg_id = m->msg->id;
	e->u.m.size = m->size;
	e->u.m.peer = p->receiver ? p->receiver->id : trace_answer_for(p);
	if (MSG_BITS_DEST(bits) == MSG_MOVE_SEND_ONCE)
		e->u.m.flags |= TRACE_F_SEND_ONCE;
	if (m->sender == 0)
		e->u.m.flags |= TRACE_F_FROM_KERNEL;
	if (m->overflow_by != NULL)
		e->u.m.flags |= TRACE_F_OVERFLOW;
	if (kind == TRACE_KREQUEST)
		e->u.m.flags |= TRACE_F_KOBJ(p->ktype);
	trace_count_descs(e, m);
}

void
trace_record_handoff(const struct msg_header *h, uint32_t dest_disp, struct thread *r)
{
	struct trace_event *e = trace_slot(TRACE_HANDOFF);
	struct space_entry *pe = r->task ? space_lookup(r->task->space, h->dest) : NULL;

	if (pe != NULL && pe->port != NULL)
		e->port = pe->port->id;
	e->u.m.msg_id = h->id;
	e->u.m.size = h->size;
	e->u.m.peer = r->task ? r->task->id : 0;
	if (dest_disp == MSG_MOVE_SEND_ONCE)
		e->u.m.flags |= TRACE_F_SEND_ONCE;
}

void
trace_record_task(enum trace_kind kind, struct task *t)
{
	struct trace_event *e = trace_slot(kind);

	e->task = t->id;
	memcpy(e->u.name, t->name, sizeof(e->u.name));
}

void
trace_record_thread(enum trace_kind kind, struct thread *th)
{
	struct trace_event *e = trace_slot(kind);

	e->u.m.peer = e->task;		/* who made or destroyed it */
	e->thread = th->id;
	e->task = th->task ? th->task->id : 0;
}

void
trace_record_fault(uint32_t addr, uint32_t err, struct port *pager)
{
	struct trace_event *e = trace_slot(TRACE_FAULT);

	e->port = pager->id;
	e->u.m.msg_id = PAGER_FAULT_ID;
	e->u.m.size = addr;
	e->u.m.peer = pager->receiver ? pager->receiver->id : 0;
	e->u.m.flags = err;
}

void
trace_record_answer(const struct msg_header *h, struct port *dest)
{
	struct trace_event *e = trace_slot(TRACE_KREQUEST);

	e->port = dest->id;
	e->u.m.msg_id = h->id;
	e->u.m.size = h->size;
	e->u.m.flags = TRACE_F_SEND_ONCE | TRACE_F_KOBJ(dest->ktype);
	e->u.m.peer = trace_answer_for(dest);
}

/* Record every live task as TRACE_TASK_ALIVE, with its program's name. */
static void
trace_record_alive(void)
{
	for (struct task *t = task_all; t; t = t->all_next) {
		struct trace_event *e = trace_slot(TRACE_TASK_ALIVE);

		e->task = t->id;
		e->thread = 0;
		memcpy(e->u.name, t->name, sizeof(e->u.name));
	}
}

uint32_t
trace_switch(int on)
{
	uint32_t seen;

	/* The live tasks once more at the end: the newest events, which the
	 * ring keeps however much it overwrote, so a reader can name them. */
	if (trace_on)
		trace_record_alive();
	seen = trace_seq;
	trace_on = 0;
	if (on) {
		trace_seq = 0;
		trace_record_alive();
		trace_on = 1;
	}
	return seen;
}

uint32_t
trace_read(uint32_t from, struct trace_event *out, uint32_t max, uint32_t *first, uint32_t *total)
{
	uint32_t oldest = trace_seq > TRACE_RING_SIZE ? trace_seq - TRACE_RING_SIZE : 0;
	uint32_t n = 0;

	if (from < oldest)
		from = oldest;
	*first = from;
	*total = trace_seq;
	for (uint32_t i = from; i < trace_seq && n < max; i++, n++)
		out[n] = trace_ring[i % TRACE_RING_SIZE];
	return n;
}
