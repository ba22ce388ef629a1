/*
 * fault.c - the memory server as every task's pager (pager.defs).
 *
 * A fault is served when it comes in on the faulting task's own pager
 * port (so no one can speak for another task) and its page is in one of
 * the task's regions with the access allowed, or in the main thread's
 * stack, which grows down to USER_STACK_LIMIT. Zero-fill on demand: the
 * frame is taken now, when the page is first touched. Two threads faulting
 * on one page send two faults: the second finds the page mapped and is
 * answered ERR_OK, so the page is mapped once.
 */
#include "user/lib/ulib.h"
#include "harbor/mem.h"
#include "harbor/memctl_client.h"
#include "harbor/pager_server.h"
#include "servers/mem/mem.h"

int
pager_fault_handler(void *ctx, uint32_t task_id, uint32_t thread_id, uint32_t address,
		    uint32_t access, uint32_t eip)
{
	struct mem_client *c = mem_client_by_port(mem_from);
	uint32_t page = address & ~(PAGE_SIZE - 1), prot, flags;
	struct mem_region *r;
	int err;

	if (c == NULL || c->task_id != task_id)
		return ERR_BAD_ADDRESS;		/* not from the task it names */
	r = mem_region_find(c, page);
	if (r != NULL) {
		prot = r->prot;
	} else if (page >= USER_STACK_LIMIT && page < USER_STACK_TOP) {
		if (c->reserved >= c->quota)
			return ERR_NO_MEMORY;
		prot = MEM_PROT_READ | MEM_PROT_WRITE;
	} else if (page >= USER_STACK_LIMIT - USER_STACK_GUARD && page < USER_STACK_LIMIT) {
		return ERR_STACK_OVERFLOW;
	} else {
		return ERR_BAD_ADDRESS;
	}
	if ((access & MEM_ACCESS_WRITE) && !(prot & MEM_PROT_WRITE))
		return ERR_BAD_ADDRESS;		/* a write to a read-only region */
	err = memctl_map(mem_ctl, c->task, page, 1, prot);
	if (err == ERR_BAD_ADDRESS && memctl_query(mem_ctl, c->task, page, &flags) == ERR_OK &&
	    (flags & MEM_MAPPED))
		/* Mapped already (another thread's fault on the same page came
		 * first), unless this is a protection fault on it. */
		return (access & MEM_ACCESS_PRESENT) ? ERR_BAD_ADDRESS : ERR_OK;
	if (err != ERR_OK)
		return err;
	c->resident++;
	if (r == NULL)
		c->reserved++;		/* stack growth counts as it comes */
	return ERR_OK;
}
