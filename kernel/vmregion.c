/*
 * vmregion.c - free ranges in a task, and unmapping a range.
 *
 * The kernel's only placement policy: memory it maps on its own account
 * (out-of-line regions, device memory) goes "somewhere free above
 * VM_DYNAMIC_BASE", above the memory server's area. Everything else about
 * user memory - allocating, quotas, zero-fill - is the memory server's.
 */
#include "kernel/vmregion.h"
#include "kernel/lib.h"
#include "kernel/pmem.h"
#include "kernel/task.h"
#include "kernel/i386/paging.h"
#include "harbor/error.h"

uint32_t
vm_find_free(struct task *t, uint32_t npages)
{
	return vm_range_free(t, VM_DYNAMIC_BASE, VM_DYNAMIC_TOP, npages);
}

int
vm_check_range(uint32_t addr, uint32_t size)
{
	if (addr % PAGE_SIZE || size % PAGE_SIZE)
		return ERR_BAD_SIZE;
	if (addr == 0 || addr + size < addr || addr + size > USER_TOP)
		return ERR_BAD_ADDRESS;
	return ERR_OK;
}

int
vm_deallocate(struct task *t, uint32_t addr, uint32_t size)
{
	int err = vm_check_range(addr, size), device;

	if (err != ERR_OK)
		return err;
	for (uint32_t off = 0; off < size; off += PAGE_SIZE) {
		uint32_t pa = vm_unmap_page(t, addr + off, &device);
		if (pa && !device)
			frame_unref(pa);
	}
	return ERR_OK;
}
