/*
 * fs.c - the filesystem server's benchmarks, through libc's open, read
 * and write (each read or write one io.defs round trip to fs):
 *
 *   fs_read_cached_4k  a 4 KiB read of a file whose blocks are all in
 *                      fs's block cache: the RPC plus fs's copy out of the
 *                      cache, per read. The file is 16 KiB (16 blocks of
 *                      1 KiB, well inside the 64-block cache); the
 *                      iteration that finds the end seeks back first.
 *   fs_write_seq_4m    a 4 MiB file written 4 KiB at a time, per 4 KiB:
 *                      the write-back cache fills and evicts to the disk
 *                      as it goes (the ATA driver, PIO, IRQ 14).
 *   fs_read_seq_4m     the same file read 4 KiB at a time, per 4 KiB:
 *                      most blocks come from the disk.
 *
 * The disk is the bench boot's own empty ext2 image (tests/bench/run.sh).
 * Under icount the guest's clock, and rdtsc, also run while the guest
 * waits for the disk, so the two sequential figures are guest time in
 * instruction units, not instructions executed (docs/benchmarks.md).
 */
#include "user/bench/bench.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define FS_BENCH_CHUNK		4096
#define FS_BENCH_CACHED		(16 * 1024)
#define FS_BENCH_SEQ_CHUNKS	1024		/* 4 MiB */

static const char fs_bench_small[] = "/bench-4k";
static const char fs_bench_big[] = "/bench-4m";
static char fs_chunk[FS_BENCH_CHUNK];
static int fs_fd = -1;
static uint32_t fs_pos;

/* Open path with flags for the case; NULL, or why not. */
static const char *
fs_open_case(const char *path, int flags)
{
	fs_fd = open(path, flags, 0644);
	fs_pos = 0;
	return fs_fd < 0 ? bench_why(path, errno) : NULL;
}

static void
fs_close_case(void)
{
	if (fs_fd >= 0)
		close(fs_fd);
	fs_fd = -1;
}

static const char *
fs_cached_setup(uint32_t arg)
{
	const char *why = fs_open_case(fs_bench_small, O_RDWR | O_CREAT | O_TRUNC);

	for (uint32_t i = 0; why == NULL && i < FS_BENCH_CACHED / FS_BENCH_CHUNK; i++)
		if (write(fs_fd, fs_chunk, FS_BENCH_CHUNK) != FS_BENCH_CHUNK)
			why = bench_why("write the file", errno);
	if (why == NULL && lseek(fs_fd, 0, SEEK_SET) != 0)
		why = bench_why("seek", errno);
	if (why != NULL)
		fs_close_case();
	return why;
}

static int
fs_cached_iterate(void)
{
	if (fs_pos == FS_BENCH_CACHED) {
		if (lseek(fs_fd, 0, SEEK_SET) != 0)
			return errno;
		fs_pos = 0;
	}
	if (read(fs_fd, fs_chunk, FS_BENCH_CHUNK) != FS_BENCH_CHUNK)
		return errno ? errno : ERR_BAD_SIZE;
	fs_pos += FS_BENCH_CHUNK;
	return ERR_OK;
}

static const char *
fs_write_setup(uint32_t arg)
{
	return fs_open_case(fs_bench_big, O_WRONLY | O_CREAT | O_TRUNC);
}

static int
fs_write_iterate(void)
{
	if (write(fs_fd, fs_chunk, FS_BENCH_CHUNK) != FS_BENCH_CHUNK)
		return errno ? errno : ERR_BAD_SIZE;
	return ERR_OK;
}

/* After the writes: everything to the disk (untimed), so the reads find
 * a clean cache that holds only the file's last blocks. */
static void
fs_write_teardown(void)
{
	fs_close_case();
	sync();
}

static const char *
fs_read_setup(uint32_t arg)
{
	return fs_open_case(fs_bench_big, O_RDONLY);
}

static int
fs_read_iterate(void)
{
	if (read(fs_fd, fs_chunk, FS_BENCH_CHUNK) != FS_BENCH_CHUNK)
		return errno ? errno : ERR_BAD_SIZE;
	return ERR_OK;
}

const struct bench_case bench_fs_cases[] = {
	{ "fs_read_cached_4k", fs_cached_setup, fs_cached_iterate, fs_close_case, 0, 20, 1000, 1 },
	{ "fs_write_seq_4m", fs_write_setup, fs_write_iterate, fs_write_teardown, 0, 0,
	  FS_BENCH_SEQ_CHUNKS, 1 },
	{ "fs_read_seq_4m", fs_read_setup, fs_read_iterate, fs_close_case, 0, 0,
	  FS_BENCH_SEQ_CHUNKS, 1 },
	{ NULL, NULL, NULL, NULL, 0, 0, 0, 0 },
};
