/*
 * fuzz.h - the kernel fuzzer: what its files share.
 *
 * One program, three roles (main.c picks by its first argument):
 *   fuzz run KEY=VALUE...   the coordinator: starts worker tasks, kills
 *                           some while they are blocked in traps, starts
 *                           them again, watches for hangs, and at the end
 *                           compares every kernel object count with the
 *                           baseline it took first (coord.c);
 *   fuzz worker K           worker task K: one thread per stream, each
 *                           making a stream of generated traps (worker.c);
 *   fuzz exit               exits at once (what privileged workers spawn).
 *
 * Every trap goes through fz_call (regs.c): junk in every register the
 * trap does not read, known values in the x87 stack, and afterwards a check
 * that all of it but %eax came back. Every message a worker sends carries
 * a body whose every word the receiver checks (body.c). A stream's
 * decisions for step S come from fz_step_seed(seed, task, thread, S)
 * alone, so one stream can be replayed by itself (docs/testing.md).
 *
 * Workers and the coordinator share one memory region, the board: each
 * stream's step, what trap it is in, and the findings it made.
 */
#ifndef USER_FUZZ_FUZZ_H
#define USER_FUZZ_FUZZ_H

#include "user/lib/ulib.h"
#include "user/fuzz/regs.h"

#define FZ_TASKS_MAX	7	/* a hello's reply carries the board and 2 ports per task: 15 descriptors */
#define FZ_THREADS_MAX	4	/* streams per worker task */
#define FZ_FAILS_KEPT	3	/* findings kept per stream (all are counted) */
#define FZ_COORD_TASK	15	/* the task index the coordinator's own traps carry */

/* Where the kernel places memory it picks (docs/abi.md). */
#define FZ_DYN_BASE	0x10000000u
#define FZ_DYN_TOP	0xB0000000u

/* Message ids of the fuzzer's own traffic. */
#define FZ_ID_DATA	7000u	/* one-way data, and the generated messages */
#define FZ_ID_RPC	7001u	/* a request that wants a reply */
#define FZ_ID_HELLO	7002u	/* worker -> coordinator: here are my ports */
#define FZ_ID_DIR	7003u	/* worker -> coordinator: the other workers' ports, please */
#define FZ_ID_RESULT	7004u	/* coordinator -> whoever started it (the test suite): the verdict */

/* The verdict a coordinator sends its bootstrap port (the guest test suite's short run). */
struct fz_result {
	struct msg_header head;
	uint32_t findings;	/* findings of every kind, leaks and hangs included */
	uint32_t leaks;		/* kernel object counts that did not come back */
	uint32_t steps;		/* steps made */
	uint32_t traps;		/* traps made */
};

/*
 * Known findings whose patterns a run can leave alone (run argument x=,
 * make fuzz SKIP=): a letter each. make test skips those not fixed yet.
 */
enum fz_skip {
	FZ_SKIP_DUPSEND = 1u << 0,	/* d: a send right moved, then copied in one message */
	FZ_SKIP_NOREPLY = 1u << 1,	/* n: thread_create/module_spawn with no reply right */
	FZ_SKIP_IOGRANT = 1u << 2,	/* i: the io_grant oracle (kernel-driven I/O ports) */
	FZ_SKIP_COW = 1u << 3,		/* c: the check that a copy of a shared page stays put */
	FZ_SKIP_X87 = 1u << 4,		/* x: the x87 part of the register check */
};
#define FZ_SKIP_LETTERS	"dnicx"

/* What a stream is doing (fz_stream.state): the coordinator picks victims by it. */
enum fz_state {
	FZ_ST_IDLE = 0,		/* not started, or between traps */
	FZ_ST_POLL,		/* in a trap that cannot block */
	FZ_ST_SEND,		/* in a send with no timeout */
	FZ_ST_RECV,		/* in a receive with no timeout */
	FZ_ST_RPC,		/* in an RPC with no timeout */
	FZ_ST_DONE,		/* its steps are made; it serves its task's port */
	FZ_ST_COUNT
};

/* Kinds of finding. */
enum fz_kind {
	FZ_F_REGS = 1,		/* a register other than %eax changed across a trap */
	FZ_F_X87,		/* the x87 state changed across a trap */
	FZ_F_DATA,		/* a message arrived different from what was sent */
	FZ_F_REPLY,		/* a kernel object's reply is malformed or missing */
	FZ_F_ERRCODE,		/* a trap returned an error code the ABI does not allow */
	FZ_F_ORACLE,		/* a kernel object did what its interface forbids */
	FZ_F_COW,		/* a copy-on-write copy changed under its holder */
	FZ_F_COUNT
};

struct fz_failure {
	uint32_t kind, step, what, expected, seen, extra;
};

/* One stream's row on the board. Written by its thread, read by the coordinator. */
struct fz_stream {
	volatile uint32_t step;		/* the next step to make */
	volatile uint32_t state;	/* enum fz_state */
	volatile uint32_t traps;	/* traps made (steps make one or more) */
	volatile uint32_t done;
	volatile uint32_t nfail;	/* findings made */
	struct fz_failure fail[FZ_FAILS_KEPT];
};

/* Counters every stream adds to (the run's figures). */
enum fz_stat {
	FZ_S_SENT,		/* generated messages the kernel took */
	FZ_S_REFUSED,		/* ... and refused with an error */
	FZ_S_VERIFIED,		/* messages received and checked word by word */
	FZ_S_OOL_VERIFIED,	/* out-of-line regions checked */
	FZ_S_RPCS,		/* RPCs answered */
	FZ_S_NO_REPLY,		/* RPCs answered by a send-once notification */
	FZ_S_KOBJ,		/* kernel object requests sent */
	FZ_S_KOBJ_REPLIES,	/* ... whose replies were checked */
	FZ_S_KILL_SEND,		/* threads killed in a send with no timeout */
	FZ_S_KILL_RECV,		/* ... in a receive */
	FZ_S_KILL_RPC,		/* ... in an RPC */
	FZ_S_COPIES,		/* copy-on-write copies checked again later */
	FZ_S_COUNT
};

#define FZ_BOARD_MAGIC	0x464d5a42u
#define FZ_BOARD_PAGES	2

struct fz_board {
	uint32_t magic;
	uint32_t seed;
	uint32_t steps;			/* per stream (a replay: o=K.T); else unlimited */
	uint32_t tasks, threads;
	uint32_t skip;			/* enum fz_skip bits */
	uint32_t only_task, only_thread;	/* a replay: only this stream (else ~0) */
	volatile uint32_t stop;		/* the run is over: stop making traps */
	volatile uint32_t stats[FZ_S_COUNT];
	/* Per task: its streams, then (row `threads`) its server thread. */
	struct fz_stream s[FZ_TASKS_MAX][FZ_THREADS_MAX + 1];
};
_Static_assert(sizeof(struct fz_board) <= FZ_BOARD_PAGES * 4096, "the board outgrew its pages");

/* The run's parameters (main.c parses them). */
struct fz_params {
	uint32_t seed, traps, tasks, threads, skip, kill_ms;
	uint32_t only_task, only_thread;
};

/* A small PRNG (xorshift32) and the hash that seeds it. */
struct fz_rng {
	uint32_t s;
};

static inline uint32_t
fz_mix(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

static inline uint32_t
fz_rand(struct fz_rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 17;
	r->s ^= r->s << 5;
	return r->s;
}

/* fz_below - a number in [0, n), n > 0. */
static inline uint32_t
fz_below(struct fz_rng *r, uint32_t n)
{
	return fz_rand(r) % n;
}

/* fz_one_in - true once in n times. */
static inline int
fz_one_in(struct fz_rng *r, uint32_t n)
{
	return fz_rand(r) % n == 0;
}

/* fz_step_seed - the seed of stream (task, thread)'s step: all its decisions come from it. */
static inline uint32_t
fz_step_seed(uint32_t seed, uint32_t task, uint32_t thread, uint32_t step)
{
	uint32_t h = fz_mix(seed ^ 0x9e3779b9u) ^ fz_mix((task << 8 | thread) + 0x7f4a7c15u);

	h = fz_mix(h ^ fz_mix(step + 0x165667b1u));
	return h ? h : 1;
}

/* main.c */
extern struct fz_params fz_params;
extern struct fz_board *fz_board;

/* coord.c: run the coordinator; returns the process exit status. */
int fz_coordinate(const struct fz_params *p);

/* worker.c: run worker task k; does not return. */
void fz_work(uint32_t k) __attribute__((noreturn));

/* report.c */
/* fz_fail - record a finding of the calling stream (or print it, in the coordinator). */
void fz_fail(uint32_t kind, uint32_t what, uint32_t expected, uint32_t seen, uint32_t extra);
/* fz_stat - add n to a run counter. */
void fz_stat(enum fz_stat s, uint32_t n);
/* fz_print_failure - one line describing finding f of stream (k, t). */
void fz_print_failure(uint32_t k, uint32_t t, const struct fz_failure *f);
/* fz_kind_name - "registers", "wrong data", ... */
const char *fz_kind_name(uint32_t kind);
/* fz_coord_failure - count a finding of the coordinator's own traps (coord.c). */
void fz_coord_failure(void);

#endif /* USER_FUZZ_FUZZ_H */
