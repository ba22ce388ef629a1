/*
 * mem_region.h - THE seam between malloc and whoever owns memory: whole
 * pages, asked for and given back. The memory server answers (through
 * vm_allocate in mem.c; mem_region.c). Nothing else in the library maps
 * memory.
 */
#ifndef USER_LIB_MEM_REGION_H
#define USER_LIB_MEM_REGION_H

#include <stddef.h>

#define MEM_PAGE_SIZE	4096u

/*
 * mem_region_alloc - size bytes (a positive multiple of MEM_PAGE_SIZE)
 * of zeroed, writable memory at a page-aligned address, stored in *addr.
 * Returns ERR_OK; ERR_BAD_SIZE (size 0, not whole pages, or too large);
 * ERR_NO_SPACE (no free range of addresses); ERR_NO_MEMORY (no frames).
 */
int mem_region_alloc(size_t size, void **addr);

/*
 * mem_region_free - give back [addr, addr + size): whole pages of a
 * region from mem_region_alloc, which may be only part of it (the rest
 * stays). Returns ERR_OK, or ERR_BAD_SIZE / ERR_BAD_ADDRESS for a range
 * that is not page aligned or not in user space.
 */
int mem_region_free(void *addr, size_t size);

#endif /* USER_LIB_MEM_REGION_H */
