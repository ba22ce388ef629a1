/*
 * hello - the smallest program: say hello, with the pid the process
 * server gave us.
 */
#include "user/lib/ulib.h"
#include "harbor/process.h"

int
main(int argc, char **argv)
{
	printf("Hello from Harbor! I am process %d.\n", getpid());
	return 0;
}
