/*
 * worker.c - a worker task: its start-up and its streams.
 *
 * A worker makes its ports (service, sink, park, six fuzz ports and a
 * port set), says hello to the coordinator, which answers with the board
 * (shared memory) and send rights to every worker's service and sink
 * ports, then runs one stream per thread. Stream (k, t) makes steps
 * board.s[k][t].step, .step + 1, ... up to the run's count; the decisions
 * of each step come from fz_step_seed(seed, k, t, step) alone. A worker
 * that is killed and started again, or a thread killed and started again,
 * goes on where its stream was.
 *
 * A stream whose steps are done serves its task's service port until the
 * run ends, so the other streams' RPCs still find a server.
 */
#include "user/fuzz/fthread.h"
#include "user/lib/uthread.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"
#include "harbor/thread_client.h"

/*
 * The server thread runs above the streams: it blocks until a request
 * comes, then answers at once - behind a row of streams that never block,
 * with 50 ms quanta, a request would wait for many of them.
 */
#define SERVER_PRIO	(THREAD_PRIO_DEFAULT + 4)

/* What a step does, and how often (per 1000 steps). */
static const struct {
	void (*run)(struct fz_thread *me);
	uint32_t weight;
} steps[] = {
	{ fz_step_reuse, 260 },
	{ fz_step_kobject, 230 },
	{ fz_step_random, 100 },
	{ fz_step_rpc, 150 },
	{ NULL, 80 },			/* serve a few requests */
	{ fz_step_send, 80 },
	{ fz_step_receive, 60 },
	{ fz_step_touch, 20 },
	{ fz_step_kill_sibling, 8 },
	{ fz_step_park, 6 },
	{ fz_step_refresh, 6 },
};

void
fz_set_state(struct fz_thread *me, uint32_t state)
{
	if (me->row)
		me->row->state = state;
}

void
fz_check_err(uint32_t op, int err)
{
	/* What each trap may return (docs/abi.md, "Errors, trap by trap"). */
	const uint32_t both = 1u << ERR_OK | 1u << ERR_BAD_ADDRESS | 1u << ERR_BAD_SIZE |
		1u << ERR_BAD_NAME | 1u << ERR_BAD_RIGHT | 1u << ERR_BAD_ARGUMENT |
		1u << ERR_TIMED_OUT | 1u << ERR_PORT_DEAD;
	const uint32_t send = both | 1u << ERR_BAD_DISPOSITION | 1u << ERR_BAD_MESSAGE |
		1u << ERR_NO_MEMORY;
	const uint32_t receive = both | 1u << ERR_TOO_LARGE;
	uint32_t ok = op == MSG_TRAP_SEND ? send : op == MSG_TRAP_RECEIVE ? receive :
		      op == MSG_TRAP_RPC ? send | receive : 1u << ERR_BAD_OPERATION;

	if (err == FZ_REFUSED)
		return;		/* not made: a pattern this run leaves alone */
	if (err < 0 || err >= 32 || !(ok & 1u << err))
		fz_fail(FZ_F_ERRCODE, op <= MSG_TRAP_RPC ? op : 0, 0, err, op);
}

/* A new port whose receive right the task holds, with one send right under the same name. */
static port_name_t
new_port(uint32_t limit)
{
	port_name_t p = NAME_NULL;

	if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK)
		return NAME_NULL;
	task_port_make_send(NAME_TASK_SELF, p);
	if (limit != 8)
		task_port_set_limit(NAME_TASK_SELF, p, limit);
	return p;
}

/* The stream's own ports and memory, fresh (a thread started again drops its old ones). */
static void
stream_reset(struct fz_thread *me)
{
	if (me->r_rpc != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, me->r_rpc);
	if (me->r_k != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, me->r_k);
	me->r_rpc = me->r_k = NAME_NULL;
	task_port_allocate(NAME_TASK_SELF, &me->r_rpc);
	task_port_allocate(NAME_TASK_SELF, &me->r_k);
	me->lib = uthread_self();
	me->port = thread_self();	/* (NAME_THREAD_SELF for the task's first thread) */
	fz_arena_reset(me);
}

/*
 * Every stream watches the others of its task now and then: a stream whose
 * thread died (a generated thread_terminate, say) is started again, one
 * whose priority a generated request changed gets the usual one back (a
 * starved stream looks stuck), and one blocked in a trap for three looks in
 * a row is killed there and started again - a thread killed in a send,
 * receive or RPC that had no timeout. (The server thread may wait for good.)
 */
static void
watch_others(struct fz_thread *me)
{
	static uint32_t seen_step[FZ_THREADS_MAX + 1], seen_times[FZ_THREADS_MAX + 1];
	uint32_t prio, server = fz_board->threads;

	for (uint32_t t = 0; t <= server; t++) {
		struct fz_thread *s = &fz_task.th[t];
		uint32_t state = s->row->state;
		port_name_t port = s->port;
		if (s == me || s->row->done || s->restarting)
			continue;
		if (port == NAME_NULL || thread_get_priority(port, &prio) == ERR_PORT_DEAD) {
			fz_restart(t, port);
			continue;
		}
		if (prio != (t == server ? SERVER_PRIO : THREAD_PRIO_DEFAULT))
			thread_set_priority(s->port, t == server ? SERVER_PRIO : THREAD_PRIO_DEFAULT);
		if (t == server || s->row->step != seen_step[t] ||
		    (state != FZ_ST_SEND && state != FZ_ST_RECV && state != FZ_ST_RPC)) {
			seen_step[t] = s->row->step;
			seen_times[t] = 0;
			continue;
		}
		if (++seen_times[t] < 3)
			continue;
		if (thread_terminate(port) != ERR_OK)
			continue;
		fz_stat(state == FZ_ST_SEND ? FZ_S_KILL_SEND : state == FZ_ST_RECV ? FZ_S_KILL_RECV :
			FZ_S_KILL_RPC, 1);
		s->row->step++;		/* the step it died in is over */
		seen_times[t] = 0;
		fz_restart(t, port);
	}
}

static int
stream_is_live(const struct fz_thread *me)
{
	return fz_board->only_task == ~0u ||
	       (me->task == fz_board->only_task && me->stream == fz_board->only_thread);
}

static void
stream_run(void *arg)
{
	struct fz_thread *me = arg;
	struct fz_stream *row = me->row;
	uint32_t total = 0;

	for (uint32_t i = 0; i < ARRAY_SIZE(steps); i++)
		total += steps[i].weight;
	stream_reset(me);
	me->restarting = 0;
	while (!fz_board->stop && row->step < fz_board->steps && stream_is_live(me)) {
		uint32_t pick, i = 0;

		if (me->r_rpc == NAME_NULL)	/* the name space or the quota was full */
			task_port_allocate(NAME_TASK_SELF, &me->r_rpc);
		if (me->r_k == NAME_NULL)
			task_port_allocate(NAME_TASK_SELF, &me->r_k);

		me->step = row->step;
		me->rng.s = fz_step_seed(fz_board->seed, me->task, me->stream, me->step);
		me->junk.s = fz_mix(me->rng.s) | 1;
		pick = fz_below(&me->rng, total);
		while (pick >= steps[i].weight)
			pick -= steps[i++].weight;
		if (steps[i].run)
			steps[i].run(me);
		else
			fz_step_serve(me, 0);
		if (row->step == me->step)
			row->step = me->step + 1;
		if ((me->step + me->stream) % 8 == 0)
			watch_others(me);
		if (me->step % 64 == 63)
			fz_step_touch(me);
	}
	row->done = 1;
	row->state = FZ_ST_DONE;
	for (;;)	/* until the coordinator ends the task (the server thread serves on) */
		msg_receive(&me->in.head, sizeof(me->in), fz_task.park, 0, 0);
}

/*
 * The task's server thread: it waits on the service port with no timeout,
 * so an RPC from another worker nearly always finds a receiver waiting -
 * the kernel's fast path - and answers each request at once.
 */
static void
server_run(void *arg)
{
	struct fz_thread *me = arg;

	stream_reset(me);
	me->restarting = 0;
	thread_set_priority(me->port, SERVER_PRIO);
	for (;;) {
		me->step = me->row->step++;
		me->rng.s = fz_step_seed(fz_board->seed, me->task, me->stream, me->step);
		me->junk.s = fz_mix(me->rng.s) | 1;
		fz_step_serve(me, 1);
	}
}

/*
 * The watchdog thread: it watches the streams every 100 ms, so a task
 * whose streams are all blocked (each in an RPC to a busy worker, say)
 * still gets its stuck threads killed and started again.
 */
static void
watchdog_run(void *arg)
{
	union fz_buf *b = &((struct fz_thread *)arg)->in;
	port_name_t never = NAME_NULL;	/* a port no one sends to: its timeout is our clock */

	if (task_port_allocate(NAME_TASK_SELF, &never) != ERR_OK)
		return;
	for (;;) {
		if (msg_receive(&b->head, sizeof(*b), never, MSG_OPT_TIMEOUT, 100) != ERR_TIMED_OUT)
			return;	/* the port is gone: stop, rather than spin */
		watch_others(arg);
	}
}

int
fz_restart(uint32_t t, port_name_t dead)
{
	struct fz_thread *s = &fz_task.th[t];
	int err;

	if (!__sync_bool_compare_and_swap(&s->restarting, 0, 1))
		return ERR_OK;
	if (s->port != dead) {
		/* Started again by someone else since the caller looked: the
		 * thread it saw dead is not the stream's any more. */
		s->restarting = 0;
		return ERR_OK;
	}
	s->port = NAME_NULL;	/* (the library drops the dead name when it reuses the stack) */
	err = thread_start(t == fz_board->threads ? server_run : stream_run, s);
	if (err != ERR_OK)
		s->restarting = 0;
	return err;
}

/* Hello to the coordinator: our ports for the others, the board and their ports for us. */
static int
hello(void)
{
	static union fz_buf b;
	struct {
		struct msg_header head;
		struct msg_body body;
		struct msg_port_desc service, sink;
		uint32_t k;
	} *req = (void *)&b;
	union msg_desc *d = (union msg_desc *)((uint8_t *)(&b.head + 1) + 4);

	*req = (typeof(*req)){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE) | MSG_BITS_COMPLEX,
			  .size = sizeof(*req), .dest = NAME_BOOTSTRAP, .reply = msg_reply_port(),
			  .id = FZ_ID_HELLO },
		.body = { 2 },
		.service = { .type = MSG_DESC_PORT, .disposition = MSG_MAKE_SEND, .name = fz_task.service },
		.sink = { .type = MSG_DESC_PORT, .disposition = MSG_MAKE_SEND, .name = fz_task.sink },
		.k = fz_task.k,
	};
	if (msg_rpc(&b.head, sizeof(b), msg_reply_port(), 0, 0) != ERR_OK ||
	    b.head.id != MSG_REPLY_ID(FZ_ID_HELLO) || !(b.head.bits & MSG_BITS_COMPLEX) ||
	    d[0].type != MSG_DESC_OOL || d[0].ool.size < sizeof(struct fz_board))
		return -1;
	fz_board = (struct fz_board *)d[0].ool.address;
	if (fz_board->magic != FZ_BOARD_MAGIC)
		return -1;
	for (uint32_t i = 1; i < ((struct msg_body *)(&b.head + 1))->desc_count &&
	     i <= FZ_PEERS_MAX; i++)
		fz_task.peers[i - 1] = d[i].port.name == NAME_DEAD ? NAME_NULL : d[i].port.name;
	return 0;
}

void
fz_work(uint32_t k)
{
	struct fz_task *w = &fz_task;
	uint32_t ms;

	w->k = k;
	w->privileged = host_time(NAME_HOST, &ms) == ERR_OK;
	w->service = new_port(8);
	w->sink = new_port(1);
	w->park = fz_park_port = new_port(8);
	if (w->service == NAME_NULL || w->sink == NAME_NULL || w->park == NAME_NULL ||
	    k >= FZ_TASKS_MAX) { printf("worker %u: ports %x %x %x\n", k, w->service, w->sink, w->park);
		exit(3); }
	if (hello() != 0) { printf("worker %u: hello\n", k);
		exit(3); }
	fz_regs_set_x87(!(fz_board->skip & FZ_SKIP_X87));

	/* The pool's own names: the task and thread ports, fuzz ports of several queue
	 * limits (0: rendezvous), and a port set holding two of them. */
	fz_names_add(NAME_TASK_SELF);
	fz_names_add(NAME_THREAD_SELF);
	for (uint32_t i = 0; i < 6; i++)
		fz_names_add(new_port(i == 0 ? 0 : i == 1 ? 1 : 8));
	if (task_port_set_allocate(NAME_TASK_SELF, &w->set) == ERR_OK) {
		task_port_set_insert(NAME_TASK_SELF, w->names[2], w->set);
		task_port_set_insert(NAME_TASK_SELF, w->names[3], w->set);
		fz_names_add(w->set);
	}

	for (uint32_t t = 0; t <= fz_board->threads; t++) {
		w->th[t].task = k;
		w->th[t].stream = t;
		w->th[t].row = &fz_board->s[k][t];
	}
	uthread_self()->arg = &w->th[0];
	/* Stream 0 is this thread. Its row gets its port only in stream_run,
	 * after the other threads started: until then a sibling's watch_others
	 * would take the missing port for a dead thread and start the stream
	 * on a second thread, both using one register frame (false register
	 * findings). Like a restart, it is "starting" until it has its port. */
	w->th[0].restarting = 1;
	for (uint32_t t = 1; t <= fz_board->threads; t++)
		fz_restart(t, NAME_NULL);
	w->watchdog = (struct fz_thread){ .task = k, .stream = FZ_THREADS_MAX + 1 };
	thread_start(watchdog_run, &w->watchdog);
	stream_run(&w->th[0]);
	exit(0);
}
