/*
 * lib.h - the kernel's small C library: printing, memory and strings,
 * panic and assertions.
 */
#ifndef KERNEL_LIB_H
#define KERNEL_LIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ROUNDUP(x, n)	(((x) + (n) - 1) / (n) * (n))
#define ROUNDDOWN(x, n)	((x) / (n) * (n))

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);

/* kprintf - formatted output to the serial debug line: %d %u %x %p %s %c %%. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);

/* panic - report a kernel bug with a backtrace and stop. Never returns. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define assert(x) \
	do { if (!(x)) panic("assertion failed: %s at %s:%d", #x, __FILE__, __LINE__); } while (0)

#endif /* KERNEL_LIB_H */
