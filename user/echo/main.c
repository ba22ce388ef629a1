/*
 * echo - print the arguments, separated by spaces, and a newline.
 */
#include "user/lib/ulib.h"

int
main(int argc, char **argv)
{
	char line[256];
	size_t n = 0;

	line[0] = '\0';
	for (int i = 1; i < argc && n < sizeof(line); i++)
		n += snprintf(line + n, sizeof(line) - n, i > 1 ? " %s" : "%s", argv[i]);
	/* One printf: the line reaches the console in one write. */
	printf("%s\n", line);
	return 0;
}
