/*
 * client.c - the tasks the memory server serves.
 *
 * A task becomes a client with hello, which the C library sends before
 * main through the pager right the task inherited from its creator. The
 * server makes the task a pager port of its own, puts it in its port set
 * and makes it the task's pager (task_set_pager): from then on the port a
 * request or a fault arrives on says whose memory it is, and nobody but
 * the task (and the kernel, for its faults) holds a send right to it. The
 * server keeps a send right to the task's port, with a dead-name request
 * on it: when the task dies, the kernel has already taken its frames back
 * (page tables), and the server forgets its regions and quota.
 */
#include "user/lib/ulib.h"
#include "harbor/memctl_client.h"
#include "harbor/mem_server.h"
#include "harbor/task_client.h"
#include "servers/mem/mem.h"

static struct mem_client clients[MEM_CLIENTS];

/* Clients by the index part of their port's name (the low 8 bits): every
 * fault looks its client up, so this is one load, not a walk. */
static struct mem_client *by_index[256];

/*
 * mem_client_by_port - the client whose pager port is port, or NULL.
 */
struct mem_client *
mem_client_by_port(port_name_t port)
{
	struct mem_client *c = by_index[port & 0xff];

	return c && c->port == port ? c : NULL;
}

static struct mem_client *
client_by_id(uint32_t id)
{
	for (uint32_t i = 0; i < MEM_CLIENTS; i++)
		if (clients[i].used && clients[i].task_id == id)
			return &clients[i];
	return NULL;
}

int
mem_hello_handler(void *ctx, uint32_t task, uint32_t *pager)
{
	struct mem_client *c = NULL;
	uint32_t id;
	port_name_t port;
	int err;

	if (memctl_task_id(mem_ctl, task, &id) != ERR_OK)
		return ERR_BAD_ARGUMENT;	/* not a task port */
	if (client_by_id(id))
		return ERR_EXISTS;
	for (uint32_t i = 0; i < MEM_CLIENTS && c == NULL; i++)
		if (!clients[i].used)
			c = &clients[i];
	if (c == NULL)
		return ERR_NO_SPACE;
	err = task_port_allocate(NAME_TASK_SELF, &port);
	if (err != ERR_OK)
		return err;
	err = task_port_set_insert(NAME_TASK_SELF, port, mem_set);
	if (err == ERR_OK)
		err = task_port_request_notification(NAME_TASK_SELF, task, 1, mem_deaths);
	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, port);
	if (err == ERR_OK) {
		err = task_set_pager(task, port);
		task_port_deallocate(NAME_TASK_SELF, port);	/* that send right */
	}
	if (err != ERR_OK) {
		task_port_deallocate(NAME_TASK_SELF, port);	/* a dead-name request dies with it */
		return err;
	}
	*c = (struct mem_client){ .used = 1, .task_id = id, .task = task, .port = port,
				  .quota = MEM_QUOTA_DEFAULT };
	by_index[port & 0xff] = c;
	*pager = port;
	return ERR_OK;
}

/*
 * mem_client_died - the dead-name notification for task (our name for a
 * client's task port): forget the client. Its frames went back to the
 * kernel's free list with its page tables; its port and regions go now.
 */
void
mem_client_died(port_name_t task)
{
	for (uint32_t i = 0; i < MEM_CLIENTS; i++) {
		struct mem_client *c = &clients[i];
		if (!c->used || c->task != task)
			continue;
		task_port_deallocate(NAME_TASK_SELF, c->port);
		by_index[c->port & 0xff] = NULL;
		c->used = 0;
		break;
	}
	/* The dead name itself (every reference to it). */
	while (task_port_deallocate(NAME_TASK_SELF, task) == ERR_OK)
		;
}

/*
 * mem_client_reap - handle every dead-name notification queued now
 * (without waiting), so statistics never count a client that is dead.
 */
void
mem_client_reap(void)
{
	struct msg_notification n;

	while (msg_receive(&n.head, sizeof(n), mem_deaths, MSG_OPT_TIMEOUT, 0) == ERR_OK)
		if (n.head.id == MSG_ID_NOTIFY_DEAD_NAME && n.head.size == sizeof(n))
			mem_client_died(n.name);
		else
			msg_destroy(&n.head);
}
