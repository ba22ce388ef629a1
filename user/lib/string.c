/*
 * string.c - the memory functions and reading strings: copying, filling,
 * comparing and searching (contracts in include/string.h).
 *
 * The copies and the fill go a word at a time when the pointers allow it:
 * they are the library's hottest loops (every message buffer and calloc
 * passes through them).
 */
#include <stdint.h>
#include <string.h>
#include <ctype.h>

void *
memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0 && n >= 4) {
#if defined(__i386__) || defined(__x86_64__)
		/* The words in one string instruction: the CPU's own copy loop,
		 * a fraction of a C loop's instructions (servers copy every
		 * request and answer; pipe_4k copies 4 KiB four times). The
		 * ABI keeps the direction flag clear. */
		size_t words = n / 4;

		__asm__ volatile("rep movsl" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
		n %= 4;
#else
		for (; n >= 4; n -= 4, d += 4, s += 4)
			*(uint32_t *)d = *(const uint32_t *)s;
#endif
	}
	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

void *
memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Forwards is safe unless dst starts inside src. */
	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	d += n;
	s += n;
	if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
		for (; n >= 4; n -= 4) {
			d -= 4;
			s -= 4;
			*(uint32_t *)d = *(const uint32_t *)s;
		}
	}
	while (n-- > 0)
		*--d = *--s;
	return dst;
}

void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint32_t word = (unsigned char)c * 0x01010101u;

	for (; n > 0 && ((uintptr_t)d & 3); n--)
		*d++ = (unsigned char)c;
#if defined(__i386__) || defined(__x86_64__)
	if (n >= 4) {
		/* One string instruction, as in memcpy (calloc and fresh
		 * buffers pass through here). */
		size_t words = n / 4;

		__asm__ volatile("rep stosl" : "+D"(d), "+c"(words) : "a"(word) : "memory");
		n %= 4;
	}
#else
	for (; n >= 4; n -= 4, d += 4)
		*(uint32_t *)d = word;
#endif
	while (n-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n > 0; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *
memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t
strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t
strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int
strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

int
strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
		if (x != y)
			return x - y;
		if (!x)
			break;
	}
	return 0;
}

int
strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (size_t)-1);
}

char *
strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return (char)c == '\0' ? (char *)s : NULL;
}

char *
strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

/* The plain O(n*m) search: strings here are short, and it is easy to check. */
char *
strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return (char *)haystack;
	for (; *haystack; haystack++)
		if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	return NULL;
}
