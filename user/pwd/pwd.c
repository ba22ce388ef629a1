/*
 * pwd - print the current directory. The shell's builtin pwd says the
 * shell's own; this program is what runs in a pipeline or with its
 * output redirected (`pwd | wc -c`, `pwd > f`), where the shell starts
 * a program instead, and it inherits the shell's directory.
 */
#include "user/lib/ulib.h"
#include <errno.h>
#include <unistd.h>
#include "harbor/fs.h"

int
main(int argc, char **argv)
{
	char buf[FS_PATH_MAX];

	if (getcwd(buf, sizeof(buf)) == NULL) {
		fprintf(stderr, "pwd: %s\n", error_string(errno));
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}
