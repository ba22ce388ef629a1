/*
 * heap.c - the arenas: blocks with boundary tags, free lists by size,
 * merging on free, and a quick cache of small freed blocks (contracts in
 * heap.h).
 *
 * An arena is one 256 KiB region from mem_region_alloc:
 *
 *     | arena header | block | block | ... | block | fence |
 *
 * Every block starts with a two-word header: its size (the whole block,
 * a multiple of 16, whose low bits hold flags) and a check word,
 * HEAP_MAGIC ^ its address ^ its size word. A header that was overwritten,
 * or that is not a header at all, fails the check, so free can tell a bad
 * pointer from a good one without trusting the bytes it reads. The
 * payload after the header is 16-byte aligned. A free block keeps list
 * links in its payload and a copy of its size in its last word (the
 * footer), so the block after it can find its start: BLOCK_PREV_USED in
 * each header says whether there is such a footer to read. The fence, a
 * zero-size header that is always "used", stops merging at the end.
 *
 * Free blocks are merged with free neighbours at once, so two free blocks
 * never touch, and wait in bins: one list per size up to 1 KiB, then one
 * per power of two. An allocation takes the first block that fits from
 * the smallest bin that can hold one, and splits off the rest.
 *
 * Small blocks (up to 256 bytes, headers included) skip all that when
 * freed: they go on a quick list of their exact size, still marked used
 * (BLOCK_QUICK), and the next request of that size takes them back, a few
 * instructions each way. When the quick lists hold more than QUICK_LIMIT
 * bytes, or before a new arena is made, they are merged into the bins.
 *
 * When a free leaves an arena empty it goes back to the region source,
 * unless it is the only arena (kept, so a program that mallocs and frees
 * one block in a loop does not map and unmap a region each time).
 */
#include <stdint.h>
#include <string.h>
#include "user/lib/heap.h"
#include "user/lib/heap_block.h"
#include "user/lib/mem_region.h"
#include "user/lib/region_table.h"
#include "harbor/error.h"

struct heap_state heap_state;	/* the one heap of the task; malloc's lock guards it */

/* The size of block to cut for a request of size bytes. */
static size_t
block_size(size_t size)
{
	return size + HDR <= MIN_BLOCK ? MIN_BLOCK : ROUND16(size + HDR);
}

/* Name the operation under way, for any report it leads to. */
static void
heap_op(const char *call, const void *arg)
{
	heap_state.call = call;
	heap_state.arg = arg;
}

static void
corrupt(const struct heap_block *where)
{
	malloc_fail(heap_state.call, heap_state.arg,
		    "heap corrupted: a block header was overwritten", where);
}

static void
expect_header(const struct heap_block *b)
{
	if (!header_ok(b))
		corrupt(b);
}

static void
bin_insert(struct heap_block *b)
{
	unsigned i = bin_index(bsize(b));

	b->prev = NULL;
	b->next = heap_state.bin[i];
	if (b->next)
		b->next->prev = b;
	heap_state.bin[i] = b;
	heap_state.binmap[i / 32] |= 1u << (i % 32);
}

static void
bin_remove(struct heap_block *b)
{
	unsigned i = bin_index(bsize(b));

	/* The links live in the payload, where a write after free lands: check them first. */
	if ((b->next && b->next->prev != b) || (b->prev ? b->prev->next != b : heap_state.bin[i] != b))
		corrupt(b);
	if (b->next)
		b->next->prev = b->prev;
	if (b->prev)
		b->prev->next = b->next;
	else
		heap_state.bin[i] = b->next;
	if (heap_state.bin[i] == NULL)
		heap_state.binmap[i / 32] &= ~(1u << (i % 32));
}

/* The first bin at or after from that holds a block, or NBINS. */
static unsigned
bin_next(unsigned from)
{
	for (unsigned w = from / 32; w < (NBINS + 31) / 32; w++) {
		uint32_t bits = heap_state.binmap[w];
		if (w == from / 32)
			bits &= ~0u << (from % 32);
		if (bits)
			return w * 32 + (unsigned)__builtin_ctz(bits);
	}
	return NBINS;
}

/* Take a free block of at least bs bytes off its bin, or NULL. */
static struct heap_block *
bins_take(size_t bs)
{
	unsigned i = bin_index(bs);
	struct heap_block *b = NULL;

	if (i >= EXACT_BINS) {
		/* A bin of a range of sizes: its blocks may be too small. */
		for (b = heap_state.bin[i]; b && bsize(b) < bs; b = b->next)
			;
		i++;
	}
	if (b == NULL) {
		/* Any block of a later bin (or of this exact one) is large enough. */
		i = bin_next(i);
		if (i == NBINS)
			return NULL;
		b = heap_state.bin[i];
	}
	expect_header(b);
	bin_remove(b);
	return b;
}

/* Mark free block b (off its bin) used, splitting off what bs does not need. */
static void
block_use(struct heap_block *b, size_t bs)
{
	size_t size = bsize(b), prev = b->size & BLOCK_PREV_USED;

	if (size - bs >= MIN_BLOCK) {
		struct heap_block *rest = at(b, bs);
		set_header(rest, (size - bs) | BLOCK_PREV_USED);
		set_footer(rest);
		bin_insert(rest);
		set_header(b, bs | BLOCK_USED | prev);
	} else {
		struct heap_block *n = at(b, size);
		set_header(b, size | BLOCK_USED | prev);
		set_header(n, n->size | BLOCK_PREV_USED);
	}
}

static struct heap_arena *
arena_new(void)
{
	struct heap_arena *a;
	struct heap_block *b;
	void *mem;

	if (mem_region_alloc(HEAP_ARENA_SIZE, &mem) != ERR_OK)
		return NULL;
	if (region_table_add((uintptr_t)mem, HEAP_ARENA_SIZE, REGION_ARENA) != ERR_OK) {
		mem_region_free(mem, HEAP_ARENA_SIZE);
		return NULL;
	}
	a = mem;
	a->size = HEAP_ARENA_SIZE;
	a->prev = NULL;
	a->next = heap_state.arenas;
	if (a->next)
		a->next->prev = a;
	heap_state.arenas = a;
	heap_state.narenas++;
	b = first_block(a);
	set_header(b, (size_t)((char *)fence_of(a) - (char *)b) | BLOCK_PREV_USED);
	set_footer(b);
	set_header(fence_of(a), BLOCK_USED);
	bin_insert(b);
	return a;
}

static void
arena_release(struct heap_arena *a)
{
	if (a->next)
		a->next->prev = a->prev;
	if (a->prev)
		a->prev->next = a->next;
	else
		heap_state.arenas = a->next;
	heap_state.narenas--;
	region_table_remove((uintptr_t)a);
	mem_region_free(a, a->size);
}

/*
 * Free used block b of arena a: merge it with a free block on either
 * side, then put the result in its bin, or give the arena back if that
 * left it empty (and it is not the last one).
 */
static void
block_release(struct heap_arena *a, struct heap_block *b)
{
	size_t size = bsize(b);
	struct heap_block *n = at(b, size);

	expect_header(n);
	if (!(n->size & BLOCK_USED)) {
		bin_remove(n);
		size += bsize(n);
	}
	if (!(b->size & BLOCK_PREV_USED)) {
		size_t psize = *(size_t *)((char *)b - sizeof(size_t));
		struct heap_block *p;
		if (psize < MIN_BLOCK || psize % 16 ||
		    psize > (uintptr_t)b - (uintptr_t)first_block(a))
			corrupt(b);
		p = (struct heap_block *)((char *)b - psize);
		if (!header_ok(p) || bsize(p) != psize || (p->size & BLOCK_USED))
			corrupt(p);
		bin_remove(p);
		size += psize;
		b = p;
	}
	/* No free block touches another, so the one before b is used. */
	set_header(b, size | BLOCK_PREV_USED);
	set_footer(b);
	n = at(b, size);
	set_header(n, n->size & ~(size_t)BLOCK_PREV_USED);
	if (b == first_block(a) && n == fence_of(a) && heap_state.narenas > 1)
		arena_release(a);
	else
		bin_insert(b);
}

static void
quick_push(struct heap_block *b)
{
	size_t size = bsize(b);

	set_header(b, b->size | BLOCK_QUICK);
	b->next = heap_state.quick[size / 16];
	heap_state.quick[size / 16] = b;
	heap_state.quick_bytes += size;
}

/* Take a cached block of exactly bs bytes, or NULL. */
static struct heap_block *
quick_pop(size_t bs)
{
	struct heap_block *b = heap_state.quick[bs / 16];

	if (b == NULL)
		return NULL;
	if (!header_ok(b) || (b->size & ~(size_t)BLOCK_PREV_USED) != (bs | BLOCK_USED | BLOCK_QUICK))
		corrupt(b);
	heap_state.quick[bs / 16] = b->next;
	heap_state.quick_bytes -= bs;
	set_header(b, b->size & ~(size_t)BLOCK_QUICK);
	return b;
}

/* Merge every cached block into the bins. */
static void
heap_consolidate(void)
{
	for (unsigned i = 0; i < QUICK_LISTS; i++) {
		struct heap_block *b;
		while ((b = quick_pop(i * 16)) != NULL) {
			struct region *r = region_table_find((uintptr_t)b);
			if (r == NULL || r->kind != REGION_ARENA)
				corrupt(b);
			block_release((struct heap_arena *)r->base, b);
		}
	}
}

/* A block of bs bytes from the bins, merging the quick lists or making an arena if need be. */
static __attribute__((noinline)) void *
heap_alloc_from_bins(size_t bs)
{
	struct heap_block *b = bins_take(bs);

	if (b == NULL && heap_state.quick_bytes > 0) {
		heap_consolidate();
		b = bins_take(bs);
	}
	if (b == NULL) {
		if (arena_new() == NULL)
			return NULL;
		b = bins_take(bs);
	}
	block_use(b, bs);
	return (char *)b + HDR;
}

void *
heap_alloc(size_t size)
{
	size_t bs = block_size(size);
	struct heap_block *b;

	heap_op("malloc", NULL);
	/* The fast path, kept apart so it saves no registers it does not use. */
	if (bs <= QUICK_MAX && (b = quick_pop(bs)) != NULL)
		return (char *)b + HDR;
	return heap_alloc_from_bins(bs);
}

/*
 * The live block whose payload is p in arena a; anything else is
 * reported. Inlined: it is most of the work of every free.
 */
static inline __attribute__((always_inline)) struct heap_block *
live_block(struct heap_arena *a, void *p)
{
	struct heap_block *b = (struct heap_block *)((char *)p - HDR);

	if ((uintptr_t)p % HEAP_ALIGN || (uintptr_t)p < (uintptr_t)first_block(a) + HDR ||
	    (uintptr_t)b >= (uintptr_t)fence_of(a))
		malloc_fail(heap_state.call, p, "not a block malloc returned", NULL);
	if (!header_ok(b))
		malloc_fail(heap_state.call, p,
			    "not a block malloc returned, or its header was overwritten", NULL);
	if ((b->size & (BLOCK_USED | BLOCK_QUICK)) != BLOCK_USED)
		malloc_fail(heap_state.call, p, strcmp(heap_state.call, "free") == 0 ?
			    "double free: the block is free already" : "the block is free already",
			    NULL);
	return b;
}

void
heap_free(void *arena, void *p)
{
	struct heap_block *b;

	heap_op("free", p);
	b = live_block(arena, p);
	if (bsize(b) <= QUICK_MAX) {
		quick_push(b);
		if (heap_state.quick_bytes > QUICK_LIMIT)
			heap_consolidate();
	} else {
		block_release(arena, b);
	}
}

int
heap_resize(void *arena, void *p, size_t size)
{
	size_t bs = block_size(size), cur;
	struct heap_block *b, *n;

	heap_op("realloc", p);
	b = live_block(arena, p);
	cur = bsize(b);
	if (bs > cur) {
		n = at(b, cur);
		expect_header(n);
		if ((n->size & BLOCK_USED) || cur + bsize(n) < bs)
			return 0;
		bin_remove(n);
		cur += bsize(n);
		set_header(b, cur | (b->size & BLOCK_FLAGS));
		n = at(b, cur);
		set_header(n, n->size | BLOCK_PREV_USED);
	}
	if (cur - bs >= MIN_BLOCK) {
		/* Give the tail back as a block of its own (it merges with what follows). */
		struct heap_block *tail = at(b, bs);
		set_header(b, bs | (b->size & BLOCK_FLAGS));
		set_header(tail, (cur - bs) | BLOCK_USED | BLOCK_PREV_USED);
		block_release(arena, tail);
	}
	return 1;
}

size_t
heap_usable(void *arena, void *p, const char *call)
{
	heap_op(call, p);
	return bsize(live_block(arena, p)) - HDR;
}

size_t
heap_trim(void)
{
	size_t before = heap_state.narenas;

	heap_op("malloc_trim", NULL);
	heap_consolidate();
	return (before - heap_state.narenas) * HEAP_ARENA_SIZE;
}
