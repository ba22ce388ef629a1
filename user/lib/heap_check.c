/*
 * heap_check.c - walking the arenas block by block: the full consistency
 * check behind malloc_check, and the figures behind malloc_stats
 * (contracts in heap.h). Neither changes anything.
 */
#include <stdint.h>
#include "user/lib/heap.h"
#include "user/lib/heap_block.h"
#include "user/lib/region_table.h"

static void
check_fail(const void *where, const char *what)
{
	malloc_fail("malloc_check", NULL, what, where);
}

/* Walk arena a block by block; count its free and cached blocks. */
static void
check_arena(struct heap_arena *a, size_t *nfree, size_t *nquick)
{
	struct region *r = region_table_find((uintptr_t)a);
	struct heap_block *b = first_block(a), *fence = fence_of(a);
	size_t prev_used = BLOCK_PREV_USED;

	if (r == NULL || r->base != (uintptr_t)a || r->kind != REGION_ARENA || r->size != a->size)
		check_fail(a, "an arena is missing from the region table");
	for (;;) {
		if (!header_ok(b))
			check_fail(b, "a block header was overwritten");
		if ((b->size & BLOCK_PREV_USED) != prev_used)
			check_fail(b, "a block's BLOCK_PREV_USED flag is wrong");
		if (b == fence) {
			if (bsize(b) != 0 || !(b->size & BLOCK_USED))
				check_fail(b, "the arena's fence was overwritten");
			return;
		}
		size_t size = bsize(b);
		if (size < MIN_BLOCK || size % 16 || size > (size_t)((char *)fence - (char *)b))
			check_fail(b, "a block has an impossible size");
		if (b->size & BLOCK_USED) {
			*nquick += (b->size & BLOCK_QUICK) != 0;
			prev_used = BLOCK_PREV_USED;
		} else {
			if (!prev_used)
				check_fail(b, "two free blocks touch (they were not merged)");
			if (b->size & BLOCK_QUICK)
				check_fail(b, "a free block is marked cached");
			if (*(size_t *)((char *)b + size - sizeof(size_t)) != size)
				check_fail(b, "a free block's footer was overwritten");
			(*nfree)++;
			prev_used = 0;
		}
		b = at(b, size);
	}
}

void
heap_check(void)
{
	size_t nfree = 0, nquick = 0, listed = 0, cached = 0, cached_bytes = 0, narenas = 0;

	for (struct heap_arena *a = heap_state.arenas; a; a = a->next, narenas++)
		check_arena(a, &nfree, &nquick);
	if (narenas != heap_state.narenas || region_table_count(REGION_ARENA) != narenas)
		check_fail(heap_state.arenas, "the arena list and count disagree");
	for (unsigned i = 0; i < NBINS; i++) {
		struct heap_block *prev = NULL;
		for (struct heap_block *b = heap_state.bin[i]; b; prev = b, b = b->next) {
			if (++listed > nfree)
				check_fail(b, "a bin lists more blocks than are free (a loop?)");
			if (!header_ok(b) || (b->size & BLOCK_USED) || bin_index(bsize(b)) != i ||
			    b->prev != prev)
				check_fail(b, "a bin holds a block that does not belong there");
		}
		if (!(heap_state.binmap[i / 32] & (1u << (i % 32))) != !heap_state.bin[i])
			check_fail(heap_state.bin[i], "the bin map disagrees with the bins");
	}
	if (listed != nfree)
		check_fail(NULL, "a free block is on no bin");
	for (unsigned i = 0; i < QUICK_LISTS; i++) {
		for (struct heap_block *b = heap_state.quick[i]; b; b = b->next) {
			if (++cached > nquick)
				check_fail(b, "a quick list holds more blocks than are cached (a loop?)");
			if (!header_ok(b) || bsize(b) != i * 16 ||
			    (b->size & (BLOCK_USED | BLOCK_QUICK)) != (BLOCK_USED | BLOCK_QUICK))
				check_fail(b, "a quick list holds a block that does not belong there");
			cached_bytes += bsize(b);
		}
	}
	if (cached != nquick || cached_bytes != heap_state.quick_bytes)
		check_fail(NULL, "the quick lists and the cached blocks disagree");
}

void
heap_stats(struct malloc_stats *s)
{
	for (struct heap_arena *a = heap_state.arenas; a; a = a->next) {
		struct heap_block *fence = fence_of(a);
		s->arenas++;
		s->arena_bytes += a->size;
		for (struct heap_block *b = first_block(a); b != fence && bsize(b) != 0;
		     b = at(b, bsize(b))) {
			if ((b->size & (BLOCK_USED | BLOCK_QUICK)) == BLOCK_USED) {
				s->used_blocks++;
				s->used_bytes += bsize(b);
			} else {
				s->cached_blocks += (b->size & BLOCK_QUICK) != 0;
				s->free_bytes += bsize(b);
			}
		}
	}
}
