/*
 * vmregion.c - anonymous memory and free ranges in a task.
 *
 * The kernel's only memory policy: "somewhere free above VM_DYNAMIC_BASE".
 * (Quotas, paging and the rest belong to the memory server.)
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
vm_allocate(struct task *t, uint32_t size, uint32_t *addr)
{
	uint32_t va;

	if (size == 0 || size % PAGE_SIZE || size > VM_REGION_MAX)
		return ERR_BAD_SIZE;
	va = vm_find_free(t, size / PAGE_SIZE);
	if (va == 0)
		return ERR_NO_SPACE;
	for (uint32_t off = 0; off < size; off += PAGE_SIZE) {
		uint32_t pa = frame_alloc();
		if (pa == 0 || vm_map_page(t, va + off, pa, VM_WRITE) != ERR_OK) {
			if (pa)
				frame_unref(pa);
			vm_deallocate(t, va, off);
			return ERR_NO_MEMORY;
		}
	}
	*addr = va;
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
