/*
 * sleep - wait N seconds (sleep N), or N milliseconds (sleep Nms).
 */
#include "user/lib/ulib.h"

int
main(int argc, char **argv)
{
	char *end;
	long n;

	if (argc != 2) {
		fprintf(stderr, "usage: sleep SECONDS (or sleep Nms)\n");
		return 2;
	}
	n = strtol(argv[1], &end, 10);
	if (n < 0 || end == argv[1] || (*end != '\0' && strcmp(end, "ms") != 0)) {
		fprintf(stderr, "sleep: %s: not a number of seconds\n", argv[1]);
		return 2;
	}
	sleep_ms(*end ? (uint32_t)n : (uint32_t)n * 1000);
	return 0;
}
