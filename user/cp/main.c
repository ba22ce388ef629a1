/*
 * cp - copy a file: cp from to (to may be a directory: the copy keeps
 * from's last name there). The copy gets from's permission bits.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	static char buf[8192];
	char target[256];
	const char *to, *base;
	struct stat st;
	ssize_t n;
	int in, out;

	if (argc != 3) {
		printf("usage: cp from to\n");
		return 2;
	}
	to = argv[2];
	if (stat(to, &st) == 0 && S_ISDIR(st.st_mode)) {
		base = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
		snprintf(target, sizeof(target), "%s/%s", to, base);
		to = target;
	}
	if ((in = open(argv[1], O_RDONLY)) < 0 || fstat(in, &st) != 0) {
		printf("cp: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC, (int)(st.st_mode & 07777))) < 0) {
		printf("cp: %s: %s\n", to, strerror(errno));
		return 1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			printf("cp: %s: %s\n", to, strerror(errno));
			return 1;
		}
	if (n < 0) {
		printf("cp: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	close(in);
	close(out);
	return 0;
}
