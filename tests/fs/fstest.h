/*
 * fstest.h - what the ext2 host test programs share: check.h, the
 * images, and expectations that name error codes and run e2fsck.
 */
#ifndef TESTS_FS_FSTEST_H
#define TESTS_FS_FSTEST_H

#include <stdio.h>
#include <string.h>
#include "harbor/error.h"
#include "tests/check.h"
#include "tests/fs/fsimg.h"

/* EXPECT_ERR - fail unless the call returned want; says both codes by name. */
#define EXPECT_ERR(want, got) do {					\
	int want_ = (want), got_ = (got);				\
	if (want_ != got_) {						\
		snprintf(check_why, sizeof check_why,			\
		    "expected %s = %s, saw %s (line %d)", #got,		\
		    error_string(want_), error_string(got_), __LINE__);	\
		return 0;						\
	}								\
} while (0)

#define EXPECT_OK(got) EXPECT_ERR(ERR_OK, got)

/* EXPECT_FSCK - fail unless e2fsck -fn finds nothing wrong with img. */
#define EXPECT_FSCK(img) do {						\
	static char fsck_[400];						\
	if (!fsimg_fsck(img, fsck_, sizeof fsck_)) {			\
		snprintf(check_why, sizeof check_why,			\
		    "expected e2fsck -fn clean (line %d), saw: %s",	\
		    __LINE__, fsck_);					\
		return 0;						\
	}								\
} while (0)

/* EXPECT_STR - fail unless the NUL-terminated got equals want. */
#define EXPECT_STR(want, got) do {					\
	const char *w_ = (want), *g_ = (got);				\
	if (strcmp(w_, g_) != 0) {					\
		snprintf(check_why, sizeof check_why,			\
		    "expected %s = \"%.60s\", saw \"%.60s\" (line %d)",	\
		    #got, w_, g_, __LINE__);				\
		return 0;						\
	}								\
} while (0)

#endif /* TESTS_FS_FSTEST_H */
