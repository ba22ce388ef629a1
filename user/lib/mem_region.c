/*
 * mem_region.c - where malloc's memory comes from: the memory server
 * (user/lib/mem.c; contracts in mem_region.h). Regions are zero-filled
 * on demand: a page takes a frame when it is first touched, by the task
 * or by the kernel, whose copies fault pages in (so a heap block handed to
 * the kernel as a receive buffer before it is ever touched is fine).
 */
#include <stdint.h>
#include "user/lib/mem_region.h"
#include "user/lib/ulib.h"

int
mem_region_alloc(size_t size, void **addr)
{
	uint32_t a = 0;
	int err = vm_allocate((uint32_t)size, &a);

	if (err == ERR_NOT_FOUND)
		err = ERR_NO_MEMORY;	/* no memory server: no memory */
	if (err == ERR_OK)
		*addr = (void *)(uintptr_t)a;
	return err;
}

int
mem_region_free(void *addr, size_t size)
{
	return vm_deallocate((uint32_t)(uintptr_t)addr, (uint32_t)size);
}
