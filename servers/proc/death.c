/*
 * death.c - what proc does when a process ends, and the waits that were
 * waiting for it.
 *
 * proc learns of every death the same way: a dead-name notification on
 * the task port it holds. How the process ended is then told by what
 * proc knew before: it had called exit (PROC_EXITED, its status), proc
 * had killed it (PROC_KILLED), or neither, so the kernel killed it for a
 * fault, or it ended its task without exit (PROC_FAULTED).
 *
 * A wait that finds no ended child is parked: proc keeps the request
 * message itself, with its reply right, and runs it through dispatch again
 * after each death. So the answer is built by the same handler and the
 * same generated code as an immediate one.
 */
#include "servers/proc/proc.h"
#include "harbor/proc_server.h"
#include "harbor/task_client.h"

struct proc_parked proc_parked[PROC_PARKED_MAX];

void
proc_send_reply(struct msg_header *reply)
{
	/* Try once: a client that died or stopped reading costs us nothing. */
	if (msg_send(reply, MSG_OPT_TIMEOUT, 0) != ERR_OK)
		msg_destroy_unsent(reply);	/* and what it would have moved */
}

int
proc_parked_room(void)
{
	for (int i = 0; i < PROC_PARKED_MAX; i++)
		if (proc_parked[i].owner == 0)
			return 1;
	return 0;
}

/* Drop parked waits of a process that is gone: their clients are gone too. */
static void
proc_drop_parked(int32_t owner)
{
	for (int i = 0; i < PROC_PARKED_MAX; i++) {
		struct proc_parked *w = &proc_parked[i];
		if (w->owner != owner)
			continue;
		if (w->req.head.reply != NAME_NULL)
			task_port_deallocate(NAME_TASK_SELF, w->req.head.reply);
		w->owner = 0;
	}
}

void
proc_died(struct proc_server *s, struct proc *p)
{
	struct proc *init = proc_find(PROC_INIT_PID);
	struct proc *parent = proc_find(p->parent);

	if (p->state != PROC_RUNNING)
		return;
	if (p->said_exit)
		p->how = PROC_EXITED;
	else {
		p->how = p->killed ? PROC_KILLED : PROC_FAULTED;
		p->status = 0;
	}
	if (s->foreground == p->pid)
		s->foreground = 0;
	proc_drop_parked(p->pid);

	/* Its children go to init; with no init, zombies go at once and the
	 * living ones will, when they end. */
	for (int i = 0; i < PROC_TABLE_SIZE; i++) {
		struct proc *c = &proc_table[i];
		if (c->pid == 0 || c->parent != p->pid)
			continue;
		if (init != NULL && init != p && init->state == PROC_RUNNING)
			c->parent = PROC_INIT_PID;
		else if (c->state == PROC_ZOMBIE)
			proc_free(c);
		else
			c->parent = 0;
	}

	/* Its process port and standard ports are no use to anyone now; its
	 * task right is a dead name. Keep only the numbers for wait. */
	if (p->self != NAME_NULL) {
		task_port_deallocate(NAME_TASK_SELF, p->self);
		p->self = NAME_NULL;
	}
	if (p->task != NAME_NULL && p->task != NAME_TASK_SELF) {
		task_port_deallocate(NAME_TASK_SELF, p->task);
		p->task = NAME_NULL;
	}
	for (int i = 0; i < 3; i++)
		if (p->std[i] != NAME_NULL) {
			task_port_deallocate(NAME_TASK_SELF, p->std[i]);
			p->std[i] = NAME_NULL;
		}

	if (parent != NULL && parent->state == PROC_RUNNING) {
		p->state = PROC_ZOMBIE;
		proc_replay(s);
	} else
		proc_free(p);
}

void
proc_replay(struct proc_server *s)
{
	static union {
		struct msg_header head;
		uint8_t bytes[PROC_REPLY_MAX];
	} reply;

	for (int i = 0; i < PROC_PARKED_MAX; i++) {
		struct proc_parked *w = &proc_parked[i];
		if (w->owner == 0)
			continue;
		s->caller = proc_find(w->owner);
		s->park = 0;
		s->replaying = 1;
		if (s->caller == NULL || s->caller->state != PROC_RUNNING) {
			proc_drop_parked(w->owner);
			continue;
		}
		reply.head.size = 0;
		int answer = proc_dispatch(s, &w->req.head, &reply.head);
		if (s->park)
			continue;		/* still nothing for it */
		w->owner = 0;
		if (answer)
			proc_send_reply(&reply.head);
		else if (w->req.head.reply != NAME_NULL)
			task_port_deallocate(NAME_TASK_SELF, w->req.head.reply);
	}
	s->caller = NULL;
	s->park = 0;
	s->replaying = 0;
}
