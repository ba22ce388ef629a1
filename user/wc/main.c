/*
 * wc - count lines, words and bytes of files (or the standard input):
 * wc [-l] [path...], one line each: lines words bytes name (with -l,
 * lines and name only, as in `ls | wc -l`).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int wc_lines_only;	/* -l */

static int
wc_fd(int fd, const char *name)
{
	static char buf[8192];
	unsigned long lines = 0, words = 0, bytes = 0;
	int inword = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		bytes += (unsigned long)n;
		for (ssize_t i = 0; i < n; i++) {
			lines += buf[i] == '\n';
			if (isspace((unsigned char)buf[i]))
				inword = 0;
			else if (!inword) {
				inword = 1;
				words++;
			}
		}
	}
	if (n < 0) {
		printf("wc: %s: %s\n", name, strerror(errno));
		return 1;
	}
	if (wc_lines_only)
		printf("%7lu %s\n", lines, name);
	else
		printf("%7lu %7lu %7lu %s\n", lines, words, bytes, name);
	return 0;
}

int
main(int argc, char **argv)
{
	int status = 0, first = 1;

	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		wc_lines_only = 1;
		first = 2;
	}
	if (argc <= first)
		return wc_fd(0, "");
	for (int i = first; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			printf("wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= wc_fd(fd, argv[i]);
		close(fd);
	}
	return status;
}
