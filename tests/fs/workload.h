/*
 * workload.h - what the ext2 workload tests (ext2_test.c, dir_test.c)
 * share: one image and one mounted filesystem per case, set up by SETUP
 * and checked by FINISH (unmount, then e2fsck -fn), and helpers that read
 * or write a whole file. Each test program has its own copies.
 */
#ifndef TESTS_FS_WORKLOAD_H
#define TESTS_FS_WORKLOAD_H

#include <stdint.h>
#include "tests/fs/fstest.h"
#include "servers/fs/ext2/ext2_fs.h"

#define MB (1024u * 1024u)

static struct fsimg img;
static struct ext2_fs *fs;

#define SETUP(mb, bs) do {						\
	EXPECT(0, fsimg_make(&img, mb, bs));				\
	EXPECT_OK(fsimg_mount(&img, 0, &fs));				\
} while (0)

/* Unmount (writing everything back), then e2fsck the image. */
#define FINISH() do {							\
	EXPECT_OK(ext2_unmount(fs));					\
	fs = NULL;							\
	EXPECT_FSCK(&img);						\
	fsimg_free(&img);						\
} while (0)

/* Read the whole of path (at most cap - 1 bytes) into buf, NUL-terminated. */
static inline int
read_all(const char *path, char *buf, uint32_t cap, uint32_t *len)
{
	int fd, err;
	uint32_t got, total = 0;

	if ((err = ext2_open(fs, path, EXT2_O_RDONLY, 0, &fd)) != ERR_OK)
		return err;
	do {
		err = ext2_read(fs, fd, buf + total, cap - 1 - total, &got);
		total += got;
	} while (err == ERR_OK && got > 0 && total < cap - 1);
	buf[total] = 0;
	if (len)
		*len = total;
	ext2_close(fs, fd);
	return err;
}

static inline int
write_file(const char *path, const void *data, uint32_t len)
{
	int fd, err;
	uint32_t put;

	if ((err = ext2_open(fs, path, EXT2_O_WRONLY | EXT2_O_CREAT | EXT2_O_TRUNC, 0644, &fd)))
		return err;
	err = ext2_write(fs, fd, data, len, &put);
	if (err == ERR_OK && put != len)
		err = ERR_DISK_FULL;
	ext2_close(fs, fd);
	return err;
}

/* The byte at offset i of the test files' pattern. */
static inline uint8_t
pat(uint64_t i)
{
	return (uint8_t)(i * 31 + (i >> 10) * 7 + 1);
}

#endif /* TESTS_FS_WORKLOAD_H */
