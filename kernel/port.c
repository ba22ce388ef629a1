/*
 * port.c - a port's message queue and reference count (portable logic,
 * host-tested in tests/unit). What happens around it (blocking, rights,
 * destruction) is in ipc code.
 */
#include <stddef.h>
#include "kernel/port.h"
#include "kernel/kmsg.h"

void
port_init(struct port *p, uint32_t id)
{
	*p = (struct port){ .refs = 0, .id = id, .limit = PORT_LIMIT_DEFAULT };
}

int
port_room_for(const struct port *p, uint32_t arriving)
{
	/* LAB 4.2 BEGIN queue_limit; handout: return 1; */
	uint32_t waiting = p->receivers.count + (p->set ? p->set->receivers.count : 0) + arriving;

	return p->count < p->limit || p->count < waiting;
	/* LAB 4.2 END queue_limit */
}

int
port_has_room(const struct port *p)
{
	return port_room_for(p, 0);
}

void
port_enqueue(struct port *p, struct kmsg *m)
{
	m->next = NULL;
	if (p->tail)
		p->tail->next = m;
	else
		p->head = m;
	p->tail = m;
	p->count++;
	if (p->set)
		p->set->count++;
}

struct kmsg *
port_peek(const struct port *p)
{
	return p->head;
}

struct kmsg *
port_dequeue(struct port *p)
{
	struct kmsg *m = p->head;

	if (m == NULL)
		return NULL;
	p->head = m->next;
	if (p->head == NULL)
		p->tail = NULL;
	m->next = NULL;
	p->count--;
	if (p->set)
		p->set->count--;
	return m;
}
