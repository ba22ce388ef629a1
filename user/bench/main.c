/*
 * bench - Harbor's IPC benchmark: times the traps and prints one line per
 * case, then shuts QEMU down.
 *
 * init starts it in a bench boot (mode=bench) and passes it the host
 * port. tests/bench/run.sh boots that under QEMU with -icount shift=0,
 * where rdtsc advances by one per guest instruction, so every figure is
 * an exact instruction count:
 *
 *   bench <name> median=<n> min=<n> unit=instructions mode=tcg-icount
 *   bench <name> skipped: <why>
 *   bench <name> failed: <what happened>
 *
 * docs/benchmarks.md says what each case measures.
 */
#include "user/bench/bench.h"
#include "harbor/host_client.h"

static uint32_t samples[BENCH_SAMPLES_MAX];

/* The low half of the time stamp counter: differences below 2^32 are exact. */
static inline uint32_t
bench_tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return lo;
}

/* Shell sort (Ciura's gaps): 10,000 samples in well under a second. */
static void
bench_sort(uint32_t *a, uint32_t n)
{
	static const uint32_t gaps[] = { 1750, 701, 301, 132, 57, 23, 10, 4, 1 };

	for (uint32_t g = 0; g < ARRAY_SIZE(gaps); g++) {
		uint32_t gap = gaps[g];
		for (uint32_t i = gap; i < n; i++) {
			uint32_t v = a[i], j = i;
			for (; j >= gap && a[j - gap] > v; j -= gap)
				a[j] = a[j - gap];
			a[j] = v;
		}
	}
}

const char *
bench_why(const char *what, int err)
{
	static char why[96];

	snprintf(why, sizeof(why), "%s: %s", what, error_string(err));
	return why;
}

/*
 * Run case c: setup, the untimed warm-up, the timed iterations, then the
 * median (the middle sample; the upper middle for an even count) and the
 * minimum, each divided by the operations per iteration. Returns 1 if
 * the case failed, else 0.
 */
static int
bench_run(const struct bench_case *c)
{
	const char *why = c->setup ? c->setup(c->arg) : NULL;
	uint32_t n = c->iterations < BENCH_SAMPLES_MAX ? c->iterations : BENCH_SAMPLES_MAX;

	if (why) {
		printf("bench %s skipped: %s\n", c->name, why);
		return 0;
	}
	for (uint32_t i = 0; i < c->warmup + n; i++) {
		uint32_t t0 = bench_tsc();
		int err = c->iterate();
		uint32_t t1 = bench_tsc();

		if (err != ERR_OK) {
			printf("bench %s failed: iteration %u: %s\n", c->name, i, error_string(err));
			if (c->teardown)
				c->teardown();
			return 1;
		}
		if (i >= c->warmup)
			samples[i - c->warmup] = t1 - t0;
	}
	if (c->teardown)
		c->teardown();
	bench_sort(samples, n);
	printf("bench %s median=%u min=%u unit=instructions mode=tcg-icount\n", c->name,
	       samples[n / 2] / c->per, samples[0] / c->per);
	return 0;
}

int
main(int argc, char **argv)
{
	const struct bench_case *lists[] = { bench_ipc_cases, bench_ool_cases, bench_libc_cases,
					     bench_console_cases, bench_mem_cases, bench_proc_cases,
					     bench_pipe_cases, bench_fs_cases };
	int failed = 0;

	if (argc > 1 && strcmp(argv[1], "server") == 0)
		return bench_server_task();
	if (argc > 1 && strcmp(argv[1], "pipe_sink") == 0)
		return bench_pipe_sink();	/* pipe.c: the reading side of pipe_4k */
	printf("bench: starting: median and min per operation, after a warm-up\n");
	for (uint32_t l = 0; l < ARRAY_SIZE(lists); l++)
		for (const struct bench_case *c = lists[l]; c->name; c++)
			failed += bench_run(c);
	bench_servers_stop();
	printf("bench: done: %d failed\n", failed);
	host_shutdown(NAME_HOST, failed ? 2 : 0);
	return failed != 0;
}
