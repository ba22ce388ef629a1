/*
 * crash_test.c - what a crash leaves. Files are written and synced, then
 * a busy workload runs (creating, writing, renaming, removing, making
 * directories) and the machine "dies" at its Nth sector write: that
 * write is torn and nothing after it reaches the disk (fsimg.h, cut_at),
 * like a QEMU killed mid-write. Then e2fsck -fy must repair the image (exit 0 or 1),
 * e2fsck -fn must find it clean afterwards, and every file synced before
 * the cut must read back intact, for cuts at many points (in the middle
 * of syncs and of write-backs on eviction too).
 */
#include <stdlib.h>
#include <unistd.h>
#include "tests/fs/workload.h"

#define KEPT 6

/* The bytes of kept file k: a few KiB, different per file. */
static void
kept_bytes(int k, uint8_t *buf, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		buf[i] = pat(i * (uint32_t)(k + 3));
}

static uint32_t
kept_len(int k)
{
	return 700 + (uint32_t)k * 5000;	/* 0.7 KiB to 25 KiB: direct and indirect blocks */
}

/* The workload that runs into the power cut; its errors do not matter. */
static void
busy(void)
{
	static uint8_t chunk[7000];
	char name[64];
	int fd;
	uint32_t n;

	memset(chunk, 'b', sizeof(chunk));
	ext2_mkdir(fs, "/busy", 0755);
	for (int i = 0; i < 120; i++) {
		snprintf(name, sizeof(name), "/busy/f%d", i);
		if (ext2_open(fs, name, EXT2_O_WRONLY | EXT2_O_CREAT, 0644, &fd) == ERR_OK) {
			ext2_write(fs, fd, chunk, (uint32_t)(i * 97) % sizeof(chunk), &n);
			ext2_close(fs, fd);
		}
		if (i % 7 == 3) {
			snprintf(name, sizeof(name), "/busy/f%d", i - 2);
			ext2_unlink(fs, name);
		}
		if (i % 11 == 5) {
			char to[64];
			snprintf(name, sizeof(name), "/busy/f%d", i);
			snprintf(to, sizeof(to), "/keep-not/r%d", i);
			ext2_mkdir(fs, "/keep-not", 0755);
			ext2_rename(fs, name, to);
		}
		if (i % 40 == 39)
			ext2_sync(fs);
	}
	ext2_truncate(fs, "/medium.txt", 5);
	ext2_unlink(fs, "/big.bin");
}

/*
 * One crash: kept files synced, then the cut after `cut` more sector
 * writes (0: no cut; *busy_writes says how many the workload made).
 */
static int
crash_at(uint32_t cut, uint32_t *busy_writes)
{
	static uint8_t want[40000], got[40000];
	char name[64], why[300];
	uint32_t len;

	SETUP(8, 1024);
	EXPECT_OK(ext2_mkdir(fs, "/keep", 0755));
	for (int k = 0; k < KEPT; k++) {
		snprintf(name, sizeof(name), "/keep/file%d", k);
		kept_bytes(k, want, kept_len(k));
		EXPECT_OK(write_file(name, want, kept_len(k)));
	}
	EXPECT_OK(ext2_sync(fs));
	img.cut_at = cut ? img.writes + cut : 0;
	uint32_t before = img.writes;
	busy();
	ext2_unmount(fs);		/* after the cut, its sync reaches nothing */
	fs = NULL;
	*busy_writes = img.writes - before;
	if (!fsimg_repair(&img, why, sizeof(why))) {
		snprintf(check_why, sizeof check_why, "cut after %u writes: %s", cut, why);
		return 0;
	}
	EXPECT_FSCK(&img);
	img.cut_at = 0;
	EXPECT_OK(fsimg_mount(&img, 0, &fs));
	for (int k = 0; k < KEPT; k++) {
		snprintf(name, sizeof(name), "/keep/file%d", k);
		kept_bytes(k, want, kept_len(k));
		EXPECT_OK(read_all(name, (char *)got, sizeof(got), &len));
		EXPECT(kept_len(k), len);
		if (memcmp(want, got, len) != 0) {
			snprintf(check_why, sizeof check_why, "cut after %u writes: %s changed", cut,
				 name);
			return 0;
		}
	}
	FINISH();
	return 1;
}

static int
synced_files_survive_a_crash_anywhere(void)
{
	uint32_t total = 0, cuts = 0;

	/* How many sector writes the whole workload makes, uncut. */
	EXPECT_TRUE(crash_at(0, &total));
	for (uint32_t cut = 1; cut < total; cut += 1 + total / 60, cuts++)
		if (!crash_at(cut, &(uint32_t){ 0 }))
			return 0;
	snprintf(check_why, sizeof check_why, "%u cut points over %u sector writes", cuts, total);
	return 1;
}

int
main(void)
{
	alarm(300);
	RUN(synced_files_survive_a_crash_anywhere);
	fsimg_cleanup();
	return check_done();
}
