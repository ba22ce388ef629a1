/*
 * echo.c - the echo interface's handlers (include/harbor/echo.defs),
 * shared by the demo server and the test suite's helper task, which both
 * serve it with server_loop(port, echo_dispatch, NULL).
 *
 * Not part of the user library: only the programs that serve echo link
 * it, by naming it in their <program>_SERVICES list in user/Makefrag.
 */
#include "user/lib/ulib.h"
#include "harbor/echo_server.h"

#define ECHO_TEXT_MAX	64	/* string<=64 in echo.defs */

static uint32_t echo_adds;

int
echo_shout_handler(void *ctx, const char *text, char *answer)
{
	size_t i;

	for (i = 0; text[i] && i + 1 < ECHO_TEXT_MAX; i++)
		answer[i] = text[i] >= 'a' && text[i] <= 'z' ? text[i] - 'a' + 'A' : text[i];
	answer[i] = '\0';
	return ERR_OK;
}

int
echo_add_handler(void *ctx, int32_t a, int32_t b, int32_t *sum)
{
	*sum = a + b;
	echo_adds++;
	return ERR_OK;
}

int
echo_stats_handler(void *ctx, uint32_t *adds)
{
	*adds = echo_adds;
	return ERR_OK;
}
