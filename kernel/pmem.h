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

/* frame_alloc - a zeroed 4 KiB frame (one reference), or 0 if none is left. */
uint32_t frame_alloc(void);

/* frame_free - put a frame on the free list (at boot; later use frame_unref). */
void frame_free(uint32_t pa);

/* frame_ref - one more mapping (or message) holds frame pa. */
void frame_ref(uint32_t pa);

/* frame_unref - one fewer holds pa; the last one frees it. */
void frame_unref(uint32_t pa);

/* frame_refcount - how many hold pa (1 after frame_alloc). */
uint32_t frame_refcount(uint32_t pa);

/* frame_count_free - how many frames are free. */
uint32_t frame_count_free(void);

/*
 * frame_alloc_run - take n physically contiguous frames from the start of
 * the largest free range at boot (before any frame_alloc); for the kernel
 * pool. The rest of the range then joins the free list.
 * Returns the first frame's address or 0.
 */
uint32_t frame_alloc_run(uint32_t n);

#endif /* KERNEL_PMEM_H */
