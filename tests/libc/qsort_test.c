/*
 * qsort_test - Harbor's qsort and bsearch on the host, under ASan/UBSan:
 * sorted results for many sizes, element sizes and input shapes, and
 * the worst case bounded: McIlroy's "killer adversary" comparator, which
 * drives any plain quicksort to n^2/4 comparisons, must not get past
 * O(n log n) with an introsort.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tests/check.h"
#include "tests/libc/libc_host.h"

static long comparisons;

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	comparisons++;
	return (x > y) - (x < y);
}

struct triple {
	int key;
	int pad[2];
};

static int
cmp_triple(const void *a, const void *b)
{
	return cmp_int(&((const struct triple *)a)->key, &((const struct triple *)b)->key);
}

static int
cmp_byte(const void *a, const void *b)
{
	return *(const unsigned char *)a - *(const unsigned char *)b;
}

/* Odd-sized records (7 bytes), compared on their first 3 as a big-endian number. */
static int
cmp_seven(const void *a, const void *b)
{
	return memcmp(a, b, 3);
}

static unsigned long long seed = 88172645463325252ULL;

static unsigned
next_random(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)seed;
}

/* Fill a with n ints of a shape: 0 random, 1 sorted, 2 reversed, 3 equal, 4 few, 5 organ pipe. */
static void
fill(int *a, size_t n, int shape)
{
	for (size_t i = 0; i < n; i++) {
		switch (shape) {
		case 0: a[i] = (int)next_random(); break;
		case 1: a[i] = (int)i; break;
		case 2: a[i] = (int)(n - i); break;
		case 3: a[i] = 7; break;
		case 4: a[i] = (int)(next_random() % 4); break;
		default: a[i] = (int)(i < n / 2 ? i : n - i); break;
		}
	}
}

static int
sorts_ints_of_every_shape_and_size(void)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 5, 12, 13, 17, 100, 1000, 100000 };
	static int a[100000], b[100000];

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (int shape = 0; shape < 6; shape++) {
			size_t n = sizes[s];
			fill(a, n, shape);
			memcpy(b, a, n * sizeof(int));
			hb_qsort(a, n, sizeof(int), cmp_int);
			qsort(b, n, sizeof(int), cmp_int);
			EXPECT(0, memcmp(a, b, n * sizeof(int)));
		}
	return 1;
}

static int
sorts_records_of_any_size(void)
{
	static struct triple t[5000];
	static unsigned char bytes[3001], seven[7 * 2000];

	for (size_t i = 0; i < 5000; i++)
		t[i] = (struct triple){ (int)(next_random() % 1000), { (int)i, -(int)i } };
	hb_qsort(t, 5000, sizeof(t[0]), cmp_triple);
	for (size_t i = 1; i < 5000; i++) {
		EXPECT_TRUE(t[i - 1].key <= t[i].key);
		EXPECT(-t[i].pad[0], t[i].pad[1]);	/* records moved whole */
	}
	for (size_t i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)next_random();
	hb_qsort(bytes, sizeof(bytes), 1, cmp_byte);
	for (size_t i = 1; i < sizeof(bytes); i++)
		EXPECT_TRUE(bytes[i - 1] <= bytes[i]);
	for (size_t i = 0; i < sizeof(seven); i++)
		seven[i] = (unsigned char)next_random();
	hb_qsort(seven, 2000, 7, cmp_seven);
	for (size_t i = 1; i < 2000; i++)
		EXPECT_TRUE(memcmp(seven + 7 * (i - 1), seven + 7 * i, 3) <= 0);
	return 1;
}

/* McIlroy, "A Killer Adversary for Quicksort" (1999): values are decided lazily. */
static int *adv_val, adv_gas, adv_solid, adv_candidate;

static int
cmp_adversary(const void *pa, const void *pb)
{
	int x = *(const int *)pa, y = *(const int *)pb;

	comparisons++;
	if (adv_val[x] == adv_gas && adv_val[y] == adv_gas)
		adv_val[x == adv_candidate ? x : y] = adv_solid++;
	if (adv_val[x] == adv_gas)
		adv_candidate = x;
	else if (adv_val[y] == adv_gas)
		adv_candidate = y;
	return adv_val[x] - adv_val[y];
}

static int
adversary_cannot_make_it_quadratic(void)
{
	enum { N = 20000 };
	static int val[N], ptr[N];
	long bound;

	adv_val = val;
	adv_gas = N;
	adv_solid = 0;
	adv_candidate = 0;
	for (int i = 0; i < N; i++) {
		ptr[i] = i;
		val[i] = N;
	}
	comparisons = 0;
	hb_qsort(ptr, N, sizeof(int), cmp_adversary);
	for (int i = 1; i < N; i++)
		EXPECT_TRUE(val[ptr[i - 1]] <= val[ptr[i]]);
	/* n log2 n is about 286,000; n^2/4 would be 100,000,000. */
	bound = 6L * N * 15;
	if (comparisons > bound) {
		snprintf(check_why, sizeof(check_why), "%ld comparisons for %d objects (bound %ld)",
			 comparisons, N, bound);
		return 0;
	}
	return 1;
}

static int
bsearch_finds_each_and_only_those(void)
{
	static int a[1001];

	for (int i = 0; i < 1001; i++)
		a[i] = 2 * i;
	for (int k = -1; k <= 2002; k++) {
		int *hit = hb_bsearch(&k, a, 1001, sizeof(int), cmp_int);
		if (k >= 0 && k % 2 == 0 && k <= 2000) {
			EXPECT_TRUE(hit == &a[k / 2]);
		} else {
			EXPECT_TRUE(hit == NULL);
		}
	}
	EXPECT_TRUE(hb_bsearch(&a[0], a, 0, sizeof(int), cmp_int) == NULL);
	return 1;
}

int
main(void)
{
	RUN(sorts_ints_of_every_shape_and_size);
	RUN(sorts_records_of_any_size);
	RUN(adversary_cannot_make_it_quadratic);
	RUN(bsearch_finds_each_and_only_those);
	return check_done();
}
