/*
 * space.h - a task's name space: the table from names to rights.
 *
 * A name is (generation << 8) | index. Freeing an entry bumps its
 * generation, so a stale name never silently reaches a newer right that
 * reused the slot. One entry holds all of a task's receive and send rights
 * to one port (urefs counts the send rights); every send-once right gets
 * an entry of its own. Each entry holding a port holds one reference to it.
 */
#ifndef KERNEL_SPACE_H
#define KERNEL_SPACE_H

#include <stdint.h>
#include "harbor/msg.h"

#define SPACE_SIZE	256u		/* entries per task; index 0 is never used */
#define SPACE_UREFS_MAX	0xffffu
#define SPACE_PAGES	1u		/* pool pages a space takes */

/* Right bits in an entry. */
#define RIGHT_RECEIVE	0x01u
#define RIGHT_SEND	0x02u
#define RIGHT_SEND_ONCE	0x04u
#define RIGHT_DEAD	0x08u		/* a send right whose port died */
#define RIGHT_PORTSET	0x10u		/* a port set */

struct port;

struct space_entry {
	struct port *port;
	uint32_t gen;			/* generation of the name now in use */
	uint16_t rights;		/* RIGHT_* bits; 0 = free */
	uint16_t urefs;			/* send (or dead-name) references */
};

struct space {
	struct space_entry e[SPACE_SIZE];
	uint32_t used;			/* entries in use */
	uint32_t first;			/* space_alloc never goes below it (space_reserve) */
	uint32_t next;			/* every entry from first up to here is in use:
					 * space_alloc's search starts here */
};

/* space_init - an empty space whose first names will be 1, 2, 3, ... */
void space_init(struct space *s);

/*
 * space_reserve - keep indices 1..n for space_alloc_at: space_alloc never
 * hands them out (a task's well-known names stay well-known).
 */
void space_reserve(struct space *s, uint32_t n);

/*
 * space_alloc - a new entry for port p with `rights`, at the lowest free
 * index from `first` up; returns its name, or NAME_NULL when the table is
 * full.
 */
port_name_t space_alloc(struct space *s, struct port *p, uint32_t rights);

/*
 * space_alloc_at - like space_alloc, but at a chosen free index (for the
 * well-known names a task is born with). NAME_NULL if the index is taken.
 */
port_name_t space_alloc_at(struct space *s, uint32_t index, struct port *p, uint32_t rights);

/* space_has_room - would space_alloc find a free entry? (Inline: the RPC fast path asks.) */
static inline int
space_has_room(const struct space *s)
{
	return s->used + s->first < SPACE_SIZE;
}

#define NAME_INDEX(n)	((n) & 0xffu)
#define NAME_GEN(n)	((n) >> 8)

/*
 * space_lookup - the entry `name` denotes, or NULL if it denotes nothing.
 * Inline: every trap looks names up.
 */
static inline struct space_entry *
space_lookup(struct space *s, port_name_t name)
{
	struct space_entry *e;

	if (NAME_INDEX(name) == 0 || name == NAME_DEAD)
		return NULL;
	e = &s->e[NAME_INDEX(name)];
	if (e->rights == 0 || e->gen != NAME_GEN(name))
		return NULL;
	return e;
}

/* space_name - the name of entry e (which must belong to s). */
port_name_t space_name(const struct space *s, const struct space_entry *e);

/*
 * space_find - the entry holding receive or send rights to p (send-once
 * entries are never shared), or NULL.
 */
struct space_entry *space_find(struct space *s, const struct port *p);

/* space_free - clear entry e: its name stops working for good. */
void space_free(struct space *s, struct space_entry *e);

#endif /* KERNEL_SPACE_H */
