/*
 * stdlib.c - the small pieces of <stdlib.h>: absolute values and the
 * pseudo-random sequence (contracts in include/stdlib.h).
 */
#include <stdlib.h>

/*
 * rand's state: a 64-bit linear congruential generator (Knuth's MMIX
 * constants) whose top 31 bits are the result; the low bits of such a
 * generator repeat quickly, the top ones do not.
 */
static unsigned long long rand_state = 1;

int
abs(int v)
{
	return v < 0 && v != -__INT_MAX__ - 1 ? -v : v;
}

long
labs(long v)
{
	return v < 0 && v != -__LONG_MAX__ - 1 ? -v : v;
}

long long
llabs(long long v)
{
	return v < 0 && v != -__LONG_LONG_MAX__ - 1 ? -v : v;
}

int
rand(void)
{
	rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(rand_state >> 33);
}

void
srand(unsigned seed)
{
	rand_state = seed;
}
