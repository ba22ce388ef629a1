/*
 * errno.c - where errno lives (include/errno.h).
 *
 * One variable for the task. When threads get a per-thread slot of their
 * own, errno_location returns the calling thread's instead, and nothing
 * else changes.
 */
#include <errno.h>

static int errno_value;

int *
errno_location(void)
{
	return &errno_value;
}
