/*
 * ln - make a link: ln existing new (a hard link), ln -s target new (a
 * symbolic link holding target as written).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int sym = argc == 4 && strcmp(argv[1], "-s") == 0;
	int err;

	if (argc != 3 && !sym) {
		printf("usage: ln [-s] existing new\n");
		return 2;
	}
	err = sym ? symlink(argv[2], argv[3]) : link(argv[1], argv[2]);
	if (err != 0) {
		printf("ln: %s: %s\n", argv[argc - 1], strerror(errno));
		return 1;
	}
	return 0;
}
