/*
 * abort.c - the one way the library ends a task that cannot go on: a
 * failed assert, a bad free, a corrupted heap. The caller prints why on
 * stderr; abort() then ends the task with ABORT_STATUS, which the kernel
 * prints on the debug line ("exited with status 134").
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include "harbor/msg.h"
#include "harbor/task_client.h"

void
abort(void)
{
	task_terminate(NAME_TASK_SELF, ABORT_STATUS);
	/* Still here: the task gave its own task port away. An illegal
	 * instruction is the one way left to end it. */
	for (;;)
		__asm__ volatile("ud2");
}

void
assert_fail(const char *cond, const char *file, int line, const char *func)
{
	fprintf(stderr, "assertion failed: %s (%s:%d, %s)\n", cond, file, line, func);
	abort();
}
