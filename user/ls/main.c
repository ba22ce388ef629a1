/*
 * ls - list directories (or name files): ls [-l] [path...]. With -l
 * each line has the type and permission bits, links, size and name (and
 * a symbolic link's target). Without a path, the current directory.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
ls_mode(uint32_t mode, char *out)
{
	const char *bits = "rwxrwxrwx";

	out[0] = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : S_ISFIFO(mode) ? 'p' :
		 S_ISCHR(mode) ? 'c' : '-';
	for (int i = 0; i < 9; i++)
		out[1 + i] = mode & (0400u >> i) ? bits[i] : '-';
	out[10] = 0;
}

static void
ls_one(const char *dir, const char *name, int longform)
{
	char path[256], mode[11], target[256];
	struct stat st;
	ssize_t n;

	if (!longform) {
		printf("%s\n", name);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (lstat(dir[0] ? path : name, &st) != 0) {
		printf("?????????? %s: %s\n", name, strerror(errno));
		return;
	}
	ls_mode(st.st_mode, mode);
	if (S_ISLNK(st.st_mode) && (n = readlink(dir[0] ? path : name, target, 255)) >= 0) {
		target[n] = 0;
		printf("%s %3u %8lld %s -> %s\n", mode, st.st_nlink, st.st_size, name, target);
	} else {
		printf("%s %3u %8lld %s\n", mode, st.st_nlink, st.st_size, name);
	}
}

static int
ls_path(const char *path, int longform)
{
	struct stat st;
	struct dirent *e;
	DIR *d;

	if (stat(path, &st) != 0) {
		printf("ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		ls_one("", path, longform);
		return 0;
	}
	if ((d = opendir(path)) == NULL) {
		printf("ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			ls_one(path, e->d_name, longform);
	closedir(d);
	return 0;
}

int
main(int argc, char **argv)
{
	int longform = 0, status = 0, paths = 0;

	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-l") == 0)
			longform = 1;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-l") != 0) {
			status |= ls_path(argv[i], longform);
			paths++;
		}
	if (paths == 0)
		status = ls_path(".", longform);
	return status;
}
