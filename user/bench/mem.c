/*
 * mem.c - the memory server's benchmarks:
 *   fault_zero_fill   one write to a fresh page of a lazily reserved
 *                     region: the page fault goes to the memory server as
 *                     a message, which has the kernel map a zeroed frame
 *                     (memctl_map) and answers; per page
 *   mem_allocate_64k  reserve 64 KiB through mem.defs and give it back
 *                     (two RPCs to the server, the second with a
 *                     memctl_unmap)
 */
#include "user/bench/bench.h"
#include "harbor/mem.h"
#include "harbor/mem_client.h"

#define ZF_WARMUP	50u
#define ZF_ITER		1000u
#define ZF_PAGES	(ZF_WARMUP + ZF_ITER)

static uint32_t zf_base, zf_next;

static const char *
zero_fill_setup(uint32_t arg)
{
	int err = mem_allocate(mem_port, ZF_PAGES * PAGE_SIZE, 0, &zf_base);

	if (err != ERR_OK)
		return bench_why("reserve the pages", err);
	zf_next = zf_base;
	return NULL;
}

static int
zero_fill_iterate(void)
{
	*(volatile uint32_t *)zf_next = 1;	/* the fault, and its answer */
	zf_next += PAGE_SIZE;
	return ERR_OK;
}

static void
zero_fill_teardown(void)
{
	mem_deallocate(mem_port, zf_base, ZF_PAGES * PAGE_SIZE);
}

static int
allocate_64k_iterate(void)
{
	uint32_t a;
	int err = mem_allocate(mem_port, 64u << 10, 0, &a);

	if (err == ERR_OK)
		err = mem_deallocate(mem_port, a, 64u << 10);
	return err;
}

const struct bench_case bench_mem_cases[] = {
	{ "fault_zero_fill", zero_fill_setup, zero_fill_iterate, zero_fill_teardown, 0,
	  ZF_WARMUP, ZF_ITER, 1 },
	{ "mem_allocate_64k", NULL, allocate_64k_iterate, NULL, 0, 100, 1000, 1 },
	{ NULL, NULL, NULL, NULL, 0, 0, 0, 0 },
};
