/*
 * mkfifo - make named pipes (mode 0644): mkfifo path... Opening one for
 * reading meets whoever opens it for writing (docs/servers.md, "Named
 * pipes"): `echo hi > p &` then `cat p`.
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
		printf("usage: mkfifo path...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (mkfifo(argv[i], 0644) != 0) {
			printf("mkfifo: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	return status;
}
