/*
 * format_test - Harbor's printf family on the host, under ASan/UBSan:
 *
 *   - every case of user/tests/printf_cases.h (the guest suite checks the
 *     same list), output and return value;
 *   - about 150,000 generated combinations of flags, width, precision,
 *     size and value, each compared with the host C library's printf
 *     (where C defines the result: %p and "(null)" are Harbor's own);
 *   - snprintf's truncation, and printf's writes: one write per call up
 *     to 256 bytes, longer text in 256-byte pieces, errors reported.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "tests/check.h"
#include "harbor/error.h"
#include "tests/libc/libc_host.h"

static int
printf_cases_match(void)
{
	char buf[256];
	int n;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#define PRINTF_CASE(expected, ...)						\
	n = hb_snprintf(buf, sizeof(buf), __VA_ARGS__);				\
	if (strcmp(buf, expected) != 0 || n != (int)strlen(expected)) {		\
		snprintf(check_why, sizeof(check_why),				\
			 "printf(%s) = \"%s\" (%d), expected \"%s\"",		\
			 #__VA_ARGS__, buf, n, expected);			\
		return 0;							\
	}
#include "user/tests/printf_cases.h"
#undef PRINTF_CASE
#pragma GCC diagnostic pop
	return 1;
}

/* Format one integer both ways; 1 if the two agree. */
static int
same_integer(const char *fmt, const char *size, long long v)
{
	char mine[128], theirs[128];
	int a, b;

	if (strcmp(size, "ll") == 0) {
		a = hb_snprintf(mine, sizeof(mine), fmt, v);
		b = snprintf(theirs, sizeof(theirs), fmt, v);
	} else if (strcmp(size, "l") == 0) {
		a = hb_snprintf(mine, sizeof(mine), fmt, (long)v);
		b = snprintf(theirs, sizeof(theirs), fmt, (long)v);
	} else {
		a = hb_snprintf(mine, sizeof(mine), fmt, (int)v);
		b = snprintf(theirs, sizeof(theirs), fmt, (int)v);
	}
	if (a == b && strcmp(mine, theirs) == 0)
		return 1;
	snprintf(check_why, sizeof(check_why), "printf(\"%s\", %lld) = \"%s\" (%d), host \"%s\" (%d)",
		 fmt, v, mine, a, theirs, b);
	return 0;
}

static int
integers_match_the_host_printf(void)
{
	static const char *const widths[] = { "", "1", "6", "12", "25" };
	static const char *const precs[] = { "", ".", ".0", ".1", ".4", ".12", ".22" };
	static const char *const sizes[] = { "", "hh", "h", "l", "ll" };
	static const char convs[] = "diuxXo";
	static const long long values[] = { 0, 1, -1, 7, -42, 127, 128, 255, 32767, -32769,
					    65535, INT_MAX, INT_MIN, (long long)UINT_MAX,
					    123456789012LL, LLONG_MAX, LLONG_MIN };
	const char *flagset = "-+ 0#";
	char fmt[64];
	long count = 0;

	for (unsigned flags = 0; flags < 32; flags++) {
		char f[8];
		int nf = 0;
		for (int i = 0; i < 5; i++)
			if (flags & (1u << i))
				f[nf++] = flagset[i];
		f[nf] = '\0';
		for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
			for (size_t p = 0; p < sizeof(precs) / sizeof(precs[0]); p++)
				for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
					for (size_t c = 0; convs[c]; c++) {
						snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", f,
							 widths[w], precs[p], sizes[s], convs[c]);
						for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++, count++)
							if (!same_integer(fmt, sizes[s], values[v]))
								return 0;
					}
	}
	EXPECT_TRUE(count > 100000);
	return 1;
}

static int
strings_and_chars_match_the_host_printf(void)
{
	static const char *const widths[] = { "", "1", "3", "8", "*" };
	static const char *const precs[] = { "", ".", ".0", ".2", ".5", ".*" };
	static const char *const strs[] = { "", "a", "hello", "a longer string" };
	char fmt[32], mine[64], theirs[64];

	for (int left = 0; left < 2; left++)
		for (size_t w = 0; w < 5; w++)
			for (size_t p = 0; p < 6; p++)
				for (size_t s = 0; s < 4; s++) {
					snprintf(fmt, sizeof(fmt), "[%%%s%s%ss]", left ? "-" : "",
						 widths[w], precs[p]);
					int a, b, ws = widths[w][0] == '*', ps = strchr(precs[p], '*') != NULL;
					if (ws && ps) {
						a = hb_snprintf(mine, sizeof(mine), fmt, 7, 3, strs[s]);
						b = snprintf(theirs, sizeof(theirs), fmt, 7, 3, strs[s]);
					} else if (ws || ps) {
						a = hb_snprintf(mine, sizeof(mine), fmt, ws ? 7 : 3, strs[s]);
						b = snprintf(theirs, sizeof(theirs), fmt, ws ? 7 : 3, strs[s]);
					} else {
						a = hb_snprintf(mine, sizeof(mine), fmt, strs[s]);
						b = snprintf(theirs, sizeof(theirs), fmt, strs[s]);
					}
					if (a != b || strcmp(mine, theirs) != 0) {
						snprintf(check_why, sizeof(check_why),
							 "\"%s\": \"%s\", host \"%s\"", fmt, mine, theirs);
						return 0;
					}
					snprintf(fmt, sizeof(fmt), "[%%%s%sc]", left ? "-" : "",
						 strcmp(widths[w], "*") ? widths[w] : "4");
					a = hb_snprintf(mine, sizeof(mine), fmt, 'q');
					b = snprintf(theirs, sizeof(theirs), fmt, 'q');
					EXPECT(b, a);
					EXPECT(0, strcmp(mine, theirs));
				}
	return 1;
}

static int
pointers_print_at_full_width(void)
{
	char buf[64];

	EXPECT(18, hb_snprintf(buf, sizeof(buf), "%p", (void *)0x1234));
	EXPECT(0, strcmp(buf, "0x0000000000001234"));
	hb_snprintf(buf, sizeof(buf), "%p", (void *)NULL);
	EXPECT(0, strcmp(buf, "0x0000000000000000"));
	hb_snprintf(buf, sizeof(buf), "[%20p]", (void *)0xabc);
	EXPECT(0, strcmp(buf, "[  0x0000000000000abc]"));
	return 1;
}

static int
unknown_conversions_print_as_written(void)
{
	char buf[64];
	const char *fmt = "a%yb%5qc%";	/* not literal: the compiler would object */

	EXPECT(9, hb_snprintf(buf, sizeof(buf), fmt, 1));
	EXPECT(0, strcmp(buf, "a%yb%5qc%"));
	return 1;
}

static int
snprintf_truncates_and_returns_the_full_length(void)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	EXPECT(11, hb_snprintf(buf, 5, "hello %s", "world"));
	EXPECT(0, strcmp(buf, "hell"));
	EXPECT('x', buf[5]);
	EXPECT(11, hb_snprintf(NULL, 0, "hello %s", "world"));
	EXPECT(3, hb_snprintf(buf, 1, "%d", 123));
	EXPECT('\0', buf[0]);
	EXPECT(7, hb_snprintf(buf, sizeof(buf), "%d", -123456));
	EXPECT(0, strcmp(buf, "-123456"));
	EXPECT(8, hb_snprintf(buf, sizeof(buf), "%d", 12345678));
	EXPECT(0, strcmp(buf, "1234567"));
	EXPECT(5, hb_sprintf(buf, "%05d", 42));
	EXPECT(0, strcmp(buf, "00042"));
	return 1;
}

static int
printf_is_one_write_per_line(void)
{
	fake_out_reset();
	EXPECT(11, hb_printf("task %d: %s\n", 7, "ok"));
	EXPECT(1, fake_out_writes);
	EXPECT(0, strcmp(fake_out, "task 7: ok\n"));
	fake_out_reset();
	EXPECT(0, hb_puts("a line") < 0);
	EXPECT(1, fake_out_writes);
	EXPECT(0, strcmp(fake_out, "a line\n"));
	fake_out_reset();
	EXPECT(256, hb_printf("%256d", 1));
	EXPECT(1, fake_out_writes);
	return 1;
}

static int
long_printf_goes_in_256_byte_pieces(void)
{
	char expect[700];

	fake_out_reset();
	memset(expect, '.', 600);
	expect[600] = '\0';
	EXPECT(602, hb_printf("<%s>", expect));
	EXPECT(3, fake_out_writes);
	EXPECT(602 - 512, fake_out_last_write);
	EXPECT(602, fake_out_len);
	EXPECT('<', fake_out[0]);
	EXPECT('>', fake_out[601]);
	return 1;
}

static int
a_refused_write_is_an_error(void)
{
	fake_out_reset();
	fake_sink_refuse = 1;
	EXPECT(-1, hb_printf("lost\n"));
	EXPECT(1, hb_ferror(hb_stdout) != 0);
	EXPECT(-1, hb_puts("lost"));
	fake_out_reset();
	return 1;
}

static int
perror_names_the_error(void)
{
	fake_out_reset();
	*errno_location() = ERR_COUNT + 3;	/* not a Harbor code */
	hb_perror("x");
	EXPECT(0, strcmp(fake_out, "x: unknown error\n"));
	fake_out_reset();
	*errno_location() = ERR_RANGE;
	hb_perror("strtol");
	EXPECT(0, strcmp(fake_out, "strtol: result out of range\n"));
	EXPECT(0, strcmp(hb_strerror(ERR_NO_MEMORY), "out of memory"));
	return 1;
}

static int
stdin_is_at_its_end(void)
{
	char buf[8] = "unset";

	EXPECT(-1, hb_getchar());
	EXPECT(1, hb_feof(hb_stdin) != 0);
	EXPECT_TRUE(hb_fgets(buf, sizeof(buf), hb_stdin) == NULL);
	EXPECT(0, strcmp(buf, "unset"));
	return 1;
}

int
main(void)
{
	RUN(printf_cases_match);
	RUN(integers_match_the_host_printf);
	RUN(strings_and_chars_match_the_host_printf);
	RUN(pointers_print_at_full_width);
	RUN(unknown_conversions_print_as_written);
	RUN(snprintf_truncates_and_returns_the_full_length);
	RUN(printf_is_one_write_per_line);
	RUN(long_printf_goes_in_256_byte_pieces);
	RUN(a_refused_write_is_an_error);
	RUN(perror_names_the_error);
	RUN(stdin_is_at_its_end);
	return check_done();
}
