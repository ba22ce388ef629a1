/*
 * touchmem - touch fresh memory, so that a page fault goes to the pager.
 *
 *   touchmem [PAGES]     (default 2, at most 64)
 *
 * vm_allocate asks the memory server for zeroed memory, which it maps
 * only when first touched (zero-fill on demand). Writing one word into
 * each page therefore makes one page fault per page, which the kernel
 * sends to the task's pager (the memory server) as a message
 * (kernel/pager.c): `make trace CMD='touchmem'` draws them
 * (docs/trace.md).
 */
#include "user/lib/ulib.h"
#include "harbor/layout.h"

#define TOUCHMEM_MAX	64u

int
main(int argc, char **argv)
{
	uint32_t pages = argc > 1 ? (uint32_t)strtol(argv[1], NULL, 10) : 2;
	uint32_t addr;
	int err;

	if (pages == 0 || pages > TOUCHMEM_MAX) {
		fprintf(stderr, "usage: touchmem [PAGES]   (1 to %u)\n", TOUCHMEM_MAX);
		return 2;
	}
	err = vm_allocate(pages * PAGE_SIZE, &addr);
	if (err != ERR_OK) {
		fprintf(stderr, "touchmem: %s\n", error_string(err));
		return 1;
	}
	for (uint32_t i = 0; i < pages; i++)
		*(volatile uint32_t *)(addr + i * PAGE_SIZE) = i;	/* the fault happens here */
	printf("touched %u fresh pages at %#x\n", pages, addr);
	return 0;
}
