/*
 * fthread.h - one fuzzing stream's state, and the worker task's.
 *
 * Each thread of a worker runs one stream (task k, thread t) and owns a
 * struct fz_thread: its random state, its message buffers, its reply
 * ports, its register frame and the memory it sends and receives out of
 * line. The task-wide state (struct fz_task) is what the streams share:
 * the names the task holds, the other workers' ports, and the names no
 * generated message may carry away.
 */
#ifndef USER_FUZZ_FTHREAD_H
#define USER_FUZZ_FTHREAD_H

#include "user/fuzz/fuzz.h"
#include "user/fuzz/regs.h"

#define FZ_ARENA_PAGES	6	/* pages a stream owns and sends out of line */
#define FZ_HELD_MAX	6	/* regions a stream received and keeps a while */
#define FZ_NAMES_MAX	24	/* names in a task's pool */
#define FZ_NAMES_CORE	12	/* ... of which the first are the task's own, never dropped */
#define FZ_PEERS_MAX	(2 * FZ_TASKS_MAX)
#define FZ_PARKED_MAX	8	/* threads parked by thread_create requests */
#define FZ_CHILDREN_MAX	4	/* tasks spawned by module_spawn requests */
#define FZ_SETS_MAX	4	/* port sets made by port_set_allocate requests */

/* A region of memory a stream holds (fz_region.flags). */
#define FZ_R_SHARED	0x1u	/* other tasks map it too and may write it */
#define FZ_R_READONLY	0x2u	/* mapped read-only */
#define FZ_R_COPY	0x4u	/* a copy-on-write copy: its bytes must never change */
#define FZ_R_SUM	0x8u	/* sent: sum is its bytes, and no one else could change them */

struct fz_region {
	uint32_t addr, size, sum, flags;
	uint32_t origin;	/* how it came: mode << 8 | the sender's flags */
};

union fz_buf {
	struct msg_header head;
	uint32_t w[MSG_SIZE_MAX / 4];
	uint8_t b[MSG_SIZE_MAX];
};

struct fz_thread {
	uint32_t task, stream;		/* which stream: k.t */
	struct fz_stream *row;		/* its row on the board (NULL in the coordinator) */
	uint32_t step;			/* the step being made */
	struct fz_rng rng;		/* the step's decisions */
	struct fz_rng junk;		/* register junk */
	int raw;			/* the traps being made are generated ones */
	int reporting;			/* inside fz_fail: no checks (no recursion) */
	int restarting;			/* fz_restart is starting its thread again */
	union fz_buf *capture;		/* kobj.c: copy the next request here instead */
	port_name_t port;		/* this thread's port (a send right) */
	port_name_t r_rpc;		/* reply port of its RPCs to other workers */
	port_name_t r_k;		/* reply port of its kernel object requests */
	struct uthread *lib;		/* the user library's data of this thread (its reply ports) */
	uint32_t arena[FZ_ARENA_PAGES];	/* page addresses, 0 once moved away */
	uint8_t arena_shared[FZ_ARENA_PAGES];
	struct fz_region held[FZ_HELD_MAX];
	struct fz_frame frame;
	union fz_buf out, in;
};

struct fz_task {
	uint32_t k;
	int privileged;			/* holds the host port */
	port_name_t service;		/* its service port: RPCs and data */
	port_name_t sink;		/* a queue of one that is seldom drained */
	port_name_t park;		/* a port no one sends to: waiting there is parking */
	port_name_t set;		/* a port set with some of the fuzz ports in it */
	port_name_t names[FZ_NAMES_MAX];	/* what generated messages use */
	port_name_t peers[FZ_PEERS_MAX];	/* send rights to the workers' service and sink ports */
	port_name_t parked[FZ_PARKED_MAX];	/* thread ports of parked threads */
	port_name_t children[FZ_CHILDREN_MAX];	/* task ports of spawned tasks */
	port_name_t sets[FZ_SETS_MAX];		/* port sets made by requests */
	uint32_t device_addr, device_size;	/* device memory mapped by device_map */
	struct fz_thread th[FZ_THREADS_MAX + 1];	/* the streams, then the server thread */
	struct fz_thread watchdog;
};

extern struct fz_task fz_task;

/* The park port's name, where fz_park_entry (trap.S) finds it (also fz_task.park). */
extern port_name_t fz_park_port;

/* fz_self - the calling thread's stream (a lone one in the coordinator). */
struct fz_thread *fz_self(void);

/* names.c */
/* fz_name_ok - may a generated message or request name this (not protected)? */
int fz_name_ok(port_name_t name);
/* fz_names_add - remember a name the task now holds (a full pool drops one). */
void fz_names_add(port_name_t name);
/* fz_names_pick - a name of the pool, a well-known one or junk; never a protected one. */
port_name_t fz_names_pick(struct fz_rng *r);
/* fz_pool_pick - a name of the pool (NAME_NULL if it is empty). */
port_name_t fz_pool_pick(struct fz_rng *r);
/* fz_peer_pick - a send right to some worker's service or sink port (or NULL). */
port_name_t fz_peer_pick(struct fz_rng *r, int sink);
/*
 * fz_list_add - put name into a small table of n names, dropping the
 * oldest's right (terminating it first if threads: parked threads would
 * otherwise pile up until the task's kernel pool quota is full).
 */
void fz_list_add(port_name_t *list, uint32_t n, port_name_t name, int threads);
/* fz_list_pick - a name from such a table, or NAME_NULL. */
port_name_t fz_list_pick(struct fz_rng *r, const port_name_t *list, uint32_t n);
/* fz_from - the name a message received on `name` must say it came in on (NULL for a set). */
port_name_t fz_from(port_name_t name);

/* region.c */
/* fz_arena_reset - give the stream fresh arena pages (and drop its held regions). */
void fz_arena_reset(struct fz_thread *me);
/* fz_region_pick - a region to send with mode; *flags say what the receiver may check. */
void fz_region_pick(struct fz_thread *me, uint32_t mode, uint32_t *addr, uint32_t *size,
		    uint32_t *flags, uint32_t *sum);
/* fz_region_sent - the send of that region went through: update what the stream holds. */
void fz_region_sent(struct fz_thread *me, uint32_t mode, uint32_t addr, uint32_t size);
/* fz_region_received - keep (or let go of) a region that arrived out of line. */
void fz_region_received(struct fz_thread *me, uint32_t mode, uint32_t addr, uint32_t size,
			uint32_t flags);
/* fz_regions_touch - write the shared regions held; check that no copy changed. */
void fz_regions_touch(struct fz_thread *me);
/* fz_sum - a checksum of size bytes at addr. */
uint32_t fz_sum(uint32_t addr, uint32_t size);

/* body.c */
/*
 * fz_body_write - fill m's inline data (from the end of its descriptors
 * to m->size) with the checked body: what the header and descriptors
 * should look like on arrival, then pattern words. ool_flags/ool_sums:
 * per descriptor, what fz_region_pick said. link: the request a reply
 * answers (0 if none).
 */
void fz_body_write(struct fz_thread *me, struct msg_header *m, const uint32_t *ool_flags,
		   const uint32_t *ool_sums, uint32_t link_sender, uint32_t link_seq);
/*
 * fz_take - check a message that arrived in buf on name `from` (NAME_NULL:
 * not known, a set), then keep or let go of the rights and regions it
 * carries (keep_reply: leave its reply right for the caller). Returns 1
 * if it was a fuzzer message and checked, 0 otherwise.
 */
int fz_take(struct fz_thread *me, struct msg_header *m, port_name_t from, int keep_reply);
/* fz_body_of - the checked body of m, or NULL. */
const uint32_t *fz_body_of(const struct msg_header *m);

/* The checked body's first words (fz_body_of). */
enum fz_body_word {
	FZ_B_MAGIC, FZ_B_SENDER, FZ_B_SEQ, FZ_B_ID, FZ_B_SIZE, FZ_B_BITS, FZ_B_NDESC,
	FZ_B_LINK_SENDER, FZ_B_LINK_SEQ, FZ_B_CHECK, FZ_B_FIXED
};
#define FZ_BODY_MAGIC	0x465a5a21u	/* "!ZZF" */
#define FZ_SENDER(k, t)	((k) << 8 | (t))
/* A finding's `extra` naming the stream that sent a message and its step. */
#define FZ_SENDER_TAG(sender, seq) \
	(((sender) >> 8 & 0xfu) << 28 | ((sender) & 0xfu) << 24 | ((seq) & 0xffffffu))

/* gen.c */
/* fz_gen_reuse - a message reusing a few names everywhere; returns its trap op and options. */
void fz_step_reuse(struct fz_thread *me);
/* fz_step_random - a trap with random arguments. */
void fz_step_random(struct fz_thread *me);

/* kobj.c */
/* fz_step_kobject - a request to a kernel object, valid or mutated, with a checked reply. */
void fz_step_kobject(struct fz_thread *me);
/* fz_kobj_selfcheck - 0 if every routine of the kernel interfaces has a generator. */
int fz_kobj_selfcheck(void);

/* ops.c: the steps with a protocol. */
void fz_step_rpc(struct fz_thread *me);
void fz_step_serve(struct fz_thread *me, int forever);
void fz_step_send(struct fz_thread *me);
void fz_step_receive(struct fz_thread *me);
void fz_step_park(struct fz_thread *me);
void fz_step_kill_sibling(struct fz_thread *me);
void fz_step_refresh(struct fz_thread *me);
void fz_step_touch(struct fz_thread *me);

/* worker.c */
/* fz_set_state - say on the board what the stream is in (enum fz_state). */
void fz_set_state(struct fz_thread *me, uint32_t state);
/*
 * fz_restart - start stream t's thread again: the one whose port the
 * caller saw dead or killed (dead; NAME_NULL: it has none yet). Nothing
 * happens if the stream is being started, or was started again since.
 */
int fz_restart(uint32_t t, port_name_t dead);
/* fz_check_err - report err if the ABI says this trap never returns it. */
void fz_check_err(uint32_t op, int err);

#endif /* USER_FUZZ_FTHREAD_H */
