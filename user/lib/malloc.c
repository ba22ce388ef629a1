/*
 * malloc.c - malloc, free, calloc, realloc and the look-inside calls
 * (contracts in include/stdlib.h and include/harbor/malloc.h).
 *
 * One mutex makes the allocator safe for a task's threads; it costs an
 * atomic add when uncontended (harbor/sync.h). Requests below
 * HEAP_LARGE_MIN (64 KiB) are cut from arenas (heap.c). Larger ones get
 * a region of their own from mem_region_alloc, given straight back by
 * free: a large block is
 *
 *     | large header (16 bytes) | payload ... | up to the page end |
 *
 * Every pointer handed to free or realloc is first looked up in the
 * region table, so one that malloc never returned is reported without
 * reading memory near it; then heap.c or large_block checks its header.
 * Every report goes through malloc_fail: one line on stderr, then abort().
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "user/lib/heap.h"
#include "user/lib/mem_region.h"
#include "user/lib/region_table.h"
#include "harbor/error.h"
#include "harbor/malloc.h"
#include "harbor/sync.h"

#define LARGE_MAGIC	((size_t)0x4c415247u)	/* "LARG" */

struct large_header {
	size_t region_size;	/* the whole region, header included */
	size_t check;		/* LARGE_MAGIC ^ address ^ region_size */
};

#define LARGE_OFFSET	16u	/* payload offset: the header, rounded up to HEAP_ALIGN */
_Static_assert(sizeof(struct large_header) <= LARGE_OFFSET, "the large header outgrew its room");

static struct mutex malloc_lock = MUTEX_INITIALIZER;

void
malloc_fail(const char *call, const void *p, const char *what, const void *where)
{
	if (where)
		fprintf(stderr, "malloc: %s(%p): %s at %p\n", call, p, what, where);
	else
		fprintf(stderr, "malloc: %s(%p): %s\n", call, p, what);
	abort();
}

static size_t
large_check(const struct large_header *h)
{
	return LARGE_MAGIC ^ (size_t)(uintptr_t)h ^ h->region_size;
}

static void *
large_alloc(size_t size)
{
	size_t region_size;
	struct large_header *h;
	void *mem;

	if (size > SIZE_MAX - LARGE_OFFSET - MEM_PAGE_SIZE)
		return NULL;
	region_size = (size + LARGE_OFFSET + MEM_PAGE_SIZE - 1) / MEM_PAGE_SIZE * MEM_PAGE_SIZE;
	if (mem_region_alloc(region_size, &mem) != ERR_OK)
		return NULL;
	if (region_table_add((uintptr_t)mem, region_size, REGION_LARGE) != ERR_OK) {
		mem_region_free(mem, region_size);
		return NULL;
	}
	h = mem;
	h->region_size = region_size;
	h->check = large_check(h);
	return (char *)mem + LARGE_OFFSET;
}

/* The header of the large block whose payload is p (in region r); anything else is reported. */
static struct large_header *
large_block(const char *call, struct region *r, void *p)
{
	struct large_header *h = (struct large_header *)r->base;

	if ((uintptr_t)p != r->base + LARGE_OFFSET)
		malloc_fail(call, p, "not a block malloc returned", NULL);
	if (h->check != large_check(h) || h->region_size != r->size)
		malloc_fail(call, p, "heap corrupted: a block header was overwritten", h);
	return h;
}

static void
large_free(struct region *r, void *p)
{
	struct large_header *h = large_block("free", r, p);
	size_t region_size = h->region_size;

	region_table_remove(r->base);
	mem_region_free(h, region_size);
}

/*
 * The region p lies in, or a report. A large block freed already is
 * gone from the table, so its second free is reported here too.
 */
static struct region *
region_of(const char *call, void *p)
{
	struct region *r = region_table_find((uintptr_t)p);

	if (r == NULL)
		malloc_fail(call, p, "not a block malloc returned (or a large block freed already)",
			    NULL);
	return r;
}

void *
malloc(size_t size)
{
	void *p;

	mutex_lock(&malloc_lock);
	p = size < HEAP_LARGE_MIN ? heap_alloc(size) : large_alloc(size);
	mutex_unlock(&malloc_lock);
	if (p == NULL)
		errno = ENOMEM;
	return p;
}

void
free(void *p)
{
	struct region *r;

	if (p == NULL)
		return;
	mutex_lock(&malloc_lock);
	r = region_of("free", p);
	if (r->kind == REGION_ARENA)
		heap_free((void *)r->base, p);
	else
		large_free(r, p);
	mutex_unlock(&malloc_lock);
}

void *
calloc(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(total);
	/* A large block is a fresh region, and regions come zeroed. */
	if (p && total < HEAP_LARGE_MIN)
		memset(p, 0, total);
	return p;
}

void *
realloc(void *p, size_t size)
{
	struct region *r;
	size_t old;
	void *q;

	if (p == NULL)
		return malloc(size);
	if (size == 0) {
		free(p);
		return NULL;
	}
	mutex_lock(&malloc_lock);
	r = region_of("realloc", p);
	if (r->kind == REGION_ARENA) {
		old = heap_usable((void *)r->base, p, "realloc");
		if (size < HEAP_LARGE_MIN && heap_resize((void *)r->base, p, size)) {
			mutex_unlock(&malloc_lock);
			return p;
		}
	} else {
		struct large_header *h = large_block("realloc", r, p);
		old = h->region_size - LARGE_OFFSET;
		if (size >= HEAP_LARGE_MIN && size <= old) {
			/* Shrink in place, giving back the whole pages no longer needed. */
			size_t keep = (size + LARGE_OFFSET + MEM_PAGE_SIZE - 1) / MEM_PAGE_SIZE *
				      MEM_PAGE_SIZE;
			if (keep < h->region_size &&
			    mem_region_free((char *)h + keep, h->region_size - keep) == ERR_OK) {
				h->region_size = keep;
				h->check = large_check(h);
				r->size = keep;
			}
			mutex_unlock(&malloc_lock);
			return p;
		}
	}
	mutex_unlock(&malloc_lock);
	/* Move: p stays valid (and untouched) if there is no room for the new block. */
	q = malloc(size);
	if (q == NULL)
		return NULL;
	memcpy(q, p, old < size ? old : size);
	free(p);
	return q;
}

size_t
malloc_usable_size(void *p)
{
	struct region *r;
	size_t n;

	if (p == NULL)
		return 0;
	mutex_lock(&malloc_lock);
	r = region_of("malloc_usable_size", p);
	if (r->kind == REGION_ARENA)
		n = heap_usable((void *)r->base, p, "malloc_usable_size");
	else
		n = large_block("malloc_usable_size", r, p)->region_size - LARGE_OFFSET;
	mutex_unlock(&malloc_lock);
	return n;
}

void
malloc_stats(struct malloc_stats *s)
{
	memset(s, 0, sizeof(*s));
	mutex_lock(&malloc_lock);
	heap_stats(s);
	for (size_t i = 0; region_table_get(i) != NULL; i++) {
		struct region *r = region_table_get(i);
		if (r->kind == REGION_LARGE) {
			s->large_blocks++;
			s->large_bytes += r->size;
		}
	}
	s->regions_held = s->arenas + s->large_blocks + region_table_storage();
	mutex_unlock(&malloc_lock);
}

int
malloc_check(void)
{
	mutex_lock(&malloc_lock);
	heap_check();
	for (size_t i = 0; region_table_get(i) != NULL; i++) {
		struct region *r = region_table_get(i);
		if (r->kind == REGION_LARGE)
			large_block("malloc_check", r, (char *)r->base + LARGE_OFFSET);
	}
	mutex_unlock(&malloc_lock);
	return 0;
}

size_t
malloc_trim(void)
{
	size_t n;

	mutex_lock(&malloc_lock);
	n = heap_trim();
	mutex_unlock(&malloc_lock);
	return n;
}
