/*
 * rmdir - remove empty directories: rmdir path...
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
		printf("usage: rmdir path...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (rmdir(argv[i]) != 0) {
			printf("rmdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	return status;
}
