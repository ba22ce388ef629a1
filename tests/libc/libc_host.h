/*
 * libc_host.h - what the host tests of Harbor's C library see of it.
 *
 * The library is built for the host with every standard name renamed
 * hb_<name> (host_names.h), so a test calls Harbor's printf as hb_printf
 * and prints its own results with the host's. Its hooks into the system
 * (the stdio sink, the region source, the mutex, abort) are replaced by
 * the fakes in fakes.c, which record what the library did.
 */
#ifndef TESTS_LIBC_LIBC_HOST_H
#define TESTS_LIBC_LIBC_HOST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

struct stdio_file;
extern struct stdio_file *const hb_stdin, *const hb_stdout, *const hb_stderr;

int hb_snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int hb_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int hb_sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int hb_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int hb_fprintf(struct stdio_file *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int hb_puts(const char *s);
int hb_putchar(int c);
int hb_fputs(const char *s, struct stdio_file *f);
int hb_getchar(void);
char *hb_fgets(char *buf, int n, struct stdio_file *f);
int hb_ferror(struct stdio_file *f);
int hb_feof(struct stdio_file *f);
void hb_perror(const char *s);

long hb_strtol(const char *s, char **end, int base);
long long hb_strtoll(const char *s, char **end, int base);
unsigned long hb_strtoul(const char *s, char **end, int base);
unsigned long long hb_strtoull(const char *s, char **end, int base);
int hb_atoi(const char *s);
int *errno_location(void);
char *hb_strerror(int code);

void hb_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *hb_bsearch(const void *key, const void *base, size_t n, size_t size,
		 int (*cmp)(const void *, const void *));

void *hb_malloc(size_t size);
void hb_free(void *p);
void *hb_calloc(size_t n, size_t size);
void *hb_realloc(void *p, size_t size);
int malloc_check(void);

/* harbor/malloc.h under its renamed names (struct malloc_stats is struct hb_malloc_stats). */
#define malloc_stats		hb_malloc_stats
#define malloc_usable_size	hb_malloc_usable_size
#define malloc_trim		hb_malloc_trim
#include "user/lib/include/harbor/malloc.h"
#undef malloc_stats
#undef malloc_usable_size
#undef malloc_trim

/* The fakes (fakes.c). */

/* hb_abort longjmps here, and counts. */
extern jmp_buf fake_abort_jmp;
extern int fake_abort_calls;

/* Everything written to any stream, and how many writes it took. */
extern char fake_out[8192];
extern size_t fake_out_len;
extern int fake_out_writes;
extern size_t fake_out_last_write;	/* the size of the last write */
extern int fake_sink_refuse;		/* nonzero: every write fails */
void fake_out_reset(void);

/* The region source: live regions and pages, mistakes seen, failure on demand. */
extern size_t fake_regions_live, fake_pages_live;
extern int fake_region_mistakes;	/* frees of pages that were not live */
extern int fake_region_refuse;		/* nonzero: every alloc fails with ERR_NO_MEMORY */

#endif /* TESTS_LIBC_LIBC_HOST_H */
