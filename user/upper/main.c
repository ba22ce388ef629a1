/*
 * upper - a filter: copy standard input to standard output with a-z made
 * A-Z, until the end of the input. The smallest program that reads what
 * another one wrote: `ps | upper`, `echo hi | upper | upper`. Exits 1 if
 * a read or write fails (a write to a pipe whose reader ended, say).
 */
#include <ctype.h>
#include <unistd.h>
#include "user/lib/ulib.h"

int
main(int argc, char **argv)
{
	static char buf[4096];
	ssize_t got;

	while ((got = read(0, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < got; i++)
			buf[i] = (char)toupper((unsigned char)buf[i]);
		if (write(1, buf, (size_t)got) != got)
			return 1;
	}
	return got < 0 ? 1 : 0;
}
