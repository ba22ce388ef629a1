/*
 * client.c - a server fuzzer client: start-up, the step loop, the pool of
 * rights, and the bookkeeping of every call (what it got back, and which
 * answers are findings).
 *
 * Start-up: ask the coordinator (our bootstrap port) for the board and
 * the name server, find the other servers by name, and join proc
 * (attach: a process port, so the routines that act for the caller can
 * be tried). Then step S of client K, for S from the board's next step:
 * its decisions come from sfz_step_seed(seed, K, S); the board's step moves
 * on after each one, so a client the coordinator killed (often in the
 * middle of a call, on purpose) goes on from the next step when it is
 * started again. After SFZ_LIFE_STEPS steps a client ends itself, so
 * what it leaks on purpose never piles up; the servers must get all of it
 * back when it dies.
 */
#include "user/sfuzz/client.h"
#include "harbor/name_client.h"
#include "harbor/proc_client.h"
#include "harbor/task_client.h"

static struct sfz_client cl;

const char *
sfz_server_name(uint32_t server)
{
	static const char *const names[SFZ_SERVERS] = { "name", "mem", "console", "pipe", "fs", "proc" };

	return server < SFZ_SERVERS ? names[server] : "?";
}

const char *
sfz_kind_name(uint32_t kind)
{
	static const char *const names[SFZ_F_COUNT] = {
		"?", "table", "malformed answer", "no answer", "wrong data", "accepted the forbidden",
	};

	return kind < SFZ_F_COUNT ? names[kind] : "?";
}

void
sfz_hold(struct sfz_client *c, port_name_t name, uint32_t kind, uint32_t server)
{
	int free = -1;

	if (name == NAME_NULL || name == NAME_DEAD)
		return;
	for (int i = 0; i < SFZ_HANDLES && free < 0; i++)
		if (c->h[i].kind == H_NONE)
			free = i;
	if (free < 0) {
		free = (int)sfz_below(&c->r, SFZ_HANDLES);
		sfz_drop(c, free);
	}
	c->h[free] = (struct sfz_handle){ name, (uint8_t)kind, (uint8_t)server };
}

int
sfz_pick(struct sfz_client *c, uint32_t kind)
{
	int n = 0, which;

	for (int i = 0; i < SFZ_HANDLES; i++)
		n += c->h[i].kind != H_NONE && (kind == H_NONE || c->h[i].kind == kind);
	if (n == 0)
		return -1;
	which = (int)sfz_below(&c->r, (uint32_t)n);
	for (int i = 0; i < SFZ_HANDLES; i++)
		if (c->h[i].kind != H_NONE && (kind == H_NONE || c->h[i].kind == kind) && which-- == 0)
			return i;
	return -1;
}

int
sfz_pick_io(struct sfz_client *c)
{
	static const uint8_t io[] = { H_FILE, H_DIR, H_READ_END, H_WRITE_END, H_SESSION };

	for (int tries = 0; tries < 4; tries++) {
		int i = sfz_pick(c, io[sfz_below(&c->r, sizeof(io))]);
		if (i >= 0)
			return i;
	}
	return -1;
}

port_name_t
sfz_any_right(struct sfz_client *c)
{
	int i;

	if (sfz_one_in(&c->r, 10))
		return sfz_one_in(&c->r, 2) ? NAME_NULL : NAME_DEAD;
	if (sfz_one_in(&c->r, 10))
		return NAME_TASK_SELF;
	i = sfz_pick(c, H_NONE);
	return i >= 0 ? c->h[i].name : NAME_TASK_SELF;
}

void
sfz_drop(struct sfz_client *c, int i)
{
	if (i < 0 || c->h[i].kind == H_NONE)
		return;
	task_port_deallocate(NAME_TASK_SELF, c->h[i].name);
	if (c->h[i].kind == H_PORT)	/* then the receive right: the port dies */
		task_port_deallocate(NAME_TASK_SELF, c->h[i].name);
	c->h[i] = (struct sfz_handle){ 0 };
}

port_name_t
sfz_own_port(struct sfz_client *c)
{
	int i = sfz_pick(c, H_PORT);
	port_name_t p = NAME_NULL;

	if (i >= 0 && (sfz_count_kind(c, H_PORT) >= 3 || sfz_one_in(&c->r, 2)))
		return c->h[i].name;
	if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK)
		return NAME_NULL;
	task_port_make_send(NAME_TASK_SELF, p);
	sfz_hold(c, p, H_PORT, SFZ_SERVERS);
	return p;
}

int
sfz_is_console(struct sfz_client *c, port_name_t port)
{
	if (port == c->svc[SFZ_CONSOLE])
		return 1;
	for (int i = 0; i < SFZ_HANDLES; i++)
		if (c->h[i].name == port && c->h[i].kind != H_NONE)
			return c->h[i].kind == H_SESSION ||
			       (c->h[i].kind == H_SERVICE && c->h[i].server == SFZ_CONSOLE);
	return 1;	/* a name we do not know: it may be anything */
}

int
sfz_count_kind(struct sfz_client *c, uint32_t kind)
{
	int n = 0;

	for (int i = 0; i < SFZ_HANDLES; i++)
		n += c->h[i].kind == kind;
	return n;
}

void
sfz_finding(struct sfz_client *c, uint32_t kind, uint32_t server, uint32_t id, uint32_t expected,
	    uint32_t seen)
{
	struct sfz_row *row = c->row;
	uint32_t n = row->nfail;

	if (n < SFZ_FAILS_KEPT)
		row->fail[n] = (struct sfz_failure){ kind, c->step, server, id, expected, seen };
	row->nfail = n + 1;
}

void
sfz_fill(struct sfz_client *c, void *buf, uint32_t len)
{
	uint8_t *p = buf;
	uint32_t x = sfz_rand(&c->r);

	for (uint32_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		p[i] = (uint8_t)('a' + (x >> 16) % 26);
	}
}

uint32_t
sfz_u32(struct sfz_client *c)
{
	static const uint32_t edges[] = {
		0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0x1001, 0xffff, 0x10000,
		0x100000, 0x100001, 0x4000000, 0x4001000, 0x10000000, 0x7ffff000, 0x7fffffff,
		0x80000000, 0xb0000000, 0xfffff000, 0xfffffffe, 0xffffffff,
	};
	struct sfz_rng *r = &c->r;

	switch (sfz_below(r, 4)) {
	case 0:
		return sfz_below(r, 16);
	case 1:
	case 2:
		return edges[sfz_below(r, ARRAY_SIZE(edges))];
	default:
		return sfz_rand(r);
	}
}

/* The call in flight may wait (a read of an empty pipe): a time-out is no finding. */
static int call_may_wait;
static uint32_t call_server;

void
sfz_begin(struct sfz_client *c, uint32_t server, int may_wait)
{
	call_may_wait = may_wait;
	call_server = server;
	msg_call_timeout(may_wait ? SFZ_WAIT_MS : SFZ_CALL_MS);
	c->row->server = server;
	c->row->state = SFZ_ST_CALL;
	__atomic_fetch_add(&c->board->calls[server < SFZ_SERVERS ? server : 0], 1, __ATOMIC_RELAXED);
}

int
sfz_end(struct sfz_client *c, uint32_t id, int err)
{
	struct sfz_board *b = c->board;

	c->row->state = SFZ_ST_IDLE;
	if (err == ERR_TIMED_OUT && call_may_wait)
		sfz_stat(b, SFZ_S_WAITED, 1);
	else if (err == ERR_TIMED_OUT)
		sfz_finding(c, SFZ_F_SILENT, call_server, id, ERR_OK, err);
	else if (err == ERR_BAD_REPLY)
		sfz_finding(c, SFZ_F_REPLY, call_server, id, ERR_OK, err);
	else if (err == ERR_NO_REPLY)
		sfz_stat(b, SFZ_S_DROPPED, 1);
	else if (err <= 0 || err >= ERR_COUNT)
		sfz_stat(b, SFZ_S_ANSWERED, 1);
	else {
		sfz_stat(b, SFZ_S_ANSWERED, 1);
		sfz_stat(b, SFZ_S_REFUSED, 1);
	}
	if (err < 0 || err >= ERR_COUNT)
		sfz_finding(c, SFZ_F_REPLY, call_server, id, ERR_OK, (uint32_t)err);
	msg_call_timeout(0);
	return err;
}

/* Ask the coordinator for the board and the name server. */
static int
client_hello(struct sfz_client *c)
{
	union {
		struct msg_header head;
		struct {
			struct msg_header head;
			struct msg_body body;
			struct msg_ool_desc board;
			struct msg_port_desc name;
		} r;
		uint8_t bytes[256];
	} m = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = sizeof(m.head),
			  .dest = NAME_BOOTSTRAP, .id = SFZ_ID_HELLO } };
	int err = msg_call(&m.head, sizeof(m));

	if (err != ERR_OK)
		return err;
	if (m.head.id != MSG_REPLY_ID(SFZ_ID_HELLO) || m.head.size != sizeof(m.r) ||
	    m.r.body.desc_count != 2 || m.r.board.type != MSG_DESC_OOL ||
	    m.r.board.size < sizeof(struct sfz_board) || m.r.name.type != MSG_DESC_PORT)
		return ERR_BAD_REPLY;
	c->board = (struct sfz_board *)(uintptr_t)m.r.board.address;
	c->svc[SFZ_NAME] = m.r.name.name;
	return c->board->magic == SFZ_BOARD_MAGIC ? ERR_OK : ERR_BAD_REPLY;
}

static void
client_start(struct sfz_client *c, uint32_t k)
{
	static const char *const names[SFZ_SERVERS] = { NULL, NULL, "console", "pipe", "fs", "proc" };
	char me[16];

	c->k = k;
	if (client_hello(c) != ERR_OK)
		exit(2);
	c->row = &c->board->row[k];
	c->svc[SFZ_MEM] = mem_port;
	for (uint32_t s = 0; s < SFZ_SERVERS; s++) {
		if (names[s] == NULL)
			continue;
		/* Twice: one reference for svc[], one for the pool, which may drop it. */
		if (name_lookup(c->svc[SFZ_NAME], names[s], 2000, &c->svc[s]) != ERR_OK ||
		    name_lookup(c->svc[SFZ_NAME], names[s], 2000, &c->svc[s]) != ERR_OK)
			exit(3);
		sfz_hold(c, c->svc[s], H_SERVICE, s);
	}
	snprintf(me, sizeof(me), "sfz%u", k);
	if (proc_attach(c->svc[SFZ_PROC], NAME_TASK_SELF, me, &c->process, &c->pid) == ERR_OK)
		sfz_hold(c, c->process, H_PROCESS, SFZ_PROC);
	if (task_port_allocate(NAME_TASK_SELF, &c->deaf) == ERR_OK) {
		task_port_set_limit(NAME_TASK_SELF, c->deaf, 0);
		task_port_make_send(NAME_TASK_SELF, c->deaf);
	}
}

/* One step: what it does is the step's RNG's choice. */
static void
client_step(struct sfz_client *c)
{
	/* Each kind of step and its share (of 100), in SFZ_STEP_LETTERS order. */
	static const struct {
		void (*step)(struct sfz_client *c);
		uint32_t share;
	} kinds[] = {
		{ sfz_call_name, 8 }, { sfz_call_mem, 8 }, { sfz_call_console, 8 },
		{ sfz_call_pipe, 12 }, { sfz_call_fs, 14 }, { sfz_call_file, 12 },
		{ sfz_call_proc, 6 }, { sfz_fs_data_check, 2 }, { sfz_raw, 25 },
		{ sfz_misbehave, 5 },
	};
	uint32_t what = sfz_below(&c->r, 100);

	for (uint32_t i = 0; i < ARRAY_SIZE(kinds); what -= kinds[i].share, i++)
		if (what < kinds[i].share) {
			if (!(c->board->skip & (1u << i)))
				kinds[i].step(c);
			return;
		}
}

void
sfz_client(uint32_t k)
{
	struct sfz_client *c = &cl;
	uint32_t lived = 0;

	client_start(c, k);
	while (!c->board->stop && c->row->step < c->board->steps && lived++ < SFZ_LIFE_STEPS) {
		c->step = c->row->step;
		c->r.s = sfz_step_seed(c->board->seed, k, c->step);
		client_step(c);
		sfz_stat(c->board, SFZ_S_STEPS, 1);
		c->row->step = c->step + 1;
	}
	c->row->state = c->row->step >= c->board->steps ? SFZ_ST_DONE : SFZ_ST_IDLE;
	c->row->clean = 1;	/* a death the coordinator need not skip a step for */
	exit(0);
}
