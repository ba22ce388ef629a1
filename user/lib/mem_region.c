/*
 * mem_region.c - where malloc's memory comes from today: the kernel's
 * vm_allocate and vm_deallocate on our own task port (contracts in
 * mem_region.h). The memory server will replace this file.
 */
#include <stdint.h>
#include "user/lib/mem_region.h"
#include "harbor/error.h"
#include "harbor/msg.h"
#include "harbor/task_client.h"

int
mem_region_alloc(size_t size, void **addr)
{
	uint32_t a = 0;
	int err = task_vm_allocate(NAME_TASK_SELF, (uint32_t)size, &a);

	if (err == ERR_OK)
		*addr = (void *)(uintptr_t)a;
	return err;
}

int
mem_region_free(void *addr, size_t size)
{
	return task_vm_deallocate(NAME_TASK_SELF, (uint32_t)(uintptr_t)addr, (uint32_t)size);
}
