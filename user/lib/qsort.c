/*
 * qsort.c - sorting and binary search (contracts in include/stdlib.h).
 *
 * qsort is an introsort: quicksort with a median-of-three pivot, which
 * switches to heapsort for a range once the recursion has gone
 * 2 log2(n) levels deep (so no input can make it quadratic), and finishes
 * short ranges with insertion sort. It recurses only into the smaller
 * side of each partition, so its stack stays O(log n), and it allocates
 * nothing: objects of any size are swapped in place.
 */
#include <stdint.h>
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

#define QSORT_SHORT	12	/* ranges this short are finished by insertion sort */

static void
swap(char *a, char *b, size_t size)
{
	if (a == b)
		return;
	if (((uintptr_t)a | (uintptr_t)b | size) % sizeof(uint32_t) == 0) {
		for (size_t i = 0; i < size; i += sizeof(uint32_t)) {
			uint32_t t = *(uint32_t *)(a + i);
			*(uint32_t *)(a + i) = *(uint32_t *)(b + i);
			*(uint32_t *)(b + i) = t;
		}
		return;
	}
	for (size_t i = 0; i < size; i++) {
		char t = a[i];
		a[i] = b[i];
		b[i] = t;
	}
}

static void
insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--)
			swap(base + (j - 1) * size, base + j * size, size);
}

/* Restore the max-heap order below root in base[0..n). */
static void
sift_down(char *base, size_t root, size_t n, size_t size, cmp_fn cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
		root = child;
	}
}

static void
heap_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(base, i, n, size, cmp);
	for (size_t end = n; end-- > 1;) {
		swap(base, base + end * size, size);
		sift_down(base, 0, end, size, cmp);
	}
}

/*
 * Partition base[0..n) around the median of its first, middle and last
 * objects. Returns the pivot's final index p: everything before it
 * compares <= it, everything after >= it. Objects equal to the pivot stop
 * both scans, so a range of equal objects splits in half.
 */
static size_t
partition(char *base, size_t n, size_t size, cmp_fn cmp)
{
	char *mid = base + (n / 2) * size, *last = base + (n - 1) * size;
	size_t i = 0, j = n;

	if (cmp(mid, base) < 0)
		swap(mid, base, size);
	if (cmp(last, mid) < 0) {
		swap(last, mid, size);
		if (cmp(mid, base) < 0)
			swap(mid, base, size);
	}
	swap(base, mid, size);		/* the pivot waits at base[0] */
	for (;;) {
		do
			i++;
		while (i < n && cmp(base + i * size, base) < 0);
		do
			j--;
		while (cmp(base + j * size, base) > 0);
		if (i >= j)
			break;
		swap(base + i * size, base + j * size, size);
	}
	swap(base, base + j * size, size);
	return j;
}

static void
intro_sort(char *base, size_t n, size_t size, cmp_fn cmp, unsigned depth)
{
	while (n > QSORT_SHORT) {
		if (depth-- == 0) {
			heap_sort(base, n, size, cmp);
			return;
		}
		size_t p = partition(base, n, size, cmp);
		char *right = base + (p + 1) * size;
		size_t nright = n - p - 1;
		if (p < nright) {
			intro_sort(base, p, size, cmp, depth);
			base = right;
			n = nright;
		} else {
			intro_sort(right, nright, size, cmp, depth);
			n = p;
		}
	}
	insertion_sort(base, n, size, cmp);
}

void
qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	unsigned depth = 0;

	if (n < 2 || size == 0)
		return;
	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	intro_sort(base, n, size, cmp, depth);
}

void *
bsearch(const void *key, const void *base, size_t n, size_t size,
	int (*cmp)(const void *, const void *))
{
	const char *lo = base;

	while (n > 0) {
		const char *mid = lo + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
