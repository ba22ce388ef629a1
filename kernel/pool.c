/*
 * pool.c - the kernel object pool: pages and zones.
 *
 * Pages come from one physically contiguous run so that multi-page objects
 * (large messages) are contiguous in the direct map; a bitmap says which
 * are used. Zones cut pages into equal objects and keep freed objects on
 * a list; a zone keeps its pages (as Mach's zones do), so the number of
 * objects in use is what tells whether something leaked.
 */
#include "kernel/pool.h"
#include "kernel/lib.h"
#include "kernel/pmem.h"
#include "kernel/task.h"
#include "harbor/error.h"

static uint8_t *pool_base;
static uint32_t pool_used[POOL_PAGES / 32];	/* bit set = page in use */
static uint32_t pool_free_count;

static int
page_used(uint32_t i)
{
	return pool_used[i / 32] & (1u << (i % 32));
}

static void
page_mark(uint32_t i, int used)
{
	if (used)
		pool_used[i / 32] |= 1u << (i % 32);
	else
		pool_used[i / 32] &= ~(1u << (i % 32));
}

void
pool_init(void)
{
	uint32_t pa = frame_alloc_run(POOL_PAGES);

	if (pa == 0)
		panic("pool_init: no room for %u pool pages", POOL_PAGES);
	pool_base = P2V(pa);
	pool_free_count = POOL_PAGES;
}

void *
pool_page_alloc(uint32_t n)
{
	uint32_t run = 0;

	for (uint32_t i = 0; i < POOL_PAGES; i++) {
		run = page_used(i) ? 0 : run + 1;
		if (run == n) {
			uint32_t first = i + 1 - n;
			for (uint32_t j = first; j <= i; j++)
				page_mark(j, 1);
			pool_free_count -= n;
			void *p = pool_base + first * PAGE_SIZE;
			memset(p, 0, n * PAGE_SIZE);
			return p;
		}
	}
	return NULL;
}

void
pool_page_free(void *p, uint32_t n)
{
	uint32_t first = ((uint8_t *)p - pool_base) / PAGE_SIZE;

	assert((uint8_t *)p >= pool_base && first + n <= POOL_PAGES);
	for (uint32_t j = first; j < first + n; j++) {
		assert(page_used(j));
		page_mark(j, 0);
	}
	pool_free_count += n;
}

uint32_t
pool_pages_free(void)
{
	return pool_free_count;
}

void *
zone_alloc(struct zone *z)
{
	if (z->free == NULL) {
		uint8_t *page = pool_page_alloc(1);
		if (page == NULL)
			return NULL;
		for (uint32_t off = 0; off + z->size <= PAGE_SIZE; off += z->size) {
			*(void **)(page + off) = z->free;
			z->free = page + off;
		}
	}
	void *obj = z->free;
	z->free = *(void **)obj;
	memset(obj, 0, z->size);
	z->in_use++;
	return obj;
}

void
zone_free(struct zone *z, void *obj)
{
	*(void **)obj = z->free;
	z->free = obj;
	z->in_use--;
}

int
pool_charge(struct task *t, uint32_t bytes)
{
	if (t == NULL)
		return ERR_OK;
	if (t->pool_charged + bytes > POOL_TASK_LIMIT)
		return ERR_NO_MEMORY;
	t->pool_charged += bytes;
	return ERR_OK;
}

void
pool_uncharge(struct task *t, uint32_t bytes)
{
	if (t == NULL)
		return;
	assert(t->pool_charged >= bytes);
	t->pool_charged -= bytes;
}
