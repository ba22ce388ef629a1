/*
 * region.c - each client's table of regions: finding, placing, inserting
 * and cutting ranges. The table is sorted by address and its regions
 * never overlap, so every question is one walk of at most MEM_REGIONS
 * entries.
 */
#include "user/lib/ulib.h"
#include "harbor/mem.h"
#include "servers/mem/mem.h"

/*
 * mem_region_find - the region holding page, or NULL.
 */
struct mem_region *
mem_region_find(struct mem_client *c, uint32_t page)
{
	for (uint32_t i = 0; i < c->nregions; i++) {
		struct mem_region *r = &c->regions[i];
		if (page >= r->start && page - r->start < r->npages * PAGE_SIZE)
			return r;
	}
	return NULL;
}

/*
 * mem_region_range - the index of the one region that holds all of
 * [addr, addr+size). Returns ERR_OK, ERR_BAD_SIZE (not whole pages, or
 * size 0), ERR_BAD_ADDRESS (0, wrapping, or not user space) or
 * ERR_NOT_FOUND (not all inside one of c's regions).
 */
int
mem_region_range(struct mem_client *c, uint32_t addr, uint32_t size, uint32_t *index)
{
	if (addr % PAGE_SIZE || size % PAGE_SIZE || size == 0)
		return ERR_BAD_SIZE;
	if (addr == 0 || addr + size < addr || addr + size > USER_TOP)
		return ERR_BAD_ADDRESS;
	for (uint32_t i = 0; i < c->nregions; i++) {
		struct mem_region *r = &c->regions[i];
		if (addr >= r->start && addr + size <= r->start + r->npages * PAGE_SIZE) {
			*index = i;
			return ERR_OK;
		}
	}
	return ERR_NOT_FOUND;
}

/*
 * mem_region_place - the lowest address in the region area where npages
 * fit between c's regions. Returns ERR_OK or ERR_NO_SPACE.
 */
int
mem_region_place(struct mem_client *c, uint32_t npages, uint32_t *addr)
{
	uint32_t at = MEM_AREA_BASE, size = npages * PAGE_SIZE;

	for (uint32_t i = 0; i < c->nregions; i++) {
		struct mem_region *r = &c->regions[i];
		if (r->start >= at && r->start - at >= size)
			break;
		if (r->start + r->npages * PAGE_SIZE > at)
			at = r->start + r->npages * PAGE_SIZE;
	}
	if (at > MEM_AREA_TOP || MEM_AREA_TOP - at < size)
		return ERR_NO_SPACE;
	*addr = at;
	return ERR_OK;
}

/*
 * mem_region_insert - add [start, start+npages pages) with prot, which
 * must be free. Returns ERR_OK, ERR_EXISTS (it overlaps a region) or
 * ERR_NO_SPACE (the table is full).
 */
int
mem_region_insert(struct mem_client *c, uint32_t start, uint32_t npages, uint32_t prot)
{
	uint32_t end = start + npages * PAGE_SIZE, i;

	for (i = 0; i < c->nregions; i++) {
		struct mem_region *r = &c->regions[i];
		if (start < r->start + r->npages * PAGE_SIZE && r->start < end)
			return ERR_EXISTS;
	}
	if (c->nregions == MEM_REGIONS)
		return ERR_NO_SPACE;
	for (i = c->nregions; i > 0 && c->regions[i - 1].start > start; i--)
		c->regions[i] = c->regions[i - 1];
	c->regions[i] = (struct mem_region){ start, npages, prot };
	c->nregions++;
	return ERR_OK;
}

/*
 * mem_region_cut - [addr, addr+npages pages) inside region index leaves
 * it: removed (remove), or given protection prot. The region splits into
 * up to three. Returns ERR_OK, or ERR_NO_SPACE when the split needs more
 * slots than the table has (then nothing changed).
 */
int
mem_region_cut(struct mem_client *c, uint32_t index, uint32_t addr, uint32_t npages,
	       uint32_t prot, int remove)
{
	struct mem_region r = c->regions[index];
	uint32_t head = (addr - r.start) / PAGE_SIZE;
	uint32_t tail = r.npages - head - npages;
	uint32_t pieces = (head > 0) + (tail > 0) + !remove;

	if (c->nregions - 1 + pieces > MEM_REGIONS)
		return ERR_NO_SPACE;
	for (uint32_t i = index; i + 1 < c->nregions; i++)
		c->regions[i] = c->regions[i + 1];
	c->nregions--;
	if (head > 0)
		mem_region_insert(c, r.start, head, r.prot);
	if (!remove)
		mem_region_insert(c, addr, npages, prot);
	if (tail > 0)
		mem_region_insert(c, addr + npages * PAGE_SIZE, tail, r.prot);
	return ERR_OK;
}
