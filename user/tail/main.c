/*
 * tail - the last lines of a file (or the standard input):
 * tail [-n N] [path], 10 lines unless N says otherwise. The input is
 * read whole into memory first.
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
	long want = 10, lines = 0;
	const char *path = NULL;
	size_t len = 0, cap = 0, start;
	char *all = NULL;
	int fd = 0;
	ssize_t n;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			want = strtol(argv[++i], NULL, 10);
		else
			path = argv[i];
	}
	if (path && (fd = open(path, O_RDONLY)) < 0) {
		printf("tail: %s: %s\n", path, strerror(errno));
		return 1;
	}
	do {
		if (cap - len < 4096) {
			char *more = realloc(all, cap + 65536);
			if (more == NULL) {
				printf("tail: out of memory\n");
				return 1;
			}
			all = more;
			cap += 65536;
		}
		n = read(fd, all + len, 4096);
		if (n > 0)
			len += (size_t)n;
	} while (n > 0);
	start = len;
	if (start > 0 && all[start - 1] == '\n')
		start--;	/* the last line's own newline */
	while (start > 0 && lines < want) {
		if (all[start - 1] == '\n' && ++lines == want)
			break;
		start--;
	}
	if (len > start)
		write(1, all + start, len - start);
	return 0;
}
