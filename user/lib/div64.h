/*
 * div64.h - dividing a 64-bit number by a small base with 32-bit
 * divisions only.
 *
 * On i386 the compiler turns a 64-bit `/` or `%` into a call to libgcc's
 * __udivdi3, and Harbor's programs link no libgcc. printf's %llu and
 * strtoull only ever divide by a base of 2 to 36, so long division in
 * 16-bit steps does: each partial dividend stays below 36 * 2^16.
 */
#ifndef USER_LIB_DIV64_H
#define USER_LIB_DIV64_H

#include <stdint.h>

/* div64_small - *v /= base (2 to 36); returns the remainder. */
static inline unsigned
div64_small(unsigned long long *v, unsigned base)
{
	uint32_t hi = (uint32_t)(*v >> 32), lo = (uint32_t)*v;
	uint32_t qhi = hi / base, r = hi % base;
	uint32_t t = (r << 16) | (lo >> 16);
	uint32_t q1 = t / base;

	r = t % base;
	t = (r << 16) | (lo & 0xffff);
	*v = ((unsigned long long)qhi << 32) | (q1 << 16) | (t / base);
	return t % base;
}

#endif /* USER_LIB_DIV64_H */
