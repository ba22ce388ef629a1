/*
 * coord.c - the fuzzer's coordinator: workers, kills, hangs, the verdict.
 *
 * It takes the kernel's object counts first, makes the board, and starts
 * the worker tasks (the even ones with the host port). Then it loops:
 * answering workers (hello: the board and the other workers' ports;
 * directory requests), noticing their deaths (dead-name notifications)
 * and starting them again, and every 50 ms looking at the board:
 *   - findings the streams recorded are printed, with how to replay them;
 *   - every kill= ms a worker is terminated while one of its threads is
 *     blocked in a trap - in turn a send, a receive and an RPC with no
 *     timeout - and started again (it goes on where its streams were);
 *   - a stream that has not moved for 1.5 s gets its task killed too (it
 *     may wait for a reply from a worker whose streams are all done);
 *   - no stream moving at all for 20 s is a hang.
 * At the end it kills every worker, gives back what it holds, waits for
 * the counts to come back to the baseline (a leak otherwise) and prints
 * the verdict: on the serial line, and to whoever started it (the guest
 * test suite) or by shutting the machine down (a fuzz boot).
 */
#include "user/fuzz/fthread.h"
#include "harbor/host_client.h"
#include "harbor/mem.h"
#include "harbor/mem_client.h"
#include "harbor/task_client.h"
#include "harbor/thread_client.h"

#define TICK_MS		50
#define STUCK_MS	2000	/* (a worker kills its stuck threads itself, sooner) */
#define HANG_MS		20000
#define HELLO_MS	10000
#define END_MS		10000	/* for the workers to die and the counts to settle */

struct worker {
	port_name_t task;		/* send right to its task port; NULL while dead */
	port_name_t service, sink;	/* send rights from its hello */
	uint32_t incarnation;
	uint32_t spawned;		/* ms */
	int hello;
	int killing;			/* we terminated it: its death is no surprise */
};

struct counts {
	uint32_t v[7];	/* tasks, threads, ports, messages, notifications, pool pages, frames */
};

static const struct fz_params *par;
static struct worker workers[FZ_TASKS_MAX];
static port_name_t ctl;			/* where hellos, requests and notifications arrive */
static union fz_buf cin, cout;
static int stopping;
static uint32_t last_step[FZ_TASKS_MAX][FZ_THREADS_MAX], last_change[FZ_TASKS_MAX][FZ_THREADS_MAX];
static uint32_t printed[FZ_TASKS_MAX][FZ_THREADS_MAX + 1];
static uint32_t findings, by_kind[FZ_F_COUNT], hangs, leaks;
static uint32_t kills[FZ_ST_COUNT], kills_stuck, deaths_own, spawn_failures;
static uint32_t total_steps, total_traps;
static uint32_t fast_start[2];		/* host_fastpath_counts at the start: rpc and send hits */

void
fz_coord_failure(void)
{
	findings++;
}

static uint32_t
now_ms(void)
{
	uint32_t ms = 0;

	host_time(NAME_HOST, &ms);
	return ms;
}

static int
counts_get(struct counts *c)
{
	return host_object_counts(NAME_HOST, &c->v[0], &c->v[1], &c->v[2], &c->v[3], &c->v[4],
				  &c->v[5], &c->v[6]);
}

/* Are the counts the same (the free pool pages aside: zones keep theirs)? */
static int
counts_same(const struct counts *a, const struct counts *b)
{
	for (uint32_t i = 0; i < 7; i++)
		if (i != 5 && a->v[i] != b->v[i])
			return 0;
	return 1;
}

/*
 * The baseline, once the rest of the system is still. We start while it
 * settles: init exits as it starts us, and the name server's ticker may
 * be in a sleep, which holds a port for a tick. A baseline taken then
 * counts objects that go away on their own: a false leak at the end.
 * The memory server may still be reaping init's pager port too. So the
 * counts must stay the same across a wait (which lets every other task
 * run) before they are the baseline.
 */
static int
baseline_get(struct counts *base)
{
	struct counts again;

	for (int tries = 0; tries < 50; tries++) {
		if (counts_get(base) != ERR_OK)
			return -1;
		sleep_ms(2 * TICK_MS);
		if (counts_get(&again) != ERR_OK)
			return -1;
		if (counts_same(base, &again))
			return 0;
	}
	return 0;	/* never still: the last counts will have to do */
}

static void
spawn(uint32_t k)
{
	struct worker *w = &workers[k];
	char args[32];
	int err;

	snprintf(args, sizeof(args), "fuzz worker %u", k);
	/* Even workers hold the host port: they may ask what docs/testing.md lists. */
	err = host_module_spawn(NAME_HOST, args, ctl, k % 2 == 0 ? NAME_HOST : NAME_NULL, k,
				&w->task);
	w->spawned = now_ms();
	w->hello = 0;
	w->killing = 0;
	if (err != ERR_OK) {
		w->task = NAME_NULL;
		spawn_failures++;
		return;
	}
	w->incarnation++;
	for (uint32_t t = 0; t < FZ_THREADS_MAX; t++)
		last_change[k][t] = w->spawned;
	if (task_port_request_notification(NAME_TASK_SELF, w->task, NOTIFY_DEAD_NAME, ctl) != ERR_OK)
		printf("fuzz: cannot watch worker %u\n", k);
}

static void
kill_worker(uint32_t k)
{
	struct worker *w = &workers[k];

	if (w->task == NAME_NULL || w->killing)
		return;
	w->killing = 1;
	task_terminate(w->task, 0);
}

/* The steps a dead worker's streams were in are over: its next incarnation
 * goes on after them (it would only block, or die, in the same place again). */
static void
skip_steps(uint32_t k)
{
	for (uint32_t t = 0; t < par->threads; t++)
		if (!fz_board->s[k][t].done)
			fz_board->s[k][t].step++;
}

/* A worker died (its task port's dead-name notification). */
static void
on_dead(port_name_t name)
{
	for (uint32_t k = 0; k < par->tasks; k++) {
		struct worker *w = &workers[k];
		if (w->task != name)
			continue;
		task_port_deallocate(NAME_TASK_SELF, w->task);
		if (w->service != NAME_NULL)
			task_port_deallocate(NAME_TASK_SELF, w->service);
		if (w->sink != NAME_NULL)
			task_port_deallocate(NAME_TASK_SELF, w->sink);
		if (!w->killing)
			deaths_own++;	/* a fault, or it terminated itself: allowed */
		if (w->hello)
			skip_steps(k);
		*w = (struct worker){ .incarnation = w->incarnation };
		if (!stopping)
			spawn(k);
		return;
	}
	task_port_deallocate(NAME_TASK_SELF, name);
}

/*
 * Answer request m: the board (for a hello) and every worker's service and
 * sink ports. A worker that died a moment ago has a dead name here; if the
 * reply fails for that, it goes again without the ports.
 */
static void
answer(struct msg_header *m, int with_board)
{
	struct msg_header *r = &cout.head;
	union msg_desc *d = (union msg_desc *)((uint8_t *)(r + 1) + 4);
	uint32_t n = 0;

	for (int attempt = 0; attempt < 2; attempt++) {
		n = 0;
		if (with_board)
			d[n++].ool = (struct msg_ool_desc){ .type = MSG_DESC_OOL, .mode = MSG_OOL_SHARE,
				.address = (uint32_t)fz_board, .size = FZ_BOARD_PAGES * 4096 };
		for (uint32_t k = 0; k < par->tasks; k++) {
			d[n++].port = (struct msg_port_desc){ .type = MSG_DESC_PORT,
				.disposition = MSG_COPY_SEND, .name = attempt ? NAME_NULL : workers[k].service };
			d[n++].port = (struct msg_port_desc){ .type = MSG_DESC_PORT,
				.disposition = MSG_COPY_SEND, .name = attempt ? NAME_NULL : workers[k].sink };
		}
		*r = (struct msg_header){ .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0) | MSG_BITS_COMPLEX,
			.size = MSG_SIZE_MIN + 4 + n * sizeof(union msg_desc), .dest = m->reply,
			.id = MSG_REPLY_ID(m->id) };
		((struct msg_body *)(r + 1))->desc_count = n;
		if (msg_send(r, 0, 0) == ERR_OK)
			return;
	}
	task_port_deallocate(NAME_TASK_SELF, m->reply);
}

static void
on_hello(struct msg_header *m)
{
	const uint32_t *w = (const uint32_t *)m;
	const union msg_desc *d = (const union msg_desc *)((const uint8_t *)(m + 1) + 4);
	uint32_t k = w[12];

	if (m->size != 52 || k >= par->tasks || workers[k].task == NAME_NULL) {
		msg_destroy(m);
		return;
	}
	if (workers[k].service != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, workers[k].service);
	if (workers[k].sink != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, workers[k].sink);
	workers[k].service = d[0].port.name;
	workers[k].sink = d[1].port.name;
	workers[k].hello = 1;
	answer(m, 1);
}

static void
handle(struct msg_header *m)
{
	if (m->id == FZ_ID_HELLO)
		on_hello(m);
	else if (m->id == FZ_ID_DIR && m->reply != NAME_NULL)
		answer(m, 0);
	else if (m->id == MSG_ID_NOTIFY_DEAD_NAME)
		on_dead(((struct msg_notification *)m)->name);
	else
		msg_destroy(m);
}

static void
print_findings(void)
{
	for (uint32_t k = 0; k < par->tasks; k++) {
		for (uint32_t t = 0; t <= par->threads; t++) {	/* (row `threads`: the server thread) */
			struct fz_stream *row = &fz_board->s[k][t];
			if (printed[k][t] == row->nfail)
				continue;
			for (uint32_t i = printed[k][t]; i < row->nfail && i < FZ_FAILS_KEPT; i++) {
				fz_print_failure(k, t, &row->fail[i]);
				by_kind[row->fail[i].kind < FZ_F_COUNT ? row->fail[i].kind : 0]++;
			}
			if (printed[k][t] == 0)
				printf("fuzz: replay that stream alone: make fuzz SEED=%u TASKS=%u "
				       "THREADS=%u ONLY=%u.%u TRAPS=%u\n", par->seed, par->tasks,
				       par->threads, k, t, row->fail[0].step + 1);
			findings += row->nfail - printed[k][t];
			printed[k][t] = row->nfail;
		}
	}
}

/* A worker to kill now: one with a thread blocked in the trap kind it is the turn of. */
static int
pick_victim(uint32_t now, uint32_t turn, uint32_t *state)
{
	static const uint32_t kinds[] = { FZ_ST_SEND, FZ_ST_RECV, FZ_ST_RPC };
	struct fz_rng r = { fz_mix(now + turn) | 1 };

	for (uint32_t pass = 0; pass < 4; pass++) {
		uint32_t start = fz_below(&r, par->tasks);
		for (uint32_t i = 0; i < par->tasks; i++) {
			uint32_t k = (start + i) % par->tasks;
			if (workers[k].task == NAME_NULL || !workers[k].hello || workers[k].killing)
				continue;
			for (uint32_t t = 0; t < par->threads; t++) {
				uint32_t st = fz_board->s[k][t].state;
				int blocked = (st == FZ_ST_SEND || st == FZ_ST_RECV || st == FZ_ST_RPC) &&
					      now - last_change[k][t] >= TICK_MS;
				if ((pass == 0 && st == kinds[(turn + pass) % 3] && blocked) ||
				    (pass == 1 && blocked) || pass == 3) {
					*state = st;
					return (int)k;
				}
			}
		}
	}
	return -1;
}

/* Look at the board. Returns 1 when the run is over. */
static int
tick(uint32_t now)
{
	static uint32_t last_sum, last_progress, last_kill, turn;
	uint32_t sum = 0, traps = 0, done = 1, state = 0;
	int k;

	if (last_progress == 0)
		last_progress = last_kill = now;
	print_findings();
	for (uint32_t i = 0; i < par->tasks; i++) {
		traps += fz_board->s[i][par->threads].traps;	/* the server thread's */
		for (uint32_t t = 0; t < par->threads; t++) {
			struct fz_stream *row = &fz_board->s[i][t];
			sum += row->step;
			traps += row->traps;
			done &= row->done;
			if (row->step != last_step[i][t]) {
				last_step[i][t] = row->step;
				last_change[i][t] = now;
			}
			/* Stuck: its task goes (the stream carries on in the next one). */
			if (!row->done && workers[i].hello && now - last_change[i][t] > STUCK_MS &&
			    !workers[i].killing) {
				kills_stuck++;
				kill_worker(i);
			}
		}
		if (workers[i].task != NAME_NULL && !workers[i].hello &&
		    now - workers[i].spawned > HELLO_MS) {
			printf("fuzz: FINDING hang: worker %u started %u ms ago and never said hello\n",
			       i, now - workers[i].spawned);
			hangs++;
			return 1;
		}
	}
	if (done || (par->only_task == ~0u && traps >= par->traps))
		return 1;
	if (sum != last_sum) {
		last_sum = sum;
		last_progress = now;
	} else if (now - last_progress > HANG_MS) {
		printf("fuzz: FINDING hang: no stream made a step for %u ms\n", now - last_progress);
		for (uint32_t i = 0; i < par->tasks; i++)
			for (uint32_t t = 0; t < par->threads; t++)
				printf("fuzz:   task %u thread %u: step %u, state %u, done %u\n", i, t,
				       fz_board->s[i][t].step, fz_board->s[i][t].state,
				       fz_board->s[i][t].done);
		hangs++;
		return 1;
	}
	if (par->kill_ms && now - last_kill >= par->kill_ms) {
		last_kill = now;
		k = pick_victim(now, turn++, &state);
		if (k >= 0) {
			kills[state < FZ_ST_COUNT ? state : 0]++;
			kill_worker(k);
		}
	}
	return 0;
}

/* Every worker dead, its rights given back. */
static void
end_workers(void)
{
	uint32_t until = now_ms() + END_MS;

	stopping = 1;
	fz_board->stop = 1;
	for (uint32_t k = 0; k < par->tasks; k++)
		kill_worker(k);
	for (;;) {
		uint32_t alive = 0;
		for (uint32_t k = 0; k < par->tasks; k++)
			alive += workers[k].task != NAME_NULL;
		if (alive == 0 || (int32_t)(now_ms() - until) > 0)
			break;
		if (msg_receive(&cin.head, sizeof(cin), ctl, MSG_OPT_TIMEOUT, 100) == ERR_OK)
			handle(&cin.head);
	}
}

/* Wait for the counts to come back; print what did not. */
static void
check_counts(const struct counts *base)
{
	static const char *const names[] = {
		"tasks", "threads", "ports", "messages", "notifications", "pool pages", "frames",
	};
	struct counts c;
	uint32_t until = now_ms() + END_MS;

	for (;;) {
		if (counts_get(&c) == ERR_OK && counts_same(&c, base))
			return;
		if ((int32_t)(now_ms() - until) > 0)
			break;
		sleep_ms(50);
	}
	for (uint32_t i = 0; i < 7; i++) {
		if (i == 5 || c.v[i] == base->v[i])
			continue;
		printf("fuzz: FINDING leak: %s: %u before the run, %u after it\n", names[i],
		       base->v[i], c.v[i]);
		leaks++;
	}
}

/* The fast path's hits so far (kernel/fastpath.c): RPCs and plain sends it delivered. */
static void
fast_hits(uint32_t *hits)
{
	uint32_t c[9] = { 0 };

	host_fastpath_counts(NAME_HOST, &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7],
			     &c[8]);
	hits[0] = c[0];
	hits[1] = c[1];
}

static void
print_figures(uint32_t ms)
{
	volatile uint32_t *s = fz_board->stats;
	uint32_t fast[2];

	total_steps = total_traps = 0;
	for (uint32_t k = 0; k < par->tasks; k++)
		for (uint32_t t = 0; t <= par->threads; t++) {
			if (t < par->threads)
				total_steps += fz_board->s[k][t].step;
			total_traps += fz_board->s[k][t].traps;
		}
	fast_hits(fast);
	printf("fuzz: %u steps, %u traps in %u ms (%u traps/s); the RPC fast path took %u RPCs "
	       "and %u sends\n", total_steps, total_traps, ms,
	       ms ? total_traps / ms * 1000 + total_traps % ms * 1000 / ms : 0,
	       fast[0] - fast_start[0], fast[1] - fast_start[1]);
	printf("fuzz: checked %u messages word by word, %u out-of-line regions, %u copies again "
	       "later; %u RPCs answered, %u by a send-once notification\n", s[FZ_S_VERIFIED],
	       s[FZ_S_OOL_VERIFIED], s[FZ_S_COPIES], s[FZ_S_RPCS], s[FZ_S_NO_REPLY]);
	printf("fuzz: generated messages: %u taken, %u refused; %u kernel object requests, %u "
	       "replies checked\n", s[FZ_S_SENT], s[FZ_S_REFUSED], s[FZ_S_KOBJ],
	       s[FZ_S_KOBJ_REPLIES]);
	printf("fuzz: tasks killed blocked in send %u, receive %u, rpc %u (%u more: stuck or at "
	       "random); threads killed blocked in send %u, receive %u, rpc %u; workers that "
	       "ended themselves %u\n", kills[FZ_ST_SEND], kills[FZ_ST_RECV], kills[FZ_ST_RPC],
	       kills_stuck + kills[FZ_ST_IDLE] + kills[FZ_ST_POLL] + kills[FZ_ST_DONE],
	       s[FZ_S_KILL_SEND], s[FZ_S_KILL_RECV], s[FZ_S_KILL_RPC], deaths_own);
}

/* Tell whoever started us (the test suite); with no one, end the boot. */
static void
report(uint32_t total)
{
	struct fz_result res = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(res),
			  .dest = NAME_BOOTSTRAP, .id = FZ_ID_RESULT },
		.findings = total, .leaks = leaks, .steps = total_steps, .traps = total_traps,
	};

	if (msg_send(&res.head, MSG_OPT_TIMEOUT, 1000) == ERR_BAD_NAME)
		host_shutdown(NAME_HOST, total ? 2 : 0);
}

int
fz_coordinate(const struct fz_params *p)
{
	struct fz_thread *me = fz_self();
	struct counts base;
	uint32_t start, board_addr = 0, total;

	par = p;
	me->task = FZ_COORD_TASK;
	fz_regs_set_x87(!(p->skip & FZ_SKIP_X87));
	if (fz_kobj_selfcheck() != 0)
		return 1;
	thread_set_priority(NAME_THREAD_SELF, 31);	/* above every worker: it must see them all */
	if (baseline_get(&base) != 0 ||
	    task_port_allocate(NAME_TASK_SELF, &ctl) != ERR_OK ||
	    task_port_make_send(NAME_TASK_SELF, ctl) != ERR_OK ||
	    task_port_set_limit(NAME_TASK_SELF, ctl, 64) != ERR_OK ||
	    /* Mapped at once: the coordinator's first page fault would make
	     * its thread's pager reply port (kernel/pager.c), which lives as
	     * long as the thread, after the baseline - a leak to check_counts. */
	    mem_allocate(mem_port, FZ_BOARD_PAGES * 4096, MEM_ALLOC_NOW, &board_addr) != ERR_OK) {
		printf("fuzz: cannot set up\n");
		return 1;
	}
	fz_board = (struct fz_board *)board_addr;
	*fz_board = (struct fz_board){ .magic = FZ_BOARD_MAGIC, .seed = p->seed,
		.steps = p->only_task == ~0u ? ~0u : p->traps,
		.tasks = p->tasks, .threads = p->threads, .skip = p->skip,
		.only_task = p->only_task, .only_thread = p->only_thread };
	printf("fuzz: seed %u: %u tasks x %u threads, until %u %s, a kill every %u ms, skipping %x\n",
	       p->seed, p->tasks, p->threads, p->traps, p->only_task == ~0u ? "traps" :
	       "steps of the one stream", p->kill_ms, p->skip);
	start = now_ms();
	fast_hits(fast_start);
	for (uint32_t k = 0; k < p->tasks; k++)
		spawn(k);
	for (uint32_t next = start + TICK_MS;;) {
		uint32_t now;
		if (msg_receive(&cin.head, sizeof(cin), ctl, MSG_OPT_TIMEOUT, TICK_MS / 2) == ERR_OK)
			handle(&cin.head);
		now = now_ms();
		if ((int32_t)(now - next) >= 0) {
			next = now + TICK_MS;
			if (tick(now))
				break;
		}
		for (uint32_t k = 0; k < p->tasks; k++)
			if (workers[k].task == NAME_NULL && spawn_failures < 1000)
				spawn(k);	/* the pool was full a moment ago */
	}
	print_findings();
	print_figures(now_ms() - start);
	end_workers();
	print_findings();
	vm_deallocate(board_addr, FZ_BOARD_PAGES * 4096);
	fz_board = NULL;
	task_port_deallocate(NAME_TASK_SELF, ctl);	/* the send right, */
	task_port_deallocate(NAME_TASK_SELF, ctl);	/* then the port */
	check_counts(&base);
	total = findings + hangs + leaks;
	if (total == 0)
		printf("fuzz: verdict: PASS: no panic, no hang, no leak, no finding (seed %u)\n",
		       p->seed);
	else
		printf("fuzz: verdict: FAIL: %u findings (registers %u, x87 %u, wrong data %u, "
		       "kernel replies %u, error codes %u, interfaces %u, copies %u), %u hangs, "
		       "%u leaks (seed %u)\n", findings, by_kind[FZ_F_REGS], by_kind[FZ_F_X87],
		       by_kind[FZ_F_DATA], by_kind[FZ_F_REPLY], by_kind[FZ_F_ERRCODE],
		       by_kind[FZ_F_ORACLE], by_kind[FZ_F_COW], hangs, leaks, p->seed);
	report(total);
	return total != 0;
}
