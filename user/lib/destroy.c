/*
 * destroy.c - msg_destroy: letting go of what a received message carries.
 *
 * A server that refuses a request, and a stub that refuses an answer,
 * hold whatever the message brought: a reply right, port rights, pages.
 * Kept, they would fill the name table and the address space one hostile
 * message at a time. msg_destroy gives them back. It is a file of its own
 * so that a program using it does not link server_loop's buffers too.
 */
#include "user/lib/ulib.h"
#include "harbor/task_client.h"

void
msg_destroy(struct msg_header *m)
{
	if (m->reply != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, m->reply);
	m->reply = NAME_NULL;
	if (!(m->bits & MSG_BITS_COMPLEX) || m->size < sizeof(*m) + sizeof(struct msg_body))
		return;
	struct msg_body *body = (struct msg_body *)(m + 1);
	union msg_desc *d = (union msg_desc *)(body + 1);
	uint32_t room = (m->size - sizeof(*m) - sizeof(*body)) / sizeof(*d);

	for (uint32_t i = 0; i < body->desc_count && i < room; i++) {
		if (d[i].type == MSG_DESC_PORT && d[i].port.name != NAME_NULL &&
		    d[i].port.name != NAME_DEAD)
			task_port_deallocate(NAME_TASK_SELF, d[i].port.name);
		else if (d[i].type == MSG_DESC_OOL && d[i].ool.size != 0)
			vm_deallocate(d[i].ool.address, d[i].ool.size);
	}
}


/* Would sending with disposition disp have taken the right away from us? */
static int
moves_right(uint32_t disp)
{
	return disp == MSG_MOVE_SEND || disp == MSG_MOVE_SEND_ONCE || disp == MSG_MOVE_RECEIVE;
}

void
msg_destroy_unsent(struct msg_header *m)
{
	/* A send that failed changed nothing (docs/abi.md): every right the
	 * message would have moved, and every region it would have moved,
	 * is still ours. Nobody else will ever get them: give them back. */
	if (moves_right(MSG_BITS_DEST(m->bits)) && m->dest != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, m->dest);
	if (moves_right(MSG_BITS_REPLY(m->bits)) && m->reply != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, m->reply);
	if (!(m->bits & MSG_BITS_COMPLEX) || m->size < sizeof(*m) + sizeof(struct msg_body))
		return;
	struct msg_body *body = (struct msg_body *)(m + 1);
	union msg_desc *d = (union msg_desc *)(body + 1);
	uint32_t room = (m->size - sizeof(*m) - sizeof(*body)) / sizeof(*d);

	for (uint32_t i = 0; i < body->desc_count && i < room; i++) {
		if (d[i].type == MSG_DESC_PORT && moves_right(d[i].port.disposition) &&
		    d[i].port.name != NAME_NULL && d[i].port.name != NAME_DEAD)
			task_port_deallocate(NAME_TASK_SELF, d[i].port.name);
		else if (d[i].type == MSG_DESC_OOL && d[i].ool.mode == MSG_OOL_MOVE &&
			 d[i].ool.size != 0)
			vm_deallocate(d[i].ool.address, d[i].ool.size);
	}
}
