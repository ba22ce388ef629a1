/*
 * fsstress - a stress test of the filesystem in the manner of xv6's
 * usertests: many small runs, each of which must hold, one line each
 * ("PASS name" or "FAIL name: ..."), then a count. It works under
 * /tmp-fsstress and removes what it made. Run it from the shell, or as
 * the guest suite does (user/tests/fs_files.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_		"/tmp-fsstress"

static int passed, failed;

static void
check(const char *name, int ok, const char *what)
{
	if (ok) {
		passed++;
		printf("PASS %s\n", name);
	} else {
		failed++;
		printf("FAIL %s: %s (errno: %s)\n", name, what, strerror(errno));
	}
}

/* Make and remove 100 files, twice over, in one directory. */
static int
createdelete(void)
{
	char name[64];

	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 100; i++) {
			snprintf(name, sizeof(name), DIR_ "/cd%d", i);
			int fd = open(name, O_CREAT | O_RDWR | O_EXCL, 0644);
			if (fd < 0 || write(fd, name, 8) != 8)
				return 0;
			close(fd);
		}
		for (int i = 0; i < 100; i++) {
			snprintf(name, sizeof(name), DIR_ "/cd%d", i);
			if (unlink(name) != 0)
				return 0;
		}
	}
	return 1;
}

/* A 600 KiB file written in odd-sized pieces reads back the same. */
static int
bigwrite(void)
{
	static char buf[9000], back[9000];
	long total = 0;
	int fd = open(DIR_ "/big", O_CREAT | O_RDWR | O_TRUNC, 0644), ok = fd >= 0;

	for (int i = 0; ok && total < 600 * 1024; i++) {
		int n = 1 + (i * 1237) % (int)sizeof(buf);
		memset(buf, 'a' + i % 26, (size_t)n);
		ok = write(fd, buf, (size_t)n) == n;
		total += n;
	}
	ok = ok && lseek(fd, 0, SEEK_SET) == 0;
	total = 0;
	for (int i = 0; ok && total < 600 * 1024; i++) {
		int n = 1 + (i * 1237) % (int)sizeof(buf);
		ok = read(fd, back, (size_t)n) == n;
		for (int j = 0; ok && j < n; j++)
			ok = back[j] == 'a' + i % 26;
		total += n;
	}
	close(fd);
	return ok && unlink(DIR_ "/big") == 0;
}

/* A file unlinked while open can still be read, and goes at close. */
static int
unlinkread(void)
{
	char buf[8];
	int fd = open(DIR_ "/ur", O_CREAT | O_RDWR, 0644), ok;

	ok = fd >= 0 && write(fd, "hello", 5) == 5 && unlink(DIR_ "/ur") == 0 &&
	     lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, 5) == 5 && memcmp(buf, "hello", 5) == 0;
	close(fd);
	return ok && open(DIR_ "/ur", O_RDONLY) < 0 && errno == ERR_NOT_FOUND;
}

/* Links come and go; the count follows. */
static int
linkunlink(void)
{
	struct stat st;
	int fd = open(DIR_ "/l0", O_CREAT | O_WRONLY, 0644), ok = fd >= 0;

	close(fd);
	for (int i = 0; ok && i < 50; i++)
		ok = link(DIR_ "/l0", DIR_ "/l1") == 0 && stat(DIR_ "/l0", &st) == 0 &&
		     st.st_nlink == 2 && unlink(DIR_ "/l1") == 0;
	return ok && stat(DIR_ "/l0", &st) == 0 && st.st_nlink == 1 && unlink(DIR_ "/l0") == 0;
}

/* Directories nest, refuse what they must, and come apart. */
static int
dirs(void)
{
	int ok = mkdir(DIR_ "/d", 0755) == 0 && mkdir(DIR_ "/d/e", 0755) == 0;

	ok = ok && rmdir(DIR_ "/d") != 0 && errno == ERR_NOT_EMPTY;
	ok = ok && rmdir(DIR_ "/d/e/.") != 0 && errno == ERR_BAD_ARGUMENT;
	ok = ok && open(DIR_ "/d", O_WRONLY) < 0 && errno == ERR_IS_DIR;
	ok = ok && mkdir(DIR_ "/d/e", 0755) != 0 && errno == ERR_EXISTS;
	ok = ok && rename(DIR_ "/d/e", DIR_ "/e") == 0 && rmdir(DIR_ "/e") == 0;
	return ok && rmdir(DIR_ "/d") == 0;
}

/* A write far past the end leaves a hole of zeros. */
static int
sparse(void)
{
	char buf[16];
	int fd = open(DIR_ "/sp", O_CREAT | O_RDWR, 0644), ok = fd >= 0;

	ok = ok && lseek(fd, 5 * 1024 * 1024, SEEK_SET) == 5 * 1024 * 1024 &&
	     write(fd, "end", 3) == 3 && lseek(fd, 4096, SEEK_SET) == 4096 &&
	     read(fd, buf, 16) == 16;
	for (int i = 0; ok && i < 16; i++)
		ok = buf[i] == 0;
	close(fd);
	return ok && unlink(DIR_ "/sp") == 0;
}

/* Every descriptor of the table, then all closed, then all again. */
static int
manyopen(void)
{
	int fds[24], ok = 1;

	for (int round = 0; ok && round < 3; round++) {
		for (int i = 0; i < 24; i++)
			ok &= (fds[i] = open(DIR_, O_RDONLY)) >= 0;
		for (int i = 0; i < 24; i++)
			close(fds[i]);
	}
	return ok;
}

int
main(int argc, char **argv)
{
	if (mkdir(DIR_, 0755) != 0 && errno != ERR_EXISTS) {
		printf("fsstress: cannot make " DIR_ ": %s\n", strerror(errno));
		return 1;
	}
	check("fsstress_createdelete", createdelete(), "200 files made and removed");
	check("fsstress_bigwrite", bigwrite(), "600 KiB in odd pieces read back");
	check("fsstress_unlinkread", unlinkread(), "an unlinked open file still reads");
	check("fsstress_linkunlink", linkunlink(), "link counts follow");
	check("fsstress_dirs", dirs(), "directories nest and refuse");
	check("fsstress_sparse", sparse(), "a hole reads as zeros");
	check("fsstress_manyopen", manyopen(), "descriptors come back");
	check("fsstress_cleanup", rmdir(DIR_) == 0, "the work directory is empty at the end");
	sync();
	printf("fsstress: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
