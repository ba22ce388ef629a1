/*
 * stdio.c - the standard streams and the byte-at-a-time and line
 * functions (contracts in include/stdio.h). Formatted output is in
 * printf.c; where the bytes go is stdio_sink.c.
 *
 * No buffering: every call is handed to the sink before it returns, so
 * there is nothing to flush at exit and no lock to share between
 * threads. The price is one message per call, so write a line with one
 * printf or puts, not byte by byte.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "user/lib/stdio_file.h"
#include "harbor/error.h"

static FILE std_files[3] = {
	{ stdio_sink_write, stdio_sink_read, (void *)0, 0, 0 },
	{ stdio_sink_write, stdio_sink_read, (void *)1, 0, 0 },
	{ stdio_sink_write, stdio_sink_read, (void *)2, 0, 0 },
};

FILE *const stdin = &std_files[0];
FILE *const stdout = &std_files[1];
FILE *const stderr = &std_files[2];

void
stdio_set_sink(FILE *f, stdio_write_fn write, stdio_read_fn read, void *ctx)
{
	f->write = write;
	f->read = read;
	f->ctx = ctx;
	f->error = 0;
	f->eof = 0;
}

void
stdio_reset_sink(FILE *f)
{
	for (uintptr_t fd = 0; fd < 3; fd++)
		if (f == &std_files[fd])
			stdio_set_sink(f, stdio_sink_write, stdio_sink_read, (void *)fd);
}

int
stdio_write(FILE *f, const char *buf, size_t len)
{
	while (len > 0) {
		size_t n = len < STDIO_CHUNK ? len : STDIO_CHUNK;
		if (f->write == NULL || f->write(f->ctx, buf, n) != ERR_OK) {
			f->error = 1;
			return EOF;
		}
		buf += n;
		len -= n;
	}
	return 0;
}

int
fputc(int c, FILE *f)
{
	char b = (char)c;

	return stdio_write(f, &b, 1) == 0 ? (unsigned char)c : EOF;
}

int
putc(int c, FILE *f)
{
	return fputc(c, f);
}

int
putchar(int c)
{
	return fputc(c, stdout);
}

int
fputs(const char *s, FILE *f)
{
	return stdio_write(f, s, strlen(s)) == 0 ? 0 : EOF;
}

int
puts(const char *s)
{
	char line[STDIO_CHUNK];
	size_t len = strlen(s);

	/* The line and its newline in one write when they fit one piece. */
	if (len < sizeof(line)) {
		memcpy(line, s, len);
		line[len] = '\n';
		return stdio_write(stdout, line, len + 1) == 0 ? 0 : EOF;
	}
	if (stdio_write(stdout, s, len) != 0)
		return EOF;
	return stdio_write(stdout, "\n", 1) == 0 ? 0 : EOF;
}

size_t
fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	if (size == 0 || n == 0)
		return 0;
	if (n > (size_t)-1 / size)
		return 0;
	return stdio_write(f, p, size * n) == 0 ? n : 0;
}

int
fgetc(FILE *f)
{
	char c;
	size_t got = 0;

	if (f->read == NULL) {
		f->eof = 1;
		return EOF;
	}
	if (f->read(f->ctx, &c, 1, &got) != ERR_OK) {
		f->error = 1;
		return EOF;
	}
	if (got == 0) {
		f->eof = 1;
		return EOF;
	}
	return (unsigned char)c;
}

int
getc(FILE *f)
{
	return fgetc(f);
}

int
getchar(void)
{
	return fgetc(stdin);
}

char *
fgets(char *buf, int n, FILE *f)
{
	int i = 0;

	if (n < 1)
		return NULL;
	while (i < n - 1) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		buf[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;
	buf[i] = '\0';
	return buf;
}

int
fflush(FILE *f)
{
	return 0;
}

int
ferror(FILE *f)
{
	return f->error;
}

int
feof(FILE *f)
{
	return f->eof;
}

void
clearerr(FILE *f)
{
	f->error = 0;
	f->eof = 0;
}

void
perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
