/*
 * coord.c - the server fuzzer's coordinator: the baseline, the clients,
 * the kills, the verdict.
 *
 * It asks whoever started it (its bootstrap port: the guest test suite,
 * user/tests/sfuzz.c) for the name server, takes the baseline
 * (check.c), makes the board and starts the clients, each with our
 * control port as its bootstrap. Then it loops, every SFZ_TICK_MS:
 *   - a client's hello gets the board (shared) and the name server;
 *   - a client's death (dead-name notification) gets it started again,
 *     past the step it died in unless it ended itself between steps;
 *   - every kill_ms a client is terminated, one in the middle of a call
 *     to a server if there is one (that is the point: the server must
 *     not care that its client is gone);
 *   - no client moving for SFZ_HANG_MS is a hang.
 * When every client has made its steps, it kills them all, prints their
 * findings, lets check.c judge the servers, and sends the verdict to its
 * starter.
 */
#include "user/sfuzz/check.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"

#define SFZ_TICK_MS	50
#define SFZ_HANG_MS	60000	/* no step anywhere for this long: a hang */
#define SFZ_STARTS_MAX	20	/* deaths in a row without a step: stop starting that client */

struct client {
	port_name_t task;	/* send right to its task port; NAME_NULL while dead */
	uint32_t killing;	/* we terminated it */
	uint32_t starts;	/* starts in a row that made no step */
	uint32_t step_at_start;
	uint32_t deaths;
};

static const struct sfz_params *par;
static struct sfz_board *board;
static struct client clients[SFZ_CLIENTS_MAX];
static port_name_t ctl;			/* hellos and notifications */
static port_name_t name_server;
static int stopping;
static uint32_t kills, kills_in_call, deaths_own, spawn_failures;

static union {
	struct msg_header head;
	struct msg_notification note;
	uint8_t bytes[MSG_SIZE_MAX];
} in;

static void
spawn(uint32_t k)
{
	struct client *w = &clients[k];
	char args[32];

	snprintf(args, sizeof(args), "sfuzz client %u", k);
	w->killing = 0;
	w->step_at_start = board->row[k].step;
	board->row[k].clean = 0;
	board->row[k].state = SFZ_ST_IDLE;
	if (host_module_spawn(NAME_HOST, args, ctl, NAME_NULL, 0, &w->task) != ERR_OK) {
		w->task = NAME_NULL;
		spawn_failures++;
		return;
	}
	if (task_port_request_notification(NAME_TASK_SELF, w->task, NOTIFY_DEAD_NAME, ctl) != ERR_OK)
		printf("sfuzz: cannot watch client %u\n", k);
}

/* Client task died: start it again, past the step that killed it. */
static void
on_dead(port_name_t task)
{
	for (uint32_t k = 0; k < par->clients; k++) {
		struct client *w = &clients[k];
		struct sfz_row *row = &board->row[k];
		if (w->task != task)
			continue;
		task_port_deallocate(NAME_TASK_SELF, task);
		w->task = NAME_NULL;
		w->deaths++;
		if (!w->killing && !row->clean)
			deaths_own++;		/* it ended itself mid-step (misbehave.c), or faulted */
		if (!row->clean && row->step < board->steps)
			row->step++;		/* do not die in the same place again */
		w->starts = row->step == w->step_at_start + (row->clean ? 0 : 1) ? w->starts + 1 : 0;
		if (stopping || row->step >= board->steps)
			return;
		if (w->starts >= SFZ_STARTS_MAX) {
			printf("sfuzz: client %u dies as it starts; not starting it again\n", k);
			return;
		}
		spawn(k);
		return;
	}
	task_port_deallocate(NAME_TASK_SELF, task);
}

/* Answer a client's hello: the board, shared, and the name server. */
static void
hello(struct msg_header *m)
{
	struct {
		struct msg_header head;
		struct msg_body body;
		struct msg_ool_desc board;
		struct msg_port_desc name;
	} r = {
		.head = { .bits = MSG_BITS(MSG_BITS_REPLY(m->bits), 0) | MSG_BITS_COMPLEX,
			  .size = sizeof(r), .dest = m->reply, .id = MSG_REPLY_ID(SFZ_ID_HELLO) },
		.body = { 2 },
		.board = { MSG_DESC_OOL, MSG_OOL_SHARE, (uint32_t)(uintptr_t)board,
			   SFZ_BOARD_PAGES * 4096 },
		.name = { MSG_DESC_PORT, MSG_COPY_SEND, name_server, 0 },
	};

	if (m->reply == NAME_NULL || msg_send(&r.head, MSG_OPT_TIMEOUT, 0) != ERR_OK)
		msg_destroy(m);
}

/* Kill one client: one in a call to a server if there is one. */
static void
kill_one(uint32_t tick)
{
	uint32_t k = tick % par->clients, best = SFZ_CLIENTS_MAX;

	for (uint32_t i = 0; i < par->clients; i++) {
		uint32_t j = (k + i) % par->clients;
		if (clients[j].task == NAME_NULL || clients[j].killing)
			continue;
		if (board->row[j].state == SFZ_ST_CALL) {
			best = j;
			break;
		}
		if (best == SFZ_CLIENTS_MAX)
			best = j;
	}
	if (best == SFZ_CLIENTS_MAX)
		return;
	kills++;
	kills_in_call += board->row[best].state == SFZ_ST_CALL;
	clients[best].killing = 1;
	task_terminate(clients[best].task, 0);
}

static uint32_t
steps_made(void)
{
	uint32_t n = 0;

	for (uint32_t k = 0; k < par->clients; k++)
		n += board->row[k].step;
	return n;
}

/* Every client dead: wait for their notifications. */
static void
kill_all(void)
{
	uint32_t start = sfz_now();

	stopping = 1;
	board->stop = 1;
	for (uint32_t k = 0; k < par->clients; k++)
		if (clients[k].task != NAME_NULL && !clients[k].killing) {
			clients[k].killing = 1;
			task_terminate(clients[k].task, 0);
		}
	for (;;) {
		int alive = 0;
		for (uint32_t k = 0; k < par->clients; k++)
			alive |= clients[k].task != NAME_NULL;
		if (!alive || sfz_now() - start > 10000)
			return;
		if (msg_receive(&in.head, sizeof(in), ctl, MSG_OPT_TIMEOUT, SFZ_TICK_MS) != ERR_OK)
			continue;
		if (in.head.id == MSG_ID_NOTIFY_DEAD_NAME && in.head.size == sizeof(in.note))
			on_dead(in.note.name);
		else
			msg_destroy(&in.head);
	}
}

/* Print every finding the clients recorded; their number. */
static uint32_t
report_findings(void)
{
	uint32_t total = 0;

	for (uint32_t k = 0; k < par->clients; k++) {
		struct sfz_row *row = &board->row[k];
		for (uint32_t i = 0; i < row->nfail && i < SFZ_FAILS_KEPT; i++) {
			struct sfz_failure *f = &row->fail[i];
			printf("sfuzz: FINDING client %u step %u: %s from %s (request %u): expected %u, "
			       "saw %u (%s)\n", k, f->step, sfz_kind_name(f->kind),
			       sfz_server_name(f->server), f->id, f->expected, f->seen,
			       f->seen < ERR_COUNT ? error_string((int)f->seen) : "-");
		}
		if (row->nfail > SFZ_FAILS_KEPT)
			printf("sfuzz: client %u: %u findings more\n", k, row->nfail - SFZ_FAILS_KEPT);
		total += row->nfail;
	}
	return total;
}

/* Ask our starter for the name server (a link like the tests' testlink hello). */
static int
ask_name_server(void)
{
	union {
		struct msg_header head;
		struct {
			struct msg_header head;
			struct msg_body body;
			struct msg_port_desc name;
		} r;
		uint8_t bytes[128];
	} m = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = sizeof(m.head),
			  .dest = NAME_BOOTSTRAP, .id = SFZ_ID_START } };
	int err = msg_call(&m.head, sizeof(m));

	if (err != ERR_OK)
		return err;
	if (m.head.id != MSG_REPLY_ID(SFZ_ID_START) || m.head.size != sizeof(m.r) ||
	    m.r.body.desc_count != 1 || m.r.name.type != MSG_DESC_PORT)
		return ERR_BAD_REPLY;
	name_server = m.r.name.name;
	return ERR_OK;
}

static void
print_figures(uint32_t ms)
{
	volatile uint32_t *s = board->stats;
	uint32_t calls = 0;

	for (uint32_t i = 0; i < SFZ_SERVERS; i++)
		calls += board->calls[i];
	printf("sfuzz: %u steps in %u ms; %u requests (name %u, mem %u, console %u, pipe %u, fs %u, "
	       "proc %u)\n", s[SFZ_S_STEPS], ms, calls, board->calls[SFZ_NAME], board->calls[SFZ_MEM],
	       board->calls[SFZ_CONSOLE], board->calls[SFZ_PIPE], board->calls[SFZ_FS],
	       board->calls[SFZ_PROC]);
	printf("sfuzz: %u stub calls and raw requests answered (%u refused), %u dropped, %u waits "
	       "given up; %u raw (%u well formed), %u never read or one-way, %u misbehaving, "
	       "%u round trips checked\n", s[SFZ_S_ANSWERED], s[SFZ_S_REFUSED], s[SFZ_S_DROPPED],
	       s[SFZ_S_WAITED], s[SFZ_S_RAW], s[SFZ_S_RAW_VALID], s[SFZ_S_ONEWAY], s[SFZ_S_MISBEHAVE],
	       s[SFZ_S_DATA_CHECKS]);
	printf("sfuzz: %u clients killed (%u in a call), %u ended themselves mid-step\n", kills,
	       kills_in_call, deaths_own);
}

int
sfz_coordinate(const struct sfz_params *p)
{
	static struct sfz_base base;
	struct sfz_result res = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(res),
					    .dest = NAME_BOOTSTRAP, .id = SFZ_ID_RESULT } };
	uint32_t addr = 0, start, last_steps = 0, last_move, tick = 0, next_kill;
	int err;

	par = p;
	printf("sfuzz: seed %u, %u steps, %u clients, a kill every %u ms\n", p->seed, p->steps,
	       p->clients, p->kill_ms);
	if ((err = ask_name_server()) != ERR_OK || (err = vm_allocate(SFZ_BOARD_PAGES * 4096, &addr)) != ERR_OK ||
	    (err = task_port_allocate(NAME_TASK_SELF, &ctl)) != ERR_OK ||
	    (err = task_port_make_send(NAME_TASK_SELF, ctl)) != ERR_OK) {
		printf("sfuzz: cannot start: %s\n", error_string(err));
		return 1;
	}
	board = (struct sfz_board *)(uintptr_t)addr;
	*board = (struct sfz_board){ .magic = SFZ_BOARD_MAGIC, .seed = p->seed,
				     .steps = (p->steps + p->clients - 1) / p->clients,
				     .clients = p->clients, .skip = p->skip };
	if (sfz_check_start(name_server, &base) != ERR_OK) {
		res.check_fails = 1;
		msg_send(&res.head, MSG_OPT_TIMEOUT, 1000);
		return 1;
	}
	start = last_move = sfz_now();
	next_kill = start + p->kill_ms;
	for (uint32_t k = 0; k < p->clients; k++)
		spawn(k);
	while (steps_made() < board->steps * p->clients) {
		int alive = 0;
		for (uint32_t k = 0; k < p->clients; k++)
			alive |= clients[k].task != NAME_NULL;
		if (!alive)
			break;		/* every client gave up starting */
		if (msg_receive(&in.head, sizeof(in), ctl, MSG_OPT_TIMEOUT, SFZ_TICK_MS) == ERR_OK) {
			if (in.head.id == SFZ_ID_HELLO)
				hello(&in.head);
			else if (in.head.id == MSG_ID_NOTIFY_DEAD_NAME && in.head.size == sizeof(in.note))
				on_dead(in.note.name);
			else
				msg_destroy(&in.head);
		}
		uint32_t now = sfz_now(), made = steps_made();
		if (made != last_steps) {
			last_steps = made;
			last_move = now;
		} else if (now - last_move > SFZ_HANG_MS) {
			printf("sfuzz: HANG: no client made a step in %u ms\n", SFZ_HANG_MS);
			res.hangs++;
			break;
		}
		if (p->kill_ms && (int32_t)(now - next_kill) >= 0) {
			kill_one(tick++);
			next_kill = now + p->kill_ms;
		}
	}
	kill_all();
	uint32_t ms = sfz_now() - start;
	res.findings = report_findings();
	res.steps = board->stats[SFZ_S_STEPS];
	for (uint32_t i = 0; i < SFZ_SERVERS; i++)
		res.requests += board->calls[i];
	print_figures(ms);
	sfz_check_end(&base, &res);
	if (spawn_failures)
		printf("sfuzz: %u client starts failed\n", spawn_failures);
	if (res.findings + res.deaths + res.hangs + res.check_fails + res.leaks == 0)
		printf("sfuzz: verdict: PASS\n");
	else
		printf("sfuzz: verdict: FAIL: %u findings, %u servers died, %u hangs, %u known-good "
		       "requests failed, %u leaks (seed %u)\n", res.findings, res.deaths, res.hangs,
		       res.check_fails, res.leaks, p->seed);
	msg_send(&res.head, MSG_OPT_TIMEOUT, 1000);
	return 0;
}
