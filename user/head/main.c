/*
 * head - the first lines of a file (or the standard input):
 * head [-n N] [path], 10 lines unless N says otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	static char buf[4096];
	long want = 10, lines = 0;
	const char *path = NULL;
	int fd = 0;
	ssize_t n;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			want = strtol(argv[++i], NULL, 10);
		else
			path = argv[i];
	}
	if (path && (fd = open(path, O_RDONLY)) < 0) {
		printf("head: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while (lines < want && (n = read(fd, buf, sizeof(buf))) > 0) {
		ssize_t end = 0;
		while (end < n && lines < want)
			if (buf[end++] == '\n')
				lines++;
		write(1, buf, (size_t)end);
	}
	return 0;
}
