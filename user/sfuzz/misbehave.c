/*
 * misbehave.c - clients that misbehave around replies and rights, on
 * purpose: answers never read (and the rights they carry destroyed with
 * them), a death in the middle of a request the server keeps, a flood of
 * one-way requests, a death holding many files, pipes and sessions, and a
 * kept request whose reply right is a send right to the very port the
 * request came in on. The servers must come out of each holding nothing
 * of ours; the coordinator's counts at the end say whether they did.
 */
#include "user/sfuzz/wire.h"
#include "harbor/console_client.h"
#include "harbor/fs_client.h"
#include "harbor/io_client.h"
#include "harbor/name_client.h"
#include "harbor/pipe.h"
#include "harbor/pipe_client.h"
#include "harbor/task_client.h"

/* Send a well-formed request for routine id to dest, answer to reply (passed as disp). */
static int
send_request(struct sfz_client *c, uint32_t id, port_name_t dest, port_name_t reply, uint32_t disp)
{
	static struct sfz_wire w;
	const struct sfz_routine *r = sfz_routine_find(id);
	int err;

	if (r == NULL || sfz_wire_build(c, r, dest, &w) != ERR_OK)
		return ERR_NO_MEMORY;
	w.m.head.bits = (w.m.head.bits & ~0xff00u) | MSG_BITS(0, disp);
	w.m.head.reply = reply;
	err = msg_send(&w.m.head, MSG_OPT_TIMEOUT, 100);
	sfz_wire_done(&w);
	return err;
}

/* An io read of 8 bytes to dest, its answer to reply (passed as disp). */
static int
send_read(port_name_t dest, port_name_t reply, uint32_t disp)
{
	struct {
		struct msg_header head;
		uint32_t count;
	} m = { { MSG_BITS(MSG_COPY_SEND, disp), sizeof(m), dest, reply, IO_READ_ID }, 8 };

	return msg_send(&m.head, MSG_OPT_TIMEOUT, 100);
}

/* Requests whose answers carry rights, answered to a port we destroy unread. */
static void
never_read(struct sfz_client *c)
{
	static const uint32_t ids[] = { FS_OPEN_ID, PIPE_CREATE_ID, CONSOLE_OPEN_ID, PIPE_FIFO_OPEN_ID,
					NAME_LOOKUP_ID };
	static const uint8_t to[] = { SFZ_FS, SFZ_PIPE, SFZ_CONSOLE, SFZ_PIPE, SFZ_NAME };
	port_name_t p = NAME_NULL;

	if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK)
		return;
	for (uint32_t i = 0, n = 1 + sfz_below(&c->r, 6); i < n; i++) {
		uint32_t k = sfz_below(&c->r, ARRAY_SIZE(ids));
		send_request(c, ids[k], c->svc[to[k]], p, MSG_MAKE_SEND_ONCE);
	}
	sleep_ms(sfz_below(&c->r, 20));
	task_port_deallocate(NAME_TASK_SELF, p);	/* with every answer queued on it */
}

/* A request the server keeps (nothing to read yet), then our death. */
static void
die_while_kept(struct sfz_client *c)
{
	port_name_t p = NAME_NULL, rd = NAME_NULL, wr = NAME_NULL, s = NAME_NULL;

	if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK)
		return;
	switch (sfz_below(&c->r, 3)) {
	case 0:		/* a read of a pipe nobody writes to (we keep its write end) */
		if (pipe_create(c->svc[SFZ_PIPE], &rd, &wr) == ERR_OK)
			send_read(rd, p, MSG_MAKE_SEND_ONCE);
		break;
	case 1: {	/* a lookup of a name that never comes (name.defs: wait, then the name) */
		struct {
			struct msg_header head;
			uint32_t wait, len;
			char name[12];
		} m = { { MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), sizeof(m), c->svc[SFZ_NAME], p,
			  NAME_LOOKUP_ID }, 1000 + sfz_below(&c->r, 2000), 11, "nevercomes" };
		msg_send(&m.head, MSG_OPT_TIMEOUT, 100);
		break;
	}
	default:	/* a read of a session that is not the foreground */
		if (console_open(c->svc[SFZ_CONSOLE], &s) == ERR_OK)
			send_read(s, p, MSG_MAKE_SEND_ONCE);
		break;
	}
	c->row->state = SFZ_ST_CALL;
	task_terminate(NAME_TASK_SELF, 0);
}

/* Many one-way requests at one server, never waiting for room. */
static void
flood(struct sfz_client *c)
{
	const struct sfz_routine *r = &sfz_routines[sfz_below(&c->r, sfz_nroutines)];
	static struct sfz_wire w;

	if (r->flags & W_RARE)
		return;
	for (uint32_t i = 0, n = 8 + sfz_below(&c->r, 40); i < n; i++) {
		port_name_t dest = r->target == T_NAME ? c->svc[SFZ_NAME] : r->target == T_PIPE ?
				   c->svc[SFZ_PIPE] : r->target == T_FS ? c->svc[SFZ_FS] :
				   r->target == T_PROC ? c->svc[SFZ_PROC] : c->svc[SFZ_CONSOLE];
		if (sfz_wire_build(c, r, dest, &w) != ERR_OK)
			return;
		if (sfz_one_in(&c->r, 2))
			sfz_wire_mutate(c, &w);
		if (dest == c->svc[SFZ_NAME])
			sfz_wire_own_ports(c, &w);
		w.m.head.bits &= ~0xff00u;
		w.m.head.reply = NAME_NULL;
		msg_send(&w.m.head, MSG_OPT_TIMEOUT, 0);
		sfz_wire_done(&w);
	}
}

/* Take much, then die holding it all. */
static void
hoard(struct sfz_client *c)
{
	port_name_t x = NAME_NULL, y = NAME_NULL;

	for (uint32_t i = 0, n = 10 + sfz_below(&c->r, 50); i < n; i++) {
		switch (sfz_below(&c->r, 4)) {
		case 0:
			fs_open(c->svc[SFZ_FS], NAME_TASK_SELF, "/etc/motd", 0, 0, &x);
			break;
		case 1:
			pipe_create(c->svc[SFZ_PIPE], &x, &y);
			break;
		case 2:
			pipe_fifo_open(c->svc[SFZ_PIPE], 1 + sfz_below(&c->r, 4), 1 + sfz_below(&c->r, 2), &x);
			break;
		default:
			console_open(c->svc[SFZ_CONSOLE], &x);
			break;
		}
	}
	c->row->state = SFZ_ST_CALL;
	task_terminate(NAME_TASK_SELF, 0);
}

/*
 * A request the server keeps, whose reply right is a send right to the
 * port the request came in on; then we let go of every right of ours to
 * it. The server must not keep its own port alive through our request.
 */
static void
reply_to_itself(struct sfz_client *c)
{
	port_name_t end = NAME_NULL, s = NAME_NULL;

	if (sfz_one_in(&c->r, 2)) {
		/* A FIFO no one will ever write to: its read waits for good. */
		uint32_t key = 0x51000000u | (c->k << 16) | (c->step & 0xffff);
		if (pipe_fifo_open(c->svc[SFZ_PIPE], key, PIPE_FIFO_READ, &end) != ERR_OK)
			return;
		send_read(end, end, MSG_COPY_SEND);
		task_port_deallocate(NAME_TASK_SELF, end);
	} else {
		if (console_open(c->svc[SFZ_CONSOLE], &s) != ERR_OK)
			return;
		send_read(s, s, MSG_COPY_SEND);	/* not the foreground: kept */
		task_port_deallocate(NAME_TASK_SELF, s);
	}
}

void
sfz_misbehave(struct sfz_client *c)
{
	sfz_stat(c->board, SFZ_S_MISBEHAVE, 1);
	switch (sfz_below(&c->r, 6)) {
	case 0:
	case 1:
		never_read(c);
		break;
	case 2:
		die_while_kept(c);
		break;
	case 3:
		flood(c);
		break;
	case 4:
		if (sfz_one_in(&c->r, 3))
			hoard(c);
		break;
	default:
		reply_to_itself(c);
		break;
	}
}
