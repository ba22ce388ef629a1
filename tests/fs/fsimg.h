/*
 * fsimg.h - disk images for the ext2 host tests: made by mke2fs -d from
 * a staging directory, held in memory behind an ext2_dev, and written
 * out for e2fsck -fn to judge.
 */
#ifndef TESTS_FS_FSIMG_H
#define TESTS_FS_FSIMG_H

#include <stdint.h>
#include "servers/fs/ext2/ext2.h"

struct fsimg {
	uint8_t *data;
	uint32_t sectors;
	int fail_io;		/* reads and writes fail with ERR_IO while set */
	uint32_t writes;	/* sectors written */
	/* A crash: the write that takes `writes` past cut_at (if non-zero)
	 * lands only up to the cut (a torn write), and from then on every
	 * read and write fails with ERR_IO, as if the machine had died. */
	uint32_t cut_at;
	char log[1024];		/* the filesystem's last complaints */
	struct ext2_dev dev;
};

/*
 * fsimg_make - a fresh image of mb MiB with block size bs, made by mke2fs
 * -d from the standard staging tree (fsimg.c lists it). The image is
 * built once per (mb, bs) and copied. 0 on success.
 */
int fsimg_make(struct fsimg *img, uint32_t mb, uint32_t bs);

void fsimg_free(struct fsimg *img);

/*
 * fsimg_fsck - write the image to a file and run e2fsck -fn on it:
 * 1 if it finds nothing, else 0 with its first lines in why.
 */
int fsimg_fsck(struct fsimg *img, char *why, size_t cap);

/*
 * fsimg_repair - write the image to a file, run e2fsck -fy on it (as
 * after a crash), read the repaired image back. 1 if e2fsck fixed what
 * it found (exit status 0 or 1), else 0 with its first lines in why.
 */
int fsimg_repair(struct fsimg *img, char *why, size_t cap);

/* fsimg_mount - ext2_mount on img (read_only as asked); ERR_* as ext2_mount. */
int fsimg_mount(struct fsimg *img, int read_only, struct ext2_fs **fs);

/* fsimg_cleanup - remove the image files this process made in /tmp. */
void fsimg_cleanup(void);

#endif /* TESTS_FS_FSIMG_H */
