/*
 * client.h - a server fuzzer client's state and how its files call each
 * other: the step loop and the pool of rights (client.c), stub calls with
 * hostile arguments (calls.c: name, mem, console, pipe, proc; fscalls.c:
 * fs and its open files), paths and names (paths.c), the table of every
 * routine and the raw messages built from it (wire.c, raw.c), and the
 * clients that misbehave around replies (misbehave.c).
 *
 * A client holds a pool of rights it got from the servers (open files and
 * directories, pipe ends, console sessions, its process port), ports of
 * its own, service ports and dead names. Steps pick their targets and
 * their port arguments from the pool, right or wrong on purpose: a file's
 * port where a pipe end is expected, the fs service port where a file is.
 */
#ifndef USER_SFUZZ_CLIENT_H
#define USER_SFUZZ_CLIENT_H

#include "user/sfuzz/sfuzz.h"

/* What a right in the pool is. */
enum sfz_hkind {
	H_NONE = 0,
	H_SERVICE,	/* a server's service port (name, console, pipe, fs, proc public) */
	H_FILE,		/* an open file of fs */
	H_DIR,		/* an open directory of fs */
	H_READ_END,	/* a pipe's read end */
	H_WRITE_END,	/* a pipe's write end */
	H_SESSION,	/* a console session */
	H_PORT,		/* a port of our own: receive right and a send right */
	H_PROCESS,	/* our process port (proc attach) */
	H_DEAD,		/* a name whose port died */
	H_KINDS
};

#define SFZ_HANDLES	40	/* rights in the pool */
#define SFZ_KIDS	3	/* children a client keeps at once */
#define SFZ_REGIONS	8	/* memory regions a client keeps at once */
#define SFZ_NAMES	4	/* names a client registers at once */

struct sfz_handle {
	port_name_t name;
	uint8_t kind;		/* enum sfz_hkind */
	uint8_t server;		/* enum sfz_server: whose it is */
};

struct sfz_region {
	uint32_t addr, size;
};

struct sfz_client {
	uint32_t k;			/* our index */
	struct sfz_board *board;
	struct sfz_row *row;
	struct sfz_rng r;		/* this step's decisions */
	uint32_t step;
	port_name_t svc[SFZ_SERVERS];	/* the servers' ports (mem: our own pager port) */
	port_name_t process;		/* our process port, or NAME_NULL */
	int32_t pid;
	port_name_t deaf;		/* a port of ours with room for nothing, never read */
	struct sfz_handle h[SFZ_HANDLES];
	int32_t kids[SFZ_KIDS];		/* pids of our children, 0: none */
	struct sfz_region reg[SFZ_REGIONS];
	char names[SFZ_NAMES][16];	/* names we registered ("" none) */
	port_name_t keys[SFZ_NAMES];	/* their keys (name add_with_key) */
};

/* client.c: the pool, calls' bookkeeping and findings. */

/* sfz_hold - put name (kind, server's) in the pool; a full pool lets one go first. */
void sfz_hold(struct sfz_client *c, port_name_t name, uint32_t kind, uint32_t server);

/* sfz_pick - a random right of kind (H_NONE: any kind) from the pool, or -1. */
int sfz_pick(struct sfz_client *c, uint32_t kind);

/* sfz_pick_io - a random right that serves io.defs (file, dir, end, session), or -1. */
int sfz_pick_io(struct sfz_client *c);

/* sfz_any_right - a random name from the pool, NAME_NULL or NAME_DEAD now and then. */
port_name_t sfz_any_right(struct sfz_client *c);

/* sfz_drop - let pool entry i go (one send right; a port of ours dies). */
void sfz_drop(struct sfz_client *c, int i);

/*
 * sfz_is_console - may port be the console (its port or a session)? What
 * a client writes there goes to the screen and the serial log, so it
 * writes little there.
 */
int sfz_is_console(struct sfz_client *c, port_name_t port);

/* sfz_count_kind - how many rights of kind the pool holds. */
int sfz_count_kind(struct sfz_client *c, uint32_t kind);

/* sfz_begin - a call to server is on its way (the board says so); may it wait? */
void sfz_begin(struct sfz_client *c, uint32_t server, int may_wait);

/*
 * sfz_end - the call made after sfz_begin returned err: count it, and
 * make a finding of an answer a well-behaved server never gives (a
 * malformed reply, or silence from a call that must not wait).
 * Returns err.
 */
int sfz_end(struct sfz_client *c, uint32_t id, int err);

/*
 * SFZ_CALL - make one call to server (may_wait: the server may keep it,
 * so giving up after SFZ_WAIT_MS is no finding), counted and judged by
 * sfz_end under the routine's id. Evaluates to the call's error.
 */
#define SFZ_CALL(c, server, may_wait, id, call) \
	(sfz_begin((c), (server), (may_wait)), sfz_end((c), (id), (call)))

/* sfz_own_port - a port of ours from the pool (made if there is none), or NAME_NULL. */
port_name_t sfz_own_port(struct sfz_client *c);

/* sfz_finding - record a finding of this client's current step. */
void sfz_finding(struct sfz_client *c, uint32_t kind, uint32_t server, uint32_t id,
		 uint32_t expected, uint32_t seen);

/* sfz_fill - fill buf with len printable bytes that the step's RNG picks. */
void sfz_fill(struct sfz_client *c, void *buf, uint32_t len);

/* sfz_u32 - a hostile 32-bit number: small, at an edge, or random. */
uint32_t sfz_u32(struct sfz_client *c);

/* paths.c: what a path or a name in a request looks like. */

/*
 * sfz_path - a path for fs: safe (may be handed to a call that changes
 * the disk) keeps every lookup inside SFZ_ROOT (no ".." above it, none
 * after a name that may be a symbolic link); otherwise anything, /etc and
 * /bin included. Written into buf (cap bytes, NUL-terminated).
 */
void sfz_path(struct sfz_client *c, char *buf, uint32_t cap, int safe);

/* sfz_link_target - what a symbolic link may hold: never a way out of SFZ_ROOT. */
void sfz_link_target(struct sfz_client *c, char *buf, uint32_t cap);

/* sfz_path_is_link - does path's last name come from the links' names (rename, link)? */
int sfz_path_is_link(const char *path);

/* sfz_link_path - a safe path whose last name is one the links use. */
void sfz_link_path(struct sfz_client *c, char *buf, uint32_t cap);

/* sfz_service_name - a name for the name server: real, ours, or malformed. */
void sfz_service_name(struct sfz_client *c, char *buf, uint32_t cap);

/*
 * sfz_program - a spawn's argument block (NUL-separated strings) for a
 * program that ends by itself, or a malformed one. Returns its length.
 */
uint32_t sfz_program(struct sfz_client *c, char *buf, uint32_t cap);

/* calls.c: one step of stub calls to a server. */
void sfz_call_name(struct sfz_client *c);
void sfz_call_mem(struct sfz_client *c);
void sfz_call_console(struct sfz_client *c);
void sfz_call_pipe(struct sfz_client *c);
void sfz_call_proc(struct sfz_client *c);

/* fscalls.c */
void sfz_call_fs(struct sfz_client *c);
void sfz_call_file(struct sfz_client *c);
/* sfz_fs_data_check - write a pattern to our private file, read it back, compare. */
void sfz_fs_data_check(struct sfz_client *c);

/* raw.c: one hand-made message, well formed or mutated. */
void sfz_raw(struct sfz_client *c);

/* misbehave.c: a client that misbehaves around replies on purpose. */
void sfz_misbehave(struct sfz_client *c);

#endif /* USER_SFUZZ_CLIENT_H */
