/*
 * fault.c - the memory server as every task's pager (pager.defs).
 *
 * A fault is served when it comes in on the faulting task's own pager
 * port (so no one can speak for another task) and its page is in one of
 * the task's regions with the access allowed, or in the main thread's
 * stack, which grows down to USER_STACK_LIMIT. Zero-fill on demand: the
 * frame is taken now, when the page is first touched. The answer carries
 * the mapping (map = the protection): the kernel maps a fresh zeroed
 * frame as it resumes the thread, so a fault costs two IPC legs, not
 * three (pager.defs).
 *
 * Two threads faulting on one page send two faults, and both answers say
 * "map"; the kernel maps the page once. So that the second is not counted
 * twice, each client remembers the last pages it was answered for
 * (recent[]): a fault on one of those asks the kernel whether the page is
 * mapped (memctl_query) and, if it is, answers ERR_OK without a mapping.
 */
#include "user/lib/ulib.h"
#include "harbor/mem.h"
#include "harbor/memctl_client.h"
#include "harbor/pager_server.h"
#include "servers/mem/mem.h"

/* Was page answered "map" lately, and is it mapped now (another thread's fault)? */
static int
mapped_by_a_twin(struct mem_client *c, uint32_t page)
{
	uint32_t flags;

	for (uint32_t i = 0; i < MEM_RECENT; i++)
		if (c->recent[i] == page)
			return memctl_query(mem_ctl, c->task, page, &flags) == ERR_OK &&
			       (flags & MEM_MAPPED);
	return 0;
}

int
pager_fault_handler(void *ctx, uint32_t task_id, uint32_t thread_id, uint32_t address,
		    uint32_t access, uint32_t eip, uint32_t *map)
{
	struct mem_client *c = mem_client_by_port(mem_from);
	uint32_t page = address & ~(PAGE_SIZE - 1), prot;
	struct mem_region *r;

	if (c == NULL || c->task_id != task_id)
		return ERR_BAD_ADDRESS;		/* not from the task it names */
	r = mem_region_find(c, page);
	if (r != NULL) {
		prot = r->prot;
	} else if (page >= USER_STACK_LIMIT && page < USER_STACK_TOP) {
		prot = MEM_PROT_READ | MEM_PROT_WRITE;
	} else if (page >= USER_STACK_LIMIT - USER_STACK_GUARD && page < USER_STACK_LIMIT) {
		return ERR_STACK_OVERFLOW;
	} else {
		return ERR_BAD_ADDRESS;
	}
	if ((access & MEM_ACCESS_WRITE) && !(prot & MEM_PROT_WRITE))
		return ERR_BAD_ADDRESS;		/* a write to a read-only region */
	if (access & MEM_ACCESS_PRESENT)
		return ERR_BAD_ADDRESS;		/* mapped, and still not allowed */
	*map = 0;
	if (mapped_by_a_twin(c, page))
		return ERR_OK;
	if (r == NULL) {
		if (c->reserved >= c->quota)
			return ERR_NO_MEMORY;
		c->reserved++;		/* stack growth counts as it comes */
	}
	c->resident++;
	c->recent[c->recent_next++ % MEM_RECENT] = page;
	*map = prot;
	return ERR_OK;
}

/*
 * mem_fault_forget - pages in [addr, addr+size) are unmapped: a later
 * fault on one of them is a first touch again, not a twin.
 */
void
mem_fault_forget(struct mem_client *c, uint32_t addr, uint32_t size)
{
	for (uint32_t i = 0; i < MEM_RECENT; i++)
		if (c->recent[i] >= addr && c->recent[i] - addr < size)
			c->recent[i] = 0;
}
