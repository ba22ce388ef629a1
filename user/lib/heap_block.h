/*
 * heap_block.h - the layout of the allocator's arenas and blocks, shared
 * by the code that changes them (heap.c) and the code that walks them to
 * check and count (heap_check.c). heap.c's opening comment has the
 * picture.
 */
#ifndef USER_LIB_HEAP_BLOCK_H
#define USER_LIB_HEAP_BLOCK_H

#include <stddef.h>
#include <stdint.h>

#define HEAP_MAGIC	((size_t)0x48454150u)	/* "HEAP" */

enum block_flag {
	BLOCK_USED = 1,		/* handed out, or waiting on a quick list */
	BLOCK_PREV_USED = 2,	/* the block before is used: it has no footer */
	BLOCK_QUICK = 4,	/* freed, waiting on a quick list (BLOCK_USED too) */
};
#define BLOCK_FLAGS	((size_t)15)

struct heap_block {
	size_t size;		/* the whole block in bytes | enum block_flag */
	size_t check;		/* HEAP_MAGIC ^ address ^ size */
	struct heap_block *next, *prev;	/* free and quick blocks only: in the payload */
};

struct heap_arena {
	struct heap_arena *next, *prev;	/* every arena */
	size_t size;
};

#define HDR		offsetof(struct heap_block, next)	/* what a used block costs */
#define ROUND16(n)	(((n) + 15u) & ~(size_t)15u)
#define MIN_BLOCK	ROUND16(sizeof(struct heap_block) + sizeof(size_t))	/* links + footer */
#define EXACT_MAX	1024u				/* bins hold one size each up to here */
#define EXACT_BINS	(EXACT_MAX / 16 + 1)
#define NBINS		(EXACT_BINS + 8)		/* then (1K,2K], (2K,4K] ... (128K,256K] */
#define QUICK_MAX	256u				/* blocks up to this size are cached when freed */
#define QUICK_LISTS	(QUICK_MAX / 16 + 1)
#define QUICK_LIMIT	(64u * 1024)			/* merge the cache when it holds more */

struct heap_state {
	struct heap_arena *arenas;
	size_t narenas;
	struct heap_block *bin[NBINS];
	uint32_t binmap[(NBINS + 31) / 32];	/* bit i: bin[i] is not empty */
	struct heap_block *quick[QUICK_LISTS];
	size_t quick_bytes;
	const char *call;			/* the operation under way, for reports */
	const void *arg;
};

extern struct heap_state heap_state;

static inline size_t
bsize(const struct heap_block *b)
{
	return b->size & ~BLOCK_FLAGS;
}

static inline struct heap_block *
at(const void *base, size_t offset)
{
	return (struct heap_block *)((char *)base + offset);
}

static inline size_t
check_of(const struct heap_block *b, size_t size)
{
	return HEAP_MAGIC ^ (size_t)(uintptr_t)b ^ size;
}

static inline void
set_header(struct heap_block *b, size_t size)
{
	b->size = size;
	b->check = check_of(b, size);
}

static inline int
header_ok(const struct heap_block *b)
{
	return b->check == check_of(b, b->size);
}

static inline void
set_footer(struct heap_block *b)
{
	*(size_t *)((char *)b + bsize(b) - sizeof(size_t)) = bsize(b);
}

static inline struct heap_block *
first_block(struct heap_arena *a)
{
	return at(a, ROUND16(sizeof(*a) + HDR) - HDR);
}

static inline struct heap_block *
fence_of(struct heap_arena *a)
{
	return at(a, a->size - HDR);
}

/* The bin for free blocks of size bytes. */
static inline unsigned
bin_index(size_t size)
{
	unsigned log;

	if (size <= EXACT_MAX)
		return (unsigned)(size / 16);
	log = (unsigned)(sizeof(unsigned long) * 8 - 1) -
	      (unsigned)__builtin_clzl((unsigned long)(size - 1));
	return log - 10 + EXACT_BINS < NBINS ? log - 10 + EXACT_BINS : NBINS - 1;
}

#endif /* USER_LIB_HEAP_BLOCK_H */
