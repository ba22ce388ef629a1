/*
 * space_test.c - host tests of kernel/space.c, a task's table of names.
 *
 * A name is (generation << 8) | index. These cases check that names are
 * handed out 1, 2, 3, ...; that a name which denotes nothing (free, stale,
 * never issued, NAME_NULL, NAME_DEAD) looks up to NULL; that freeing an
 * entry retires its name for good even when the index is reused; that a
 * full table says so; and that space_find sees shared (receive and send)
 * entries but never send-once ones. The ports are never touched by
 * space.c, so plain zeroed structs stand in for them.
 */
#include <stdint.h>
#include <string.h>
#include "kernel/space.h"
#include "kernel/port.h"
#include "tests/check.h"

static struct space sp;
static struct port port_a, port_b;

/* which - a readable name for an entry pointer, for failure messages. */
static const char *
which(const void *p)
{
	static char buf[2][48];
	static int turn;
	char *b = buf[turn++ & 1];
	const struct space_entry *e = p;

	if (e == NULL)
		return "NULL";
	if (e >= sp.e && e < sp.e + SPACE_SIZE)
		snprintf(b, sizeof buf[0], "entry %d", (int)(e - sp.e));
	else
		snprintf(b, sizeof buf[0], "%p (not in the table)", p);
	return b;
}

static void
fresh(void)
{
	memset(&sp, 0xa5, sizeof sp);	/* space_init must clear everything */
	space_init(&sp);
}

static int
space_first_names_are_1_2_3(void)
{
	fresh();
	EXPECT(1, space_alloc(&sp, &port_a, RIGHT_SEND));
	EXPECT(2, space_alloc(&sp, &port_b, RIGHT_RECEIVE));
	EXPECT(3, space_alloc(&sp, &port_a, RIGHT_SEND_ONCE));
	EXPECT(3, sp.used);
	return 1;
}

static int
space_alloc_at_far_past_the_end_fails_cleanly(void)
{
	fresh();
	EXPECT(NAME_NULL, space_alloc_at(&sp, SPACE_SIZE + 1, &port_a, RIGHT_SEND));
	EXPECT(NAME_NULL, space_alloc_at(&sp, 0x10000, &port_a, RIGHT_SEND));
	EXPECT(0, sp.used);
	return 1;
}

static int
space_reserved_names_are_left_for_alloc_at(void)
{
	fresh();
	space_reserve(&sp, 5);
	EXPECT(6, space_alloc(&sp, &port_a, RIGHT_SEND));
	EXPECT(3, space_alloc_at(&sp, 3, &port_b, RIGHT_SEND));
	EXPECT(7, space_alloc(&sp, &port_b, RIGHT_RECEIVE));
	return 1;
}

static int
space_lookup_returns_the_allocated_entry(void)
{
	port_name_t n;
	struct space_entry *e;

	fresh();
	space_alloc(&sp, &port_b, RIGHT_SEND);
	n = space_alloc(&sp, &port_a, RIGHT_RECEIVE | RIGHT_SEND);
	e = space_lookup(&sp, n);
	EXPECT_PTR(&sp.e[2], e, which);
	EXPECT_TRUE(e->port == &port_a);
	EXPECT(RIGHT_RECEIVE | RIGHT_SEND, e->rights);
	EXPECT(n, space_name(&sp, e));
	return 1;
}

static int
space_send_right_starts_with_one_uref_receive_with_none(void)
{
	fresh();
	EXPECT(1, space_lookup(&sp, space_alloc(&sp, &port_a, RIGHT_SEND))->urefs);
	EXPECT(0, space_lookup(&sp, space_alloc(&sp, &port_b, RIGHT_RECEIVE))->urefs);
	EXPECT(0, space_lookup(&sp, space_alloc(&sp, &port_b, RIGHT_SEND_ONCE))->urefs);
	EXPECT(1, space_lookup(&sp, space_alloc(&sp, NULL, RIGHT_DEAD))->urefs);
	return 1;
}

static int
space_lookup_of_a_free_index_fails(void)
{
	fresh();
	space_alloc(&sp, &port_a, RIGHT_SEND);
	EXPECT_PTR(NULL, space_lookup(&sp, 2), which);
	EXPECT_PTR(NULL, space_lookup(&sp, 255), which);
	return 1;
}

static int
space_lookup_of_null_and_dead_names_fails(void)
{
	fresh();
	/* Fill the table so that every index has something to reach. */
	while (space_alloc(&sp, &port_a, RIGHT_SEND) != NAME_NULL)
		;
	EXPECT_PTR(NULL, space_lookup(&sp, NAME_NULL), which);
	EXPECT_PTR(NULL, space_lookup(&sp, NAME_DEAD), which);
	/* Even an entry 255 at generation 0xffffff, whose name would be ~0. */
	sp.e[255].gen = 0xffffff;
	EXPECT_PTR(NULL, space_lookup(&sp, NAME_DEAD), which);
	return 1;
}

static int
space_lookup_of_index_zero_fails_whatever_the_generation(void)
{
	fresh();
	space_alloc(&sp, &port_a, RIGHT_SEND);
	sp.e[0].rights = RIGHT_SEND;	/* even if slot 0 looked in use */
	EXPECT_PTR(NULL, space_lookup(&sp, 0x000), which);
	EXPECT_PTR(NULL, space_lookup(&sp, 0x100), which);
	EXPECT_PTR(NULL, space_lookup(&sp, 0xfffffe00), which);
	return 1;
}

static int
space_lookup_of_a_name_never_issued_fails(void)
{
	fresh();
	space_alloc(&sp, &port_a, RIGHT_SEND);		/* name 1, generation 0 */
	EXPECT_PTR(NULL, space_lookup(&sp, 0x101), which);	/* generation 1 */
	EXPECT_PTR(NULL, space_lookup(&sp, 0x12345601), which);
	EXPECT_PTR(NULL, space_lookup(&sp, 0xfffffe01), which);
	EXPECT_PTR(&sp.e[1], space_lookup(&sp, 1), which);
	return 1;
}

static int
space_free_makes_the_old_name_stop_working(void)
{
	port_name_t n;

	fresh();
	n = space_alloc(&sp, &port_a, RIGHT_SEND);
	space_free(&sp, space_lookup(&sp, n));
	EXPECT_PTR(NULL, space_lookup(&sp, n), which);
	EXPECT(0, sp.used);
	return 1;
}

static int
space_free_clears_the_entry(void)
{
	port_name_t n;

	fresh();
	n = space_alloc(&sp, &port_a, RIGHT_SEND | RIGHT_RECEIVE);
	space_free(&sp, space_lookup(&sp, n));
	EXPECT_TRUE(sp.e[1].port == NULL);
	EXPECT(0, sp.e[1].rights);
	EXPECT(0, sp.e[1].urefs);
	return 1;
}

static int
space_reused_index_gets_a_different_name(void)
{
	port_name_t old, new;

	fresh();
	old = space_alloc(&sp, &port_a, RIGHT_SEND);
	space_free(&sp, space_lookup(&sp, old));
	new = space_alloc(&sp, &port_b, RIGHT_SEND);
	EXPECT(1, new & 0xff);			/* the same index again */
	EXPECT_TRUE(new != old);
	EXPECT(0x101, new);			/* generation bumped by one */
	return 1;
}

static int
space_stale_name_does_not_reach_the_new_right(void)
{
	port_name_t old, new;

	fresh();
	old = space_alloc(&sp, &port_a, RIGHT_SEND);
	space_free(&sp, space_lookup(&sp, old));
	new = space_alloc(&sp, &port_b, RIGHT_RECEIVE);
	EXPECT_PTR(NULL, space_lookup(&sp, old), which);
	EXPECT_PTR(&sp.e[1], space_lookup(&sp, new), which);
	EXPECT_TRUE(space_lookup(&sp, new)->port == &port_b);
	return 1;
}

static int
space_many_reuses_of_one_index_never_repeat_a_name(void)
{
	static port_name_t seen[2000];

	fresh();
	for (int i = 0; i < 2000; i++) {
		seen[i] = space_alloc(&sp, &port_a, RIGHT_SEND);
		EXPECT(1, seen[i] & 0xff);
		for (int j = 0; j < i; j++)
			EXPECT_TRUE(seen[j] != seen[i]);
		for (int j = 0; j < i; j++)
			EXPECT_PTR(NULL, space_lookup(&sp, seen[j]), which);
		space_free(&sp, space_lookup(&sp, seen[i]));
	}
	return 1;
}

static int
space_generation_wraps_before_a_name_could_be_dead(void)
{
	port_name_t n;

	fresh();
	/* Index 255 at the last generation: one more would make ~0 = NAME_DEAD. */
	sp.e[255].gen = 0xfffffe;
	n = space_alloc_at(&sp, 255, &port_a, RIGHT_SEND);
	EXPECT(0xfffffeffu, n);
	EXPECT_PTR(&sp.e[255], space_lookup(&sp, n), which);
	space_free(&sp, space_lookup(&sp, n));
	n = space_alloc_at(&sp, 255, &port_a, RIGHT_SEND);
	EXPECT_TRUE(n != NAME_DEAD);
	EXPECT_TRUE(n != NAME_NULL);
	EXPECT(0xff, n);			/* wrapped to generation 0 */
	EXPECT_PTR(&sp.e[255], space_lookup(&sp, n), which);
	return 1;
}

static int
space_full_table_returns_name_null(void)
{
	fresh();
	for (uint32_t i = 1; i < SPACE_SIZE; i++)
		EXPECT(i, space_alloc(&sp, &port_a, RIGHT_SEND_ONCE));
	EXPECT(SPACE_SIZE - 1, sp.used);
	EXPECT(NAME_NULL, space_alloc(&sp, &port_a, RIGHT_SEND));
	EXPECT(SPACE_SIZE - 1, sp.used);	/* a failed alloc changes nothing */
	return 1;
}

static int
space_full_table_reuses_a_freed_slot(void)
{
	fresh();
	while (space_alloc(&sp, &port_a, RIGHT_SEND) != NAME_NULL)
		;
	space_free(&sp, space_lookup(&sp, 77));
	EXPECT(0x100 | 77, space_alloc(&sp, &port_b, RIGHT_SEND));
	EXPECT(NAME_NULL, space_alloc(&sp, &port_b, RIGHT_SEND));
	return 1;
}

static int
space_alloc_takes_the_lowest_free_index(void)
{
	fresh();
	for (int i = 0; i < 5; i++)
		space_alloc(&sp, &port_a, RIGHT_SEND);
	space_free(&sp, space_lookup(&sp, 4));
	space_free(&sp, space_lookup(&sp, 2));
	EXPECT(0x102, space_alloc(&sp, &port_a, RIGHT_SEND));
	EXPECT(0x104, space_alloc(&sp, &port_a, RIGHT_SEND));
	EXPECT(6, space_alloc(&sp, &port_a, RIGHT_SEND));
	return 1;
}

/*
 * space_alloc keeps a hint of where the free entries start (space.h,
 * next); whatever mix of allocs, allocs at an index and frees came
 * before, it must still pick the index a full scan from `first` picks.
 */
static int
space_alloc_matches_a_full_scan_whatever_came_before(void)
{
	uint32_t seed = 12345;

	fresh();
	space_reserve(&sp, 5);
	for (int step = 0; step < 200000; step++) {
		uint32_t r, want = 0;

		seed = seed * 1103515245u + 12345u;
		r = seed >> 8;
		if (r % 8 < 3) {	/* free a random entry, reserved ones too */
			uint32_t i = 1 + r / 8 % (SPACE_SIZE - 1);
			if (sp.e[i].rights != 0)
				space_free(&sp, &sp.e[i]);
			continue;
		}
		if (r % 8 == 3) {	/* take a chosen index */
			space_alloc_at(&sp, 1 + r / 8 % (SPACE_SIZE - 1), &port_a, RIGHT_SEND);
			continue;
		}
		if (r % 8 == 4) {	/* a refused alloc changes nothing */
			EXPECT(NAME_NULL, space_alloc(&sp, &port_a, 0));
			continue;
		}
		for (uint32_t i = 6; i < SPACE_SIZE && want == 0; i++)
			if (sp.e[i].rights == 0)
				want = i;
		port_name_t n = space_alloc(&sp, &port_a, RIGHT_SEND_ONCE);
		if (want == 0)
			EXPECT(NAME_NULL, n);
		else
			EXPECT(want, NAME_INDEX(n));
	}
	return 1;
}

static int
space_alloc_at_gives_the_wellknown_names(void)
{
	fresh();
	EXPECT(NAME_REPLY, space_alloc_at(&sp, NAME_REPLY, &port_b, RIGHT_RECEIVE));
	EXPECT(NAME_TASK_SELF, space_alloc_at(&sp, NAME_TASK_SELF, &port_a, RIGHT_SEND));
	EXPECT(2, sp.used);
	EXPECT(2, space_alloc(&sp, &port_a, RIGHT_SEND));	/* fills the gap */
	EXPECT(3, space_alloc(&sp, &port_a, RIGHT_SEND));
	EXPECT(4, space_alloc(&sp, &port_a, RIGHT_SEND));
	EXPECT(6, space_alloc(&sp, &port_a, RIGHT_SEND));	/* skips 5 */
	return 1;
}

static int
space_alloc_at_a_taken_index_fails(void)
{
	fresh();
	space_alloc_at(&sp, 3, &port_a, RIGHT_SEND);
	EXPECT(NAME_NULL, space_alloc_at(&sp, 3, &port_b, RIGHT_RECEIVE));
	EXPECT(1, sp.used);
	EXPECT_TRUE(space_lookup(&sp, 3)->port == &port_a);	/* untouched */
	EXPECT(RIGHT_SEND, space_lookup(&sp, 3)->rights);
	return 1;
}

static int
space_alloc_at_index_zero_or_past_the_end_fails(void)
{
	fresh();
	EXPECT(NAME_NULL, space_alloc_at(&sp, 0, &port_a, RIGHT_SEND));
	EXPECT(NAME_NULL, space_alloc_at(&sp, SPACE_SIZE, &port_a, RIGHT_SEND));
	/* Indexes far beyond SPACE_SIZE: space_alloc_at_far_past_the_end_fails_cleanly. */
	EXPECT(0, sp.used);
	EXPECT(SPACE_SIZE - 1, space_alloc_at(&sp, SPACE_SIZE - 1, &port_a, RIGHT_SEND));
	return 1;
}

static int
space_alloc_with_no_rights_fails(void)
{
	fresh();
	EXPECT(NAME_NULL, space_alloc(&sp, &port_a, 0));
	EXPECT(0, sp.used);
	EXPECT(1, space_alloc(&sp, &port_a, RIGHT_SEND));
	return 1;
}

static int
space_find_finds_a_receive_entry(void)
{
	fresh();
	space_alloc(&sp, &port_b, RIGHT_RECEIVE);
	space_alloc(&sp, &port_a, RIGHT_RECEIVE);
	EXPECT_PTR(&sp.e[2], space_find(&sp, &port_a), which);
	EXPECT_PTR(&sp.e[1], space_find(&sp, &port_b), which);
	return 1;
}

static int
space_find_finds_a_send_entry(void)
{
	fresh();
	space_alloc(&sp, &port_b, RIGHT_SEND);
	space_alloc(&sp, &port_b, RIGHT_SEND_ONCE);
	space_alloc(&sp, &port_a, RIGHT_SEND);
	EXPECT_PTR(&sp.e[3], space_find(&sp, &port_a), which);
	return 1;
}

static int
space_find_skips_send_once_entries(void)
{
	fresh();
	space_alloc(&sp, &port_a, RIGHT_SEND_ONCE);
	space_alloc(&sp, &port_a, RIGHT_SEND_ONCE);
	EXPECT_PTR(NULL, space_find(&sp, &port_a), which);
	space_alloc(&sp, &port_a, RIGHT_SEND);
	EXPECT_PTR(&sp.e[3], space_find(&sp, &port_a), which);
	return 1;
}

static int
space_find_skips_dead_names_and_freed_entries(void)
{
	fresh();
	space_alloc(&sp, &port_a, RIGHT_DEAD);
	space_alloc(&sp, &port_a, RIGHT_SEND);
	space_free(&sp, space_lookup(&sp, 2));
	EXPECT_PTR(NULL, space_find(&sp, &port_a), which);
	EXPECT_PTR(NULL, space_find(&sp, NULL), which);	/* free entries hold NULL */
	return 1;
}

static int
space_used_counts_allocs_and_frees(void)
{
	port_name_t n[10];

	fresh();
	EXPECT(0, sp.used);
	for (int i = 0; i < 10; i++)
		n[i] = space_alloc(&sp, &port_a, RIGHT_SEND);
	EXPECT(10, sp.used);
	for (int i = 0; i < 10; i += 2)
		space_free(&sp, space_lookup(&sp, n[i]));
	EXPECT(5, sp.used);
	EXPECT(NAME_NULL, space_alloc_at(&sp, 2, &port_a, RIGHT_SEND));
	EXPECT(5, sp.used);
	space_alloc_at(&sp, 200, &port_a, RIGHT_SEND);
	EXPECT(6, sp.used);
	return 1;
}

static int
space_name_gives_back_the_current_name(void)
{
	port_name_t n;

	fresh();
	n = space_alloc(&sp, &port_a, RIGHT_SEND);
	space_free(&sp, space_lookup(&sp, n));
	space_free(&sp, space_lookup(&sp, space_alloc(&sp, &port_a, RIGHT_SEND)));
	n = space_alloc(&sp, &port_a, RIGHT_SEND);
	EXPECT(0x201, n);
	EXPECT(n, space_name(&sp, &sp.e[1]));
	n = space_alloc_at(&sp, 200, &port_a, RIGHT_SEND);
	EXPECT(n, space_name(&sp, space_lookup(&sp, n)));
	return 1;
}

int
main(void)
{
	RUN(space_first_names_are_1_2_3);
	RUN(space_alloc_at_far_past_the_end_fails_cleanly);
	RUN(space_reserved_names_are_left_for_alloc_at);
	RUN(space_lookup_returns_the_allocated_entry);
	RUN(space_send_right_starts_with_one_uref_receive_with_none);
	RUN(space_lookup_of_a_free_index_fails);
	RUN(space_lookup_of_null_and_dead_names_fails);
	RUN(space_lookup_of_index_zero_fails_whatever_the_generation);
	RUN(space_lookup_of_a_name_never_issued_fails);
	RUN(space_free_makes_the_old_name_stop_working);
	RUN(space_free_clears_the_entry);
	RUN(space_reused_index_gets_a_different_name);
	RUN(space_stale_name_does_not_reach_the_new_right);
	RUN(space_many_reuses_of_one_index_never_repeat_a_name);
	RUN(space_generation_wraps_before_a_name_could_be_dead);
	RUN(space_full_table_returns_name_null);
	RUN(space_full_table_reuses_a_freed_slot);
	RUN(space_alloc_takes_the_lowest_free_index);
	RUN(space_alloc_matches_a_full_scan_whatever_came_before);
	RUN(space_alloc_at_gives_the_wellknown_names);
	RUN(space_alloc_at_a_taken_index_fails);
	RUN(space_alloc_at_index_zero_or_past_the_end_fails);
	RUN(space_alloc_with_no_rights_fails);
	RUN(space_find_finds_a_receive_entry);
	RUN(space_find_finds_a_send_entry);
	RUN(space_find_skips_send_once_entries);
	RUN(space_find_skips_dead_names_and_freed_entries);
	RUN(space_used_counts_allocs_and_frees);
	RUN(space_name_gives_back_the_current_name);
	return check_done();
}
