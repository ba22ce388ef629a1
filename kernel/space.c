/*
 * space.c - name tables (portable; host-tested in tests/unit).
 */
#include <stddef.h>
#include "kernel/space.h"

#define GEN_MAX		0xfffffeu	/* so no name is ever NAME_DEAD */

void
space_init(struct space *s)
{
	for (uint32_t i = 0; i < SPACE_SIZE; i++)
		s->e[i] = (struct space_entry){ 0 };
	s->used = 0;
	s->first = 1;
	s->next = 1;
}

void
space_reserve(struct space *s, uint32_t n)
{
	s->first = n + 1;
	s->next = n + 1;
}

/* Take free entry index (checked by the caller) for p with rights (not 0). */
static inline port_name_t
space_take(struct space *s, uint32_t index, struct port *p, uint32_t rights)
{
	struct space_entry *e = &s->e[index];

	e->port = p;
	e->rights = rights;
	e->urefs = (rights & (RIGHT_SEND | RIGHT_DEAD)) ? 1 : 0;
	s->used++;
	return (e->gen << 8) | index;
}

port_name_t
space_alloc_at(struct space *s, uint32_t index, struct port *p, uint32_t rights)
{
	if (index == 0 || index >= SPACE_SIZE || s->e[index].rights != 0 || rights == 0)
		return NAME_NULL;
	return space_take(s, index, p, rights);
}

/*
 * The search starts at next, not first: below it every entry is taken
 * (space_free moves next down to a freed index). A server with many names
 * allocates a reply name on every request; without the hint each search
 * walked past all of its ports first.
 */
port_name_t
space_alloc(struct space *s, struct port *p, uint32_t rights)
{
	if (rights == 0)
		return NAME_NULL;
	for (uint32_t i = s->next; i < SPACE_SIZE; i++)
		if (s->e[i].rights == 0) {
			s->next = i + 1;
			return space_take(s, i, p, rights);
		}
	s->next = SPACE_SIZE;
	return NAME_NULL;
}


port_name_t
space_name(const struct space *s, const struct space_entry *e)
{
	return (e->gen << 8) | (uint32_t)(e - s->e);
}

struct space_entry *
space_find(struct space *s, const struct port *p)
{
	for (uint32_t i = 1; i < SPACE_SIZE; i++) {
		struct space_entry *e = &s->e[i];
		if (e->port == p && (e->rights & (RIGHT_RECEIVE | RIGHT_SEND)))
			return e;
	}
	return NULL;
}

void
space_free(struct space *s, struct space_entry *e)
{
	uint32_t index = (uint32_t)(e - s->e);

	/* LAB 4.1 BEGIN name_generation; handout: *e = (struct space_entry){ 0 }; */
	uint32_t gen = e->gen >= GEN_MAX ? 0 : e->gen + 1;

	*e = (struct space_entry){ .gen = gen };
	/* LAB 4.1 END name_generation */
	s->used--;
	if (index < s->next)	/* (a reserved index is never space_alloc's) */
		s->next = index < s->first ? s->first : index;
}
