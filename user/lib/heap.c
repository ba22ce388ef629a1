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
#include "user/lib/mem_region.h"
#include "user/lib/region_table.h"
#include "harbor/error.h"

#define HEAP_MAGIC	((size_t)0x48454150u)	/* "HEAP" */

enum block_flag {
	BLOCK_USED = 1,		/* handed out, or waiting on a quick list */
	BLOCK_PREV_USED = 2,	/* the block before is used: it has no footer */
	BLOCK_QUICK = 4,	/* freed, waiting on a quick list (BLOCK_USED too) */
};
#define BLOCK_FLAGS	((size_t)15)

struct heap_block {
	size_t size;		/* the whole block in bytes | enum block_flag */
	size_t check;		/* HEAP_MAGIC ^ address ^ size */
	struct heap_block *next, *prev;	/* free and quick blocks only: in the payload */
};

struct heap_arena {
	struct heap_arena *next, *prev;	/* every arena */
	size_t size;
};

#define HDR		offsetof(struct heap_block, next)	/* what a used block costs */
#define ROUND16(n)	(((n) + 15u) & ~(size_t)15u)
#define MIN_BLOCK	ROUND16(sizeof(struct heap_block) + sizeof(size_t))	/* links + footer */
#define EXACT_MAX	1024u				/* bins hold one size each up to here */
#define EXACT_BINS	(EXACT_MAX / 16 + 1)
#define NBINS		(EXACT_BINS + 8)		/* then (1K,2K], (2K,4K] ... (128K,256K] */
#define QUICK_MAX	256u				/* blocks up to this size are cached when freed */
#define QUICK_LISTS	(QUICK_MAX / 16 + 1)
#define QUICK_LIMIT	(64u * 1024)			/* merge the cache when it holds more */

static struct {
	struct heap_arena *arenas;
	size_t narenas;
	struct heap_block *bin[NBINS];
	uint32_t binmap[(NBINS + 31) / 32];	/* bit i: bin[i] is not empty */
	struct heap_block *quick[QUICK_LISTS];
	size_t quick_bytes;
	const char *call;			/* the operation under way, for reports */
	const void *arg;
} heap;

static size_t
bsize(const struct heap_block *b)
{
	return b->size & ~BLOCK_FLAGS;
}

static struct heap_block *
at(const void *base, size_t offset)
{
	return (struct heap_block *)((char *)base + offset);
}

static size_t
check_of(const struct heap_block *b, size_t size)
{
	return HEAP_MAGIC ^ (size_t)(uintptr_t)b ^ size;
}

static void
set_header(struct heap_block *b, size_t size)
{
	b->size = size;
	b->check = check_of(b, size);
}

static int
header_ok(const struct heap_block *b)
{
	return b->check == check_of(b, b->size);
}

static void
set_footer(struct heap_block *b)
{
	*(size_t *)((char *)b + bsize(b) - sizeof(size_t)) = bsize(b);
}

static struct heap_block *
first_block(struct heap_arena *a)
{
	return at(a, ROUND16(sizeof(*a) + HDR) - HDR);
}

static struct heap_block *
fence_of(struct heap_arena *a)
{
	return at(a, a->size - HDR);
}

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
	heap.call = call;
	heap.arg = arg;
}

static void
corrupt(const struct heap_block *where)
{
	malloc_fail(heap.call, heap.arg, "heap corrupted: a block header was overwritten", where);
}

static void
expect_header(const struct heap_block *b)
{
	if (!header_ok(b))
		corrupt(b);
}

static unsigned
bin_index(size_t size)
{
	unsigned log;

	if (size <= EXACT_MAX)
		return (unsigned)(size / 16);
	log = (unsigned)(sizeof(unsigned long) * 8 - 1) -
	      (unsigned)__builtin_clzl((unsigned long)(size - 1));
	return log - 10 + EXACT_BINS < NBINS ? log - 10 + EXACT_BINS : NBINS - 1;
}

static void
bin_insert(struct heap_block *b)
{
	unsigned i = bin_index(bsize(b));

	b->prev = NULL;
	b->next = heap.bin[i];
	if (b->next)
		b->next->prev = b;
	heap.bin[i] = b;
	heap.binmap[i / 32] |= 1u << (i % 32);
}

static void
bin_remove(struct heap_block *b)
{
	unsigned i = bin_index(bsize(b));

	/* The links live in the payload, where a write after free lands: check them first. */
	if ((b->next && b->next->prev != b) || (b->prev ? b->prev->next != b : heap.bin[i] != b))
		corrupt(b);
	if (b->next)
		b->next->prev = b->prev;
	if (b->prev)
		b->prev->next = b->next;
	else
		heap.bin[i] = b->next;
	if (heap.bin[i] == NULL)
		heap.binmap[i / 32] &= ~(1u << (i % 32));
}

/* The first bin at or after from that holds a block, or NBINS. */
static unsigned
bin_next(unsigned from)
{
	for (unsigned w = from / 32; w < (NBINS + 31) / 32; w++) {
		uint32_t bits = heap.binmap[w];
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
		for (b = heap.bin[i]; b && bsize(b) < bs; b = b->next)
			;
		i++;
	}
	if (b == NULL) {
		/* Any block of a later bin (or of this exact one) is large enough. */
		i = bin_next(i);
		if (i == NBINS)
			return NULL;
		b = heap.bin[i];
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
	a->next = heap.arenas;
	if (a->next)
		a->next->prev = a;
	heap.arenas = a;
	heap.narenas++;
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
		heap.arenas = a->next;
	heap.narenas--;
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
	if (b == first_block(a) && n == fence_of(a) && heap.narenas > 1)
		arena_release(a);
	else
		bin_insert(b);
}

static void
quick_push(struct heap_block *b)
{
	size_t size = bsize(b);

	set_header(b, b->size | BLOCK_QUICK);
	b->next = heap.quick[size / 16];
	heap.quick[size / 16] = b;
	heap.quick_bytes += size;
}

/* Take a cached block of exactly bs bytes, or NULL. */
static struct heap_block *
quick_pop(size_t bs)
{
	struct heap_block *b = heap.quick[bs / 16];

	if (b == NULL)
		return NULL;
	if (!header_ok(b) || (b->size & ~(size_t)BLOCK_PREV_USED) != (bs | BLOCK_USED | BLOCK_QUICK))
		corrupt(b);
	heap.quick[bs / 16] = b->next;
	heap.quick_bytes -= bs;
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

void *
heap_alloc(size_t size)
{
	size_t bs = block_size(size);
	struct heap_block *b;

	heap_op("malloc", NULL);
	if (bs <= QUICK_MAX && (b = quick_pop(bs)) != NULL)
		return (char *)b + HDR;
	b = bins_take(bs);
	if (b == NULL && heap.quick_bytes > 0) {
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

/* The live block whose payload is p in arena a; anything else is reported. */
static struct heap_block *
live_block(struct heap_arena *a, void *p)
{
	struct heap_block *b = (struct heap_block *)((char *)p - HDR);

	if ((uintptr_t)p % HEAP_ALIGN || (uintptr_t)p < (uintptr_t)first_block(a) + HDR ||
	    (uintptr_t)b >= (uintptr_t)fence_of(a))
		malloc_fail(heap.call, p, "not a block malloc returned", NULL);
	if (!header_ok(b))
		malloc_fail(heap.call, p, "not a block malloc returned, or its header was overwritten",
			    NULL);
	if ((b->size & (BLOCK_USED | BLOCK_QUICK)) != BLOCK_USED)
		malloc_fail(heap.call, p, strcmp(heap.call, "free") == 0 ?
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
		if (heap.quick_bytes > QUICK_LIMIT)
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
	size_t before = heap.narenas;

	heap_op("malloc_trim", NULL);
	heap_consolidate();
	return (before - heap.narenas) * HEAP_ARENA_SIZE;
}

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

	for (struct heap_arena *a = heap.arenas; a; a = a->next, narenas++)
		check_arena(a, &nfree, &nquick);
	if (narenas != heap.narenas || region_table_count(REGION_ARENA) != narenas)
		check_fail(heap.arenas, "the arena list and count disagree");
	for (unsigned i = 0; i < NBINS; i++) {
		struct heap_block *prev = NULL;
		for (struct heap_block *b = heap.bin[i]; b; prev = b, b = b->next) {
			if (++listed > nfree)
				check_fail(b, "a bin lists more blocks than are free (a loop?)");
			if (!header_ok(b) || (b->size & BLOCK_USED) || bin_index(bsize(b)) != i ||
			    b->prev != prev)
				check_fail(b, "a bin holds a block that does not belong there");
		}
		if (!(heap.binmap[i / 32] & (1u << (i % 32))) != !heap.bin[i])
			check_fail(heap.bin[i], "the bin map disagrees with the bins");
	}
	if (listed != nfree)
		check_fail(NULL, "a free block is on no bin");
	for (unsigned i = 0; i < QUICK_LISTS; i++) {
		for (struct heap_block *b = heap.quick[i]; b; b = b->next) {
			if (++cached > nquick)
				check_fail(b, "a quick list holds more blocks than are cached (a loop?)");
			if (!header_ok(b) || bsize(b) != i * 16 ||
			    (b->size & (BLOCK_USED | BLOCK_QUICK)) != (BLOCK_USED | BLOCK_QUICK))
				check_fail(b, "a quick list holds a block that does not belong there");
			cached_bytes += bsize(b);
		}
	}
	if (cached != nquick || cached_bytes != heap.quick_bytes)
		check_fail(NULL, "the quick lists and the cached blocks disagree");
}

void
heap_stats(struct malloc_stats *s)
{
	for (struct heap_arena *a = heap.arenas; a; a = a->next) {
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
