/*
 * check.h - the little harness every host test shares: the kernel's unit
 * tests (tests/unit/) and the interface compiler's tests (tests/idl/).
 *
 * A test case is a function returning 1 (pass) or 0 (fail, with the
 * reason in check_why). RUN prints one line per case, "PASS name" or
 * "FAIL name: reason", and counts failures; a test program ends with
 * `return check_done();`, which exits nonzero if any case failed. The
 * expectations return from the case at the first one that fails, so a
 * case's reason names the first thing that went wrong. A passing case may
 * leave a note in check_why, such as counts, printed in parentheses.
 */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <stdio.h>

static char check_why[512];
static int check_failed, check_passed;

/* EXPECT - fail the current case unless got == want (both as integers). */
#define EXPECT(want, got) do {						\
	long long want_ = (long long)(want), got_ = (long long)(got);	\
	if (want_ != got_) {						\
		snprintf(check_why, sizeof check_why,			\
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
		snprintf(check_why, sizeof check_why,			\
		    "expected %s = %s, saw %s", #got,			\
		    what(want_), what(got_));				\
		return 0;						\
	}								\
} while (0)

/* EXPECT_TRUE - fail the current case unless cond holds. */
#define EXPECT_TRUE(cond) do {						\
	if (!(cond)) {							\
		snprintf(check_why, sizeof check_why,			\
		    "expected %s, saw it false", #cond);		\
		return 0;						\
	}								\
} while (0)

/* RUN - run one case and print its line. */
#define RUN(name) check_report(#name, name())

static inline void
check_report(const char *name, int ok)
{
	if (ok && check_why[0] != '\0') {
		printf("PASS %s (%s)\n", name, check_why);
		check_passed++;
	} else if (ok) {
		printf("PASS %s\n", name);
		check_passed++;
	} else {
		printf("FAIL %s: %s\n", name, check_why);
		check_failed++;
	}
	fflush(stdout);
	check_why[0] = '\0';
}

static inline int
check_done(void)
{
	return check_failed ? 1 : 0;
}

#endif /* TESTS_CHECK_H */
