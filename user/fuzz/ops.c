/*
 * ops.c - the steps with a protocol: RPCs between workers, serving them,
 * one-way data, receiving, parking, killing a sibling thread, asking the
 * coordinator for the other workers' ports, and touching shared memory.
 *
 * RPCs and service waits have no timeout, so a client's msg_rpc meets a
 * server already waiting in msg_receive or msg_rpc: the kernel's RPC fast
 * path. Every request and reply carries a checked body, and a reply names
 * the request it answers. A client's wait always ends: with the reply, or
 * with a send-once notification when the server dies or drops the request.
 *
 * Some steps wait where nothing will come - on the park port, in an RPC to
 * the sink port (a queue of one that is seldom drained), in a send to a
 * full sink - so that the coordinator (whole tasks) and sibling threads
 * (single threads) find threads blocked in each trap to kill.
 */
#include "user/fuzz/fthread.h"
#include "user/lib/uthread.h"
#include "harbor/task_client.h"
#include "harbor/thread_client.h"

/* Checks of FZ_F_DATA findings, as numbered in report.c. */
enum { C_LINK = 14, C_RPC = 15, C_SHAPE = 17 };

/* How many body words: mostly a few, sometimes up to a whole message. */
static uint32_t
body_words(struct fz_rng *r, uint32_t ndesc)
{
	uint32_t room = (MSG_SIZE_MAX - MSG_SIZE_MIN - 4 - ndesc * sizeof(union msg_desc)) / 4;
	uint32_t extra = fz_one_in(r, 40) ? fz_below(r, room - FZ_B_FIXED - 3 * ndesc) :
			 fz_below(r, 40);

	return FZ_B_FIXED + 3 * ndesc + extra;
}

/* Descriptors a well-behaved sender might send: rights it holds, memory it owns. */
static uint32_t
good_descs(struct fz_thread *me, struct msg_header *m, uint32_t *flags, uint32_t *sums)
{
	struct fz_rng *r = &me->rng;
	union msg_desc *d = (union msg_desc *)((uint8_t *)(m + 1) + 4);
	uint32_t n = fz_one_in(r, 2) ? 0 : 1 + fz_below(r, 3);

	for (uint32_t i = 0; i < n; i++) {
		flags[i] = sums[i] = 0;
		if (fz_one_in(r, 2)) {
			static const uint16_t disp[] = { MSG_COPY_SEND, MSG_MAKE_SEND, MSG_MAKE_SEND_ONCE };
			d[i].port = (struct msg_port_desc){ .type = MSG_DESC_PORT,
				.disposition = disp[fz_below(r, 3)], .name = fz_pool_pick(r) };
		} else {
			uint32_t mode = 1 + fz_below(r, 3);
			d[i].ool = (struct msg_ool_desc){ .type = MSG_DESC_OOL, .mode = mode };
			fz_region_pick(me, mode, &d[i].ool.address, &d[i].ool.size, &flags[i], &sums[i]);
		}
	}
	if (n) {
		m->bits |= MSG_BITS_COMPLEX;
		((struct msg_body *)(m + 1))->desc_count = n;
	}
	return n;
}

/*
 * The out-of-line regions of a message about to go: the stream forgets what
 * it moves (and marks what it shares) before the trap, not after. A thread
 * killed in that trap is started again and lets go of the memory it still
 * lists - which must not be pages moved away meanwhile, whose addresses
 * another stream may have got since. (A send that fails leaves the pages
 * mapped and unlisted until the task ends: harmless.)
 */
static void
regions_going(struct fz_thread *me, const struct msg_header *m, uint32_t ndesc)
{
	const union msg_desc *d = (const union msg_desc *)((const uint8_t *)(m + 1) + 4);

	for (uint32_t i = 0; i < ndesc; i++)
		if (d[i].type == MSG_DESC_OOL)
			fz_region_sent(me, d[i].ool.mode, d[i].ool.address, d[i].ool.size);
}

/* A data message (id, dest, reply) with a checked body, in m. Returns its descriptor count. */
static uint32_t
build(struct fz_thread *me, struct msg_header *m, uint32_t id, port_name_t dest,
      port_name_t reply, uint32_t reply_disp, uint32_t link_sender, uint32_t link_seq)
{
	uint32_t flags[MSG_DESC_MAX], sums[MSG_DESC_MAX], n;

	memset(m, 0, 64);
	m->bits = MSG_BITS(id == MSG_REPLY_ID(FZ_ID_RPC) ? MSG_MOVE_SEND_ONCE : MSG_COPY_SEND,
			   reply != NAME_NULL ? reply_disp : 0);
	m->dest = dest;
	m->reply = reply;
	m->id = id;
	n = good_descs(me, m, flags, sums);
	m->size = MSG_SIZE_MIN + (n ? 4 + n * sizeof(union msg_desc) : 0) +
		  4 * body_words(&me->rng, n);
	fz_body_write(me, m, flags, sums, link_sender, link_seq);
	return n;
}

void
fz_step_rpc(struct fz_thread *me)
{
	struct msg_header *m = &me->out.head;
	port_name_t server = fz_peer_pick(&me->rng, 0);
	const uint32_t *b;
	int err;

	if (server == NAME_NULL || me->r_rpc == NAME_NULL) {
		fz_step_refresh(me);
		return;
	}
	regions_going(me, m, build(me, m, FZ_ID_RPC, server, me->r_rpc, MSG_MAKE_SEND_ONCE, 0, 0));
	fz_set_state(me, FZ_ST_RPC);
	err = msg_rpc(m, sizeof(me->out), me->r_rpc, 0, 0);
	fz_set_state(me, FZ_ST_IDLE);
	fz_check_err(MSG_TRAP_RPC, err);
	if (err != ERR_OK)
		return;		/* nothing was sent (a dead server port, or rights we lack) */
	if (m->id == MSG_ID_NOTIFY_SEND_ONCE) {
		if (m->size != sizeof(*m) || m->bits != 0)
			fz_fail(FZ_F_DATA, C_SHAPE, sizeof(*m), m->size, m->id);
		fz_stat(FZ_S_NO_REPLY, 1);
		return;
	}
	b = fz_body_of(m);
	if (m->id != MSG_REPLY_ID(FZ_ID_RPC) || b == NULL) {
		fz_fail(FZ_F_DATA, C_RPC, MSG_REPLY_ID(FZ_ID_RPC), m->id, m->size);
		fz_take(me, m, me->r_rpc, 0);
		return;
	}
	if (b[FZ_B_LINK_SENDER] != FZ_SENDER(me->task, me->stream) || b[FZ_B_LINK_SEQ] != me->step)
		fz_fail(FZ_F_DATA, C_LINK, me->step, b[FZ_B_LINK_SEQ], b[FZ_B_LINK_SENDER]);
	fz_take(me, m, me->r_rpc, 0);
	fz_stat(FZ_S_RPCS, 1);
}

/*
 * Serve requests on the task's service port. The server thread does it
 * for good (forever), waiting with no timeout; a stream does it now and
 * then for a few requests, always with a timeout, so it is never killed
 * while it holds a request (its reply right would outlive it in the task,
 * and its client would wait until the whole task dies).
 */
void
fz_step_serve(struct fz_thread *me, int forever)
{
	struct fz_rng *r = &me->rng;
	union fz_buf *in = &me->in, *out = &me->out, *t;
	uint32_t left = forever ? ~0u : 1 + fz_below(r, 4);
	uint32_t opts = forever ? 0 : MSG_OPT_TIMEOUT, timeout = fz_below(r, 2) * 10;
	uint32_t wait = forever ? FZ_ST_RECV : FZ_ST_POLL;
	port_name_t port = fz_task.service;
	int err;

	fz_set_state(me, wait);
	err = msg_receive(&in->head, sizeof(*in), port, opts, timeout);
	fz_check_err(MSG_TRAP_RECEIVE, err);
	while (err == ERR_OK && left-- > 0 && !fz_board->stop) {
		struct msg_header *m = &in->head;
		const uint32_t *b = fz_body_of(m);
		int rpc = m->id == FZ_ID_RPC && MSG_BITS_REPLY(m->bits) == MSG_MOVE_SEND_ONCE &&
			  m->reply != NAME_NULL && m->reply != NAME_DEAD;
		fz_set_state(me, FZ_ST_POLL);
		fz_take(me, m, port, rpc);
		if (!rpc) {
			fz_set_state(me, wait);
			err = msg_receive(&in->head, sizeof(*in), port, opts, timeout);
			fz_check_err(MSG_TRAP_RECEIVE, err);
			continue;
		}
		regions_going(me, &out->head, build(me, &out->head, MSG_REPLY_ID(FZ_ID_RPC), m->reply,
						    NAME_NULL, 0, b ? b[FZ_B_SENDER] : 0, b ? b[FZ_B_SEQ] : 0));
		if (left > 0 && !fz_board->stop) {
			/* Answer and wait for the next request in one trap: it lands in out. */
			fz_set_state(me, wait);
			err = msg_rpc(&out->head, sizeof(*out), port, opts, timeout);
			fz_check_err(MSG_TRAP_RPC, err);
			if (err == ERR_PORT_DEAD || err == ERR_BAD_NAME || err == ERR_BAD_RIGHT ||
			    err == ERR_NO_MEMORY || err == FZ_REFUSED) {
				/* The reply could not go (its client died): drop its right. */
				task_port_deallocate(NAME_TASK_SELF, out->head.dest);
				err = msg_receive(&in->head, sizeof(*in), port, opts, timeout);
				fz_check_err(MSG_TRAP_RECEIVE, err);
				continue;
			}
			t = in;
			in = out;
			out = t;
		} else {
			fz_set_state(me, FZ_ST_POLL);
			err = msg_send(&out->head, 0, 0);	/* through a send-once right: never waits */
			fz_check_err(MSG_TRAP_SEND, err);
			if (err != ERR_OK)
				task_port_deallocate(NAME_TASK_SELF, out->head.dest);
			break;
		}
	}
	fz_set_state(me, forever ? FZ_ST_DONE : FZ_ST_IDLE);
}

void
fz_step_send(struct fz_thread *me)
{
	struct fz_rng *r = &me->rng;
	struct msg_header *m = &me->out.head;
	uint32_t c = fz_below(r, 20), opts, state;
	port_name_t dest, reply = NAME_NULL;
	int sink = 0, err;

	if (c < 8)
		dest = fz_peer_pick(r, 0);
	else if (c < 13)
		dest = fz_peer_pick(r, sink = 1);
	else if (c < 18)
		dest = fz_pool_pick(r);
	else
		dest = fz_task.service;
	if (fz_one_in(r, 3))
		reply = fz_pool_pick(r);
	regions_going(me, m, build(me, m, FZ_ID_DATA, dest, reply,
				   fz_one_in(r, 2) ? MSG_MAKE_SEND_ONCE : MSG_MAKE_SEND, 0, 0));
	/* To a sink, often no timeout: a send blocked on a full queue, to be killed there. */
	opts = (sink && fz_one_in(r, 2)) || fz_one_in(r, 8) ? 0 : MSG_OPT_TIMEOUT;
	if (fz_one_in(r, 5))
		opts |= MSG_OPT_NOTIFY;
	state = opts & MSG_OPT_TIMEOUT ? FZ_ST_POLL : FZ_ST_SEND;
	fz_set_state(me, state);
	fz_raw_begin();
	err = msg_send(m, opts, fz_one_in(r, 4) ? 10 : 0);
	fz_raw_end();
	fz_set_state(me, FZ_ST_IDLE);
	if (err == FZ_REFUSED)
		return;
	fz_check_err(MSG_TRAP_SEND, err);
	fz_stat(err == ERR_OK ? FZ_S_SENT : FZ_S_REFUSED, 1);
}

void
fz_step_receive(struct fz_thread *me)
{
	struct fz_rng *r = &me->rng;
	uint32_t c = fz_below(r, 10), size = sizeof(me->in);
	port_name_t port, from;
	int err;

	if (c < 3)
		port = fz_pool_pick(r);
	else if (c < 4)
		port = fz_list_pick(r, fz_task.sets, FZ_SETS_MAX);
	else if (c < 6)
		port = fz_task.sink;
	else if (c < 8)
		port = fz_task.service;		/* a request taken here is dropped: its client hears so */
	else
		port = fz_names_pick(r);
	from = c < 8 ? port : NAME_NULL;	/* (a port set's member is not known) */
	if (fz_one_in(r, 10))
		size = MSG_SIZE_MIN + 4 * fz_below(r, 16);	/* perhaps too small: ERR_TOO_LARGE */
	for (int i = 0; i < 4; i++) {
		fz_set_state(me, FZ_ST_POLL);
		err = msg_receive(&me->in.head, size, port, MSG_OPT_TIMEOUT, fz_one_in(r, 8) ? 10 : 0);
		fz_set_state(me, FZ_ST_IDLE);
		fz_check_err(MSG_TRAP_RECEIVE, err);
		if (err == ERR_TOO_LARGE) {
			if (me->in.head.size <= size || me->in.head.size > MSG_SIZE_MAX)
				fz_fail(FZ_F_DATA, C_SHAPE, size, me->in.head.size, port);
			size = sizeof(me->in);
			continue;
		}
		if (err != ERR_OK)
			break;
		fz_take(me, &me->in.head, from == NAME_NULL ? NAME_NULL : fz_from(port), 0);
	}
}

void
fz_step_park(struct fz_thread *me)
{
	struct msg_header *m = &me->out.head;
	int err;

	if (fz_one_in(&me->rng, 2)) {
		/* Wait where no one sends: until this thread or its task is killed. */
		fz_set_state(me, FZ_ST_RECV);
		err = msg_receive(&me->in.head, sizeof(me->in), fz_task.park, 0, 0);
		fz_set_state(me, FZ_ST_IDLE);
		fz_check_err(MSG_TRAP_RECEIVE, err);
		return;
	}
	/* An RPC to the sink: blocked in the send while it is full, then waiting for
	 * a reply that never comes - until a receive drains the sink and drops the
	 * request, or someone is killed. */
	if (me->r_rpc == NAME_NULL)
		return;
	regions_going(me, m, build(me, m, FZ_ID_RPC, fz_task.sink, me->r_rpc, MSG_MAKE_SEND_ONCE, 0, 0));
	fz_set_state(me, FZ_ST_RPC);
	err = msg_rpc(m, sizeof(me->out), me->r_rpc, 0, 0);
	fz_set_state(me, FZ_ST_IDLE);
	fz_check_err(MSG_TRAP_RPC, err);
	if (err == ERR_OK && m->id != MSG_ID_NOTIFY_SEND_ONCE)
		fz_fail(FZ_F_DATA, C_RPC, MSG_ID_NOTIFY_SEND_ONCE, m->id, m->size);
	if (err == ERR_OK && m->id != MSG_ID_NOTIFY_SEND_ONCE)
		fz_take(me, m, me->r_rpc, 0);
}

void
fz_step_kill_sibling(struct fz_thread *me)
{
	struct fz_rng *r = &me->rng;
	uint32_t threads = fz_board->threads, t = 0, state = 0;
	port_name_t port;

	if (threads < 2)
		return;	/* (a stream never kills itself this way) */
	/* A sibling blocked in a trap, if there is one. */
	for (int tries = 0; tries < 4; tries++) {
		t = fz_below(r, threads);
		state = fz_task.th[t].row ? fz_task.th[t].row->state : 0;
		if (state == FZ_ST_SEND || state == FZ_ST_RECV || state == FZ_ST_RPC)
			break;
	}
	/* Only a thread blocked in a trap: one busy between traps may hold a request
	 * whose client would then wait for the whole task to die. */
	port = fz_task.th[t].port;
	if (t == me->stream || port == NAME_NULL || fz_task.th[t].row->done ||
	    (state != FZ_ST_SEND && state != FZ_ST_RECV && state != FZ_ST_RPC))
		return;
	if (thread_terminate(port) != ERR_OK)
		return;
	fz_stat(state == FZ_ST_SEND ? FZ_S_KILL_SEND : state == FZ_ST_RECV ? FZ_S_KILL_RECV :
		FZ_S_KILL_RPC, 1);
	fz_task.th[t].row->step++;	/* the step it died in is over */
	fz_restart(t, port);
}

void
fz_step_refresh(struct fz_thread *me)
{
	union fz_buf *b = &me->in;
	union msg_desc *d = (union msg_desc *)((uint8_t *)(&b->head + 1) + 4);
	uint32_t n;
	int err;

	b->head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
		.size = sizeof(struct msg_header), .dest = NAME_BOOTSTRAP,
		.reply = msg_reply_port(), .id = FZ_ID_DIR };
	fz_set_state(me, FZ_ST_RPC);
	err = msg_rpc(&b->head, sizeof(*b), msg_reply_port(), 0, 0);
	fz_set_state(me, FZ_ST_IDLE);
	if (err != ERR_OK || b->head.id != MSG_REPLY_ID(FZ_ID_DIR) ||
	    !(b->head.bits & MSG_BITS_COMPLEX))
		return;
	n = ((struct msg_body *)(&b->head + 1))->desc_count;
	for (uint32_t i = 0; i < n && i < FZ_PEERS_MAX; i++) {
		port_name_t old = fz_task.peers[i], now = d[i].port.name;
		if (now == NAME_DEAD)
			now = NAME_NULL;
		if (old != NAME_NULL && old != now && fz_name_ok(old))
			task_port_deallocate(NAME_TASK_SELF, old);	/* a dead worker's port */
		else if (old != NAME_NULL && old == now && fz_name_ok(old))
			task_port_deallocate(NAME_TASK_SELF, old);	/* merged: one reference is enough */
		fz_task.peers[i] = now;
	}
}

void
fz_step_touch(struct fz_thread *me)
{
	fz_regions_touch(me);
	/* A generated request may have raised or lowered our priority: a stream
	 * at 31 that never blocks would starve its siblings. */
	thread_set_priority(me->port, THREAD_PRIO_DEFAULT);
}
