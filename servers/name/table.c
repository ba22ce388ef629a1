/*
 * table.c - the name server's table and its three handlers (name.defs).
 *
 * The table is a fixed array of (string, send right). Each registration
 * holds one send reference of its own, and the server asks for a
 * dead-name notification on the right, so a service that dies drops out
 * (name_forget_port). A lookup of a name that is not there yet may wait:
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
	e->name[0] = '\0';
	e->service = NAME_NULL;
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
name_remove_handler(void *ctx, const char *name, uint32_t service)
{
	struct name_server *ns = ctx;
	struct name_entry *e;

	if (!name_valid(name))
		return ERR_BAD_ARGUMENT;
	e = name_find(ns, name);
	if (e == NULL)
		return ERR_NOT_FOUND;
	if (e->service != service)
		return ERR_DENIED;	/* send rights to one port share one name: another port */
	name_entry_clear(e);
	/* On success the request's own reference is ours to drop too. */
	task_port_deallocate(NAME_TASK_SELF, service);
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
