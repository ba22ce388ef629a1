/*
 * table.c - the name server's table and its handlers (name.defs).
 *
 * The table is a fixed array of (string, send right). Each registration
 * holds one send reference of its own, and the server asks for a
 * dead-name notification on the right, so a service that dies drops out
 * (name_forget_port). A registration made with add_with_key also has a
 * key: a port of ours, made for it alone, whose send right goes to the
 * registrant and nowhere else; remove asks for it. (A right to the
 * service itself would prove nothing: every lookup hands one out.) Ports
 * of our own are no service: registering one could tie our ports to the
 * table for good, so add refuses them. A lookup of a name that is not there yet may wait:
 * its handler asks the loop to keep the request (ns->deferring, defer.h),
 * and name_answer_waiters replays it when an add brings the name or its
 * time is up.
 */
#include "user/lib/ulib.h"
#include "servers/name/name.h"
#include "harbor/name_server.h"
#include "harbor/task_client.h"

/* A name is 1 to NAME_LEN_MAX of letters, digits and _ - . / */
static int
name_valid(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > NAME_LEN_MAX)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("_-./", name[i]))
			return 0;
	return 1;
}

static struct name_entry *
name_find(struct name_server *ns, const char *name)
{
	for (int i = 0; i < NAME_MAX_ENTRIES; i++)
		if (strcmp(ns->entries[i].name, name) == 0)
			return &ns->entries[i];
	return NULL;
}

static void
name_entry_clear(struct name_entry *e)
{
	task_port_deallocate(NAME_TASK_SELF, e->service);
	/* The key dies, with any send right to it that came to us in a
	 * request (its reply right, say): each reference first, then the
	 * receive right. Those requests' names go stale, which is harmless. */
	while (e->key != NAME_NULL && task_port_deallocate(NAME_TASK_SELF, e->key) == ERR_OK)
		;
	e->name[0] = '\0';
	e->service = NAME_NULL;
	e->key = NAME_NULL;
}

/* Is p one of our own ports (a request brought a right to it)? */
static int
name_is_ours(const struct name_server *ns, port_name_t p)
{
	if (p == ns->service || p == ns->notify || p == ns->tick)
		return 1;
	for (int i = 0; i < NAME_MAX_ENTRIES; i++)
		if (ns->entries[i].key == p && p != NAME_NULL)
			return 1;
	return 0;
}

int
name_add_handler(void *ctx, const char *name, uint32_t service)
{
	struct name_server *ns = ctx;
	struct name_entry *e;
	int err;

	if (!name_valid(name))
		return ERR_BAD_ARGUMENT;
	if (service == NAME_DEAD || service == NAME_NULL)
		return ERR_PORT_DEAD;
	if (name_is_ours(ns, service))
		return ERR_BAD_ARGUMENT;
	if (name_find(ns, name) != NULL)
		return ERR_EXISTS;
	e = name_find(ns, "");
	if (e == NULL)
		return ERR_NO_SPACE;
	err = task_port_request_notification(NAME_TASK_SELF, service, NOTIFY_DEAD_NAME, ns->notify);
	if (err != ERR_OK)
		return err;
	strcpy(e->name, name);
	e->service = service;	/* the reference the request brought is the entry's */
	return ERR_OK;
}

int
name_lookup_handler(void *ctx, const char *name, uint32_t wait_ms, uint32_t *service)
{
	struct name_server *ns = ctx;
	struct name_entry *e;

	if (!name_valid(name))
		return ERR_BAD_ARGUMENT;
	e = name_find(ns, name);
	if (e != NULL) {
		*service = e->service;	/* the reply copies it */
		return ERR_OK;
	}
	if (wait_ms == 0 || ns->expired)
		return ERR_NOT_FOUND;
	if (!ns->replaying) {
		int i = 0;
		while (i < NAME_WAITERS && ns->waiters[i].used)
			i++;
		if (i == NAME_WAITERS)
			return ERR_BUSY;
		ns->defer_ms = wait_ms < NAME_WAIT_MAX_MS ? wait_ms : NAME_WAIT_MAX_MS;
	}
	/* Not there yet: the loop keeps the request (the reply built now is dropped). */
	ns->deferring = 1;
	return ERR_NOT_FOUND;
}

int
name_add_with_key_handler(void *ctx, const char *name, uint32_t service, uint32_t *key)
{
	struct name_server *ns = ctx;
	port_name_t k = NAME_NULL;
	int err = task_port_allocate(NAME_TASK_SELF, &k);

	if (err != ERR_OK)
		return err;
	/* Nobody reads it: nothing may wait in its queue at our expense. */
	task_port_set_limit(NAME_TASK_SELF, k, 0);
	err = name_add_handler(ctx, name, service);
	if (err != ERR_OK) {
		task_port_deallocate(NAME_TASK_SELF, k);
		return err;
	}
	name_find(ns, name)->key = k;
	*key = k;	/* the reply makes the registrant its send right */
	return ERR_OK;
}

int
name_remove_handler(void *ctx, const char *name, uint32_t key)
{
	struct name_server *ns = ctx;
	struct name_entry *e;

	if (!name_valid(name))
		return ERR_BAD_ARGUMENT;
	e = name_find(ns, name);
	if (e == NULL)
		return ERR_NOT_FOUND;
	if (e->key == NAME_NULL || e->key != key)
		return ERR_DENIED;	/* the key came merged into our receive right's name */
	name_entry_clear(e);		/* the key dies, with the reference the request brought */
	return ERR_OK;
}

void
name_forget_port(struct name_server *ns, port_name_t service)
{
	for (int i = 0; i < NAME_MAX_ENTRIES; i++)
		if (ns->entries[i].name[0] != '\0' && ns->entries[i].service == service)
			name_entry_clear(&ns->entries[i]);
}

void
name_answer_waiters(struct name_server *ns)
{
	for (int i = 0; i < NAME_WAITERS; i++) {
		struct defer_slot *w = &ns->waiters[i];

		if (!w->used)
			continue;
		ns->deferring = 0;
		ns->expired = w->when == 0;
		ns->replaying = 1;
		defer_answer(w, name_dispatch, ns, &ns->deferring);
	}
	ns->deferring = 0;
	ns->expired = 0;
	ns->replaying = 0;
}
