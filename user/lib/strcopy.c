/*
 * strcopy.c - making strings: copying, appending, duplicating
 * (contracts in include/string.h).
 */
#include <string.h>
#include <stdlib.h>

char *
strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++) != '\0')
		;
	return dst;
}

char *
strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

char *
strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *
strncat(char *dst, const char *src, size_t n)
{
	char *d = dst + strlen(dst);
	size_t i = 0;

	for (; i < n && src[i]; i++)
		d[i] = src[i];
	d[i] = '\0';
	return dst;
}

size_t
strlcat(char *dst, const char *src, size_t size)
{
	size_t used = strnlen(dst, size);

	/* No terminator within size: nothing can be appended. */
	if (used == size)
		return size + strlen(src);
	return used + strlcpy(dst + used, src, size - used);
}

char *
strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *copy = malloc(len + 1);

	if (copy) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

char *
strdup(const char *s)
{
	return strndup(s, (size_t)-1);
}
