/*
 * libc.c - the benchmarks of the C library: what a malloc and free cost
 * in steady state, when the freed block comes straight back from its
 * quick list. The mutex around the allocator is taken and released
 * uncontended, so no trap is made: the figure is library code only.
 */
#include "user/bench/bench.h"

static const char *
malloc_setup(uint32_t size)
{
	void *p = malloc(size);

	/* The first malloc maps the arena (a vm_allocate): keep that out of the figure. */
	if (p == NULL)
		return bench_why("first malloc", ERR_NO_MEMORY);
	free(p);
	return NULL;
}

static int
malloc_free_64_iterate(void)
{
	void *p = malloc(64);

	free(p);
	return p ? ERR_OK : ERR_NO_MEMORY;
}

#define WARMUP	100u
#define ITER	10000u

const struct bench_case bench_libc_cases[] = {
	{ "malloc_free_64", malloc_setup, malloc_free_64_iterate, NULL, 64, WARMUP, ITER, 1 },
	{ NULL, NULL, NULL, NULL, 0, 0, 0, 0 },
};
