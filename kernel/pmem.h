/*
 * pmem.h - physical memory: the frames of RAM and who may use them.
 */
#ifndef KERNEL_PMEM_H
#define KERNEL_PMEM_H

#include <stdint.h>
#include "harbor/layout.h"

#define PMEM_MAX	(256u << 20)	/* RAM above this is not used */

/* Kernel virtual address of physical address pa, and back (direct map). */
#define P2V(pa)	((void *)((uint32_t)(pa) + KERNBASE))
#define V2P(va)	((uint32_t)(va) - KERNBASE)

/*
 * pmem_init - build the free frame list from the Multiboot memory map,
 * leaving out everything below `reserved_end` (kernel, boot data, modules).
 */
void pmem_init(uint32_t mmap_addr, uint32_t mmap_length, uint32_t reserved_end);

/* frame_alloc - a zeroed 4 KiB frame's physical address, or 0 if none is left. */
uint32_t frame_alloc(void);

/* frame_free - give back a frame frame_alloc returned. */
void frame_free(uint32_t pa);

/* frame_count_free - how many frames are free. */
uint32_t frame_count_free(void);

/*
 * frame_alloc_run - take n physically contiguous frames from the top of the
 * free memory at boot (before any frame_alloc); for the kernel pool.
 * Returns the first frame's address or 0.
 */
uint32_t frame_alloc_run(uint32_t n);

#endif /* KERNEL_PMEM_H */
