/*
 * printf.c - formatted output for user programs.
 *
 * vsnprintf does the formatting; printf sends the result to the debug
 * line in one host debug_write message (until the console server exists);
 * a task without the host port prints nothing.
 */
#include "user/lib/ulib.h"
#include "harbor/host_client.h"

struct out {
	char *buf;
	size_t n, len;
};

static void
put(struct out *o, char c)
{
	if (o->len + 1 < o->n)
		o->buf[o->len] = c;
	o->len++;
}

static void
put_number(struct out *o, uint32_t v, unsigned base, int negative, int width, char pad)
{
	char tmp[16];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (negative && pad == '0') {
		put(o, '-');		/* -0005, not 000-5 */
		width--;
	} else if (negative) {
		tmp[n++] = '-';
	}
	while (width-- > n)
		put(o, pad);
	while (n > 0)
		put(o, tmp[--n]);
}

int
vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct out o = { buf, n, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l')
			fmt++;		/* long is int here */
		switch (*fmt) {
		case 'd': {
			int v = va_arg(ap, int);
			put_number(&o, v < 0 ? -(uint32_t)v : (uint32_t)v, 10, v < 0, width, pad);
			break;
		}
		case 'u':
			put_number(&o, va_arg(ap, uint32_t), 10, 0, width, pad);
			break;
		case 'x':
			put_number(&o, va_arg(ap, uint32_t), 16, 0, width, pad);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, (uint32_t)va_arg(ap, void *), 16, 0, 8, '0');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			for (s = s ? s : "(null)"; *s; s++)
				put(&o, *s);
			break;
		}
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, *fmt);
		}
	}
	if (n > 0)
		buf[o.len < n ? o.len : n - 1] = '\0';
	return o.len;
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
printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	host_debug_write(NAME_HOST, buf, len < (int)sizeof(buf) ? (uint32_t)len : sizeof(buf) - 1);
	return len;
}
