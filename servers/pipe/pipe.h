/*
 * pipe.h - the pipe server's state and the parts it is made of: the
 * bounded buffer (ring.c), pipes and their ends (table.c), requests kept
 * until they can be answered (park.c), the io.defs handlers of an end
 * (io.c), start-up, the loop and pipe.defs (main.c).
 *
 * A pipe is a ring buffer with two kinds of end. Every end is a port of
 * ours in the loop's port set, with a no-senders notification: the last
 * send right to it going is that end closing. pipe() makes one end of
 * each kind; each open of a named pipe makes one more. A pipe's readers
 * (writers) are its live read (write) ends.
 */
#ifndef SERVERS_PIPE_PIPE_H
#define SERVERS_PIPE_PIPE_H

#include <stddef.h>
#include <stdint.h>
#include "harbor/msg.h"
#include "harbor/pipe.h"

#define PIPE_MAX	32	/* pipes at once, named ones included */
#define PIPE_ENDS_MAX	96	/* ends at once (ports in our set) */
#define PIPE_PARKED_MAX	64	/* requests waiting at once, all pipes together */

/* ring.c: PIPE_BUFFER_SIZE bytes, oldest first. */
struct ring {
	uint8_t *buf;		/* PIPE_BUFFER_SIZE bytes (malloc) */
	uint32_t head;		/* where the oldest byte is */
	uint32_t used;		/* how many bytes are held */
};

enum pipe_end_kind {
	PIPE_END_READ = 1,
	PIPE_END_WRITE = 2,
};

struct pipe {
	int used;		/* the slot holds a pipe */
	uint32_t parked;	/* requests kept for it in pipe_parked */
	int named;		/* a FIFO, found by key */
	uint32_t key;		/* a FIFO's key */
	uint32_t readers;	/* live read ends */
	uint32_t writers;	/* live write ends */
	int had_reader;		/* a read end has been opened (always, for pipe()) */
	int had_writer;		/* a write end has been opened (always, for pipe()) */
	struct ring ring;
};

struct pipe_end {
	port_name_t port;	/* our receive right; NAME_NULL: the slot is free */
	struct pipe *pipe;
	enum pipe_end_kind kind;
};

/* A request that could not be answered yet, kept whole (with its reply
 * right and, for write_ool, its pages) until it can. */
struct pipe_parked {
	struct pipe *pipe;	/* NULL: the slot is free */
	enum pipe_end_kind kind;
	uint32_t seq;		/* the order it came in: the oldest is answered first */
	uint32_t done;		/* a long write: how many of its bytes are in already */
	struct msg_header *req;	/* a copy of the request (malloc) */
};

/* Set by the loop around one dispatch of an end's request. */
struct pipe_call {
	struct pipe *pipe;		/* the pipe of the end it came to */
	enum pipe_end_kind kind;	/* which kind of end that is */
	struct pipe_parked *replay;	/* the kept request being replayed, or NULL */
	int park;			/* the handler asks to keep the request */
	uint32_t done;			/* a long write: bytes in so far (in and out) */
	uint32_t took;			/* a read: bytes taken out of the ring */
	uint32_t ool_addr, ool_size;	/* a read_ool: the pages the reply moves */
};

extern struct pipe pipes[PIPE_MAX];
extern struct pipe_end pipe_ends[PIPE_ENDS_MAX];
extern struct pipe_parked pipe_parked[PIPE_PARKED_MAX];
extern port_name_t pipe_set, pipe_notify;

/* ring.c */
int ring_init(struct ring *r);		/* ERR_OK or ERR_NO_MEMORY */
void ring_free(struct ring *r);
uint32_t ring_room(const struct ring *r);
uint32_t ring_put(struct ring *r, const void *data, uint32_t len);	/* returns bytes put */
uint32_t ring_take(struct ring *r, void *data, uint32_t len);		/* returns bytes taken */
void ring_untake(struct ring *r, uint32_t len);	/* the last take's len bytes are back */

/* table.c */
struct pipe *pipe_alloc(void);
struct pipe *pipe_find_named(uint32_t key);
int pipe_end_open(struct pipe *p, enum pipe_end_kind kind, port_name_t *port);
struct pipe_end *pipe_end_find(port_name_t port);
void pipe_end_closed(port_name_t port);	/* its no-senders came */
void pipe_end_undo(port_name_t port);	/* an end just opened goes again */
void pipe_free_if_unused(struct pipe *p);	/* no end left: free it */
uint32_t pipe_count(void);
uint32_t pipe_end_count(void);

/* park.c */
int pipe_park_room(void);
void pipe_park(struct pipe_call *c, const struct msg_header *req);
void pipe_wake(struct pipe *p);			/* answer what the pipe's state now allows */
void pipe_park_drop_all(struct pipe *p);	/* the pipe goes: drop what it kept */
uint32_t pipe_parked_count(void);
int pipe_answer(struct pipe_call *c, struct msg_header *req, struct msg_header *reply,
		int answer);

/* io.c: the io.defs dispatch for one request on an end (ctx: struct pipe_call). */
int pipe_io_dispatch(struct pipe_call *c, const struct msg_header *req, struct msg_header *reply);

#endif /* SERVERS_PIPE_PIPE_H */
