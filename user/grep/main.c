/*
 * grep - print the lines that hold a fixed string: grep [-n] [-c] text
 * [path...] (the standard input without a path). -n puts each line's
 * number first, -c prints only how many lines matched. Exit status 0
 * when a line matched, 1 when none did, 2 on an error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LINE_MAX_LEN	1024	/* longer lines are cut into pieces of this size */

static int numbers, count_only;

static long
grep_fd(int fd, const char *text, const char *name, int names)
{
	static char buf[4096], line[LINE_MAX_LEN + 1];
	size_t len = 0;
	long matched = 0, lineno = 0;
	ssize_t n;
	int last = 0;

	while (!last) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			printf("grep: %s: %s\n", name, strerror(errno));
			return -1;
		}
		last = n == 0;
		for (ssize_t i = 0; i < n || (last && len > 0 && i == 0); i++) {
			int end = last || buf[i] == '\n';
			if (!last && buf[i] != '\n')
				line[len++] = buf[i];
			if (!end && len < LINE_MAX_LEN)
				continue;
			line[len] = 0;
			lineno++;
			if (strstr(line, text)) {
				matched++;
				if (!count_only)
					printf("%s%s%.0ld%s%s\n", names ? name : "", names ? ":" : "",
					       numbers ? lineno : 0L, numbers ? ":" : "", line);
			}
			len = 0;
			if (last)
				break;
		}
	}
	if (count_only)
		printf("%s%s%ld\n", names ? name : "", names ? ":" : "", matched);
	return matched;
}

int
main(int argc, char **argv)
{
	const char *text = NULL;
	int first = 0, files = 0, error = 0;
	long matched = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0)
			numbers = 1;
		else if (strcmp(argv[i], "-c") == 0)
			count_only = 1;
		else if (text == NULL)
			text = argv[i];
		else if (first == 0)
			first = i;
	}
	if (text == NULL) {
		printf("usage: grep [-n] [-c] text [path...]\n");
		return 2;
	}
	for (int i = first; first && i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 || strcmp(argv[i], "-c") == 0)
			continue;
		files++;
	}
	if (first == 0) {
		long m = grep_fd(0, text, "", 0);
		return m < 0 ? 2 : m > 0 ? 0 : 1;
	}
	for (int i = first; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 || strcmp(argv[i], "-c") == 0)
			continue;
		int fd = open(argv[i], O_RDONLY);
		long m;
		if (fd < 0) {
			printf("grep: %s: %s\n", argv[i], strerror(errno));
			error = 1;
			continue;
		}
		m = grep_fd(fd, text, argv[i], files > 1);
		close(fd);
		if (m < 0)
			error = 1;
		else
			matched += m;
	}
	return error ? 2 : matched > 0 ? 0 : 1;
}
