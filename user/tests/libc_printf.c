/*
 * libc_printf.c - printf in the guest: every case of printf_cases.h (the
 * host test checks the same list), %p, snprintf's truncation, and how
 * printf hands its text to the stream's sink: one write per call up to
 * 256 bytes (so lines never tear), 256-byte pieces beyond.
 */
#include "user/tests/tests.h"

static void
libc_printf_every_conversion_flag_and_size(void)
{
	char buf[128];
	int n;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#define PRINTF_CASE(expected, ...)						\
	n = snprintf(buf, sizeof(buf), __VA_ARGS__);				\
	if (strcmp(buf, expected) != 0 || n != (int)strlen(expected)) {		\
		printf("  printf(%s) gave \"%s\" (%d), expected \"%s\"\n",	\
		       #__VA_ARGS__, buf, n, expected);				\
		EXPECT_TRUE("output as C says", 0);				\
	}
#include "user/tests/printf_cases.h"
#undef PRINTF_CASE
#pragma GCC diagnostic pop
}

static void
libc_printf_pointers_and_truncation(void)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%p", (void *)0x40a010);
	EXPECT_EQ("%p is 0x and 8 digits", 0, strcmp(buf, "0x0040a010"));
	snprintf(buf, sizeof(buf), "%p", (void *)0);
	EXPECT_EQ("%p of NULL", 0, strcmp(buf, "0x00000000"));
	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ("snprintf returns the whole length", 11, snprintf(buf, 5, "hello %s", "world"));
	EXPECT_EQ("and cuts the text short", 0, strcmp(buf, "hell"));
	EXPECT_EQ("past the end untouched", 'x', buf[5]);
	EXPECT_EQ("snprintf(NULL, 0) measures", 11, snprintf(NULL, 0, "hello %s", "world"));
}

/* A sink that records what printf hands it. */
static char sink_text[1024];
static uint32_t sink_len, sink_writes, sink_last;

static int
record(void *ctx, const char *buf, size_t len)
{
	if (sink_len + len < sizeof(sink_text)) {
		memcpy(sink_text + sink_len, buf, len);
		sink_len += len;
		sink_text[sink_len] = '\0';
	}
	sink_writes++;
	sink_last = len;
	return ERR_OK;
}

static void
sink_reset(void)
{
	sink_len = sink_writes = sink_last = 0;
	sink_text[0] = '\0';
}

static void
libc_printf_is_one_write_per_line(void)
{
	static char dots[601];
	int n;

	/* Nothing else prints while stdout points here: the cases run one at a time. */
	stdio_set_sink(stdout, record, NULL, NULL);
	sink_reset();
	n = printf("line %d of %s\n", 1, "many");
	int lines_writes = sink_writes, lines_ok = strcmp(sink_text, "line 1 of many\n") == 0;
	sink_reset();
	puts("a line");
	int puts_writes = sink_writes, puts_ok = strcmp(sink_text, "a line\n") == 0;
	sink_reset();
	memset(dots, '.', 600);
	int long_n = printf("<%s>", dots);
	int long_writes = sink_writes, long_last = sink_last, long_len = sink_len;
	stdio_set_sink(stdout, NULL, NULL, NULL);
	int refused = printf("nowhere\n");
	stdio_reset_sink(stdout);

	EXPECT_EQ("printf returns the length", 15, n);
	EXPECT_TRUE("the text", lines_ok);
	EXPECT_EQ("a line is one write", 1, lines_writes);
	EXPECT_TRUE("puts adds the newline", puts_ok);
	EXPECT_EQ("in the same write", 1, puts_writes);
	EXPECT_EQ("a 602-byte printf returns 602", 602, long_n);
	EXPECT_EQ("in 256-byte pieces", 3, long_writes);
	EXPECT_EQ("the last piece", 602 - 512, long_last);
	EXPECT_EQ("all of it", 602, long_len);
	EXPECT_EQ("a stream with no sink: printf fails", -1, refused);
	EXPECT_EQ("getchar: no input yet", EOF, getchar());
}

const struct test_case libc_printf_cases[] = {
	{ "libc_printf_every_conversion_flag_and_size", libc_printf_every_conversion_flag_and_size },
	{ "libc_printf_pointers_and_truncation", libc_printf_pointers_and_truncation },
	{ "libc_printf_is_one_write_per_line", libc_printf_is_one_write_per_line },
	{ NULL, NULL },
};
