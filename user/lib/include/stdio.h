/*
 * stdio.h - formatted output and the standard streams (C's <stdio.h>,
 * the parts a Harbor program can use today).
 *
 * Streams are unbuffered: every call hands its text to the stream's sink
 * at once, in pieces of at most STDIO_CHUNK bytes, and a call that makes
 * no more than that (a printf of one line) is ONE write, so lines from
 * different threads and tasks never mix mid-line. The three standard
 * streams are file descriptors 0, 1 and 2 (<unistd.h>; user/lib/stdio_sink.c
 * is the seam): a closed 1 or 2 falls back to the kernel's debug line
 * (host debug_write; a task without the host port prints nothing), and a
 * closed 0 reads as its end.
 *
 * printf conversions: %d %i %u %x %X %o %c %s %p %%, with flags - + space
 * 0 #, a width and a precision (digits or *), and the sizes hh h l ll z j
 * t. %s of NULL prints "(null)"; %p prints 0x and 8 hex digits (16 on a
 * 64-bit host). No floating point, no %n. An unknown conversion is
 * printed as written.
 */
#ifndef USER_LIB_INCLUDE_STDIO_H
#define USER_LIB_INCLUDE_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF		(-1)
#define STDIO_CHUNK	256	/* the largest single write (the debug line's message) */

typedef struct stdio_file FILE;

extern FILE *const stdin, *const stdout, *const stderr;

/*
 * printf, fprintf, vprintf, vfprintf - format and write to stdout (or f).
 * Return the number of bytes written, or -1 when the sink refused them
 * (then ferror(f) is set).
 */
int printf(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));
int vprintf(const char *fmt, va_list ap) __attribute__((format(__printf__, 1, 0)));
int vfprintf(FILE *f, const char *fmt, va_list ap) __attribute__((format(__printf__, 2, 0)));

/*
 * snprintf, vsnprintf - format into buf (n bytes), always terminated when
 * n > 0 (buf may be NULL when n is 0). Return the length the whole text
 * has, even when it was cut short: a result >= n means it did not fit.
 */
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(__printf__, 3, 4)));
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
	__attribute__((format(__printf__, 3, 0)));

/* sprintf - snprintf with no limit: buf must be large enough. Prefer snprintf. */
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));

/* fputc, putc, putchar - write one byte; return it (as unsigned char), or EOF on error. */
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);

/* fputs - write s (without a newline); returns a non-negative number, or EOF on error. */
int fputs(const char *s, FILE *f);

/* puts - write s and a newline, in one write if they fit; non-negative, or EOF on error. */
int puts(const char *s);

/* fwrite - write n objects of size bytes; returns how many were written (n, or 0 on error). */
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);

/*
 * fgetc, getc, getchar - the next byte of the stream as an unsigned char,
 * or EOF at the end or on error. stdin reads file descriptor 0 one byte
 * per read (EOF at once when it is closed).
 */
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);

/*
 * fgets - read a line (up to and including '\n', at most n - 1 bytes)
 * into buf, terminated. Returns buf, or NULL when nothing was read (end
 * of stream or error) or n < 1.
 */
char *fgets(char *buf, int n, FILE *f);

/* fflush - nothing to do (streams are unbuffered); returns 0. f may be NULL (all streams). */
int fflush(FILE *f);

/* ferror, feof - whether a write or read failed / the end was reached; clearerr resets both. */
int ferror(FILE *f);
int feof(FILE *f);
void clearerr(FILE *f);

/* perror - print "s: <strerror(errno)>" on stderr (just the message when s is NULL or ""). */
void perror(const char *s);

/*
 * The seam between stdio and where bytes go. A sink's write takes len
 * bytes (len <= STDIO_CHUNK) and returns ERR_OK or an error code; a read
 * fills at most size bytes, sets *got (0 = end of stream) and returns
 * ERR_OK or an error. ctx is passed back unchanged.
 */
typedef int (*stdio_write_fn)(void *ctx, const char *buf, size_t len);
typedef int (*stdio_read_fn)(void *ctx, char *buf, size_t size, size_t *got);

/*
 * stdio_set_sink - send f's output to write(ctx, ...) and take its input
 * from read(ctx, ...) from now on (either may be NULL: writes then fail,
 * reads see the end). For a program that wants a stream somewhere else
 * (the tests capture a child's stderr this way). Not thread-safe against
 * a concurrent write to the same stream.
 */
void stdio_set_sink(FILE *f, stdio_write_fn write, stdio_read_fn read, void *ctx);

/* stdio_reset_sink - put stdin, stdout or stderr back on its usual sink (others: no-op). */
void stdio_reset_sink(FILE *f);

/*
 * rename - give from's file the name to, replacing what to named (a file
 * by a non-directory, an empty directory by a directory). 0, or -1 with
 * errno: ERR_NOT_FOUND, ERR_IS_DIR, ERR_NOT_DIR, ERR_NOT_EMPTY,
 * ERR_BAD_ARGUMENT (a directory into itself), ERR_TOO_MANY_LINKS,
 * ERR_READ_ONLY, ERR_DISK_FULL, and the lookups' errors.
 */
int rename(const char *from, const char *to);

#endif /* USER_LIB_INCLUDE_STDIO_H */
