/*
 * stat - what a path is: stat path..., one line each: name, type,
 * permission bits, inode, links, size, 512-byte blocks.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int
main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (lstat(argv[i], &st) != 0) {
			printf("stat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		printf("%s: %s mode %04o inode %u links %u size %lld blocks %u\n", argv[i],
		       S_ISDIR(st.st_mode) ? "directory" : S_ISLNK(st.st_mode) ? "symbolic link" :
		       S_ISREG(st.st_mode) ? "regular file" : "other", st.st_mode & 07777,
		       st.st_ino, st.st_nlink, st.st_size, st.st_blocks);
	}
	return status;
}
