/*
 * df - the filesystem's size and what is free: blocks (KiB) and inodes.
 */
#include <stdio.h>
#include <string.h>
#include "harbor/error.h"
#include "harbor/fs_client.h"
#include "harbor/name_client.h"

int
main(int argc, char **argv)
{
	uint32_t bsize, blocks, bfree, inodes, ifree, ro;
	port_name_t fs = NAME_NULL;
	int err = name_lookup(NAME_BOOTSTRAP, "fs", 0, &fs);

	if (err == ERR_OK)
		err = fs_statfs(fs, &bsize, &blocks, &bfree, &inodes, &ifree, &ro);
	if (err != ERR_OK) {
		printf("df: %s\n", strerror(err));
		return 1;
	}
	printf("%-10s %10s %10s %10s %8s %8s\n", "filesystem", "KiB", "used", "free", "inodes",
	       "ifree");
	printf("%-10s %10u %10u %10u %8u %8u%s\n", "/", blocks * (bsize / 1024),
	       (blocks - bfree) * (bsize / 1024), bfree * (bsize / 1024), inodes, ifree,
	       ro ? " (read-only)" : "");
	return 0;
}
