/*
 * vmregion.h - ranges of a task's address space: unmapping them, and
 * finding room for memory that arrives in messages or from devices.
 */
#ifndef KERNEL_VMREGION_H
#define KERNEL_VMREGION_H

#include <stdint.h>
#include "harbor/mem.h"

struct task;

/* Where the kernel places memory it picks an address for: above the
 * memory server's area (include/harbor/mem.h), so the two never meet. */
#define VM_DYNAMIC_BASE	MEM_AREA_TOP
#define VM_DYNAMIC_TOP	MEM_KERNEL_AREA_TOP
#define VM_REGION_MAX	MEM_REGION_MAX	/* largest OOL region */

/* vm_find_free - the start of npages free pages in t's dynamic area, or 0. */
uint32_t vm_find_free(struct task *t, uint32_t npages);

/*
 * vm_deallocate - unmap [addr, addr+size) in t (pages not mapped are
 * skipped). Returns ERR_OK, or ERR_BAD_ADDRESS / ERR_BAD_SIZE when the
 * range is not page aligned or not in user space.
 */
int vm_deallocate(struct task *t, uint32_t addr, uint32_t size);

/* vm_check_range - ERR_OK if [addr, addr+size) is page aligned user space. */
int vm_check_range(uint32_t addr, uint32_t size);

#endif /* KERNEL_VMREGION_H */
