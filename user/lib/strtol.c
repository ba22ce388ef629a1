/*
 * strtol.c - numbers from strings: strtol, strtoul and their long long
 * and ato* kin (contracts in include/stdlib.h).
 *
 * One parser reads the sign and the digits into an unsigned long long
 * magnitude and notes when even that overflows; each function then
 * decides, against its own type's limits, whether the value is out of
 * range. No intermediate step can overflow, so LONG_MIN and friends read
 * back exactly.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include "user/lib/div64.h"

/* The value of digit c in any base up to 36; 36 or more for a non-digit. */
static unsigned
digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

struct parsed {
	unsigned long long magnitude;
	int negative;
	int overflow;		/* the digits exceed ULLONG_MAX */
};

/*
 * Read the number at the start of s in base (0, or 2 to 36: checked by
 * the caller) into *p. Returns the address past its last digit, or s
 * itself when there is no number (then *p is 0).
 */
static const char *
parse(const char *s, int base, struct parsed *p)
{
	const char *c = s, *digits;
	unsigned long long cutoff = ULLONG_MAX;
	unsigned cutlim, d;

	*p = (struct parsed){ 0, 0, 0 };
	while (isspace((unsigned char)*c))
		c++;
	if (*c == '+' || *c == '-')
		p->negative = *c++ == '-';
	/* "0x" is a prefix only when a hex digit follows: "0xz" is 0, then "xz". */
	if ((base == 0 || base == 16) && c[0] == '0' && (c[1] == 'x' || c[1] == 'X') &&
	    digit_value(c[2]) < 16) {
		c += 2;
		base = 16;
	} else if (base == 0) {
		base = c[0] == '0' ? 8 : 10;
	}
	cutlim = div64_small(&cutoff, (unsigned)base);
	for (digits = c; (d = digit_value(*c)) < (unsigned)base; c++) {
		if (p->magnitude > cutoff || (p->magnitude == cutoff && d > cutlim))
			p->overflow = 1;
		else
			p->magnitude = p->magnitude * (unsigned)base + d;
	}
	if (c == digits) {
		*p = (struct parsed){ 0, 0, 0 };
		return s;
	}
	return c;
}

/* Check base, parse, and set *end. Returns 0 for a bad base (errno = EINVAL). */
static int
parse_checked(const char *s, char **end, int base, struct parsed *p)
{
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		*p = (struct parsed){ 0, 0, 0 };
		return 0;
	}
	s = parse(s, base, p);
	if (end)
		*end = (char *)s;
	return 1;
}

long long
strtoll(const char *s, char **end, int base)
{
	struct parsed p;

	if (!parse_checked(s, end, base, &p))
		return 0;
	if (!p.negative && (p.overflow || p.magnitude > (unsigned long long)LLONG_MAX)) {
		errno = ERANGE;
		return LLONG_MAX;
	}
	if (p.negative && (p.overflow || p.magnitude > (unsigned long long)LLONG_MAX + 1)) {
		errno = ERANGE;
		return LLONG_MIN;
	}
	/* -(m - 1) - 1 reaches LLONG_MIN without overflowing on the way. */
	return p.negative && p.magnitude ? -(long long)(p.magnitude - 1) - 1
					 : (long long)p.magnitude;
}

long
strtol(const char *s, char **end, int base)
{
	struct parsed p;

	if (!parse_checked(s, end, base, &p))
		return 0;
	if (!p.negative && (p.overflow || p.magnitude > (unsigned long long)LONG_MAX)) {
		errno = ERANGE;
		return LONG_MAX;
	}
	if (p.negative && (p.overflow || p.magnitude > (unsigned long long)LONG_MAX + 1)) {
		errno = ERANGE;
		return LONG_MIN;
	}
	return p.negative && p.magnitude ? -(long)(p.magnitude - 1) - 1 : (long)p.magnitude;
}

unsigned long long
strtoull(const char *s, char **end, int base)
{
	struct parsed p;

	if (!parse_checked(s, end, base, &p))
		return 0;
	if (p.overflow) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return p.negative ? -p.magnitude : p.magnitude;
}

unsigned long
strtoul(const char *s, char **end, int base)
{
	struct parsed p;

	if (!parse_checked(s, end, base, &p))
		return 0;
	if (p.overflow || p.magnitude > ULONG_MAX) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return p.negative ? -(unsigned long)p.magnitude : (unsigned long)p.magnitude;
}

int
atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long
atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long
atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
