/*
 * strtok.c - cutting strings into pieces: spans of bytes from a set,
 * tokens and fields (contracts in include/string.h).
 */
#include <string.h>

/* Is c one of the bytes of set? ('\0' never is.) */
static int
in_set(char c, const char *set)
{
	for (; *set; set++)
		if (*set == c)
			return 1;
	return 0;
}

size_t
strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && in_set(s[n], accept))
		n++;
	return n;
}

size_t
strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !in_set(s[n], reject))
		n++;
	return n;
}

char *
strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

char *
strtok_r(char *s, const char *delim, char **save)
{
	char *token;

	if (s == NULL)
		s = *save;
	if (s == NULL)
		return NULL;
	s += strspn(s, delim);
	if (*s == '\0') {
		*save = NULL;
		return NULL;
	}
	token = s;
	s += strcspn(s, delim);
	if (*s)
		*s++ = '\0';
	else
		s = NULL;
	*save = s;
	return token;
}

char *
strtok(char *s, const char *delim)
{
	static char *place;

	return strtok_r(s, delim, &place);
}

char *
strsep(char **sp, const char *delim)
{
	char *field = *sp, *end;

	if (field == NULL)
		return NULL;
	end = field + strcspn(field, delim);
	if (*end) {
		*end = '\0';
		*sp = end + 1;
	} else {
		*sp = NULL;
	}
	return field;
}
