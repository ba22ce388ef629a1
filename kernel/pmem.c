/*
 * pmem.c - the physical frame allocator.
 *
 * Free frames form a singly linked list threaded through the frames
 * themselves (reached through the direct map), so the allocator needs no
 * memory of its own. Usable RAM comes from the Multiboot memory map; the
 * kernel image, GRUB's data and the boot modules sit below reserved_end
 * and are never handed out.
 */
#include "kernel/pmem.h"
#include "kernel/lib.h"
#include "kernel/i386/multiboot.h"

struct free_frame {
	struct free_frame *next;
};

static struct free_frame *free_list;
static uint32_t free_count;

/* Mappings per frame: a frame in several address spaces (shared or
 * copy-on-write) goes back to the free list when the last one goes. */
static uint32_t frame_refs[PMEM_MAX / PAGE_SIZE];

/* The boot-time range [run_start, run_end) from which frame_alloc_run carves. */
static uint32_t run_start, run_end;

/*
 * The i-th usable RAM range of the memory map, as whole pages in
 * [*lo, *hi), above reserved_end and below PMEM_MAX. Returns 0 past the end.
 */
static int
pmem_range(uint32_t mmap_addr, uint32_t mmap_length, uint32_t reserved_end, uint32_t i,
	   uint32_t *lo, uint32_t *hi)
{
	for (uint32_t p = mmap_addr; p < mmap_addr + mmap_length;) {
		struct multiboot_mmap *m = P2V(p);
		uint64_t end = m->addr + m->len;

		p += m->size + 4;
		if (m->type != 1 || m->addr >= PMEM_MAX || i-- > 0)
			continue;
		*lo = ROUNDUP((uint32_t)m->addr, PAGE_SIZE);
		*hi = ROUNDDOWN((uint32_t)(end > PMEM_MAX ? PMEM_MAX : end), PAGE_SIZE);
		if (*lo < reserved_end)
			*lo = ROUNDUP(reserved_end, PAGE_SIZE);
		if (*hi < *lo)
			*hi = *lo;
		return 1;
	}
	return 0;
}

void
pmem_init(uint32_t mmap_addr, uint32_t mmap_length, uint32_t reserved_end)
{
	uint32_t lo, hi;

	/* The largest range is kept back for the pool (frame_alloc_run). */
	for (uint32_t i = 0; pmem_range(mmap_addr, mmap_length, reserved_end, i, &lo, &hi); i++) {
		if (hi - lo > run_end - run_start) {
			run_start = lo;
			run_end = hi;
		}
	}
	/* Frames outside it go on the free list now; the rest once
	 * frame_alloc_run has taken the pool from its start. */
	for (uint32_t i = 0; pmem_range(mmap_addr, mmap_length, reserved_end, i, &lo, &hi); i++)
		for (uint32_t pa = lo; pa < hi; pa += PAGE_SIZE)
			if ((pa < run_start || pa >= run_end) && pa != 0)
				frame_free(pa);
}

uint32_t
frame_alloc_run(uint32_t n)
{
	uint32_t first;

	if (run_end - run_start < n * PAGE_SIZE)
		return 0;
	first = run_start;
	run_start += n * PAGE_SIZE;
	/* What is left of the range now joins the free list. */
	for (uint32_t pa = run_start; pa < run_end; pa += PAGE_SIZE)
		frame_free(pa);
	run_start = run_end;
	return first;
}

uint32_t
frame_alloc(void)
{
	struct free_frame *f = free_list;

	if (f == 0)
		return 0;
	free_list = f->next;
	free_count--;
	memset(f, 0, PAGE_SIZE);
	frame_refs[V2P(f) / PAGE_SIZE] = 1;
	return V2P(f);
}

void
frame_ref(uint32_t pa)
{
	assert(frame_refs[pa / PAGE_SIZE] > 0);
	frame_refs[pa / PAGE_SIZE]++;
}

void
frame_unref(uint32_t pa)
{
	assert(frame_refs[pa / PAGE_SIZE] > 0);
	if (--frame_refs[pa / PAGE_SIZE] == 0)
		frame_free(pa);
}

uint32_t
frame_refcount(uint32_t pa)
{
	return frame_refs[pa / PAGE_SIZE];
}

void
frame_free(uint32_t pa)
{
	struct free_frame *f = P2V(pa);

	assert(pa % PAGE_SIZE == 0 && pa < PMEM_MAX);
	f->next = free_list;
	free_list = f;
	free_count++;
}

uint32_t
frame_count_free(void)
{
	return free_count;
}
