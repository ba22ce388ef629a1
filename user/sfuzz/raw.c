/*
 * raw.c - one hand-made request (wire.c): a routine of the table, laid
 * out well formed or broken on purpose, sent to the port that serves it
 * or to another one, and answered to our reply port, to nobody, to a
 * port that never reads, or to some other server's port.
 *
 * What comes back must be the answer to what was sent (the request's id
 * + 100, a code of error.h) or the kernel's word that the server dropped
 * it; a well-formed request on its own kind of port must not be refused
 * as malformed (that is this table's fault: SFZ_F_TABLE); one that may
 * not wait must be answered (SFZ_F_SILENT).
 */
#include "user/sfuzz/wire.h"
#include "harbor/task_client.h"

/* The port a routine of target kind belongs on, or NAME_NULL if we hold none. */
static port_name_t
natural(struct sfz_client *c, uint32_t target)
{
	int i = -1;

	switch (target) {
	case T_NAME:	return c->svc[SFZ_NAME];
	case T_MEM:	return c->svc[SFZ_MEM];
	case T_PIPE:	return c->svc[SFZ_PIPE];
	case T_FS:	return c->svc[SFZ_FS];
	case T_PROC:	return c->svc[SFZ_PROC];
	case T_PROCESS:	return c->process;
	case T_CONSOLE:
		i = sfz_pick(c, H_SESSION);
		return i >= 0 && sfz_one_in(&c->r, 2) ? c->h[i].name : c->svc[SFZ_CONSOLE];
	case T_IO:
		i = sfz_pick_io(c);
		return i >= 0 ? c->h[i].name : c->svc[SFZ_CONSOLE];
	case T_FILE:
		i = sfz_pick(c, sfz_one_in(&c->r, 3) ? H_DIR : H_FILE);
		return i >= 0 ? c->h[i].name : NAME_NULL;
	}
	return NAME_NULL;
}

/* Judge an answer that arrived for request id (valid: well formed, on its own kind of port). */
static void
judge(struct sfz_client *c, const struct sfz_routine *r, uint32_t id, int valid,
      const struct msg_header *a)
{
	const struct msg_reply_header *e = (const void *)a;

	if (a->id == MSG_ID_NOTIFY_SEND_ONCE) {
		sfz_stat(c->board, SFZ_S_DROPPED, 1);
		return;
	}
	if (a->id != MSG_REPLY_ID(id) || a->size < sizeof(*e) || a->size > MSG_SIZE_MAX) {
		sfz_finding(c, SFZ_F_REPLY, r->server, id, MSG_REPLY_ID(id), a->id);
		return;
	}
	sfz_stat(c->board, SFZ_S_ANSWERED, 1);
	if (a->bits & MSG_BITS_COMPLEX)
		return;		/* a successful answer carrying rights or pages */
	if (e->retcode < 0 || e->retcode >= ERR_COUNT) {
		sfz_finding(c, SFZ_F_REPLY, r->server, id, ERR_COUNT, (uint32_t)e->retcode);
		return;
	}
	if (e->retcode != ERR_OK)
		sfz_stat(c->board, SFZ_S_REFUSED, 1);
	if (valid && (e->retcode == ERR_BAD_MESSAGE || e->retcode == ERR_BAD_OPERATION))
		sfz_finding(c, SFZ_F_TABLE, r->server, id, ERR_OK, (uint32_t)e->retcode);
}

void
sfz_raw(struct sfz_client *c)
{
	static struct sfz_wire w;
	const struct sfz_routine *r = &sfz_routines[sfz_below(&c->r, sfz_nroutines)];
	port_name_t dest = natural(c, r->target), rp;
	uint32_t how = sfz_below(&c->r, 10), id;
	int right_port = dest != NAME_NULL, valid, err, waits;

	if ((r->flags & W_RARE) && !sfz_one_in(&c->r, 20))
		return;
	if (!right_port || sfz_one_in(&c->r, 8)) {
		dest = sfz_any_right(c);
		right_port = 0;
	}
	if (sfz_wire_build(c, r, dest, &w) != ERR_OK)
		return;
	if (sfz_one_in(&c->r, 2))
		sfz_wire_mutate(c, &w);
	if (dest == c->svc[SFZ_NAME])
		sfz_wire_own_ports(c, &w);	/* W_OWN, whatever the routine */
	id = w.m.head.id;
	valid = right_port && !w.mutated;
	sfz_stat(c->board, SFZ_S_RAW, 1);
	sfz_stat(c->board, SFZ_S_RAW_VALID, valid);
	waits = !valid || (r->flags & (W_WAITS | W_ONEWAY));
	if (how < 7) {
		/* Our reply port, made a send-once right (unless a mutation
		 * said otherwise): the answer comes back to us. */
		if ((rp = msg_reply_port()) == NAME_NULL)
			goto out;
		w.m.head.reply = rp;
		sfz_begin(c, r->server, waits);
		err = msg_rpc(&w.m.head, MSG_SIZE_MAX, rp, MSG_OPT_TIMEOUT, waits ? SFZ_WAIT_MS :
			      SFZ_CALL_MS);
		c->row->state = SFZ_ST_IDLE;
		msg_call_timeout(0);
		if (err == ERR_OK) {
			judge(c, r, id, valid, &w.m.head);
			msg_destroy(&w.m.head);		/* whatever the answer carried */
		} else {
			msg_reply_port_discard();	/* an answer may still be on its way */
			if (err == ERR_TIMED_OUT && !waits)
				sfz_finding(c, SFZ_F_SILENT, r->server, id, ERR_OK, (uint32_t)err);
			else if (err == ERR_TIMED_OUT)
				sfz_stat(c->board, SFZ_S_WAITED, 1);
		}
		goto out;
	}
	/* No answer we will ever read: none asked for, one to a port with
	 * room for nothing, or one to any right of ours (another server's
	 * port: it gets our answer as a request). */
	if (how == 7) {
		w.m.head.bits &= ~0xff00u;
		w.m.head.reply = NAME_NULL;
	} else if (how == 8) {
		w.m.head.bits = (w.m.head.bits & ~0xff00u) |
				MSG_BITS(0, sfz_one_in(&c->r, 2) ? MSG_MAKE_SEND : MSG_MAKE_SEND_ONCE);
		w.m.head.reply = c->deaf;
	} else {
		w.m.head.bits = (w.m.head.bits & ~0xff00u) | MSG_BITS(0, MSG_COPY_SEND);
		w.m.head.reply = sfz_any_right(c);
	}
	sfz_stat(c->board, SFZ_S_ONEWAY, 1);
	sfz_begin(c, r->server, 1);
	msg_send(&w.m.head, MSG_OPT_TIMEOUT, 50);
	c->row->state = SFZ_ST_IDLE;
	msg_call_timeout(0);
out:
	sfz_wire_done(&w);
}
