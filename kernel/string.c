/*
 * string.c - memory and string helpers for the kernel (no libc here).
 * The compiler also calls memcpy and memset for struct copies.
 */
#include "kernel/lib.h"

/* Whole words first, then the odd bytes: a word move costs what a byte move does. */
void *
memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t words = n / 4, bytes = n % 4;

	__asm__ volatile("cld; rep movsl; movl %3, %%ecx; rep movsb"
			 : "+D"(d), "+S"(src), "+c"(words) : "r"(bytes) : "memory");
	return dst;
}

void *
memset(void *dst, int c, size_t n)
{
	void *d = dst;
	size_t words = n / 4, bytes = n % 4;
	uint32_t v = (uint8_t)c * 0x01010101u;

	__asm__ volatile("cld; rep stosl; movl %3, %%ecx; rep stosb"
			 : "+D"(d), "+c"(words), "+a"(v) : "r"(bytes) : "memory");
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
