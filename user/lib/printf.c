/*
 * printf.c - the printf family: format with format_v (format.c) into a
 * caller's buffer (snprintf) or into a STDIO_CHUNK buffer on the stack
 * that is handed to the stream's sink each time it fills and at the end
 * (printf), so a printf of up to 256 bytes is exactly one write.
 * Contracts in include/stdio.h.
 */
#include <stdint.h>
#include "user/lib/format.h"
#include "user/lib/stdio_file.h"

/* Pass a full chunk to the stream in o->ctx. */
static void
flush_to_stream(struct format_out *o)
{
	if (!o->failed && stdio_write(o->ctx, o->buf, o->len) != 0)
		o->failed = 1;
	o->len = 0;
}

int
vfprintf(FILE *f, const char *fmt, va_list ap)
{
	char chunk[STDIO_CHUNK];
	struct format_out o = { .buf = chunk, .cap = sizeof(chunk), .flush = flush_to_stream,
				.ctx = f };
	int n = format_v(&o, fmt, ap);

	if (o.len > 0)
		flush_to_stream(&o);
	return o.failed ? -1 : n;
}

int
vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int
fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int
vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	/* One byte is kept for the terminator; nothing at all when n is 0. */
	struct format_out o = { .buf = buf, .cap = n > 0 ? n - 1 : 0 };
	int len = format_v(&o, fmt, ap);

	if (n > 0)
		buf[o.len] = '\0';
	return len;
}

int
snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return len;
}

int
sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, SIZE_MAX, fmt, ap);
	va_end(ap);
	return len;
}
