/*
 * msgcopy.c - moving a message's rights between name spaces.
 *
 * Copyin runs in two passes: the first checks every right the message
 * names and that no right is moved more often than it is held (a name
 * moved twice, or a receive right moved and used again); only when all of
 * it is good does the second pass take the rights and out-of-line pages.
 * So a malformed message is rejected whole.
 */
#include <stddef.h>
#include "kernel/msgcopy.h"
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/notify.h"
#include "kernel/ool.h"
#include "kernel/panic.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/vm.h"
#include "harbor/error.h"

/* One use of a name in a message: the header's two and each descriptor's. */
struct name_use {
	port_name_t name;
	uint32_t disp;
};

/* The descriptors of a complex message, or NULL with *n = 0. */
static union msg_desc *
msg_descs(struct kmsg *m, uint32_t *n)
{
	struct msg_body *body = (struct msg_body *)(m->msg + 1);

	*n = 0;
	if (!(m->msg->bits & MSG_BITS_COMPLEX))
		return NULL;
	*n = body->desc_count;
	return (union msg_desc *)(body + 1);
}

/* Check that the descriptor area fits and holds only known descriptors. */
static int
msg_check_descs(struct kmsg *m)
{
	uint32_t n;
	union msg_desc *d;

	if (!(m->msg->bits & MSG_BITS_COMPLEX))
		return ERR_OK;
	if (m->size < sizeof(struct msg_header) + sizeof(struct msg_body))
		return ERR_BAD_MESSAGE;
	d = msg_descs(m, &n);
	if (n > MSG_DESC_MAX ||
	    sizeof(struct msg_header) + sizeof(struct msg_body) + n * sizeof(*d) > m->size)
		return ERR_BAD_MESSAGE;
	for (uint32_t i = 0; i < n; i++)
		if (d[i].type != MSG_DESC_PORT && d[i].type != MSG_DESC_OOL)
			return ERR_BAD_MESSAGE;
	return ERR_OK;
}

/*
 * Check every out-of-line region and make its frame list (charged to m's
 * payer). The last check of pass 1: on error everything made is undone.
 */
static int
msg_check_ool(struct task *t, struct kmsg *m, union msg_desc *d, uint32_t n,
	      struct ool_pages **lists)
{
	int err = ERR_OK;
	uint32_t i;

	for (i = 0; i < n; i++)
		lists[i] = NULL;
	for (i = 0; i < n && err == ERR_OK; i++) {
		if (d[i].type != MSG_DESC_OOL)
			continue;
		for (uint32_t j = 0; j < i; j++)
			if (d[j].type == MSG_DESC_OOL && ool_overlap(&d[i].ool, &d[j].ool) &&
			    (d[i].ool.mode == MSG_OOL_MOVE || d[j].ool.mode == MSG_OOL_MOVE))
				err = ERR_BAD_MESSAGE;	/* pages moved twice, or moved and kept */
		if (err == ERR_OK)
			err = ool_check(t, d, n, i, &lists[i]);
		if (err == ERR_OK && lists[i] && kmsg_charge_extra(m, ool_list_bytes(&d[i].ool)) != ERR_OK) {
			ool_destroy(lists[i]);
			lists[i] = NULL;
			err = ERR_NO_MEMORY;
		}
	}
	if (err != ERR_OK) {
		for (i = 0; i < n; i++)
			ool_destroy(lists[i]);
		/* kmsg_free returns the charge with the message. */
	}
	return err;
}

/*
 * The whole message's effect on each name, whatever the order of its uses
 * (pass 2 takes the reply, then the descriptors, then the destination):
 * no right leaves t more often than t holds it, and a right that leaves
 * is not used again. So a send right may be copied only while a reference
 * stays behind: moving every reference and copying one is refused, in
 * any order, rather than depending on which use pass 2 reaches first.
 */
static int
msg_check_moves(struct task *t, const struct name_use *u, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t moves = 0, copies = 0, onces = 0, receives = 0, uses = 0;
		struct space_entry *e;

		for (uint32_t j = 0; j < n; j++) {
			if (u[j].name != u[i].name)
				continue;
			uses++;
			moves += u[j].disp == MSG_MOVE_SEND;
			copies += u[j].disp == MSG_COPY_SEND;
			onces += u[j].disp == MSG_MOVE_SEND_ONCE;
			receives += u[j].disp == MSG_MOVE_RECEIVE;
		}
		e = space_lookup(t->space, u[i].name);
		if (moves + (moves && copies ? 1 : 0) > e->urefs)
			return ERR_BAD_RIGHT;	/* every reference moved, one still used */
		if ((onces && uses > 1) || (receives && uses > 1))
			return ERR_BAD_RIGHT;	/* a right that leaves whole, used again */
	}
	return ERR_OK;
}

void
msg_consume_dest(struct task *t, port_name_t name, uint32_t disp)
{
	struct port *p;

	if (disp != MSG_MOVE_SEND && disp != MSG_MOVE_SEND_ONCE)
		return;		/* copy and make leave the sender's rights alone */
	p = right_copyin(t, name, disp);
	if (disp == MSG_MOVE_SEND)
		notify_srights_dec(p);
	port_release(p);
}

int
msg_copyin(struct task *t, struct kmsg *m)
{
	struct msg_header *h = m->msg;
	struct name_use use[MSG_DESC_MAX + 2];
	struct ool_pages *lists[MSG_DESC_MAX];
	uint32_t nuse = 0, ndesc, dest_disp = MSG_BITS_DEST(h->bits);
	uint32_t reply_disp = MSG_BITS_REPLY(h->bits);
	union msg_desc *d;
	struct port *p, *dest;
	int err;

	panic_note_msg("msg_copyin", t, h);	/* a panic from here on names the message */
	m->sender = t->id;	/* for debuggers and the trace (GDB's portq) */
	/* Pass 1: check. */
	err = right_check(t, h->dest, dest_disp, &dest);
	if (err != ERR_OK)
		return err;
	use[nuse++] = (struct name_use){ h->dest, dest_disp };
	if (h->reply != NAME_NULL) {
		if (right_kind(reply_disp) != MSG_MOVE_SEND &&
		    right_kind(reply_disp) != MSG_MOVE_SEND_ONCE)
			return ERR_BAD_DISPOSITION;
		err = right_check(t, h->reply, reply_disp, &p);
		if (err != ERR_OK)
			return err;
		use[nuse++] = (struct name_use){ h->reply, reply_disp };
	}
	err = msg_check_descs(m);
	if (err != ERR_OK)
		return err;
	d = msg_descs(m, &ndesc);
	for (uint32_t i = 0; i < ndesc; i++) {
		if (d[i].type != MSG_DESC_PORT)
			continue;
		if (right_kind(d[i].port.disposition) == 0)
			return ERR_BAD_DISPOSITION;
		if (d[i].port.name == NAME_NULL)
			continue;
		err = right_check(t, d[i].port.name, d[i].port.disposition, &p);
		if (err != ERR_OK)
			return err;
		/* A port cannot carry its own receive right, nor one into a port
		 * whose own receive right travels: that is how cycles start that
		 * no task could ever receive from or destroy. */
		if (d[i].port.disposition == MSG_MOVE_RECEIVE &&
		    (p == dest || (dest->receiver == NULL && dest->ktype == KOBJ_NONE)))
			return ERR_BAD_RIGHT;
		use[nuse++] = (struct name_use){ d[i].port.name, d[i].port.disposition };
	}
	err = msg_check_moves(t, use, nuse);
	if (err != ERR_OK)
		return err;
	err = msg_check_ool(t, m, d, ndesc, lists);
	if (err != ERR_OK)
		return err;

	/* Pass 2: nothing can fail from here on. */
	m->reply = NULL;
	m->reply_type = 0;
	if (h->reply != NAME_NULL) {
		m->reply = right_copyin(t, h->reply, reply_disp);
		m->reply_type = right_kind(reply_disp);
	}
	for (uint32_t i = 0; i < ndesc; i++) {
		uint32_t disp = d[i].port.disposition;
		if (d[i].type == MSG_DESC_OOL) {
			if (lists[i])
				ool_copyin(t, &d[i].ool, lists[i]);
			d[i].ool.address = (uint32_t)lists[i];
			continue;
		}
		p = d[i].port.name == NAME_NULL ? NULL : right_copyin(t, d[i].port.name, disp);
		d[i].port.name = (uint32_t)p;
		d[i].port.disposition = right_kind(disp);
		d[i].port.pad = 0;
	}
	msg_consume_dest(t, h->dest, dest_disp);
	/* The header now says what the receiver will get (as msg_copyout
	 * writes it): kernel objects read it straight from the kmsg. */
	h->bits = (h->bits & MSG_BITS_COMPLEX) | MSG_BITS(MSG_NONE, m->reply_type);
	return ERR_OK;
}

int
msg_copyout(struct task *t, struct kmsg *m, uint32_t ubuf, port_name_t rcv_name)
{
	struct msg_header *h = m->msg;
	uint32_t ndesc;
	union msg_desc *d = msg_descs(m, &ndesc);
	int err;

	/* The buffer can have changed since it was checked (another thread
	 * unmapped it): then the message dies here, before any right or page
	 * reaches a task that could never learn their names. */
	if (vm_check(t, ubuf, m->size, 1) != ERR_OK) {
		msg_release_rights(m);
		kmsg_free(m);
		return ERR_BAD_ADDRESS;
	}
	h->dest = rcv_name;
	h->reply = NAME_NULL;
	h->bits &= MSG_BITS_COMPLEX;
	h->size = m->size;
	if (m->reply) {
		h->reply = right_copyout(t, m->reply, m->reply_type);
		h->bits |= MSG_BITS(MSG_NONE, m->reply_type);
		m->reply = NULL;
	}
	for (uint32_t i = 0; i < ndesc; i++) {
		if (d[i].type == MSG_DESC_OOL) {
			struct ool_pages *list = (struct ool_pages *)d[i].ool.address;
			d[i].ool.address = list ? ool_copyout(t, d[i].ool.mode, list) : 0;
			if (d[i].ool.address == 0)
				d[i].ool.size = 0;	/* no room: the region was dropped */
			continue;
		}
		struct port *p = (struct port *)d[i].port.name;
		if (p)
			d[i].port.name = right_copyout(t, p, d[i].port.disposition);
	}
	err = vm_copyout(t, ubuf, h, m->size);
	kmsg_free(m);
	return err;
}

void
msg_release_rights(struct kmsg *m)
{
	uint32_t ndesc;
	union msg_desc *d = msg_descs(m, &ndesc);

	if (m->reply)
		right_destroy(m->reply, m->reply_type);
	m->reply = NULL;
	for (uint32_t i = 0; i < ndesc; i++) {
		if (d[i].type == MSG_DESC_OOL) {
			ool_destroy((struct ool_pages *)d[i].ool.address);
			d[i].ool.address = 0;
			continue;
		}
		struct port *p = (struct port *)d[i].port.name;
		if (p)
			right_destroy(p, d[i].port.disposition);
		d[i].port.name = 0;
	}
}
