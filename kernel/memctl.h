/*
 * memctl.h - the memory control object (memctl_server.c).
 */
#ifndef KERNEL_MEMCTL_H
#define KERNEL_MEMCTL_H

#include <stdint.h>

/*
 * memctl_give - make the memory control port and return a send right to
 * it in transit (for a reply). Only once: ERR_DENIED afterwards, so the
 * first caller (init's memory server) is its one holder. ERR_NO_MEMORY
 * when the pool is exhausted.
 */
int memctl_give(uint32_t *ctl);

struct task;

/*
 * memctl_map_zero - map a fresh zeroed frame at user page va of t,
 * writable if prot has MEM_PROT_WRITE, on behalf of task `by` (a pager's
 * answer to a fault, pager.c). Returns ERR_OK (also when a page is mapped
 * there already), ERR_DENIED (by does not hold the memory control right),
 * ERR_NO_MEMORY (no frame beyond the reserve, or no page table).
 */
int memctl_map_zero(struct task *by, struct task *t, uint32_t va, uint32_t prot);

#endif /* KERNEL_MEMCTL_H */
