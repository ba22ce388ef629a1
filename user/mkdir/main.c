/*
 * mkdir - make directories (mode 0755): mkdir path...
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int
main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		printf("usage: mkdir path...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (mkdir(argv[i], 0755) != 0) {
			printf("mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	return status;
}
