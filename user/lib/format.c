/*
 * format.c - the printf engine: one pass over the format, one conversion
 * at a time, each cut into the pieces C's printf specifies:
 *
 *     [padding] [sign or 0x prefix] [zeros] [digits] [padding]
 *
 * The width pads with spaces on the left (or on the right with '-'), or
 * with zeros after the sign when '0' is given and no precision; the
 * precision is the least number of digits (the most bytes, for %s).
 * Integers are taken as unsigned long long magnitudes plus a sign, so
 * INT_MIN, LLONG_MIN and the unsigned maxima print exactly; 64-bit values
 * are divided with div64_small (no libgcc in the guest).
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "user/lib/div64.h"
#include "user/lib/format.h"

/* Argument sizes (the hh h l ll z j t of a conversion). */
enum format_size { SIZE_INT, SIZE_CHAR, SIZE_SHORT, SIZE_LONG, SIZE_LLONG, SIZE_SIZE,
		   SIZE_INTMAX, SIZE_PTRDIFF };

/* One conversion's flags, width, precision and argument size. */
struct format_spec {
	int left;		/* '-': pad on the right */
	int plus;		/* '+': a sign even for positive numbers */
	int space;		/* ' ': a space where a '+' would go */
	int zero;		/* '0': pad numbers with zeros */
	int alt;		/* '#': 0x for %x, a leading 0 for %o */
	int width;
	int prec;		/* -1: none given */
	enum format_size size;
};

static void
out_char(struct format_out *o, char c)
{
	if (o->len == o->cap && o->flush)
		o->flush(o);
	if (o->len < o->cap)
		o->buf[o->len++] = c;
	o->total++;
}

static void
out_repeat(struct format_out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

static void
out_bytes(struct format_out *o, const char *s, size_t n)
{
	while (n-- > 0)
		out_char(o, *s++);
}

/*
 * Print one integer: magnitude v, with sign (a '-', '+', ' ' or 0) and
 * prefix ("0x", "0X" or "") in front.
 */
static void
format_integer(struct format_out *o, const struct format_spec *sp, unsigned long long v,
	       char sign, const char *prefix, unsigned base, int upper)
{
	const char *digit = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[24];	/* 64 bits in octal: 22 digits */
	int nd = 0, zeros, pad, len, prec = sp->prec < 0 ? 1 : sp->prec;
	size_t plen = strlen(prefix);

	while (v > 0xffffffffu)
		digits[nd++] = digit[div64_small(&v, base)];
	for (uint32_t w = (uint32_t)v; w != 0; w /= base)
		digits[nd++] = digit[w % base];
	zeros = prec > nd ? prec - nd : 0;
	/* '#' with %o: the first digit printed must be a 0. */
	if (sp->alt && base == 8 && zeros == 0 && (nd == 0 || digits[nd - 1] != '0'))
		zeros = 1;
	len = (sign != 0) + (int)plen + zeros + nd;
	pad = sp->width > len ? sp->width - len : 0;
	if (sp->zero && !sp->left && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		out_repeat(o, ' ', pad);
	if (sign)
		out_char(o, sign);
	out_bytes(o, prefix, plen);
	out_repeat(o, '0', zeros);
	while (nd > 0)
		out_char(o, digits[--nd]);
	if (sp->left)
		out_repeat(o, ' ', pad);
}

/* Print n bytes of s, padded to the width. */
static void
format_text(struct format_out *o, const struct format_spec *sp, const char *s, size_t n)
{
	int pad = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!sp->left)
		out_repeat(o, ' ', pad);
	out_bytes(o, s, n);
	if (sp->left)
		out_repeat(o, ' ', pad);
}

/* Read the flags, width, precision and size at *fmt (just past the '%'). */
static const char *
parse_spec(const char *fmt, struct format_spec *sp, va_list *ap)
{
	*sp = (struct format_spec){ .prec = -1, .size = SIZE_INT };
	for (;; fmt++) {
		if (*fmt == '-')
			sp->left = 1;
		else if (*fmt == '+')
			sp->plus = 1;
		else if (*fmt == ' ')
			sp->space = 1;
		else if (*fmt == '0')
			sp->zero = 1;
		else if (*fmt == '#')
			sp->alt = 1;
		else
			break;
	}
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {		/* a negative width is '-' and its size */
			sp->left = 1;
			sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
		}
		fmt++;
	} else {
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			sp->width = sp->width < INT_MAX / 10 ? sp->width * 10 + (*fmt - '0') : INT_MAX;
	}
	if (*fmt == '.') {
		fmt++;
		sp->prec = 0;
		if (*fmt == '*') {
			sp->prec = va_arg(*ap, int);	/* a negative one counts as none */
			if (sp->prec < 0)
				sp->prec = -1;
			fmt++;
		} else {
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				sp->prec = sp->prec < INT_MAX / 10 ? sp->prec * 10 + (*fmt - '0')
								   : INT_MAX;
		}
	}
	switch (*fmt) {
	case 'h':
		sp->size = fmt[1] == 'h' ? SIZE_CHAR : SIZE_SHORT;
		fmt += fmt[1] == 'h' ? 2 : 1;
		break;
	case 'l':
		sp->size = fmt[1] == 'l' ? SIZE_LLONG : SIZE_LONG;
		fmt += fmt[1] == 'l' ? 2 : 1;
		break;
	case 'z':
		sp->size = SIZE_SIZE;
		fmt++;
		break;
	case 'j':
		sp->size = SIZE_INTMAX;
		fmt++;
		break;
	case 't':
		sp->size = SIZE_PTRDIFF;
		fmt++;
		break;
	}
	return fmt;
}

static long long
signed_arg(enum format_size size, va_list *ap)
{
	switch (size) {
	case SIZE_CHAR:
		return (signed char)va_arg(*ap, int);
	case SIZE_SHORT:
		return (short)va_arg(*ap, int);
	case SIZE_LONG:
		return va_arg(*ap, long);
	case SIZE_LLONG:
		return va_arg(*ap, long long);
	case SIZE_SIZE:
	case SIZE_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	case SIZE_INTMAX:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long
unsigned_arg(enum format_size size, va_list *ap)
{
	switch (size) {
	case SIZE_CHAR:
		return (unsigned char)va_arg(*ap, unsigned);
	case SIZE_SHORT:
		return (unsigned short)va_arg(*ap, unsigned);
	case SIZE_LONG:
		return va_arg(*ap, unsigned long);
	case SIZE_LLONG:
		return va_arg(*ap, unsigned long long);
	case SIZE_SIZE:
	case SIZE_PTRDIFF:
		return va_arg(*ap, size_t);
	case SIZE_INTMAX:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

/* Convert one directive whose conversion character is *fmt. */
static void
format_one(struct format_out *o, struct format_spec *sp, char conv, va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i': {
		long long v = signed_arg(sp->size, ap);
		/* The magnitude in unsigned arithmetic: -LLONG_MIN overflows a long long. */
		unsigned long long m = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
		char sign = v < 0 ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
		format_integer(o, sp, m, sign, "", 10, 0);
		break;
	}
	case 'u':
		format_integer(o, sp, unsigned_arg(sp->size, ap), 0, "", 10, 0);
		break;
	case 'o':
		format_integer(o, sp, unsigned_arg(sp->size, ap), 0, "", 8, 0);
		break;
	case 'x':
	case 'X': {
		unsigned long long v = unsigned_arg(sp->size, ap);
		const char *prefix = sp->alt && v != 0 ? (conv == 'x' ? "0x" : "0X") : "";
		format_integer(o, sp, v, 0, prefix, 16, conv == 'X');
		break;
	}
	case 'p':
		/* Harbor prints every pointer at full width: 0x0040a010. */
		if (sp->prec < 0)
			sp->prec = 2 * (int)sizeof(void *);
		format_integer(o, sp, (uintptr_t)va_arg(*ap, void *), 0, "0x", 16, 0);
		break;
	case 'c': {
		char c = (char)va_arg(*ap, int);
		format_text(o, sp, &c, 1);
		break;
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);
		if (s == NULL)
			s = "(null)";
		format_text(o, sp, s, sp->prec < 0 ? strlen(s) : strnlen(s, (size_t)sp->prec));
		break;
	}
	}
}

int
format_v(struct format_out *o, const char *fmt, va_list ap)
{
	size_t start = o->total;
	va_list args;

	/* A copy, so the helpers can take arguments through a pointer to it. */
	va_copy(args, ap);
	while (*fmt) {
		const char *directive = fmt;
		struct format_spec sp;

		if (*fmt != '%') {
			out_char(o, *fmt++);
			continue;
		}
		if (fmt[1] == '%') {
			out_char(o, '%');
			fmt += 2;
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		if (*fmt == '\0' || strchr("diuoxXpcs", *fmt) == NULL) {
			/* Unknown or unfinished: print it as written, so the mistake shows. */
			if (*fmt)
				fmt++;
			out_bytes(o, directive, (size_t)(fmt - directive));
			continue;
		}
		format_one(o, &sp, *fmt++, &args);
	}
	va_end(args);
	return o->total - start > INT_MAX ? INT_MAX : (int)(o->total - start);
}
