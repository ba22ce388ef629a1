/*
 * unit.h - the little harness the kernel's host unit tests share.
 *
 * A test case is a static function returning 1 (pass) or 0 (fail, with
 * the reason in unit_why). RUN prints one line per case, "PASS name" or
 * "FAIL name: expected X, saw Y", and counts failures; a test program
 * ends with `return unit_done();`, which exits nonzero if any case failed.
 * The expectations return from the case at the first one that fails, so
 * a case's reason names the first thing that went wrong.
 */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

#include <stdio.h>

static char unit_why[512];
static int unit_failed, unit_passed;

/* EXPECT - fail the current case unless got == want (both as integers). */
#define EXPECT(want, got) do {						\
	long long want_ = (long long)(want), got_ = (long long)(got);	\
	if (want_ != got_) {						\
		snprintf(unit_why, sizeof unit_why,			\
		    "expected %s = %lld (0x%llx), saw %lld (0x%llx)",	\
		    #got, want_, want_, got_, got_);			\
		return 0;						\
	}								\
} while (0)

/*
 * EXPECT_PTR - fail unless got == want (pointers); `what` names the
 * pointers for the message, e.g. a function that says which object one is.
 */
#define EXPECT_PTR(want, got, what) do {				\
	const void *want_ = (want), *got_ = (got);			\
	if (want_ != got_) {						\
		snprintf(unit_why, sizeof unit_why,			\
		    "expected %s = %s, saw %s", #got,			\
		    what(want_), what(got_));				\
		return 0;						\
	}								\
} while (0)

/* EXPECT_TRUE - fail the current case unless cond holds. */
#define EXPECT_TRUE(cond) do {						\
	if (!(cond)) {							\
		snprintf(unit_why, sizeof unit_why,			\
		    "expected %s, saw it false", #cond);		\
		return 0;						\
	}								\
} while (0)

/* RUN - run one case and print its line. */
#define RUN(name) unit_report(#name, name())

static inline void
unit_report(const char *name, int ok)
{
	if (ok) {
		printf("PASS %s\n", name);
		unit_passed++;
	} else {
		printf("FAIL %s: %s\n", name, unit_why);
		unit_failed++;
	}
	fflush(stdout);
	unit_why[0] = '\0';
}

static inline int
unit_done(void)
{
	return unit_failed ? 1 : 0;
}

#endif /* TESTS_UNIT_UNIT_H */
