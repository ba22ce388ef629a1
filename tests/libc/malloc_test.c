/*
 * malloc_test - Harbor's allocator on the host, on a fake region source
 * (fakes.c: aligned host memory, freed pages poisoned for ASan), under
 * ASan/UBSan: reuse, merging, large blocks going to regions and back,
 * realloc and calloc, 200,000 random operations with every byte checked,
 * and bad frees reported (the report's text is captured and abort()
 * longjmps back here).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tests/check.h"
#include "harbor/error.h"
#include "tests/libc/libc_host.h"

#define KIB 1024u

/* Call fn(p) and say whether it ended in abort(). */
static int
aborts(void (*fn)(void *), void *p)
{
	fake_out_reset();
	if (setjmp(fake_abort_jmp) == 0) {
		fn(p);
		return 0;
	}
	return 1;
}

static void
call_free(void *p)
{
	hb_free(p);
}

static void
call_realloc(void *p)
{
	hb_realloc(p, 10);
}

/* The report names the pointer and says what is wrong. */
static int
report_says(const void *p, const char *what)
{
	char ptr[32];

	snprintf(ptr, sizeof(ptr), "(0x%016lx)", (unsigned long)(uintptr_t)p);
	if (strstr(fake_out, ptr) && strstr(fake_out, what) && strncmp(fake_out, "malloc: ", 8) == 0)
		return 1;
	snprintf(check_why, sizeof(check_why), "report \"%.200s\" should name %s and say \"%s\"",
		 fake_out, ptr, what);
	return 0;
}

static int
freed_memory_is_reused(void)
{
	void *a = hb_malloc(64), *b;

	EXPECT_TRUE(a != NULL);
	EXPECT(0, (uintptr_t)a % 16);
	hb_free(a);
	b = hb_malloc(64);
	EXPECT_TRUE(a == b);
	hb_free(b);
	a = hb_malloc(3000);	/* not cached: merged on free, then found again */
	hb_free(a);
	b = hb_malloc(3000);
	EXPECT_TRUE(a == b);
	hb_free(b);
	EXPECT(0, malloc_check());
	return 1;
}

static int
neighbours_merge_when_freed(void)
{
	struct hb_malloc_stats s;
	char *a = hb_malloc(2000), *b = hb_malloc(2000), *c = hb_malloc(2000), *big;

	hb_free(a);
	hb_free(c);
	hb_free(b);		/* merges with both sides */
	hb_malloc_stats(&s);
	EXPECT(0, s.used_blocks);
	big = hb_malloc(6000);	/* fits where the three were */
	EXPECT_TRUE(big == a);
	hb_free(big);
	EXPECT(0, malloc_check());
	return 1;
}

static int
large_blocks_are_regions_of_their_own(void)
{
	size_t regions = fake_regions_live, pages = fake_pages_live;
	struct hb_malloc_stats s;
	char *p = hb_malloc(64 * KIB), *q = hb_malloc(1000 * KIB);

	EXPECT_TRUE(p != NULL && q != NULL);
	EXPECT(regions + 2, fake_regions_live);
	EXPECT(pages + 17 + 251, fake_pages_live);	/* 64 KiB + 16 header bytes = 17 pages */
	hb_malloc_stats(&s);
	EXPECT(2, s.large_blocks);
	memset(p, 1, 64 * KIB);
	memset(q, 2, 1000 * KIB);
	EXPECT(64 * KIB + 4096 - 16, hb_malloc_usable_size(p));
	hb_free(p);
	hb_free(q);
	EXPECT(regions, fake_regions_live);
	EXPECT(pages, fake_pages_live);
	EXPECT(0, fake_region_mistakes);
	return 1;
}

static int
realloc_keeps_contents_and_grows_in_place(void)
{
	char *p = hb_malloc(100), *q;
	size_t pages;

	for (int i = 0; i < 100; i++)
		p[i] = (char)i;
	q = hb_realloc(p, 5000);	/* a quick-size block: moved */
	EXPECT_TRUE(q != NULL);
	for (int i = 0; i < 100; i++)
		EXPECT((char)i, q[i]);
	p = hb_realloc(q, 9000);	/* the arena's free space follows it: in place */
	EXPECT_TRUE(p == q);
	p = hb_realloc(p, 1000);	/* shrinks in place */
	EXPECT_TRUE(p == q);
	for (int i = 0; i < 100; i++)
		EXPECT((char)i, p[i]);
	p = hb_realloc(p, 200 * KIB);	/* becomes a large block */
	for (int i = 0; i < 100; i++)
		EXPECT((char)i, p[i]);
	pages = fake_pages_live;
	q = hb_realloc(p, 100 * KIB);	/* large shrinks in place, giving pages back */
	EXPECT_TRUE(q == p);
	EXPECT(pages - 25, fake_pages_live);
	p = hb_realloc(q, 50);		/* back into an arena */
	for (int i = 0; i < 50; i++)
		EXPECT((char)i, p[i]);
	EXPECT_TRUE(hb_realloc(p, 0) == NULL);	/* frees */
	p = hb_realloc(NULL, 30);		/* mallocs */
	EXPECT_TRUE(p != NULL);
	hb_free(p);
	EXPECT(0, malloc_check());
	EXPECT(0, fake_region_mistakes);
	return 1;
}

static int
calloc_zeroes_and_checks_overflow(void)
{
	unsigned char *p = hb_malloc(400);

	memset(p, 0xee, 400);
	hb_free(p);
	p = hb_calloc(100, 4);		/* the same dirty block, zeroed */
	for (int i = 0; i < 400; i++)
		EXPECT(0, p[i]);
	hb_free(p);
	*errno_location() = 0;
	EXPECT_TRUE(hb_calloc(SIZE_MAX / 2, 3) == NULL);
	EXPECT(ERR_NO_MEMORY, *errno_location());
	p = hb_calloc(3, 100 * KIB);
	for (size_t i = 0; i < 300 * KIB; i++)
		EXPECT(0, p[i]);
	hb_free(p);
	return 1;
}

static int
no_memory_is_null_and_enomem(void)
{
	void *hold[64];
	int n = 0;

	fake_region_refuse = 1;
	*errno_location() = 0;
	EXPECT_TRUE(hb_malloc(100 * KIB) == NULL);
	EXPECT(ERR_NO_MEMORY, *errno_location());
	/* Small requests fail once the arena that exists is full. */
	while (n < 64 && (hold[n] = hb_malloc(60 * KIB)) != NULL)
		n++;
	EXPECT_TRUE(n < 64);
	fake_region_refuse = 0;
	while (n > 0)
		hb_free(hold[--n]);
	EXPECT_TRUE(hb_malloc(SIZE_MAX - 10) == NULL);
	EXPECT(0, malloc_check());
	return 1;
}

/* One live block of the stress test: where, how big, and the seed of its bytes. */
struct live {
	unsigned char *p;
	size_t size;
	unsigned seed;
};

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

static size_t
random_size(void)
{
	unsigned r = rnd() % 100;

	if (r < 70)
		return rnd() % 257;
	if (r < 90)
		return 257 + rnd() % (8 * KIB);
	if (r < 98)
		return rnd() % (64 * KIB);
	return 64 * KIB + rnd() % (256 * KIB);
}

static void
pattern(struct live *l)
{
	for (size_t i = 0; i < l->size; i++)
		l->p[i] = (unsigned char)(l->seed + i * 7);
}

static int
pattern_ok(const struct live *l)
{
	for (size_t i = 0; i < l->size; i++)
		if (l->p[i] != (unsigned char)(l->seed + i * 7))
			return 0;
	return 1;
}

static int
stress_200k_random_operations(void)
{
	enum { SLOTS = 1500, OPS = 200000 };
	static struct live slot[SLOTS];
	struct hb_malloc_stats s;
	size_t pages = fake_pages_live;

	for (long op = 0; op < OPS; op++) {
		struct live *l = &slot[rnd() % SLOTS];
		if (l->p) {
			if (!pattern_ok(l)) {
				snprintf(check_why, sizeof(check_why), "op %ld: block %p (%zu) spoiled", op,
					 (void *)l->p, l->size);
				return 0;
			}
			if (rnd() % 4 == 0) {	/* realloc: the prefix must survive */
				size_t n = random_size() + 1;
				unsigned char *q = hb_realloc(l->p, n);
				EXPECT_TRUE(q != NULL);
				l->p = q;
				l->size = n < l->size ? n : l->size;
				EXPECT_TRUE(pattern_ok(l));
				l->size = n;
				pattern(l);
				continue;
			}
			hb_free(l->p);
			l->p = NULL;
		} else {
			l->size = random_size();
			l->seed = rnd();
			l->p = rnd() % 8 ? hb_malloc(l->size) : hb_calloc(1, l->size);
			EXPECT_TRUE(l->p != NULL);
			EXPECT(0, (uintptr_t)l->p % 16);
			EXPECT_TRUE(hb_malloc_usable_size(l->p) >= l->size);
			pattern(l);
		}
		if (op % 20000 == 0)
			EXPECT(0, malloc_check());
	}
	for (int i = 0; i < SLOTS; i++) {
		if (slot[i].p) {
			EXPECT_TRUE(pattern_ok(&slot[i]));
			hb_free(slot[i].p);
			slot[i].p = NULL;
		}
	}
	EXPECT(0, malloc_check());
	hb_malloc_trim();
	hb_malloc_stats(&s);
	EXPECT(0, s.used_blocks);
	EXPECT(0, s.large_blocks);
	EXPECT(0, s.cached_blocks);
	EXPECT(1, s.arenas);		/* one kept for the next malloc, the rest given back */
	EXPECT_TRUE(fake_pages_live <= pages + 64 + 1);
	EXPECT(0, fake_region_mistakes);
	return 1;
}

static int
double_free_is_reported(void)
{
	char *small = hb_malloc(40), *medium = hb_malloc(3000), *large = hb_malloc(100 * KIB);

	hb_free(small);
	EXPECT(1, aborts(call_free, small));
	if (!report_says(small, "double free"))
		return 0;
	hb_free(medium);
	EXPECT(1, aborts(call_free, medium));
	if (!report_says(medium, "double free"))
		return 0;
	hb_free(large);
	EXPECT(1, aborts(call_free, large));
	if (!report_says(large, "freed already"))
		return 0;
	EXPECT(1, aborts(call_realloc, small));
	if (!report_says(small, "free already"))
		return 0;
	EXPECT(0, malloc_check());
	return 1;
}

static int
wild_free_is_reported(void)
{
	int on_stack;
	char *p = hb_malloc(500);

	EXPECT(1, aborts(call_free, &on_stack));
	if (!report_says(&on_stack, "not a block malloc returned"))
		return 0;
	EXPECT(1, aborts(call_free, p + 16));	/* inside a block */
	if (!report_says(p + 16, "not a block malloc returned"))
		return 0;
	EXPECT(1, aborts(call_free, p + 3));	/* misaligned */
	if (!report_says(p + 3, "not a block malloc returned"))
		return 0;
	hb_free(p);
	EXPECT(0, malloc_check());
	return 1;
}

static int
overwritten_header_is_reported(void)
{
	char *a = hb_malloc(1000), *b = hb_malloc(1000);
	size_t usable = hb_malloc_usable_size(a);
	char saved[32];

	/* Run 8 bytes past a's end: b's header. */
	memcpy(saved, a + usable, 16);
	memset(a + usable, 'A', 8);
	EXPECT(1, aborts(call_free, b));
	if (!report_says(b, "header was overwritten"))
		return 0;
	/* a's free looks at b's header too: that is corruption found at b. */
	EXPECT(1, aborts(call_free, a));
	if (!report_says(a, "heap corrupted"))
		return 0;
	memcpy(a + usable, saved, 16);
	hb_free(b);
	hb_free(a);
	EXPECT(0, malloc_check());
	return 1;
}

int
main(void)
{
	RUN(freed_memory_is_reused);
	RUN(neighbours_merge_when_freed);
	RUN(large_blocks_are_regions_of_their_own);
	RUN(realloc_keeps_contents_and_grows_in_place);
	RUN(calloc_zeroes_and_checks_overflow);
	RUN(no_memory_is_null_and_enomem);
	RUN(stress_200k_random_operations);
	RUN(double_free_is_reported);
	RUN(wild_free_is_reported);
	RUN(overwritten_header_is_reported);
	return check_done();
}
