/*
 * printf.c - the kernel's formatted output, to the serial debug line.
 *
 * Only what the kernel needs: %d %u %x %p %s %c and %%, with an optional
 * zero-pad width (%08x). The kernel prints boot messages and panics with it.
 */
#include "kernel/lib.h"
#include "kernel/i386/serial.h"

static void
print_number(uint32_t v, unsigned base, int negative, int width, char pad)
{
	char buf[16];
	int n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v != 0);
	if (negative)
		buf[n++] = '-';
	while (width-- > n)
		serial_putc(pad);
	while (n > 0)
		serial_putc(buf[--n]);
}

void
kvprintf(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			serial_putc(*fmt);
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
			print_number(v < 0 ? -(uint32_t)v : (uint32_t)v, 10, v < 0, width, pad);
			break;
		}
		case 'u':
			print_number(va_arg(ap, uint32_t), 10, 0, width, pad);
			break;
		case 'x':
			print_number(va_arg(ap, uint32_t), 16, 0, width, pad);
			break;
		case 'p':
			serial_putc('0');
			serial_putc('x');
			print_number((uint32_t)va_arg(ap, void *), 16, 0, 8, '0');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			for (s = s ? s : "(null)"; *s; s++)
				serial_putc(*s);
			break;
		}
		case 'c':
			serial_putc(va_arg(ap, int));
			break;
		case '%':
			serial_putc('%');
			break;
		default:
			serial_putc('%');
			serial_putc(*fmt);
			if (!*fmt)
				return;
		}
	}
}

void
kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}
