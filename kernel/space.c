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
}

void
space_reserve(struct space *s, uint32_t n)
{
	s->first = n + 1;
}

port_name_t
space_alloc_at(struct space *s, uint32_t index, struct port *p, uint32_t rights)
{
	struct space_entry *e;

	if (index == 0 || index >= SPACE_SIZE || s->e[index].rights != 0 || rights == 0)
		return NAME_NULL;
	e = &s->e[index];
	e->port = p;
	e->rights = rights;
	e->urefs = (rights & (RIGHT_SEND | RIGHT_DEAD)) ? 1 : 0;
	s->used++;
	return (e->gen << 8) | index;
}

port_name_t
space_alloc(struct space *s, struct port *p, uint32_t rights)
{
	for (uint32_t i = s->first; i < SPACE_SIZE; i++)
		if (s->e[i].rights == 0)
			return space_alloc_at(s, i, p, rights);
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
	/* LAB 4.1 BEGIN name_generation; handout: *e = (struct space_entry){ 0 }; */
	uint32_t gen = e->gen >= GEN_MAX ? 0 : e->gen + 1;

	*e = (struct space_entry){ .gen = gen };
	/* LAB 4.1 END name_generation */
	s->used--;
}
