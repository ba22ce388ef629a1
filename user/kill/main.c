/*
 * kill - end processes by pid: kill PID...
 */
#include "user/lib/ulib.h"
#include "harbor/process.h"

int
main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: kill PID...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int err = kill((int32_t)atoi(argv[i]));
		if (err == ERR_NOT_FOUND)
			printf("kill: %s: no such process\n", argv[i]);
		else if (err == ERR_DENIED)
			printf("kill: %s: not allowed (a server, init, or yourself)\n", argv[i]);
		else if (err != ERR_OK)
			printf("kill: %s: %s\n", argv[i], error_string(err));
		if (err != ERR_OK)
			status = 1;
	}
	return status;
}
