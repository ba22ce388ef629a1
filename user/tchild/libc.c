/*
 * libc.c - the test suite's helper modes for the C library: the ones that
 * must run in a task of their own, because they end it (a bad free
 * aborts) or because the test wants the task's memory back afterwards.
 * Their stdout and stderr go to the bootstrap port as text messages
 * (user/tests/libc_child.h), which is how the test reads the reports.
 *
 *   malloc_stress SEED N   N random malloc/calloc/realloc/free calls, every
 *                          block's bytes checked; prints "malloc_stress: ok"
 *   double_free            frees a block twice (prints "block <p>" first)
 *   wild_free              frees a pointer to the stack
 *   heap_overrun           writes past a block's end into the next header,
 *                          then frees the next block
 */
#include "user/lib/ulib.h"
#include "user/tchild/tchild.h"
#include "user/tests/libc_child.h"

/* Send one write of a stream to the bootstrap port; wait for room (the test drains it). */
static int
text_to_bootstrap(void *ctx, const char *buf, size_t len)
{
	struct libc_text_msg m = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(m),
			  .dest = NAME_BOOTSTRAP, .id = LIBC_TEXT_ID },
		.len = (uint32_t)len,
	};

	memcpy(m.text, buf, len);
	return msg_send(&m.head, 0, 0);
}

/* One live block of the stress: where, how big, and the seed of its bytes. */
struct live {
	uint32_t *p;
	size_t size;		/* bytes asked for */
	uint32_t seed;
};

static uint32_t rng;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Mostly small blocks, some of a few KiB, a few large enough for regions of their own. */
static size_t
random_size(void)
{
	uint32_t r = rnd() % 1000;

	if (r < 700)
		return rnd() % 257;
	if (r < 950)
		return 257 + rnd() % 3840;
	if (r < 995)
		return 4096 + rnd() % (28 * 1024);
	return 64 * 1024 + rnd() % (64 * 1024);
}

/* Fill (or check) every whole word of the block with a pattern from its seed. */
static void
pattern(struct live *l)
{
	for (size_t i = 0; i < l->size / 4; i++)
		l->p[i] = l->seed + (uint32_t)i * 2654435761u;
}

static int
pattern_ok(const struct live *l)
{
	for (size_t i = 0; i < l->size / 4; i++)
		if (l->p[i] != l->seed + (uint32_t)i * 2654435761u)
			return 0;
	return 1;
}

#define STRESS_SLOTS	400

static int
malloc_stress(uint32_t seed, uint32_t n)
{
	static struct live slot[STRESS_SLOTS];
	struct malloc_stats s;
	size_t peak = 0, reallocs = 0, larges = 0;

	rng = seed ? seed : 1;
	for (uint32_t op = 0; op < n; op++) {
		struct live *l = &slot[rnd() % STRESS_SLOTS];
		if (l->p && !pattern_ok(l)) {
			printf("malloc_stress: FAIL op %u: block %p (%u bytes) spoiled\n", op,
			       (void *)l->p, (unsigned)l->size);
			return 1;
		}
		if (l->p && rnd() % 4 == 0) {
			size_t size = random_size() + 4;
			uint32_t *q = realloc(l->p, size);
			if (q == NULL) {
				printf("malloc_stress: FAIL op %u: realloc to %u failed\n", op,
				       (unsigned)size);
				return 1;
			}
			l->p = q;
			l->size = size < l->size ? size : l->size;
			if (!pattern_ok(l)) {
				printf("malloc_stress: FAIL op %u: realloc lost the contents\n", op);
				return 1;
			}
			l->size = size;
			pattern(l);
			reallocs++;
		} else if (l->p) {
			free(l->p);
			l->p = NULL;
		} else {
			l->size = random_size();
			l->seed = rnd();
			l->p = rnd() % 8 ? malloc(l->size) : calloc(1, l->size);
			if (l->p == NULL || (uintptr_t)l->p % 16) {
				printf("malloc_stress: FAIL op %u: malloc(%u) = %p\n", op,
				       (unsigned)l->size, (void *)l->p);
				return 1;
			}
			larges += l->size >= 64 * 1024;
			pattern(l);
		}
		if (op % 10000 == 0) {
			malloc_check();
			malloc_stats(&s);
			if (s.used_bytes + s.large_bytes > peak)
				peak = s.used_bytes + s.large_bytes;
		}
	}
	for (int i = 0; i < STRESS_SLOTS; i++) {
		if (slot[i].p && !pattern_ok(&slot[i])) {
			printf("malloc_stress: FAIL at the end: block %p spoiled\n", (void *)slot[i].p);
			return 1;
		}
		free(slot[i].p);
		slot[i].p = NULL;
	}
	malloc_check();
	malloc_stats(&s);
	if (s.used_blocks != 0 || s.large_blocks != 0) {
		printf("malloc_stress: FAIL %u blocks and %u large blocks left after freeing all\n",
		       (unsigned)s.used_blocks, (unsigned)s.large_blocks);
		return 1;
	}
	printf("malloc_stress: ok %u operations, %u reallocs, %u large blocks, peak %u bytes, "
	       "%u arenas at the end\n", n, (unsigned)reallocs, (unsigned)larges, (unsigned)peak,
	       (unsigned)s.arenas);
	return 0;
}

int
libc_child(int argc, char **argv)
{
	const char *mode = argv[1];

	stdio_set_sink(stdout, text_to_bootstrap, NULL, NULL);
	stdio_set_sink(stderr, text_to_bootstrap, NULL, NULL);
	if (strcmp(mode, "malloc_stress") == 0 && argc > 3) {
		return malloc_stress((uint32_t)strtoul(argv[2], NULL, 0),
				     (uint32_t)strtoul(argv[3], NULL, 0));
	} else if (strcmp(mode, "double_free") == 0) {
		char *p = malloc(48);
		printf("block %p\n", (void *)p);
		free(p);
		free(p);
	} else if (strcmp(mode, "wild_free") == 0) {
		int on_stack;
		printf("block %p\n", (void *)&on_stack);
		free(&on_stack);
	} else if (strcmp(mode, "heap_overrun") == 0) {
		char *a = malloc(1000), *b = malloc(1000);
		printf("block %p\n", (void *)b);
		memset(a, 'A', malloc_usable_size(a) + 8);	/* into b's header */
		free(b);
	} else {
		printf("libc_child: unknown mode %s\n", mode);
		return 2;
	}
	printf("survived\n");	/* the test fails if it sees this */
	return 3;
}
