/*
 * fswrite - the writer of the kill-mid-write test (tests/disk/kill.py):
 * it writes files of known bytes, syncs, says what it synced, then keeps
 * the filesystem busy until QEMU is killed under it.
 *
 *   fswrite [ROUNDS]
 *
 * 1. Under /crash it writes the synced files (fswrite_files: sizes from
 *    one sector to past the single-indirect range, one in a subdirectory,
 *    one renamed into place), each byte made from the file's number and
 *    its offset, and calls sync.
 * 2. It prints one line per file, "fswrite: synced PATH SIZE SUM" (SUM:
 *    FNV-1a of the bytes, in hex), then "fswrite: synced all". Whatever
 *    happens after this, those files must read back whole after e2fsck.
 * 3. Then, until it is killed (or ROUNDS rounds are done: 0, the default,
 *    means no end), each round writes, appends, renames and removes other
 *    files in the same directories, makes or removes a directory, syncs
 *    every fourth round, and prints "fswrite: round N". It never touches
 *    the synced files again, but it shares their directory blocks, inode
 *    table blocks and bitmaps, which is what a kill mid-write can tear.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TOP		"/crash"
#define LOG_MAX		(128 * 1024)	/* the appended file starts again past this */

/* The synced files: their sizes cross the 12 direct blocks and the single-indirect range. */
static const struct {
	const char *path;
	unsigned size;
} fswrite_files[] = {
	{ TOP "/small", 100 },
	{ TOP "/block", 1024 },
	{ TOP "/direct", 11000 },
	{ TOP "/indirect", 70000 },
	{ TOP "/double", 300000 },
	{ TOP "/sub/leaf", 5000 },
	{ TOP "/renamed", 3000 },	/* written as TOP "/unnamed", then renamed */
};

static char buf[16384];

/* Byte at of synced file n: differs per file, per byte, and per kilobyte. */
static char
fswrite_byte(unsigned n, unsigned at)
{
	return (char)(n * 31 + at * 7 + (at >> 10) * 13 + 1);
}

static unsigned
fswrite_fnv(unsigned h, const char *p, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

static void
fswrite_die(const char *what, const char *path)
{
	printf("fswrite: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

/* Write synced file n at path; returns its FNV-1a sum. */
static unsigned
fswrite_synced(unsigned n, const char *path)
{
	unsigned size = fswrite_files[n].size, h = 2166136261u;
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd < 0)
		fswrite_die("cannot create", path);
	for (unsigned at = 0; at < size;) {
		unsigned len = size - at < sizeof(buf) ? size - at : sizeof(buf);

		for (unsigned i = 0; i < len; i++)
			buf[i] = fswrite_byte(n, at + i);
		if (write(fd, buf, len) != (long)len)
			fswrite_die("cannot write", path);
		h = fswrite_fnv(h, buf, len);
		at += len;
	}
	close(fd);
	return h;
}

/* Write len bytes of c to path, cut to nothing first or added at the end. */
static void
fswrite_fill(const char *path, unsigned len, char c, int append)
{
	int fd = open(path, O_CREAT | O_WRONLY | (append ? O_APPEND : O_TRUNC), 0644);

	if (fd < 0)
		fswrite_die("cannot open", path);
	memset(buf, c, sizeof(buf));
	while (len > 0) {
		unsigned n = len < sizeof(buf) ? len : sizeof(buf);

		if (write(fd, buf, n) != (long)n)
			fswrite_die("cannot write", path);
		len -= n;
	}
	close(fd);
}

/* One round of work that must not disturb the synced files. */
static void
fswrite_round(unsigned r)
{
	char a[64], b[64];
	struct stat st;

	snprintf(a, sizeof(a), TOP "/w%u", r % 16);
	fswrite_fill(a, 500 + r * 3001 % 20000, (char)('a' + r % 26), 0);
	/* Appended to, and cut back to nothing now and then so it cannot fill the disk. */
	fswrite_fill(TOP "/log", 2000, (char)('A' + r % 26),
		     stat(TOP "/log", &st) == 0 && st.st_size < LOG_MAX);
	snprintf(a, sizeof(a), TOP "/w%u", (r + 5) % 16);
	snprintf(b, sizeof(b), TOP "/sub/v%u", r % 16);
	rename(a, b);		/* may not exist yet: fine */
	snprintf(b, sizeof(b), TOP "/sub/v%u", (r + 8) % 16);
	unlink(b);
	snprintf(a, sizeof(a), TOP "/d%u", r % 4);
	if (mkdir(a, 0755) != 0)
		rmdir(a);
	if (r % 4 == 3)
		sync();
}

int
main(int argc, char **argv)
{
	unsigned n = sizeof(fswrite_files) / sizeof(fswrite_files[0]);
	unsigned sums[sizeof(fswrite_files) / sizeof(fswrite_files[0])];
	unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 0;

	if (mkdir(TOP, 0755) != 0 && errno != ERR_EXISTS)
		fswrite_die("cannot make", TOP);
	if (mkdir(TOP "/sub", 0755) != 0 && errno != ERR_EXISTS)
		fswrite_die("cannot make", TOP "/sub");
	for (unsigned i = 0; i < n; i++) {
		const char *path = fswrite_files[i].path;

		if (strcmp(path, TOP "/renamed") == 0) {
			sums[i] = fswrite_synced(i, TOP "/unnamed");
			if (rename(TOP "/unnamed", path) != 0)
				fswrite_die("cannot rename to", path);
		} else {
			sums[i] = fswrite_synced(i, path);
		}
	}
	sync();
	for (unsigned i = 0; i < n; i++)
		printf("fswrite: synced %s %u %08x\n", fswrite_files[i].path, fswrite_files[i].size,
		       sums[i]);
	printf("fswrite: synced all\n");
	for (unsigned r = 0; rounds == 0 || r < rounds; r++) {
		fswrite_round(r);
		printf("fswrite: round %u\n", r);
	}
	return 0;
}
