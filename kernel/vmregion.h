/*
 * vmregion.h - ranges of a task's address space: allocating anonymous
 * memory, giving it back, and finding room for memory that arrives in
 * messages.
 */
#ifndef KERNEL_VMREGION_H
#define KERNEL_VMREGION_H

#include <stdint.h>

struct task;

/* Where the kernel places memory it picks an address for. */
#define VM_DYNAMIC_BASE	0x10000000u
#define VM_DYNAMIC_TOP	0xB0000000u
#define VM_REGION_MAX	(64u << 20)	/* largest single allocation or OOL region */

/* vm_find_free - the start of npages free pages in t's dynamic area, or 0. */
uint32_t vm_find_free(struct task *t, uint32_t npages);

/*
 * vm_allocate - map `size` bytes (a multiple of the page size) of zeroed,
 * writable memory in t at an address the kernel picks. Returns ERR_OK and
 * *addr, ERR_BAD_SIZE, ERR_NO_SPACE (no room in the address space) or
 * ERR_NO_MEMORY (no frames or page tables); on error nothing is mapped.
 */
int vm_allocate(struct task *t, uint32_t size, uint32_t *addr);

/*
 * vm_deallocate - unmap [addr, addr+size) in t (pages not mapped are
 * skipped). Returns ERR_OK, or ERR_BAD_ADDRESS / ERR_BAD_SIZE when the
 * range is not page aligned or not in user space.
 */
int vm_deallocate(struct task *t, uint32_t addr, uint32_t size);

/* vm_check_range - ERR_OK if [addr, addr+size) is page aligned user space. */
int vm_check_range(uint32_t addr, uint32_t size);

#endif /* KERNEL_VMREGION_H */
