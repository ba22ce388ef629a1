/*
 * sync - write everything the filesystem server caches to the disk.
 */
#include <unistd.h>

int
main(int argc, char **argv)
{
	sync();
	return 0;
}
