/*
 * strtol_test - Harbor's strtol family on the host, under ASan/UBSan,
 * against the host C library's: the value, where parsing stopped, and
 * whether errno says ERANGE or EINVAL, for every string below in every
 * base (0, 2, 8, 10, 16, 36, and bad ones). The host's long is 64 bits;
 * the guest suite (user/tests/libc_stdlib.c) checks the 32-bit limits.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "tests/check.h"
#include "harbor/error.h"
#include "tests/libc/libc_host.h"

static const char *const inputs[] = {
	"", " ", "0", "-0", "+0", "42", "  -42xyz", "\t\n\v\f\r 12", "+-1", "-", "+", "x",
	"0x1f", "0X1F", "0x", "0xg", "0x1g", "-0x10", "017", "08", "0b101", "z", "Z", "zz",
	"1_000", "123abc", "777777777777777777777777", "2147483647", "2147483648",
	"-2147483648", "-2147483649", "4294967295", "4294967296", "-4294967295",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808",
	"-9223372036854775809", "18446744073709551615", "18446744073709551616",
	"-18446744073709551615", "-18446744073709551616", "99999999999999999999999",
	"0x7fffffffffffffff", "0x8000000000000000", "0xffffffffffffffff",
	"0x10000000000000000", "1y2p0ij32e8e7", "1y2p0ij32e8e8", "-1", "  +077",
	"000000000000000000000000000000000000000000042", "11111111111111111111111111111111",
	"1111111111111111111111111111111111111111111111111111111111111111",
	"11111111111111111111111111111111111111111111111111111111111111111",
};
static const int bases[] = { 0, 2, 8, 10, 16, 36, 1, 37, -1 };

/* Harbor's errno codes as the host's, to compare. */
static int
host_errno(int harbor)
{
	return harbor == ERR_RANGE ? ERANGE : harbor == ERR_BAD_ARGUMENT ? EINVAL : harbor;
}

#define COMPARE(fn, type, fmt)								\
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)			\
		for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {		\
			char *e1, *e2;							\
			*errno_location() = 0;						\
			errno = 0;							\
			type mine = hb_##fn(inputs[i], &e1, bases[b]);			\
			type theirs = fn(inputs[i], &e2, bases[b]);			\
			int err1 = host_errno(*errno_location()), err2 = errno;		\
			/* The host leaves end alone for a bad base; C does not say. */	\
			if (err2 == EINVAL)						\
				e2 = (char *)inputs[i];					\
			if (mine != theirs || e1 != e2 || err1 != err2) {		\
				snprintf(check_why, sizeof(check_why),			\
					 #fn "(\"%s\", %d): " fmt " end +%td errno %d, "	\
					 "host " fmt " end +%td errno %d", inputs[i],	\
					 bases[b], mine, e1 - inputs[i], err1, theirs,	\
					 e2 - inputs[i], err2);				\
				return 0;						\
			}								\
		}

static int
strtol_matches_the_host(void)
{
	COMPARE(strtol, long, "%ld")
	return 1;
}

static int
strtoul_matches_the_host(void)
{
	COMPARE(strtoul, unsigned long, "%lu")
	return 1;
}

static int
strtoll_matches_the_host(void)
{
	COMPARE(strtoll, long long, "%lld")
	return 1;
}

static int
strtoull_matches_the_host(void)
{
	COMPARE(strtoull, unsigned long long, "%llu")
	return 1;
}

static int
strtol_leaves_errno_alone_on_success(void)
{
	*errno_location() = ERR_NOT_FOUND;
	EXPECT(-42, hb_strtol("-42", NULL, 10));
	EXPECT(ERR_NOT_FOUND, *errno_location());
	EXPECT(123, hb_atoi("  123xyz"));
	EXPECT(-5, hb_atoi("-5"));
	EXPECT(0, hb_atoi("junk"));
	return 1;
}

int
main(void)
{
	RUN(strtol_matches_the_host);
	RUN(strtoul_matches_the_host);
	RUN(strtoll_matches_the_host);
	RUN(strtoull_matches_the_host);
	RUN(strtol_leaves_errno_alone_on_success);
	return check_done();
}
