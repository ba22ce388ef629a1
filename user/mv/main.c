/*
 * mv - rename: mv from to (to may be a directory: from moves into it).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int
main(int argc, char **argv)
{
	char target[256];
	const char *to;
	struct stat st;

	if (argc != 3) {
		printf("usage: mv from to\n");
		return 2;
	}
	to = argv[2];
	if (stat(to, &st) == 0 && S_ISDIR(st.st_mode)) {
		const char *base = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
		snprintf(target, sizeof(target), "%s/%s", to, base);
		to = target;
	}
	if (rename(argv[1], to) != 0) {
		printf("mv: %s -> %s: %s\n", argv[1], to, strerror(errno));
		return 1;
	}
	return 0;
}
