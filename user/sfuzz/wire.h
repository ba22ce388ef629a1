/*
 * wire.h - every routine the fuzzed servers serve, as the fuzzer sees it,
 * and raw messages built from that table and then mutated (wire.c).
 *
 * The generated stubs only ever send well-formed requests. A hostile
 * client writes its own: this table says, for each routine, its id, which
 * server and which kind of port serves it, and its in-arguments in
 * declaration order; sfz_wire_build lays a request out exactly as
 * docs/idl.md says (descriptors, fixed part, variable part) with hostile
 * values, and sfz_wire_mutate breaks it on purpose. A well-formed request
 * that a server refuses as malformed is a finding against this table
 * (SFZ_F_TABLE), so the table cannot drift from the interface files
 * unnoticed.
 *
 * An argument is a type letter, a flavour letter and a bound:
 *   u  uint32/int32: u (any), w (a lookup's wait), f (open flags),
 *      n (a count), i (a pid), k (a FIFO key), m (a mode)
 *   p  port(copy_send): T (a task port, ours mostly), O (ports of ours
 *      only), S (a console session), R (any right)
 *   o  ool(copy) (its len, the next u, is made to fit)
 *   s  string<=N: N (a service name), P (a safe path), L (a link's
 *      target), Q (a process name)
 *   b  bytes<=N: X (printable text), K (keys to type), A (a spawn's args)
 */
#ifndef USER_SFUZZ_WIRE_H
#define USER_SFUZZ_WIRE_H

#include "user/sfuzz/client.h"

/* What kind of port a routine is served on. */
enum sfz_target {
	T_NAME,		/* the name server */
	T_MEM,		/* our pager port at the memory server */
	T_CONSOLE,	/* the console port or a session */
	T_IO,		/* any io.defs object: a session, a pipe end, a file */
	T_PIPE,		/* the pipe server's service port */
	T_FS,		/* the filesystem's service port */
	T_FILE,		/* an open file or directory */
	T_PROC,		/* proc's public port */
	T_PROCESS,	/* our process port */
	T_TARGETS
};

/* Routine flags. */
#define W_WAITS		0x1	/* the server may keep it and answer later */
#define W_ONEWAY	0x2	/* a simpleroutine: no answer */
#define W_SCREEN	0x4	/* its bytes reach the screen: printable only */
#define W_RARE		0x8	/* harmful to the run if sent often (clear, sync) */
#define W_OWN		0x10	/* port arguments die with the client, mutated too: a name
				 * registered for another server's port outlives the client,
				 * rightly, and the run could not tell it from a leak */

struct sfz_routine {
	uint32_t id;
	uint8_t server;		/* enum sfz_server */
	uint8_t target;		/* enum sfz_target */
	uint8_t flags;
	const char *name;
	const char *sig;	/* in-arguments, space-separated */
};

extern const struct sfz_routine sfz_routines[];
extern const uint32_t sfz_nroutines;

#define SFZ_WIRE_PARTS	8

/* A raw request being built: its bytes, and where its parts are. */
struct sfz_wire {
	union {
		struct msg_header head;
		uint8_t bytes[MSG_SIZE_MAX];
	} m;
	const struct sfz_routine *r;
	uint32_t ndesc, desc_at[SFZ_WIRE_PARTS];	/* byte offsets */
	uint32_t nfixed, fixed_at[SFZ_WIRE_PARTS];
	uint32_t nvar, var_at[SFZ_WIRE_PARTS];		/* of each length word */
	uint32_t ool_addr, ool_size;	/* a region made for an ool argument: ours to free */
	int mutated;			/* sfz_wire_mutate changed it */
	int printable;			/* keep data bytes printable (W_SCREEN) */
	int quiet;			/* the screen may be dest: little data (sfz_is_console) */
};

/*
 * sfz_wire_build - lay out a well-formed request for r to dest, with a
 * reply right to be filled in by the caller (bits say MAKE_SEND_ONCE).
 * Returns ERR_OK, or ERR_NO_MEMORY if a region for an ool argument could
 * not be had.
 */
int sfz_wire_build(struct sfz_client *c, const struct sfz_routine *r, port_name_t dest,
		   struct sfz_wire *w);

/* sfz_wire_mutate - break w in one to three ways the step's RNG picks. */
void sfz_wire_mutate(struct sfz_client *c, struct sfz_wire *w);

/*
 * sfz_wire_own_ports - make every port descriptor of w name a right that
 * dies with the client (W_OWN): for a request that reaches the name
 * server whatever routine it was built for.
 */
void sfz_wire_own_ports(struct sfz_client *c, struct sfz_wire *w);

/* sfz_wire_done - give back what building w took (its region). */
void sfz_wire_done(struct sfz_wire *w);

/* sfz_routine_find - the table's entry for id, or NULL. */
const struct sfz_routine *sfz_routine_find(uint32_t id);

#endif /* USER_SFUZZ_WIRE_H */
