/*
 * requests.c - the memory server's answers to mem.defs: allocate, free,
 * protect, statistics. Each request acts on the task whose pager port it
 * came in on (mem_from), so it can only ever name that task's memory;
 * every number in it is checked before anything changes.
 */
#include "user/lib/ulib.h"
#include "harbor/mem.h"
#include "harbor/memctl_client.h"
#include "harbor/mem_server.h"
#include "servers/mem/mem.h"

/* The client a request is from, or NULL (a port that is no client's). */
static struct mem_client *
requester(void)
{
	return mem_client_by_port(mem_from);
}

/* Reserve [addr, addr+npages pages) for c, mapped at once with MEM_ALLOC_NOW. */
static int
reserve(struct mem_client *c, uint32_t addr, uint32_t npages, uint32_t flags)
{
	uint32_t prot = MEM_PROT_READ | ((flags & MEM_ALLOC_READONLY) ? 0 : MEM_PROT_WRITE);
	int err;

	if (npages > c->quota - c->reserved)
		return ERR_NO_MEMORY;	/* its quota: never another task's frames */
	err = mem_region_insert(c, addr, npages, prot);
	if (err != ERR_OK)
		return err;
	if (flags & MEM_ALLOC_NOW) {
		err = memctl_map(mem_ctl, c->task, addr, npages, prot);
		if (err != ERR_OK) {
			uint32_t i;
			mem_region_range(c, addr, npages * PAGE_SIZE, &i);
			mem_region_cut(c, i, addr, npages, 0, 1);
			return err == ERR_BAD_ADDRESS ? ERR_EXISTS : err;	/* something else is mapped there */
		}
		c->resident += npages;
	}
	c->reserved += npages;
	return ERR_OK;
}

static int
check_alloc(uint32_t size, uint32_t flags)
{
	if (size == 0 || size % PAGE_SIZE || size > MEM_REGION_MAX)
		return ERR_BAD_SIZE;
	if (flags & ~(MEM_ALLOC_NOW | MEM_ALLOC_READONLY))
		return ERR_BAD_ARGUMENT;
	return ERR_OK;
}

int
mem_allocate_handler(void *ctx, uint32_t size, uint32_t flags, uint32_t *address)
{
	struct mem_client *c = requester();
	int err = check_alloc(size, flags);

	if (c == NULL)
		return ERR_DENIED;
	if (err != ERR_OK)
		return err;
	err = mem_region_place(c, size / PAGE_SIZE, address);
	if (err != ERR_OK)
		return err;
	return reserve(c, *address, size / PAGE_SIZE, flags);
}

int
mem_allocate_fixed_handler(void *ctx, uint32_t address, uint32_t size, uint32_t flags)
{
	struct mem_client *c = requester();
	int err = check_alloc(size, flags);

	if (c == NULL)
		return ERR_DENIED;
	if (err != ERR_OK)
		return err;
	if (address % PAGE_SIZE)
		return ERR_BAD_SIZE;
	if (address < MEM_AREA_BASE || address >= MEM_AREA_TOP || MEM_AREA_TOP - address < size)
		return ERR_BAD_ADDRESS;
	return reserve(c, address, size / PAGE_SIZE, flags);
}

int
mem_deallocate_handler(void *ctx, uint32_t address, uint32_t size)
{
	struct mem_client *c = requester();
	uint32_t i, pages;
	int err;

	if (c == NULL)
		return ERR_DENIED;
	if (address % PAGE_SIZE == 0 && size % PAGE_SIZE == 0 && size != 0 &&
	    address >= MEM_AREA_TOP && address + size > address && address + size <= MEM_KERNEL_AREA_TOP)
		/* Memory the kernel placed: out-of-line regions, device pages. */
		return memctl_unmap(mem_ctl, c->task, address, size, &pages);
	err = mem_region_range(c, address, size, &i);
	if (err != ERR_OK)
		return err;
	err = mem_region_cut(c, i, address, size / PAGE_SIZE, 0, 1);
	if (err != ERR_OK)
		return err;
	mem_fault_forget(c, address, size);
	err = memctl_unmap(mem_ctl, c->task, address, size, &pages);
	if (err == ERR_OK)
		c->resident -= pages < c->resident ? pages : c->resident;
	c->reserved -= size / PAGE_SIZE;
	return err;
}

int
mem_protect_handler(void *ctx, uint32_t address, uint32_t size, uint32_t prot)
{
	struct mem_client *c = requester();
	uint32_t i;
	int err;

	if (c == NULL)
		return ERR_DENIED;
	if (prot != MEM_PROT_READ && prot != (MEM_PROT_READ | MEM_PROT_WRITE))
		return ERR_BAD_ARGUMENT;
	err = mem_region_range(c, address, size, &i);
	if (err != ERR_OK)
		return err;
	err = mem_region_cut(c, i, address, size / PAGE_SIZE, prot, 0);
	if (err != ERR_OK)
		return err;
	return memctl_protect(mem_ctl, c->task, address, size, prot);
}

int
mem_stats_handler(void *ctx, uint32_t *frames_free, uint32_t *reserved, uint32_t *resident,
		  uint32_t *quota, uint32_t *regions)
{
	struct mem_client *c = requester();
	uint32_t reserve;
	int err;

	if (c == NULL)
		return ERR_DENIED;
	mem_client_reap();
	err = memctl_frames(mem_ctl, frames_free, &reserve);
	*reserved = c->reserved;
	*resident = c->resident;
	*quota = c->quota;
	*regions = c->nregions;
	return err;
}
