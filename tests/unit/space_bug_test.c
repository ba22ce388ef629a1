/*
 * space_bug_test.c - a known bug in kernel/space.c, kept out of `make
 * test` until it is fixed (build and run it by hand:
 * make build/tests/unit/space_bug_test && build/tests/unit/space_bug_test).
 *
 * space_alloc_at forms &s->e[index] before it checks index < SPACE_SIZE.
 * It never reads through that pointer (the check short-circuits first),
 * but for index > SPACE_SIZE the expression indexes past the array, which
 * is undefined behaviour; the undefined-behaviour sanitizer stops the
 * program at kernel/space.c ("index 257 out of bounds for type
 * 'space_entry [256]'"). The fix is to check the index before taking the
 * entry's address. When it is fixed, move this case into space_test.c
 * (space_alloc_at_index_zero_or_past_the_end_fails) and delete this file.
 */
#include <stdint.h>
#include "kernel/space.h"
#include "kernel/port.h"
#include "tests/unit/unit.h"

static struct space sp;
static struct port port_a;	/* never looked inside */

static int
space_alloc_at_far_past_the_end_fails_cleanly(void)
{
	space_init(&sp);
	EXPECT(NAME_NULL, space_alloc_at(&sp, SPACE_SIZE + 1, &port_a, RIGHT_SEND));
	EXPECT(NAME_NULL, space_alloc_at(&sp, 0x10000, &port_a, RIGHT_SEND));
	EXPECT(0, sp.used);
	return 1;
}

int
main(void)
{
	RUN(space_alloc_at_far_past_the_end_fails_cleanly);
	return unit_done();
}
