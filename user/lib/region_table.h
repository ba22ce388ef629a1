/*
 * region_table.h - the allocator's list of the regions it holds: arenas
 * and large blocks, sorted by address.
 *
 * free(p) looks p up here before it reads a byte near p, so a pointer
 * malloc never returned is caught and reported, not followed into
 * unmapped memory. The caller (malloc) holds its lock around every call.
 */
#ifndef USER_LIB_REGION_TABLE_H
#define USER_LIB_REGION_TABLE_H

#include <stddef.h>
#include <stdint.h>

enum region_kind {
	REGION_ARENA = 1,	/* a heap arena: many blocks (heap.c) */
	REGION_LARGE,		/* one large block (malloc.c) */
};

struct region {
	uintptr_t base;
	size_t size;
	enum region_kind kind;
};

/*
 * region_table_add - record [base, base + size) of kind (it must overlap
 * no recorded region). Returns ERR_OK, or ERR_NO_MEMORY when the table is
 * full and no region can be had to grow it.
 */
int region_table_add(uintptr_t base, size_t size, enum region_kind kind);

/* region_table_remove - forget the region that starts at base (no-op if none). */
void region_table_remove(uintptr_t base);

/* region_table_find - the region that contains addr, or NULL. */
struct region *region_table_find(uintptr_t addr);

/* region_table_count - how many regions of kind are recorded. */
size_t region_table_count(enum region_kind kind);

/* region_table_get - the i-th region in address order (i < the total), or NULL. */
struct region *region_table_get(size_t i);

/* region_table_storage - how many regions the table holds for its own entries (0 or 1). */
size_t region_table_storage(void);

#endif /* USER_LIB_REGION_TABLE_H */
