/*
 * heap.h - the allocator's arenas, inside the library: blocks below
 * HEAP_LARGE_MIN bytes, cut from 256 KiB regions and merged again when
 * freed (heap.c). malloc.c takes the lock, sends large requests to
 * regions of their own, and calls these. docs/libc.md has the picture.
 */
#ifndef USER_LIB_HEAP_H
#define USER_LIB_HEAP_H

#include <stddef.h>
#include "harbor/malloc.h"

#define HEAP_ALIGN	16u		/* every block's payload is aligned to this */
#define HEAP_ARENA_SIZE	(256u * 1024)	/* one arena: a region from mem_region_alloc */
#define HEAP_LARGE_MIN	(64u * 1024)	/* requests this large skip the arenas */

/*
 * heap_alloc - a block of at least size (< HEAP_LARGE_MIN) bytes, or NULL
 * when no arena can be had.
 */
void *heap_alloc(size_t size);

/*
 * heap_free - free p, which lies in the arena at arena. A p that is not a
 * live block's payload (wild, freed already, header overwritten) is
 * reported through malloc_fail and the task ends.
 */
void heap_free(void *arena, void *p);

/*
 * heap_resize - make p's block (in arena) hold size (< HEAP_LARGE_MIN)
 * bytes without moving it: shrink it, or grow it into a free neighbour.
 * Returns 1 if it did, 0 if p must move. A bad p is reported as by heap_free.
 */
int heap_resize(void *arena, void *p, size_t size);

/*
 * heap_usable - how many bytes p's block (in arena) holds. A bad p is
 * reported, naming call (the public function that was asked).
 */
size_t heap_usable(void *arena, void *p, const char *call);

/* heap_check - check every arena, list and count; an inconsistency is reported (never returns). */
void heap_check(void);

/* heap_stats - add the arenas' figures to *s. */
void heap_stats(struct malloc_stats *s);

/* heap_trim - merge the cached blocks and give back every empty arena but one; bytes given back. */
size_t heap_trim(void);

/*
 * malloc_fail - the allocator's one report (malloc.c): print
 * "malloc: <call>(<p>): <what>" and, when where is not NULL, " at <where>"
 * on stderr, then abort(). Never returns.
 */
void malloc_fail(const char *call, const void *p, const char *what, const void *where)
	__attribute__((noreturn));

#endif /* USER_LIB_HEAP_H */
