/*
 * fault.h - what happens to a task whose thread faults in user mode.
 */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

#include <stdint.h>

/*
 * fault_user - the current thread took exception trapno (called `name`)
 * at eip in user mode (addr: the faulting address of a page fault).
 * Returns if it was a copy-on-write write, now resolved, or a page fault
 * the task's pager resolved (pager.c: the thread may wait for it);
 * otherwise the task is killed with a report on the debug line and this
 * does not return.
 */
void fault_user(uint32_t trapno, const char *name, uint32_t eip, uint32_t err, uint32_t addr);

#endif /* KERNEL_FAULT_H */
