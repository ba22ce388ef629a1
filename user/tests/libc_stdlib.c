/*
 * libc_stdlib.c - the rest of the C library in the guest, where long is
 * 32 bits: strtol and friends at their limits, qsort and bsearch, the
 * string and character functions, strerror.
 */
#include "user/tests/tests.h"

/* Parse s with fn; check the value, the characters used and errno. */
#define EXPECT_PARSE(fn, s, base, value, used, err)					\
	do {										\
		char *end_;								\
		errno = ERR_OK;								\
		EXPECT_TRUE(#fn "(\"" s "\") value", fn(s, &end_, base) == (value));	\
		EXPECT_EQ(#fn "(\"" s "\") characters used", used, end_ - (s));	\
		EXPECT_ERR(#fn "(\"" s "\") errno", err, errno);			\
	} while (0)

static void
libc_strtol_limits_and_bases(void)
{
	EXPECT_PARSE(strtol, "2147483647", 10, LONG_MAX, 10, ERR_OK);
	EXPECT_PARSE(strtol, "2147483648", 10, LONG_MAX, 10, ERANGE);
	EXPECT_PARSE(strtol, "-2147483648", 10, LONG_MIN, 11, ERR_OK);
	EXPECT_PARSE(strtol, "-2147483649", 10, LONG_MIN, 11, ERANGE);
	EXPECT_PARSE(strtol, "99999999999999999999", 10, LONG_MAX, 20, ERANGE);
	EXPECT_PARSE(strtol, "  -42xyz", 10, -42, 5, ERR_OK);
	EXPECT_PARSE(strtol, "0x1F", 0, 31, 4, ERR_OK);
	EXPECT_PARSE(strtol, "0x1F", 16, 31, 4, ERR_OK);
	EXPECT_PARSE(strtol, "0xg", 16, 0, 1, ERR_OK);
	EXPECT_PARSE(strtol, "017", 0, 15, 3, ERR_OK);
	EXPECT_PARSE(strtol, "017", 10, 17, 3, ERR_OK);
	EXPECT_PARSE(strtol, "08", 0, 0, 1, ERR_OK);
	EXPECT_PARSE(strtol, "-101", 2, -5, 4, ERR_OK);
	EXPECT_PARSE(strtol, "zZ", 36, 35 * 36 + 35, 2, ERR_OK);
	EXPECT_PARSE(strtol, "", 10, 0, 0, ERR_OK);
	EXPECT_PARSE(strtol, "  +", 10, 0, 0, ERR_OK);
	EXPECT_PARSE(strtol, "12", 1, 0, 0, EINVAL);
	EXPECT_PARSE(strtol, "12", 37, 0, 0, EINVAL);
	EXPECT_PARSE(strtoul, "4294967295", 10, ULONG_MAX, 10, ERR_OK);
	EXPECT_PARSE(strtoul, "4294967296", 10, ULONG_MAX, 10, ERANGE);
	EXPECT_PARSE(strtoul, "-1", 10, ULONG_MAX, 2, ERR_OK);
	EXPECT_PARSE(strtoul, "0xffffffff", 0, 0xffffffffUL, 10, ERR_OK);
	EXPECT_PARSE(strtoll, "9223372036854775807", 10, LLONG_MAX, 19, ERR_OK);
	EXPECT_PARSE(strtoll, "-9223372036854775808", 10, LLONG_MIN, 20, ERR_OK);
	EXPECT_PARSE(strtoll, "9223372036854775808", 10, LLONG_MAX, 19, ERANGE);
	EXPECT_PARSE(strtoull, "18446744073709551615", 10, ULLONG_MAX, 20, ERR_OK);
	EXPECT_PARSE(strtoull, "18446744073709551616", 10, ULLONG_MAX, 20, ERANGE);
	EXPECT_EQ("atoi", -123, atoi(" -123abc"));
	EXPECT_EQ("atoi of nothing", 0, atoi("abc"));
	EXPECT_EQ("abs(INT_MIN) is itself", INT_MIN, abs(INT_MIN));
	EXPECT_EQ("labs", 5, labs(-5));
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct rec {
	int key;
	char tag[9];		/* 13-byte records: not a multiple of the word size */
} __attribute__((packed));

static int
cmp_rec(const void *a, const void *b)
{
	return cmp_int(&((const struct rec *)a)->key, &((const struct rec *)b)->key);
}

static void
libc_qsort_and_bsearch(void)
{
	static int a[3000];
	static struct rec r[500];
	const char *words[] = { "pear", "apple", "fig", "banana", "kiwi", "cherry", "date" };
	int sorted = 1, counts_match = 1, sum = 0, sum2 = 0;

	srand(7);
	for (int i = 0; i < 3000; i++) {
		a[i] = rand() % 1000 - 500;
		sum += a[i];
	}
	qsort(a, 3000, sizeof(int), cmp_int);
	for (int i = 0; i < 3000; i++) {
		sorted &= i == 0 || a[i - 1] <= a[i];
		sum2 += a[i];
	}
	EXPECT_TRUE("3000 random ints in order", sorted);
	EXPECT_EQ("the same ints", sum, sum2);
	for (int i = 0; i < 3000; i++)
		a[i] = 3000 - i;		/* reversed */
	qsort(a, 3000, sizeof(int), cmp_int);
	for (int i = 0; i < 3000; i++)
		sorted &= a[i] == i + 1;
	EXPECT_TRUE("reversed input sorted", sorted);
	for (int i = 0; i < 500; i++) {
		r[i].key = rand() % 50;
		snprintf(r[i].tag, sizeof(r[i].tag), "k%d", r[i].key);
	}
	qsort(r, 500, sizeof(r[0]), cmp_rec);
	for (int i = 0; i < 500; i++) {
		char tag[9];
		snprintf(tag, sizeof(tag), "k%d", r[i].key);
		sorted &= i == 0 || r[i - 1].key <= r[i].key;
		counts_match &= strcmp(tag, r[i].tag) == 0;
	}
	EXPECT_TRUE("13-byte records in order", sorted);
	EXPECT_TRUE("and moved whole", counts_match);
	qsort(words, ARRAY_SIZE(words), sizeof(words[0]), cmp_str);
	EXPECT_EQ("strings: first", 0, strcmp(words[0], "apple"));
	EXPECT_EQ("strings: last", 0, strcmp(words[6], "pear"));
	for (int i = 0; i < 3000; i++) {
		int key = i + 1;
		counts_match &= bsearch(&key, a, 3000, sizeof(int), cmp_int) == &a[i];
	}
	EXPECT_TRUE("bsearch finds every element", counts_match);
	int missing = 0;
	EXPECT_TRUE("bsearch of a missing key", bsearch(&missing, a, 3000, sizeof(int), cmp_int) == NULL);
}

static void
libc_string_functions(void)
{
	char buf[32], *save, *p, *tok;

	EXPECT_EQ("strlen", 5, strlen("hello"));
	EXPECT_EQ("strnlen", 3, strnlen("hello", 3));
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "abc", 6);
	EXPECT_EQ("strncpy pads with NULs", 0, memcmp(buf, "abc\0\0\0x", 7));
	strncpy(buf, "abcdef", 3);
	EXPECT_EQ("strncpy does not terminate a long source", 'x', buf[6]);
	EXPECT_EQ("strlcpy reports the source length", 11, strlcpy(buf, "hello world", 6));
	EXPECT_EQ("strlcpy terminates", 0, strcmp(buf, "hello"));
	strcpy(buf, "foo");
	strcat(buf, "bar");
	strncat(buf, "bazqux", 3);
	EXPECT_EQ("strcat, strncat", 0, strcmp(buf, "foobarbaz"));
	EXPECT_EQ("strlcat", 12, strlcat(buf, "abc", 11));
	EXPECT_EQ("strlcat cuts", 0, strcmp(buf, "foobarbaza"));
	EXPECT_TRUE("strchr", strchr("hello", 'l') - "hello" == 2);
	EXPECT_TRUE("strrchr", strrchr("hello", 'l') - "hello" == 3);
	EXPECT_TRUE("strrchr of NUL", *strrchr("hello", '\0') == '\0');
	EXPECT_TRUE("strstr", strstr("a needle in", "needle") - "a needle in" == 2);
	EXPECT_TRUE("strstr of nothing", strstr("abc", "") != NULL);
	EXPECT_TRUE("strstr missing", strstr("abc", "abd") == NULL);
	EXPECT_TRUE("strcmp orders as unsigned", strcmp("a\xff", "a\x01") > 0);
	EXPECT_EQ("strcasecmp", 0, strcasecmp("HeLLo", "hello"));
	EXPECT_EQ("strspn", 3, strspn("aabxa", "ab"));
	EXPECT_EQ("strcspn", 2, strcspn("ab,c", ",;"));
	strcpy(buf, "memmove");
	memmove(buf + 2, buf, 5);
	EXPECT_EQ("memmove overlapping", 0, strcmp(buf, "mememmo"));
	memmove(buf, buf + 2, 6);
	EXPECT_EQ("memmove the other way", 0, memcmp(buf, "memmo", 6));
	strcpy(buf, "  a,b  c,,d ");
	save = NULL;
	tok = strtok_r(buf, " ,", &save);
	EXPECT_TRUE("strtok_r 1", tok && strcmp(tok, "a") == 0);
	tok = strtok_r(NULL, " ,", &save);
	EXPECT_TRUE("strtok_r 2", tok && strcmp(tok, "b") == 0);
	tok = strtok_r(NULL, " ,", &save);
	EXPECT_TRUE("strtok_r 3", tok && strcmp(tok, "c") == 0);
	tok = strtok_r(NULL, " ,", &save);
	EXPECT_TRUE("strtok_r 4", tok && strcmp(tok, "d") == 0);
	EXPECT_TRUE("strtok_r end", strtok_r(NULL, " ,", &save) == NULL);
	strcpy(buf, "x,,y");
	p = buf;
	EXPECT_TRUE("strsep x", strcmp(strsep(&p, ","), "x") == 0);
	EXPECT_TRUE("strsep empty field", strcmp(strsep(&p, ","), "") == 0);
	EXPECT_TRUE("strsep y", strcmp(strsep(&p, ","), "y") == 0);
	EXPECT_TRUE("strsep end", p == NULL && strsep(&p, ",") == NULL);
	p = strdup("copy me");
	EXPECT_TRUE("strdup", p && strcmp(p, "copy me") == 0);
	free(p);
	p = strndup("copy me", 4);
	EXPECT_TRUE("strndup", p && strcmp(p, "copy") == 0);
	free(p);
	EXPECT_TRUE("ctype", isalpha('q') && !isalpha('1') && isdigit('7') && isspace('\t') &&
			     isxdigit('F') && !isxdigit('g') && ispunct('!') && !isprint('\n') &&
			     toupper('a') == 'A' && tolower('Z') == 'z' && !isalpha(EOF) &&
			     !isalpha(0xe9));
	EXPECT_EQ("strerror", 0, strcmp(strerror(ERR_PORT_DEAD), "port is dead"));
	EXPECT_EQ("strerror of ERANGE", 0, strcmp(strerror(ERANGE), "result out of range"));
	EXPECT_EQ("strerror of nonsense", 0, strcmp(strerror(-3), "unknown error"));
}

const struct test_case libc_stdlib_cases[] = {
	{ "libc_strtol_limits_and_bases", libc_strtol_limits_and_bases },
	{ "libc_qsort_and_bsearch", libc_qsort_and_bsearch },
	{ "libc_string_functions", libc_string_functions },
	{ NULL, NULL },
};
