/*
 * destroy.c - letting go of what a message carries: msg_destroy for one
 * received, msg_destroy_unsent for one built but never sent.
 *
 * A server that refuses a request, and a stub that refuses an answer,
 * hold whatever the message brought: a reply right, port rights, pages.
 * Kept, they would fill the name table and the address space one hostile
 * message at a time. A reply a server could not deliver still holds what
 * it would have given away. These give it back. It is a file of its own
 * so that a program using it does not link server_loop's buffers too.
 */
#include "user/lib/ulib.h"
#include "harbor/task_client.h"

/* Would sending with disposition disp have taken the right away from us? */
static int
moves_right(uint32_t disp)
{
	return disp == MSG_MOVE_SEND || disp == MSG_MOVE_SEND_ONCE || disp == MSG_MOVE_RECEIVE;
}

/*
 * Give back the rights and regions of m's descriptors: all of them (a
 * received message: everything in it is ours), or only_moved, those a
 * message built to be sent would have moved away from us.
 */
static void
release_descriptors(const struct msg_header *m, int only_moved)
{
	if (!(m->bits & MSG_BITS_COMPLEX) || m->size < sizeof(*m) + sizeof(struct msg_body))
		return;
	const struct msg_body *body = (const struct msg_body *)(m + 1);
	const union msg_desc *d = (const union msg_desc *)(body + 1);
	uint32_t room = (m->size - sizeof(*m) - sizeof(*body)) / sizeof(*d);

	for (uint32_t i = 0; i < body->desc_count && i < room; i++) {
		if (d[i].type == MSG_DESC_PORT && d[i].port.name != NAME_NULL &&
		    d[i].port.name != NAME_DEAD && (!only_moved || moves_right(d[i].port.disposition)))
			task_port_deallocate(NAME_TASK_SELF, d[i].port.name);
		else if (d[i].type == MSG_DESC_OOL && d[i].ool.size != 0 &&
			 (!only_moved || d[i].ool.mode == MSG_OOL_MOVE))
			vm_deallocate(d[i].ool.address, d[i].ool.size);
	}
}

void
msg_destroy(struct msg_header *m)
{
	if (m->reply != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, m->reply);
	m->reply = NAME_NULL;
	release_descriptors(m, 0);
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
	release_descriptors(m, 1);
}
