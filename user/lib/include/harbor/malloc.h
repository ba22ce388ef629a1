/*
 * harbor/malloc.h - looking inside the allocator: statistics and a full
 * consistency check, for tests and for debugging a program's heap.
 * malloc itself is in <stdlib.h>; docs/libc.md describes the design.
 */
#ifndef HARBOR_MALLOC_H
#define HARBOR_MALLOC_H

#include <stddef.h>

struct malloc_stats {
	size_t arenas;		/* arenas held (256 KiB regions the small blocks come from) */
	size_t arena_bytes;	/* their total size */
	size_t used_blocks;	/* blocks handed out and not freed, in arenas */
	size_t used_bytes;	/* their size, headers included */
	size_t cached_blocks;	/* freed small blocks kept for reuse (not yet merged) */
	size_t free_bytes;	/* free space in arenas, cached blocks included */
	size_t large_blocks;	/* blocks of 64 KiB or more, each a region of its own */
	size_t large_bytes;	/* the size of those regions */
	size_t regions_held;	/* regions from mem_region_alloc still held (arenas, large blocks, tables) */
};

/* malloc_stats - fill *s with the allocator's figures now. Never fails. */
void malloc_stats(struct malloc_stats *s);

/*
 * malloc_check - walk every arena and free list and check each header,
 * link and count. Returns 0 if all is well; on the first inconsistency it
 * reports it like a bad free (naming the block) and ends the task.
 */
int malloc_check(void);

/*
 * malloc_usable_size - how many bytes p's block really has (>= what was
 * asked); 0 for NULL. A bad p is reported as by free.
 */
size_t malloc_usable_size(void *p);

/*
 * malloc_trim - merge every cached small block and give back every arena
 * that is then empty but one. Returns the number of bytes given back.
 */
size_t malloc_trim(void);

#endif /* HARBOR_MALLOC_H */
