/*
 * stdlib.h - memory, numbers from strings, sorting, random numbers and
 * ending the task (C's <stdlib.h>).
 *
 * The allocator's design and its checks are described in docs/libc.md;
 * harbor/malloc.h has its statistics and consistency check.
 */
#ifndef USER_LIB_INCLUDE_STDLIB_H
#define USER_LIB_INCLUDE_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1
#define RAND_MAX	0x7fffffff

/* The status abort() ends a task with (128 + 6, as a Unix shell shows SIGABRT). */
#define ABORT_STATUS	134

/*
 * malloc - size bytes, aligned to 16, uninitialized; malloc(0) returns a
 * unique pointer that free accepts. Requests of 64 KiB and more get
 * memory regions of their own; smaller ones share 256 KiB arenas.
 * Returns NULL with errno = ENOMEM when no memory is left (or size is
 * too large to ever fit). Thread-safe, like the rest of this family.
 */
void *malloc(size_t size);

/*
 * free - give back p, from malloc, calloc or realloc; free(NULL) does
 * nothing. A pointer that malloc did not return, one freed already, or a
 * block whose header was overwritten is not ignored: free prints
 * "malloc: free(<p>): <what is wrong>" on stderr and ends the task
 * through abort().
 */
void free(void *p);

/*
 * calloc - n objects of size bytes each, zeroed. Returns NULL with
 * errno = ENOMEM when n * size overflows or no memory is left.
 */
void *calloc(size_t n, size_t size);

/*
 * realloc - resize p's block to size bytes, keeping the contents up to
 * the smaller size; returns the (maybe moved) block. realloc(NULL, size)
 * is malloc(size); realloc(p, 0) frees p and returns NULL. On failure
 * returns NULL with errno = ENOMEM and p is untouched. A bad p is
 * reported as by free.
 */
void *realloc(void *p, size_t size);

/*
 * strtol, strtoll - the number at the start of s in base (2 to 36, or 0:
 * "0x" means 16, a leading "0" means 8, else 10), after optional white
 * space and a sign. If end is not NULL, *end points past the last digit
 * used, or at s when there was no number (then the result is 0). Out of
 * range: LONG_MAX or LONG_MIN (LLONG_ for strtoll) and errno = ERANGE.
 * A bad base: 0 and errno = EINVAL. errno is left alone otherwise.
 */
long strtol(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);

/*
 * strtoul, strtoull - the same for unsigned numbers: a '-' sign negates
 * the value in the unsigned type, as C says. Out of range: ULONG_MAX
 * (ULLONG_MAX) and errno = ERANGE; bad base as strtol.
 */
unsigned long strtoul(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);

/* atoi, atol, atoll - strtol(s, NULL, 10) in an int, long, long long; no errors reported. */
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);

/* abs, labs, llabs - |v|; the most negative value has no positive twin and is returned as is. */
int abs(int v);
long labs(long v);
long long llabs(long long v);

/*
 * qsort - sort n objects of size bytes at base into the order cmp
 * gives (cmp returns <0, 0, >0 like strcmp). Not stable. O(n log n)
 * comparisons in the worst case (introsort: quicksort, then heapsort if
 * quicksort goes badly), no memory allocated.
 */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/*
 * bsearch - find key among n objects sorted by cmp; cmp(key, element).
 * Returns a matching element, or NULL.
 */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

/* rand - the next pseudo-random number, 0 to RAND_MAX (one sequence per task; not for secrets). */
int rand(void);

/* srand - restart rand's sequence from seed (the sequence before any srand is srand(1)'s). */
void srand(unsigned seed);

/* exit - end this task with status (0 = success). Never returns. */
void exit(int status) __attribute__((noreturn));

/*
 * abort - end this task at once with status ABORT_STATUS (the kernel
 * prints "exited with status 134" on the debug line). For "this cannot
 * go on": callers print why first. Never returns.
 */
void abort(void) __attribute__((noreturn));

#endif /* USER_LIB_INCLUDE_STDLIB_H */
