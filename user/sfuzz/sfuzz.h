/*
 * sfuzz.h - the server fuzzer: what its files share.
 *
 * The kernel fuzzer (user/fuzz) attacks the traps; this one attacks the
 * user-mode servers (mem, name, console, pipe, fs and its open files and
 * directories, proc) the way a buggy or hostile client would. One
 * program, two roles (main.c picks by its first argument):
 *   sfuzz run KEY=VALUE...  the coordinator (coord.c): takes the baseline
 *                           (check.c), starts the client tasks, kills them
 *                           while they are in the middle of requests and
 *                           starts them again, then, once every client is
 *                           dead, asks each server a known-good question
 *                           and compares what the servers and the kernel
 *                           hold with the baseline;
 *   sfuzz client K          client task K (client.c): a stream of steps,
 *                           each one request or a few: stub calls with
 *                           hostile arguments (calls.c, fscalls.c, paths.c),
 *                           hand-made raw messages built from a table of
 *                           every routine and then mutated (wire.c, raw.c),
 *                           and clients that misbehave around replies.
 * A client's step S is decided by sfz_step_seed(seed, K, S) alone, so a
 * run is repeatable by its seed (the kills land where they land).
 *
 * The coordinator and the clients share one region, the board: each
 * client's next step, whether it is in a call and to which server, and
 * the findings it made. docs/testing.md ("The server fuzzer").
 */
#ifndef USER_SFUZZ_SFUZZ_H
#define USER_SFUZZ_SFUZZ_H

#include "user/lib/ulib.h"

#define SFZ_CLIENTS_MAX	6	/* client tasks at once */
#define SFZ_FAILS_KEPT	4	/* findings kept per client (all are counted) */
#define SFZ_BOARD_MAGIC	0x5346425au
#define SFZ_LIFE_STEPS	400	/* a client ends itself after this many steps (its own leaks) */
#define SFZ_CALL_MS	20000	/* a call that may not wait, unanswered this long: a finding */
#define SFZ_WAIT_MS	300	/* how long a call that may wait (a read of an empty pipe) waits */

/* The fuzzer's own message ids (coordinator <-> clients, coordinator -> suite). */
#define SFZ_ID_HELLO	7600u	/* client -> coordinator: the board and the name server, please */
#define SFZ_ID_START	7601u	/* coordinator -> its starter: the name server, please */
#define SFZ_ID_RESULT	7602u	/* coordinator -> its starter: the verdict */

/* The sandbox: every path a client may change is under it (paths.c). */
#define SFZ_ROOT	"/sfz"

/* The servers, as the board counts them. */
enum sfz_server {
	SFZ_NAME,
	SFZ_MEM,
	SFZ_CONSOLE,
	SFZ_PIPE,
	SFZ_FS,
	SFZ_PROC,
	SFZ_SERVERS
};

/* Kinds of finding a client makes. */
enum sfz_kind {
	SFZ_F_TABLE = 1,	/* a well-formed raw request was refused as malformed: wire.c is wrong */
	SFZ_F_REPLY,		/* an answer of the wrong shape, id or size */
	SFZ_F_SILENT,		/* a call that must not wait had no answer in SFZ_CALL_MS */
	SFZ_F_DATA,		/* bytes read back differ from those written */
	SFZ_F_ORACLE,		/* a server accepted what its interface refuses */
	SFZ_F_COUNT
};

struct sfz_failure {
	uint32_t kind, step, server, id, expected, seen;
};

/* What a client is doing (the coordinator picks its victims by it). */
enum sfz_state {
	SFZ_ST_IDLE = 0,	/* not started, or between calls */
	SFZ_ST_CALL,		/* in a call to a server (sfz_row.server) */
	SFZ_ST_DONE,		/* its steps are made */
};

struct sfz_row {
	volatile uint32_t step;		/* the next step to make */
	volatile uint32_t state;	/* enum sfz_state */
	volatile uint32_t server;	/* enum sfz_server, while in a call */
	volatile uint32_t clean;	/* it ended itself between steps */
	volatile uint32_t nfail;
	struct sfz_failure fail[SFZ_FAILS_KEPT];
};

/* The run's figures, which every client adds to. */
enum sfz_stat {
	SFZ_S_STEPS,		/* steps made */
	SFZ_S_STUB,		/* stub calls with hostile arguments */
	SFZ_S_RAW,		/* raw messages sent */
	SFZ_S_RAW_VALID,	/* ... of them well formed (not mutated) */
	SFZ_S_ANSWERED,		/* requests answered (with ERR_OK or an error) */
	SFZ_S_REFUSED,		/* ... with an error */
	SFZ_S_DROPPED,		/* requests dropped (a send-once notification) */
	SFZ_S_WAITED,		/* calls that waited (allowed) and were given up */
	SFZ_S_ONEWAY,		/* requests sent with no reply right, or one nobody reads */
	SFZ_S_MISBEHAVE,	/* clients that misbehaved around replies on purpose */
	SFZ_S_DATA_CHECKS,	/* round trips whose bytes were checked */
	SFZ_S_COUNT
};

/*
 * Kinds of step, a letter each: x= (make fuzz-servers SKIP=) leaves those
 * named out, to tell which kind of step a finding needs.
 */
#define SFZ_STEP_LETTERS	"nmcpfdoarb"	/* name mem console pipe fs file(d) proc(o)
						 * data(a) raw misbehave(b) */

struct sfz_board {
	uint32_t magic;
	uint32_t seed;
	uint32_t steps;			/* per client */
	uint32_t clients;
	uint32_t skip;			/* kinds of step left out: bit i, SFZ_STEP_LETTERS[i] */
	volatile uint32_t stop;		/* the run is over: make no more steps */
	volatile uint32_t stats[SFZ_S_COUNT];
	volatile uint32_t calls[SFZ_SERVERS];	/* requests per server */
	struct sfz_row row[SFZ_CLIENTS_MAX];
};
#define SFZ_BOARD_PAGES	1
_Static_assert(sizeof(struct sfz_board) <= SFZ_BOARD_PAGES * 4096, "the board outgrew its page");

/* The verdict the coordinator sends whoever started it (user/tests/sfuzz.c). */
struct sfz_result {
	struct msg_header head;
	uint32_t findings;	/* the clients' findings */
	uint32_t deaths;	/* servers that died */
	uint32_t hangs;		/* no client moved for a long time */
	uint32_t check_fails;	/* known-good requests that failed at the end */
	uint32_t leaks;		/* counts that did not come back */
	uint32_t steps;		/* steps made */
	uint32_t requests;	/* requests sent to servers */
};

/* The run's parameters (main.c parses them). */
struct sfz_params {
	uint32_t seed, steps, clients, kill_ms, skip;
};

/* A small PRNG (xorshift32) and the hash that seeds it. */
struct sfz_rng {
	uint32_t s;
};

static inline uint32_t
sfz_mix(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

static inline uint32_t
sfz_rand(struct sfz_rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 17;
	r->s ^= r->s << 5;
	return r->s;
}

/* sfz_below - a number in [0, n), n > 0. */
static inline uint32_t
sfz_below(struct sfz_rng *r, uint32_t n)
{
	return sfz_rand(r) % n;
}

/* sfz_one_in - true once in n times. */
static inline int
sfz_one_in(struct sfz_rng *r, uint32_t n)
{
	return sfz_rand(r) % n == 0;
}

/* sfz_step_seed - the seed of client k's step: all its decisions come from it. */
static inline uint32_t
sfz_step_seed(uint32_t seed, uint32_t k, uint32_t step)
{
	uint32_t h = sfz_mix(seed ^ 0x9e3779b9u) ^ sfz_mix(k + 0x7f4a7c15u);

	h = sfz_mix(h ^ sfz_mix(step + 0x165667b1u));
	return h ? h : 1;
}

/* sfz_stat - add n to a run figure (any client, atomically). */
static inline void
sfz_stat(struct sfz_board *b, enum sfz_stat s, uint32_t n)
{
	__atomic_fetch_add(&b->stats[s], n, __ATOMIC_RELAXED);
}

/* sfz_server_name - "name", "mem", ... */
const char *sfz_server_name(uint32_t server);

/* sfz_kind_name - "table", "reply", ... */
const char *sfz_kind_name(uint32_t kind);

/* coord.c: run the coordinator; returns the process exit status. */
int sfz_coordinate(const struct sfz_params *p);

/* client.c: run client task k; does not return. */
void sfz_client(uint32_t k) __attribute__((noreturn));

#endif /* USER_SFUZZ_SFUZZ_H */
