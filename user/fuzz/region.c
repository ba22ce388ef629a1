/*
 * region.c - the memory a stream sends and receives out of line.
 *
 * Each stream owns a few arena pages with known contents. A run of them
 * goes out moved, shared or copied; sent shared, a page is no longer
 * private (the receiver may write it). Regions that arrive are kept a
 * while: shared ones get written now and then (so a copy someone else
 * made of them would see the writes if copy-on-write were broken), and
 * copy-on-write copies are checked again later - their bytes must never
 * change, whoever writes the pages they came from.
 *
 * Besides good regions, fz_region_pick offers what the kernel must refuse:
 * unmapped pages, kernel addresses, ranges that wrap, unaligned or huge
 * sizes, device memory, and code and stack pages (copied or shared only:
 * moving them away would kill the worker for nothing).
 */
#include "user/fuzz/fthread.h"
#include "harbor/task_client.h"

#define PAGE	4096u

/* The FZ_F_DATA check a region that should be writable fails (report.c). */
#define C_NOT_WRITABLE	26

uint32_t
fz_sum(uint32_t addr, uint32_t size)
{
	const volatile uint32_t *w = (const volatile uint32_t *)addr;
	uint32_t h = size;

	for (uint32_t i = 0; i < size / 4; i++)
		h = fz_mix(h ^ w[i]) + i;
	return h;
}

static void
fill_page(struct fz_rng *r, uint32_t addr)
{
	uint32_t seed = fz_rand(r);
	uint32_t *w = (uint32_t *)addr;

	for (uint32_t i = 0; i < PAGE / 4; i++)
		w[i] = fz_mix(seed + i);
}

static void
held_drop(struct fz_region *h)
{
	if (h->size)
		vm_deallocate(h->addr, h->size);
	*h = (struct fz_region){ 0 };
}

void
fz_arena_reset(struct fz_thread *me)
{
	uint32_t base = 0;

	for (uint32_t i = 0; i < FZ_ARENA_PAGES; i++) {
		if (me->arena[i])
			vm_deallocate(me->arena[i], PAGE);
		me->arena[i] = 0;
		me->arena_shared[i] = 0;
	}
	for (uint32_t i = 0; i < FZ_HELD_MAX; i++)
		held_drop(&me->held[i]);
	if (vm_allocate(FZ_ARENA_PAGES * PAGE, &base) != ERR_OK)
		return;
	for (uint32_t i = 0; i < FZ_ARENA_PAGES; i++) {
		me->arena[i] = base + i * PAGE;
		fill_page(&me->rng, me->arena[i]);
	}
}

/* Pages moved away: give their slots new ones (not next to the others any more). */
static void
arena_refill(struct fz_thread *me)
{
	for (uint32_t i = 0; i < FZ_ARENA_PAGES; i++) {
		uint32_t a;
		if (me->arena[i] == 0 && vm_allocate(PAGE, &a) == ERR_OK) {
					me->arena[i] = a;
			me->arena_shared[i] = 0;
			fill_page(&me->rng, a);
		}
	}
}

/* A run of arena pages with consecutive addresses; 0 if the first slot is gone. */
static uint32_t
arena_run(struct fz_thread *me, uint32_t first, uint32_t want, uint32_t *flags)
{
	uint32_t n = 0;

	*flags = FZ_R_SUM;
	while (n < want && first + n < FZ_ARENA_PAGES && me->arena[first + n] &&
	       me->arena[first + n] == me->arena[first] + n * PAGE) {
		if (me->arena_shared[first + n])
			*flags = FZ_R_SHARED;
		n++;
	}
	return n;
}

/* Memory the kernel must refuse to send (or, for size 0, send as nothing). */
static void
bad_region(struct fz_thread *me, uint32_t *addr, uint32_t *size)
{
	static const uint32_t bad[][2] = {
		{ 0, PAGE },			/* null */
		{ 0x1000, 2 * PAGE },		/* below the program: unmapped */
		{ 0x3ff000, 2 * PAGE },		/* half unmapped, half program */
		{ 0xB0000000u, PAGE },		/* above the dynamic area: unmapped */
		{ 0xC0000000u, PAGE },		/* the kernel */
		{ 0xBFFFF000u, 2 * PAGE },	/* into the kernel */
		{ 0xFFFFF000u, 2 * PAGE },	/* wraps */
		{ 0x400000, 0x4000001u },	/* not whole pages, over 64 MiB */
		{ 0x400000, 0x4001000u },	/* over 64 MiB */
		{ 0, 0 },			/* nothing: a valid empty region */
	};
	uint32_t i = fz_below(&me->rng, ARRAY_SIZE(bad) + 2);

	if (i < ARRAY_SIZE(bad)) {
		*addr = bad[i][0];
		*size = bad[i][1];
	} else {
		/* An arena page, misaligned in address or size. */
		*addr = me->arena[0] ? me->arena[0] : 0x400000;
		if (i == ARRAY_SIZE(bad))
			*addr += 4 * (1 + fz_below(&me->rng, 1023));
		*size = i == ARRAY_SIZE(bad) ? PAGE : PAGE + 4;
	}
}

void
fz_region_pick(struct fz_thread *me, uint32_t mode, uint32_t *addr, uint32_t *size,
	       uint32_t *flags, uint32_t *sum)
{
	struct fz_rng *r = &me->rng;
	uint32_t choice = fz_below(r, 100), n;
	int keep_it = mode != MSG_OOL_MOVE;	/* sending it leaves it mapped here */

	*flags = 0;
	*sum = 0;
	if (choice < 45) {
		uint32_t first = fz_below(r, FZ_ARENA_PAGES);
		n = arena_run(me, first, 1 + fz_below(r, 3), flags);
		if (n) {
			*addr = me->arena[first];
			*size = n * PAGE;
			if (*flags & FZ_R_SUM)
				*sum = fz_sum(*addr, *size);
			return;
		}
	} else if (choice < 70) {
		struct fz_region *h = &me->held[fz_below(r, FZ_HELD_MAX)];
		if (h->size) {
			*addr = h->addr;
			*size = h->size;
			*flags = h->flags & (FZ_R_SHARED | FZ_R_READONLY);
			return;
		}
	} else if (choice < 78 && keep_it) {
		/* Our code (read-only), or for a copy a page of our data or stack. */
		uint32_t local;
		if (mode == MSG_OOL_SHARE || fz_one_in(r, 3))
			*addr = (uint32_t)&fz_region_pick & ~(PAGE - 1);
		else if (fz_one_in(r, 2))
			*addr = (uint32_t)&me->in & ~(PAGE - 1);
		else
			*addr = (uint32_t)&local & ~(PAGE - 1);
		*size = PAGE;
		*flags = FZ_R_READONLY * (*addr < (uint32_t)&me->in);
		return;
	} else if (choice < 82 && fz_task.device_size) {
		*addr = fz_task.device_addr;
		*size = PAGE;
		return;
	}
	bad_region(me, addr, size);
}

void
fz_region_sent(struct fz_thread *me, uint32_t mode, uint32_t addr, uint32_t size)
{
	for (uint32_t i = 0; i < FZ_ARENA_PAGES; i++) {
		if (me->arena[i] < addr || me->arena[i] >= addr + size || size == 0)
			continue;
		if (mode == MSG_OOL_MOVE)
			me->arena[i] = 0;
		else if (mode == MSG_OOL_SHARE)
			me->arena_shared[i] = 1;
	}
	if (mode == MSG_OOL_COPY)
		return;
	for (uint32_t i = 0; i < FZ_HELD_MAX; i++) {
		struct fz_region *h = &me->held[i];
		if (h->size == 0 || h->addr >= addr + size || addr >= h->addr + h->size)
			continue;
		if (mode == MSG_OOL_MOVE)
			*h = (struct fz_region){ 0 };	/* gone with the message */
		else	/* shared: someone else may write it now (a copy of ours, too) */
			h->flags = (h->flags & ~FZ_R_COPY) | FZ_R_SHARED;
	}
}

void
fz_region_received(struct fz_thread *me, uint32_t mode, uint32_t addr, uint32_t size,
		   uint32_t flags)
{
	struct fz_region *h = &me->held[fz_below(&me->rng, FZ_HELD_MAX)];

	held_drop(h);
	h->addr = addr;
	h->size = size;
	h->origin = mode << 8 | flags;
	h->flags = flags & (FZ_R_SHARED | FZ_R_READONLY);
	if (mode == MSG_OOL_SHARE)
		h->flags |= FZ_R_SHARED;
	if (mode == MSG_OOL_COPY) {
		/* A copy of a shared page is exactly what finding 5 broke: the
		 * check can be skipped (x=c) until that is fixed. */
		h->flags = FZ_R_COPY | (h->flags & FZ_R_READONLY);
		if (!(flags & FZ_R_SHARED) || !(fz_board->skip & FZ_SKIP_COW))
			h->sum = fz_sum(addr, size);
		else
			/* Kept and never written by us, not checked; and what we copy
			 * of it on is not checked either: it may change. */
			h->flags = FZ_R_READONLY | FZ_R_SHARED;
	}
}

void
fz_regions_touch(struct fz_thread *me)
{
	struct fz_rng *r = &me->rng;

	for (uint32_t i = 0; i < FZ_HELD_MAX; i++) {
		struct fz_region *h = &me->held[i];
		if (h->size == 0)
			continue;
		if (h->flags & FZ_R_COPY) {
			uint32_t sum = fz_sum(h->addr, h->size);
			if (sum != h->sum)
				fz_fail(FZ_F_COW, 0, h->sum, sum, h->addr);
			h->sum = sum;
			fz_stat(FZ_S_COPIES, 1);
		} else if ((h->flags & FZ_R_SHARED) && !(h->flags & FZ_R_READONLY)) {
			for (uint32_t a = h->addr; a < h->addr + h->size; a += PAGE) {
				/* Writable, as the sender had it? Ask the kernel first (a
				 * receive buffer must be writable), rather than fault. */
				if (msg_receive((struct msg_header *)a, MSG_SIZE_MIN, fz_task.park,
						MSG_OPT_TIMEOUT, 0) == ERR_BAD_ADDRESS) {
					fz_fail(FZ_F_DATA, C_NOT_WRITABLE, h->origin, h->flags, a);
					h->flags |= FZ_R_READONLY;
					break;
				}
				fill_page(r, a);
			}
		}
	}
	for (uint32_t i = 0; i < FZ_ARENA_PAGES; i++)
		if (me->arena[i] && (me->arena_shared[i] || fz_one_in(r, 3)))
			fill_page(r, me->arena[i]);
	if (fz_one_in(r, 4))
		held_drop(&me->held[fz_below(r, FZ_HELD_MAX)]);
	arena_refill(me);
}
