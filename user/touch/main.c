/*
 * touch - make each file that is not there (empty, mode 0644): touch path...
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_WRONLY | O_CREAT, 0644);
		if (fd < 0) {
			printf("touch: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else {
			close(fd);
		}
	}
	return status;
}
