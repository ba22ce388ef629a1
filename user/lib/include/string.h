/*
 * string.h - memory and string functions (C's <string.h>, with strdup,
 * strndup, strnlen, strtok_r and strsep from POSIX and strlcpy, strlcat
 * from BSD).
 *
 * None of these can fail except the two that allocate (strdup, strndup:
 * NULL and errno = ENOMEM). As in C, the caller makes sure buffers are
 * large enough and strings end in '\0'; "n" bounds are in bytes.
 * Comparisons treat characters as unsigned char.
 */
#ifndef USER_LIB_INCLUDE_STRING_H
#define USER_LIB_INCLUDE_STRING_H

#include <stddef.h>

/* memcpy - copy n bytes from src to dst (they must not overlap); returns dst. */
void *memcpy(void *dst, const void *src, size_t n);

/* memmove - copy n bytes from src to dst, which may overlap; returns dst. */
void *memmove(void *dst, const void *src, size_t n);

/* memset - fill n bytes at dst with (unsigned char)c; returns dst. */
void *memset(void *dst, int c, size_t n);

/* memcmp - <0, 0 or >0 as the first differing byte of a is below, equal, above b's. */
int memcmp(const void *a, const void *b, size_t n);

/* memchr - the first byte equal to (unsigned char)c in s[0..n), or NULL. */
void *memchr(const void *s, int c, size_t n);

/* strlen - the number of bytes before the terminating '\0'. */
size_t strlen(const char *s);

/* strnlen - strlen(s), but at most max (reads no further than s[max-1]). */
size_t strnlen(const char *s, size_t max);

/* strcmp - compare two strings: <0, 0 or >0. */
int strcmp(const char *a, const char *b);

/* strncmp - strcmp over at most the first n bytes. */
int strncmp(const char *a, const char *b, size_t n);

/* strcasecmp, strncasecmp - strcmp, strncmp ignoring the case of ASCII letters. */
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

/* strchr - the first (char)c in s, or NULL; c = '\0' finds the terminator. */
char *strchr(const char *s, int c);

/* strrchr - the last (char)c in s, or NULL; c = '\0' finds the terminator. */
char *strrchr(const char *s, int c);

/* strstr - the first occurrence of needle in haystack, or NULL; "" is found at once. */
char *strstr(const char *haystack, const char *needle);

/* strspn - the length of s's first run of bytes that are all in accept. */
size_t strspn(const char *s, const char *accept);

/* strcspn - the length of s's first run of bytes that are all not in reject. */
size_t strcspn(const char *s, const char *reject);

/* strpbrk - the first byte of s that is in accept, or NULL. */
char *strpbrk(const char *s, const char *accept);

/* strcpy - copy src (with its '\0') to dst; returns dst. */
char *strcpy(char *dst, const char *src);

/*
 * strncpy - copy at most n bytes of src to dst and fill the rest of the n
 * with '\0'. As in C, dst is NOT terminated when src has n bytes or more:
 * strlcpy is usually what you want. Returns dst.
 */
char *strncpy(char *dst, const char *src, size_t n);

/*
 * strlcpy - copy src into dst (size bytes), always terminated when
 * size > 0. Returns strlen(src): a result >= size means it was cut short.
 */
size_t strlcpy(char *dst, const char *src, size_t size);

/* strcat - append src to the string in dst; returns dst. */
char *strcat(char *dst, const char *src);

/* strncat - append at most n bytes of src, then '\0' (n + 1 bytes of room); returns dst. */
char *strncat(char *dst, const char *src, size_t n);

/*
 * strlcat - append src to the string in dst (size bytes in all), always
 * terminated if dst was. Returns the length it tried to make
 * (strlen(dst) + strlen(src)): a result >= size means it was cut short.
 */
size_t strlcat(char *dst, const char *src, size_t size);

/* strdup - a copy of s in memory from malloc; NULL (errno = ENOMEM) if none. */
char *strdup(const char *s);

/* strndup - a copy of at most n bytes of s, terminated; NULL (errno = ENOMEM) if no memory. */
char *strndup(const char *s, size_t n);

/*
 * strtok_r - split a string into tokens separated by bytes of delim.
 * First call: s is the string (it is modified: each separator after a
 * token becomes '\0'); later calls: s = NULL. *save keeps the place
 * between calls. Returns the next token, or NULL when none is left.
 */
char *strtok_r(char *s, const char *delim, char **save);

/* strtok - strtok_r with one hidden place for the whole task: not for threads. */
char *strtok(char *s, const char *delim);

/*
 * strsep - the field of *sp up to the first byte of delim, which becomes
 * '\0'; *sp moves past it (NULL after the last field). Empty fields are
 * returned too (unlike strtok). Returns NULL when *sp is NULL.
 */
char *strsep(char **sp, const char *delim);

/*
 * strerror - the message for an error code (an ERR_ value of
 * harbor/error.h, which is also what errno holds): the same text as
 * error_string(code); "unknown error" for a code that is none. Never NULL.
 */
char *strerror(int code);

#endif /* USER_LIB_INCLUDE_STRING_H */
