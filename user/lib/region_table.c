/*
 * region_table.c - the sorted table of the allocator's regions (contracts
 * in region_table.h).
 *
 * A sorted array searched by bisection, behind a one-entry cache of the
 * last region found: most frees in a row land in the same arena. The
 * first 64 entries are static; beyond that the table moves to a region of
 * its own, doubling as it grows, and never shrinks. Adding or removing
 * an entry moves others, so both forget the cached one.
 */
#include <string.h>
#include "user/lib/mem_region.h"
#include "user/lib/region_table.h"
#include "harbor/error.h"

#define REGION_TABLE_STATIC	64

static struct region table_static[REGION_TABLE_STATIC];
static struct region *table = table_static;
static size_t table_count, table_cap = REGION_TABLE_STATIC;
static struct region *table_last;	/* the last region found, or NULL */

static size_t
table_bytes(size_t cap)
{
	return (cap * sizeof(struct region) + MEM_PAGE_SIZE - 1) / MEM_PAGE_SIZE * MEM_PAGE_SIZE;
}

/* Index of the first region whose base is above addr (0..table_count). */
static size_t
first_above(uintptr_t addr)
{
	size_t lo = 0, hi = table_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (table[mid].base <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
table_grow(void)
{
	size_t cap = table_cap * 2;
	void *mem;
	int err = mem_region_alloc(table_bytes(cap), &mem);

	if (err != ERR_OK)
		return ERR_NO_MEMORY;
	memcpy(mem, table, table_count * sizeof(struct region));
	if (table != table_static)
		mem_region_free(table, table_bytes(table_cap));
	table = mem;
	table_last = NULL;
	table_cap = cap;
	return ERR_OK;
}

int
region_table_add(uintptr_t base, size_t size, enum region_kind kind)
{
	size_t i;

	if (table_count == table_cap && table_grow() != ERR_OK)
		return ERR_NO_MEMORY;
	table_last = NULL;
	i = first_above(base);
	memmove(&table[i + 1], &table[i], (table_count - i) * sizeof(struct region));
	table[i] = (struct region){ base, size, kind };
	table_count++;
	return ERR_OK;
}

void
region_table_remove(uintptr_t base)
{
	size_t i = first_above(base);

	if (i == 0 || table[i - 1].base != base)
		return;
	table_last = NULL;
	i--;
	memmove(&table[i], &table[i + 1], (table_count - i - 1) * sizeof(struct region));
	table_count--;
}

struct region *
region_table_find(uintptr_t addr)
{
	size_t i;

	if (table_last && addr - table_last->base < table_last->size)
		return table_last;
	i = first_above(addr);
	if (i == 0 || addr - table[i - 1].base >= table[i - 1].size)
		return NULL;
	table_last = &table[i - 1];
	return table_last;
}

size_t
region_table_count(enum region_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < table_count; i++)
		n += table[i].kind == kind;
	return n;
}

struct region *
region_table_get(size_t i)
{
	return i < table_count ? &table[i] : NULL;
}

size_t
region_table_storage(void)
{
	return table != table_static;
}
