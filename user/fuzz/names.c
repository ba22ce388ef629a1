/*
 * names.c - the names a worker's generated traps use.
 *
 * The pool holds names the task got: its fuzz ports (receive and send
 * rights), a port set, its own task and thread ports, send rights to other
 * workers' ports, and whatever rights arrive in messages. Generated
 * messages reuse these names everywhere - destination, reply, descriptors
 * - with every disposition, so the kernel sees one right named many ways.
 *
 * Some names are protected and never appear in a generated message or
 * request: the bootstrap port (the coordinator), the host port, the
 * worker's service, sink and park ports, and every reply port the
 * streams and the user library wait on. Losing those would turn a kernel
 * bug hunt into a study of a worker that broke itself.
 */
#include "user/fuzz/fthread.h"
#include "user/lib/uthread.h"
#include "harbor/task_client.h"
#include "harbor/thread_client.h"

struct fz_task fz_task;
port_name_t fz_park_port;

int
fz_name_ok(port_name_t name)
{
	struct fz_task *w = &fz_task;

	if (name == NAME_BOOTSTRAP || name == NAME_HOST || name == NAME_REPLY)
		return 0;
	if (name == NAME_NULL)
		return 1;
	if (name == w->service || name == w->sink || name == w->park)
		return 0;
	for (uint32_t t = 0; t <= FZ_THREADS_MAX; t++) {
		const struct fz_thread *s = &w->th[t];
		if (name == s->r_rpc || name == s->r_k)
			return 0;
		/* The library's reply port and its spare: they change after a failed call. */
		if (s->lib && (name == s->lib->reply_port || name == s->lib->spare_port))
			return 0;
	}
	return 1;
}

void
fz_names_add(port_name_t name)
{
	struct fz_task *w = &fz_task;
	static uint32_t next;	/* the dynamic entry replaced next */
	uint32_t i;

	if (name == NAME_NULL || name == NAME_DEAD || !fz_name_ok(name))
		return;
	for (i = 0; i < FZ_NAMES_MAX; i++)
		if (w->names[i] == name)
			return;
	for (i = 0; i < FZ_NAMES_CORE; i++) {
		if (w->names[i] == NAME_NULL) {
			w->names[i] = name;	/* the task's own, at start-up */
			return;
		}
	}
	/* A dynamic entry: the one it replaces lets go of its right, so the
	 * name space does not fill up with rights nobody remembers. */
	i = FZ_NAMES_CORE + __sync_fetch_and_add(&next, 1) % (FZ_NAMES_MAX - FZ_NAMES_CORE);
	if (w->names[i] != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, w->names[i]);
	w->names[i] = name;
}

port_name_t
fz_pool_pick(struct fz_rng *r)
{
	for (int tries = 0; tries < 4; tries++) {
		port_name_t n = fz_task.names[fz_below(r, FZ_NAMES_MAX)];
		if (n != NAME_NULL)
			return n;
	}
	return NAME_TASK_SELF;
}

port_name_t
fz_names_pick(struct fz_rng *r)
{
	port_name_t n;

	switch (fz_below(r, 10)) {
	case 0:
		n = fz_below(r, 8);			/* null, well-known, junk */
		break;
	case 1:
		n = fz_one_in(r, 2) ? fz_rand(r) : NAME_DEAD;	/* anything */
		break;
	case 2:
		n = fz_peer_pick(r, fz_one_in(r, 3));
		break;
	default:
		n = fz_pool_pick(r);
		break;
	}
	return fz_name_ok(n) ? n : NAME_NULL;
}

port_name_t
fz_peer_pick(struct fz_rng *r, int sink)
{
	for (int tries = 0; tries < 4; tries++) {
		uint32_t i = fz_below(r, FZ_TASKS_MAX);
		port_name_t n = fz_task.peers[2 * i + (sink ? 1 : 0)];
		if (n != NAME_NULL)
			return n;
	}
	return NAME_NULL;
}

void
fz_list_add(port_name_t *list, uint32_t n, port_name_t name, int threads)
{
	uint32_t i;

	for (i = 0; i < n && list[i] != NAME_NULL; i++)
		;
	if (i == n) {
		/* Full: let the oldest go (its right with it), and shift. */
		if (threads)
			thread_terminate(list[0]);
		task_port_deallocate(NAME_TASK_SELF, list[0]);
		for (i = 0; i + 1 < n; i++)
			list[i] = list[i + 1];
	}
	list[i] = name;
}

port_name_t
fz_list_pick(struct fz_rng *r, const port_name_t *list, uint32_t n)
{
	uint32_t used = 0;

	while (used < n && list[used] != NAME_NULL)
		used++;
	return used ? list[fz_below(r, used)] : NAME_NULL;
}

port_name_t
fz_from(port_name_t name)
{
	if (name == fz_task.set)
		return NAME_NULL;
	for (uint32_t i = 0; i < FZ_SETS_MAX; i++)
		if (name == fz_task.sets[i])
			return NAME_NULL;	/* from a set: a member's name, which one is not known */
	return name;
}
