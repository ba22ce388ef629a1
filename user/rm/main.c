/*
 * rm - remove names (files and symbolic links): rm path...
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		printf("usage: rm path...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (unlink(argv[i]) != 0) {
			printf("rm: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	return status;
}
