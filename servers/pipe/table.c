/*
 * table.c - pipes and their ends: making them, finding them by port or
 * by key, and what happens when an end's last send right goes.
 *
 * Every end is a port of its own, so the count of a pipe's readers and
 * writers is exact: the kernel tells us (no-senders) when the last send
 * right to one end is gone, however it went (close, a task's death, a
 * reply that never arrived), and we never make a second send right to an
 * end, so no later open can make that notice stale. When a pipe has no
 * end left, it is freed, data and kept requests with it.
 */
#include "user/lib/ulib.h"
#include "servers/pipe/pipe.h"
#include "harbor/task_client.h"

struct pipe pipes[PIPE_MAX];
struct pipe_end pipe_ends[PIPE_ENDS_MAX];

struct pipe *
pipe_alloc(void)
{
	for (int i = 0; i < PIPE_MAX; i++) {
		struct pipe *p = &pipes[i];
		if (p->used)
			continue;
		*p = (struct pipe){ 0 };
		if (ring_init(&p->ring) != ERR_OK)
			return NULL;
		p->used = 1;
		return p;
	}
	return NULL;
}

struct pipe *
pipe_find_named(uint32_t key)
{
	for (int i = 0; i < PIPE_MAX; i++)
		if (pipes[i].used && pipes[i].named && pipes[i].key == key)
			return &pipes[i];
	return NULL;
}

/* A pipe with no end left: nobody can reach it again. */
void
pipe_free_if_unused(struct pipe *p)
{
	if (!p->used || p->readers != 0 || p->writers != 0)
		return;
	pipe_park_drop_all(p);
	ring_free(&p->ring);
	p->used = 0;
}

int
pipe_end_open(struct pipe *p, enum pipe_end_kind kind, port_name_t *port)
{
	struct pipe_end *e = NULL;
	port_name_t name = NAME_NULL;
	int err;

	for (int i = 0; i < PIPE_ENDS_MAX && e == NULL; i++)
		if (pipe_ends[i].port == NAME_NULL)
			e = &pipe_ends[i];
	if (e == NULL)
		return ERR_NO_SPACE;
	err = task_port_allocate(NAME_TASK_SELF, &name);
	if (err != ERR_OK)
		return err;
	/* The send right the reply moves to the client, made before asking
	 * for no-senders, which would otherwise come at once. */
	err = task_port_make_send(NAME_TASK_SELF, name);
	if (err == ERR_OK)
		err = task_port_set_insert(NAME_TASK_SELF, name, pipe_set);
	if (err == ERR_OK)
		err = task_port_request_notification(NAME_TASK_SELF, name, NOTIFY_NO_SENDERS,
						     pipe_notify);
	if (err != ERR_OK) {
		task_port_deallocate(NAME_TASK_SELF, name);	/* the send right */
		task_port_deallocate(NAME_TASK_SELF, name);	/* the receive right */
		return err;
	}
	*e = (struct pipe_end){ .port = name, .pipe = p, .kind = kind };
	if (kind == PIPE_END_READ) {
		p->readers++;
		p->had_reader = 1;
	} else {
		p->writers++;
		p->had_writer = 1;
	}
	*port = name;
	return ERR_OK;
}

struct pipe_end *
pipe_end_find(port_name_t port)
{
	for (int i = 0; i < PIPE_ENDS_MAX; i++)
		if (pipe_ends[i].port == port && port != NAME_NULL)
			return &pipe_ends[i];
	return NULL;
}

void
pipe_end_closed(port_name_t port)
{
	struct pipe_end *e = pipe_end_find(port);
	struct pipe *p;

	if (e == NULL)
		return;
	p = e->pipe;
	if (e->kind == PIPE_END_READ)
		p->readers--;
	else
		p->writers--;
	/* The receive right: the port dies, with any request still queued on
	 * it (whose callers hear ERR_NO_REPLY). */
	task_port_deallocate(NAME_TASK_SELF, e->port);
	*e = (struct pipe_end){ .port = NAME_NULL };
	if (p->readers == 0 && p->writers == 0)
		pipe_free_if_unused(p);
	else
		pipe_wake(p);	/* readers may see the end now, writers ERR_PIPE_CLOSED */
}

void
pipe_end_undo(port_name_t port)
{
	/* Our send right goes (its no-senders, when it comes, finds no end),
	 * then the end itself. */
	task_port_deallocate(NAME_TASK_SELF, port);
	pipe_end_closed(port);
}

uint32_t
pipe_count(void)
{
	uint32_t n = 0;

	for (int i = 0; i < PIPE_MAX; i++)
		n += pipes[i].used ? 1 : 0;
	return n;
}

uint32_t
pipe_end_count(void)
{
	uint32_t n = 0;

	for (int i = 0; i < PIPE_ENDS_MAX; i++)
		n += pipe_ends[i].port != NAME_NULL ? 1 : 0;
	return n;
}
