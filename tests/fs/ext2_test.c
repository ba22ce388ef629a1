/*
 * ext2_test.c - the ext2 core (servers/fs/ext2) on images made by
 * mke2fs -d, one workload per case, each ending with e2fsck -fn on the
 * image: every operation and every error it can return, 1,000 files in
 * one directory, files past the double-indirect range, sparse files, the
 * disk filling up, a read-only mount, sync and remount.
 */
#include <stdlib.h>
#include <unistd.h>
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
static int
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

static int
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

static uint8_t
pat(uint64_t i)
{
	return (uint8_t)(i * 31 + (i >> 10) * 7 + 1);
}

static int
samples_read_right(void)
{
	char buf[256];
	struct ext2_stat st;

	SETUP(8, 1024);
	EXPECT_OK(read_all("/hello.txt", buf, sizeof(buf), NULL));
	EXPECT_STR("hello, disk\n", buf);
	EXPECT_OK(read_all("dir/sub/leaf.txt", buf, sizeof(buf), NULL));
	EXPECT_STR("leaf\n", buf);
	EXPECT_OK(read_all("/dir/./sub/../sub//leaf.txt", buf, sizeof(buf), NULL));
	EXPECT_STR("leaf\n", buf);
	EXPECT_OK(read_all("/link", buf, sizeof(buf), NULL));
	EXPECT_STR("hello, disk\n", buf);
	EXPECT_OK(ext2_stat(fs, "/hard.txt", &st));
	EXPECT(2, st.links);
	EXPECT(EXT2_S_IFREG | 0444, st.mode);
	EXPECT(12, st.size);
	EXPECT_OK(ext2_lstat(fs, "/link", &st));
	EXPECT(EXT2_S_IFLNK, st.mode & EXT2_S_IFMT);
	EXPECT_OK(ext2_readlink(fs, "/link", buf, sizeof(buf)));
	EXPECT_STR("hello.txt", buf);
	EXPECT_OK(ext2_stat(fs, "/", &st));
	EXPECT(EXT2_ROOT_INO, st.ino);
	EXPECT(EXT2_S_IFDIR, st.mode & EXT2_S_IFMT);
	/* medium.txt: 99,000 bytes through the single-indirect block. */
	static char med[100000];
	uint32_t len;
	EXPECT_OK(read_all("/medium.txt", med, sizeof(med), &len));
	EXPECT(99000, len);
	char want[40];
	snprintf(want, sizeof(want), "line %06d of medium.txt ......\n", 2999);
	EXPECT(0, memcmp(med + 2999 * 33, want, 33));
	FINISH();
	return 1;
}

static int
big_sparse_file_reads_holes_as_zeros(void)
{
	char buf[64];
	static uint8_t hole[8192];
	uint64_t pos;
	uint32_t got;
	struct ext2_stat st;
	int fd;

	SETUP(8, 1024);
	EXPECT_OK(ext2_stat(fs, "/big.bin", &st));
	EXPECT((70ull << 20) + 11, st.size);
	EXPECT_TRUE(st.blocks < 20);		/* a few data and indirect blocks */
	EXPECT_OK(ext2_open(fs, "/big.bin", EXT2_O_RDONLY, 0, &fd));
	EXPECT_OK(ext2_read(fs, fd, buf, 13, &got));
	EXPECT(0, memcmp(buf, "start of big\n", 13));
	EXPECT_OK(ext2_seek(fs, fd, 30 << 20, EXT2_SEEK_SET, &pos));
	memset(hole, 0xaa, sizeof(hole));
	EXPECT_OK(ext2_read(fs, fd, hole, sizeof(hole), &got));
	EXPECT(sizeof(hole), got);
	for (uint32_t i = 0; i < sizeof(hole); i++)
		EXPECT(0, hole[i]);
	EXPECT_OK(ext2_seek(fs, fd, -11, EXT2_SEEK_END, &pos));
	EXPECT(70ull << 20, pos);
	EXPECT_OK(ext2_read(fs, fd, buf, sizeof(buf), &got));
	EXPECT(11, got);
	EXPECT(0, memcmp(buf, "end of big\n", 11));	/* a triple-indirect block */
	EXPECT_OK(ext2_read(fs, fd, buf, sizeof(buf), &got));
	EXPECT(0, got);
	EXPECT_OK(ext2_close(fs, fd));
	FINISH();
	return 1;
}

static int
write_read_back_through_indirect_blocks(void)
{
	static uint8_t data[600000], back[600000];
	uint32_t len;
	struct ext2_statfs sf0, sf1;

	SETUP(8, 1024);
	EXPECT_OK(ext2_statfs(fs, &sf0));
	for (uint32_t i = 0; i < sizeof(data); i++)
		data[i] = pat(i);
	EXPECT_OK(write_file("/new.bin", data, sizeof(data)));	/* 586 blocks: double indirect */
	EXPECT_OK(read_all("/new.bin", (char *)back, sizeof(back), &len));
	EXPECT(sizeof(data) - 1, len);
	EXPECT(0, memcmp(data, back, len));
	EXPECT_OK(ext2_statfs(fs, &sf1));
	EXPECT(sf0.free_blocks - 586 - 1 - 1 - 2, sf1.free_blocks);	/* data, IND, DIND + 2 */
	EXPECT(sf0.free_inodes - 1, sf1.free_inodes);
	FINISH();
	return 1;
}

static int
write_past_double_indirect_range(void)
{
	/* 12 + 256 + 65536 blocks of 1 KiB: the triple-indirect range starts at 65804 KiB. */
	const uint64_t at = 65804ull * 1024 - 100;
	char buf[300], back[300];
	struct ext2_statfs sf0, sf1;
	struct ext2_stat st;
	uint64_t pos;
	uint32_t n;
	int fd;

	SETUP(8, 1024);
	EXPECT_OK(ext2_statfs(fs, &sf0));
	for (int i = 0; i < 300; i++)
		buf[i] = (char)('a' + i % 26);
	EXPECT_OK(ext2_open(fs, "/far", EXT2_O_RDWR | EXT2_O_CREAT, 0600, &fd));
	EXPECT_OK(ext2_seek(fs, fd, (int64_t)at, EXT2_SEEK_SET, &pos));
	EXPECT_OK(ext2_write(fs, fd, buf, 300, &n));
	EXPECT(300, n);
	EXPECT_OK(ext2_seek(fs, fd, (int64_t)at, EXT2_SEEK_SET, &pos));
	EXPECT_OK(ext2_read(fs, fd, back, 300, &n));
	EXPECT(300, n);
	EXPECT(0, memcmp(buf, back, 300));
	EXPECT_OK(ext2_fstat(fs, fd, &st));
	EXPECT(at + 300, st.size);
	/* 2 data blocks, DIND + IND under it, TIND + DIND + IND under it. */
	EXPECT(7 * 2, st.blocks);
	EXPECT_OK(ext2_ftruncate(fs, fd, 0));
	EXPECT_OK(ext2_fstat(fs, fd, &st));
	EXPECT(0, st.blocks);
	EXPECT_OK(ext2_statfs(fs, &sf1));
	EXPECT(sf0.free_blocks, sf1.free_blocks);
	EXPECT_OK(ext2_seek(fs, fd, (int64_t)at, EXT2_SEEK_SET, &pos));
	EXPECT_OK(ext2_write(fs, fd, buf, 300, &n));
	EXPECT_OK(ext2_close(fs, fd));
	FINISH();
	return 1;
}

static int
sparse_write_and_truncate(void)
{
	char buf[4096];
	struct ext2_stat st;
	uint64_t pos;
	uint32_t n;
	int fd;

	SETUP(8, 1024);
	EXPECT_OK(ext2_open(fs, "/sparse", EXT2_O_RDWR | EXT2_O_CREAT | EXT2_O_EXCL, 0644, &fd));
	EXPECT_OK(ext2_seek(fs, fd, 5000000, EXT2_SEEK_SET, &pos));
	EXPECT_OK(ext2_write(fs, fd, "tail", 4, &n));
	EXPECT_OK(ext2_fstat(fs, fd, &st));
	EXPECT(5000004, st.size);
	EXPECT(3 * 2, st.blocks);		/* one data block, DIND, IND */
	EXPECT_OK(ext2_seek(fs, fd, 4000000, EXT2_SEEK_SET, &pos));
	memset(buf, 1, sizeof(buf));
	EXPECT_OK(ext2_read(fs, fd, buf, sizeof(buf), &n));
	EXPECT(4096, n);
	for (int i = 0; i < 4096; i++)
		EXPECT(0, buf[i]);
	/* Shrink into the middle of a block, grow again: the old bytes are gone. */
	EXPECT_OK(ext2_seek(fs, fd, 0, EXT2_SEEK_SET, &pos));
	memset(buf, 'x', 3000);
	EXPECT_OK(ext2_write(fs, fd, buf, 3000, &n));
	EXPECT_OK(ext2_ftruncate(fs, fd, 1500));
	EXPECT_OK(ext2_fstat(fs, fd, &st));
	EXPECT(1500, st.size);
	EXPECT(2 * 2, st.blocks);
	EXPECT_OK(ext2_truncate(fs, "/sparse", 2500));
	EXPECT_OK(ext2_seek(fs, fd, 1400, EXT2_SEEK_SET, &pos));
	EXPECT_OK(ext2_read(fs, fd, buf, 2000, &n));
	EXPECT(1100, n);
	EXPECT('x', buf[99]);
	EXPECT(0, buf[100]);
	EXPECT(0, buf[1099]);
	EXPECT_OK(ext2_close(fs, fd));
	FINISH();
	return 1;
}

static int
open_flags_append_trunc_excl(void)
{
	char buf[64];
	uint64_t pos;
	uint32_t n;
	int fd, fd2;

	SETUP(8, 1024);
	EXPECT_ERR(ERR_NOT_FOUND, ext2_open(fs, "/nope", EXT2_O_RDONLY, 0, &fd));
	EXPECT_ERR(ERR_NOT_FOUND, ext2_open(fs, "/nodir/x", EXT2_O_RDWR | EXT2_O_CREAT, 0644, &fd));
	EXPECT_ERR(ERR_EXISTS, ext2_open(fs, "/hello.txt", EXT2_O_RDWR | EXT2_O_CREAT | EXT2_O_EXCL,
					 0644, &fd));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_open(fs, "/hello.txt", 3, 0, &fd));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_open(fs, "", EXT2_O_RDONLY, 0, &fd));
	EXPECT_OK(ext2_chmod(fs, "/hello.txt", 0644));	/* mke2fs -d gave it hard.txt's 0444 */
	EXPECT_OK(ext2_open(fs, "/hello.txt", EXT2_O_WRONLY | EXT2_O_APPEND, 0, &fd));
	EXPECT_OK(ext2_seek(fs, fd, 0, EXT2_SEEK_SET, &pos));
	EXPECT_OK(ext2_write(fs, fd, "more\n", 5, &n));
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT_OK(read_all("/hard.txt", buf, sizeof(buf), NULL));	/* the same inode */
	EXPECT_STR("hello, disk\nmore\n", buf);
	EXPECT_OK(ext2_open(fs, "/hello.txt", EXT2_O_RDWR | EXT2_O_TRUNC, 0, &fd));
	EXPECT_OK(ext2_read(fs, fd, buf, sizeof(buf), &n));
	EXPECT(0, n);
	/* Two descriptors, two offsets. */
	EXPECT_OK(ext2_write(fs, fd, "abcdef", 6, &n));
	EXPECT_OK(ext2_open(fs, "/hello.txt", EXT2_O_RDONLY, 0, &fd2));
	EXPECT_OK(ext2_read(fs, fd2, buf, 3, &n));
	EXPECT(0, memcmp(buf, "abc", 3));
	EXPECT_OK(ext2_close(fs, fd2));
	EXPECT_OK(ext2_close(fs, fd));
	FINISH();
	return 1;
}

static int
bad_descriptors(void)
{
	char buf[8];
	uint32_t n;
	uint64_t pos;
	struct ext2_stat st;
	struct ext2_dirent d;
	int fd;

	SETUP(8, 1024);
	EXPECT_ERR(ERR_BAD_FD, ext2_read(fs, -1, buf, 1, &n));
	EXPECT_ERR(ERR_BAD_FD, ext2_read(fs, EXT2_FD_MAX, buf, 1, &n));
	EXPECT_ERR(ERR_BAD_FD, ext2_write(fs, 3, buf, 1, &n));
	EXPECT_ERR(ERR_BAD_FD, ext2_close(fs, 0));
	EXPECT_ERR(ERR_BAD_FD, ext2_seek(fs, 5, 0, EXT2_SEEK_SET, &pos));
	EXPECT_ERR(ERR_BAD_FD, ext2_fstat(fs, 7, &st));
	EXPECT_ERR(ERR_BAD_FD, ext2_readdir(fs, 9, &d));
	EXPECT_OK(ext2_open(fs, "/hello.txt", EXT2_O_RDONLY, 0, &fd));
	EXPECT_ERR(ERR_BAD_FD, ext2_write(fs, fd, "x", 1, &n));
	EXPECT_ERR(ERR_BAD_FD, ext2_ftruncate(fs, fd, 0));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_seek(fs, fd, -1, EXT2_SEEK_SET, &pos));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_seek(fs, fd, 0, 7, &pos));
	EXPECT_ERR(ERR_NOT_DIR, ext2_readdir(fs, fd, &d));
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT_ERR(ERR_BAD_FD, ext2_close(fs, fd));
	EXPECT_ERR(ERR_BAD_FD, ext2_read(fs, fd, buf, 1, &n));
	EXPECT_OK(ext2_open(fs, "/new", EXT2_O_WRONLY | EXT2_O_CREAT, 0644, &fd));
	EXPECT_ERR(ERR_BAD_FD, ext2_read(fs, fd, buf, 1, &n));
	EXPECT_OK(ext2_close(fs, fd));
	/* Every descriptor in use. */
	int fds[EXT2_FD_MAX];
	for (int i = 0; i < EXT2_FD_MAX; i++)
		EXPECT_OK(ext2_open(fs, "/hello.txt", EXT2_O_RDONLY, 0, &fds[i]));
	EXPECT_ERR(ERR_NO_SPACE, ext2_open(fs, "/hello.txt", EXT2_O_RDONLY, 0, &fd));
	for (int i = 0; i < EXT2_FD_MAX; i++)
		EXPECT_OK(ext2_close(fs, fds[i]));
	FINISH();
	return 1;
}

static int
directories_make_list_remove(void)
{
	struct ext2_stat st, root0, root1;
	struct ext2_dirent d;
	int fd, seen = 0, dots = 0;

	SETUP(8, 1024);
	EXPECT_OK(ext2_stat(fs, "/", &root0));
	EXPECT_OK(ext2_mkdir(fs, "/a", 0755));
	EXPECT_OK(ext2_mkdir(fs, "/a/b", 0700));
	EXPECT_OK(ext2_mkdir(fs, "/a/b/c/", 0755));
	EXPECT_OK(write_file("/a/b/f", "x", 1));
	EXPECT_OK(ext2_stat(fs, "/a/b", &st));
	EXPECT(3, st.links);
	EXPECT(EXT2_S_IFDIR | 0700, st.mode);
	EXPECT(1024, st.size);
	EXPECT_OK(ext2_stat(fs, "/", &root1));
	EXPECT(root0.links + 1, root1.links);
	EXPECT_ERR(ERR_EXISTS, ext2_mkdir(fs, "/a", 0755));
	EXPECT_ERR(ERR_EXISTS, ext2_mkdir(fs, "/a/b/f", 0755));
	EXPECT_ERR(ERR_NOT_FOUND, ext2_mkdir(fs, "/x/y", 0755));
	EXPECT_ERR(ERR_NOT_DIR, ext2_mkdir(fs, "/a/b/f/g", 0755));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_mkdir(fs, "/", 0755));
	EXPECT_ERR(ERR_NOT_EMPTY, ext2_rmdir(fs, "/a/b"));
	EXPECT_ERR(ERR_NOT_DIR, ext2_rmdir(fs, "/a/b/f"));
	EXPECT_ERR(ERR_IS_DIR, ext2_unlink(fs, "/a/b/c"));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_rmdir(fs, "/"));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_rmdir(fs, "/a/b/c/."));
	EXPECT_ERR(ERR_NOT_FOUND, ext2_rmdir(fs, "/a/zz"));
	EXPECT_ERR(ERR_IS_DIR, ext2_open(fs, "/a", EXT2_O_RDWR, 0, &fd));
	EXPECT_OK(ext2_open(fs, "/a/b", EXT2_O_RDONLY, 0, &fd));
	EXPECT_ERR(ERR_IS_DIR, ext2_read(fs, fd, &d, 1, (uint32_t *)&seen));
	seen = 0;
	for (;;) {
		EXPECT_OK(ext2_readdir(fs, fd, &d));
		if (d.name[0] == 0)
			break;
		if (strcmp(d.name, ".") == 0 || strcmp(d.name, "..") == 0)
			dots++;
		else if (strcmp(d.name, "c") == 0)
			EXPECT(EXT2_FT_DIR, d.type);
		else if (strcmp(d.name, "f") == 0)
			EXPECT(EXT2_FT_REG_FILE, d.type);
		seen++;
	}
	EXPECT(4, seen);
	EXPECT(2, dots);
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT_OK(ext2_open(fs, "/a/b/c", EXT2_O_RDONLY, 0, &fd));
	EXPECT_ERR(ERR_BUSY, ext2_rmdir(fs, "/a/b/c/../../b/c"));
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT_OK(ext2_rmdir(fs, "/a/b/c/../../b/c"));
	EXPECT_OK(ext2_unlink(fs, "/a/b/f"));
	EXPECT_OK(ext2_rmdir(fs, "/a/b"));
	EXPECT_ERR(ERR_NOT_FOUND, ext2_stat(fs, "/a/b", &st));
	EXPECT_OK(ext2_stat(fs, "/a", &st));
	EXPECT(2, st.links);
	EXPECT_OK(ext2_rmdir(fs, "/empty"));
	FINISH();
	return 1;
}

static int
thousand_files_in_one_directory(void)
{
	char name[64], buf[64];
	struct ext2_dirent d;
	struct ext2_statfs sf0, sf1;
	static uint8_t seen[1000];
	int fd, count = 0;

	SETUP(8, 1024);
	EXPECT_OK(ext2_statfs(fs, &sf0));
	EXPECT_OK(ext2_mkdir(fs, "/many", 0755));
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "/many/file-number-%04d", i);
		snprintf(buf, sizeof(buf), "%d", i * 7);
		EXPECT_OK(write_file(name, buf, (uint32_t)strlen(buf)));
	}
	EXPECT_OK(ext2_open(fs, "/many", EXT2_O_RDONLY, 0, &fd));
	for (;;) {
		EXPECT_OK(ext2_readdir(fs, fd, &d));
		if (d.name[0] == 0)
			break;
		count++;
		int i;
		if (sscanf(d.name, "file-number-%d", &i) == 1 && i >= 0 && i < 1000)
			seen[i]++;
	}
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT(1002, count);
	for (int i = 0; i < 1000; i++)
		EXPECT(1, seen[i]);
	EXPECT_OK(read_all("/many/file-number-0777", buf, sizeof(buf), NULL));
	EXPECT_STR("5439", buf);
	for (int i = 0; i < 1000; i += 2) {
		snprintf(name, sizeof(name), "/many/file-number-%04d", i);
		EXPECT_OK(ext2_unlink(fs, name));
	}
	EXPECT_ERR(ERR_NOT_FOUND, ext2_unlink(fs, "/many/file-number-0000"));
	EXPECT_OK(read_all("/many/file-number-0999", buf, sizeof(buf), NULL));
	EXPECT_STR("6993", buf);
	EXPECT_OK(ext2_sync(fs));
	EXPECT_FSCK(&img);
	for (int i = 1; i < 1000; i += 2) {
		snprintf(name, sizeof(name), "/many/file-number-%04d", i);
		EXPECT_OK(ext2_unlink(fs, name));
	}
	EXPECT_OK(ext2_rmdir(fs, "/many"));
	EXPECT_OK(ext2_statfs(fs, &sf1));
	EXPECT(sf0.free_blocks, sf1.free_blocks);
	EXPECT(sf0.free_inodes, sf1.free_inodes);
	FINISH();
	return 1;
}

static int
rename_every_way(void)
{
	char buf[64];
	struct ext2_stat st, a, b;
	struct ext2_statfs sf0, sf1;

	SETUP(8, 1024);
	EXPECT_OK(write_file("/one", "1", 1));
	EXPECT_OK(write_file("/two", "22", 2));
	EXPECT_OK(ext2_mkdir(fs, "/d1", 0755));
	EXPECT_OK(ext2_mkdir(fs, "/d2", 0755));
	EXPECT_OK(ext2_mkdir(fs, "/d1/sub", 0755));
	EXPECT_OK(write_file("/d1/sub/in", "in", 2));
	EXPECT_OK(ext2_statfs(fs, &sf0));
	/* A file, in one directory, then to another. */
	EXPECT_OK(ext2_rename(fs, "/one", "/uno"));
	EXPECT_ERR(ERR_NOT_FOUND, ext2_stat(fs, "/one", &st));
	EXPECT_OK(ext2_rename(fs, "/uno", "/d2/uno"));
	EXPECT_OK(read_all("/d2/uno", buf, sizeof(buf), NULL));
	EXPECT_STR("1", buf);
	/* Over another file: the one replaced goes. */
	EXPECT_OK(ext2_rename(fs, "/two", "/d2/uno"));
	EXPECT_OK(read_all("/d2/uno", buf, sizeof(buf), NULL));
	EXPECT_STR("22", buf);
	EXPECT_OK(ext2_statfs(fs, &sf1));
	EXPECT(sf0.free_inodes + 1, sf1.free_inodes);
	/* A directory to another parent: its ".." and both link counts follow. */
	EXPECT_OK(ext2_rename(fs, "/d1/sub", "/d2/sub"));
	EXPECT_OK(ext2_stat(fs, "/d1", &a));
	EXPECT_OK(ext2_stat(fs, "/d2", &b));
	EXPECT(2, a.links);
	EXPECT(3, b.links);
	EXPECT_OK(ext2_stat(fs, "/d2/sub/..", &st));
	EXPECT(b.ino, st.ino);
	EXPECT_OK(read_all("/d2/sub/in", buf, sizeof(buf), NULL));
	EXPECT_STR("in", buf);
	/* What may not be done. */
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_rename(fs, "/d2", "/d2/sub/d2"));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_rename(fs, "/d2", "/d2/x"));
	EXPECT_ERR(ERR_NOT_EMPTY, ext2_rename(fs, "/d1", "/d2"));
	EXPECT_ERR(ERR_NOT_DIR, ext2_rename(fs, "/d1", "/d2/uno"));
	EXPECT_ERR(ERR_IS_DIR, ext2_rename(fs, "/d2/uno", "/d1"));
	EXPECT_ERR(ERR_NOT_FOUND, ext2_rename(fs, "/ghost", "/g2"));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_rename(fs, "/d2/sub/..", "/x"));
	/* A directory over an empty one. */
	EXPECT_OK(ext2_mkdir(fs, "/d2/sub/empty", 0755));
	EXPECT_OK(ext2_rename(fs, "/d1", "/d2/sub/empty"));
	EXPECT_OK(ext2_stat(fs, "/d2/sub", &st));
	EXPECT(3, st.links);
	EXPECT_ERR(ERR_NOT_FOUND, ext2_stat(fs, "/d1", &st));
	/* Onto its own other name: nothing happens. */
	EXPECT_OK(ext2_rename(fs, "/hello.txt", "/hard.txt"));
	EXPECT_OK(ext2_stat(fs, "/hello.txt", &st));
	EXPECT(2, st.links);
	FINISH();
	return 1;
}

static int
hard_links(void)
{
	char buf[64];
	struct ext2_stat st;

	SETUP(8, 1024);
	EXPECT_OK(write_file("/orig", "linked", 6));
	EXPECT_OK(ext2_link(fs, "/orig", "/dir/second"));
	EXPECT_OK(ext2_stat(fs, "/orig", &st));
	EXPECT(2, st.links);
	EXPECT_ERR(ERR_EXISTS, ext2_link(fs, "/orig", "/hello.txt"));
	EXPECT_ERR(ERR_IS_DIR, ext2_link(fs, "/dir", "/dir2"));
	EXPECT_ERR(ERR_NOT_FOUND, ext2_link(fs, "/none", "/dir3"));
	EXPECT_OK(ext2_unlink(fs, "/orig"));
	EXPECT_OK(read_all("/dir/second", buf, sizeof(buf), NULL));
	EXPECT_STR("linked", buf);
	EXPECT_OK(ext2_stat(fs, "/dir/second", &st));
	EXPECT(1, st.links);
	/* A link to a symbolic link is to the link itself. */
	EXPECT_OK(ext2_link(fs, "/link", "/link2"));
	EXPECT_OK(ext2_lstat(fs, "/link2", &st));
	EXPECT(EXT2_S_IFLNK, st.mode & EXT2_S_IFMT);
	EXPECT(2, st.links);
	/* Too many links: give the inode the most it may have, as if 32,000 names held it. */
	struct ext2_node n;
	EXPECT_OK(ext2_stat(fs, "/dir/second", &st));
	EXPECT_OK(node_get(fs, st.ino, &n));
	n.i.i_links_count = EXT2_LINK_MAX;
	EXPECT_OK(node_put(fs, &n));
	EXPECT_ERR(ERR_TOO_MANY_LINKS, ext2_link(fs, "/dir/second", "/third"));
	n.i.i_links_count = 1;
	EXPECT_OK(node_put(fs, &n));
	FINISH();
	return 1;
}

static int
symbolic_links(void)
{
	char buf[2048], target[1000];
	struct ext2_stat st;
	int fd;

	SETUP(8, 1024);
	EXPECT_OK(ext2_symlink(fs, "dir/sub", "/short"));
	EXPECT_OK(read_all("/short/leaf.txt", buf, sizeof(buf), NULL));	/* in the middle */
	EXPECT_STR("leaf\n", buf);
	EXPECT_OK(ext2_symlink(fs, "/dir/sub/leaf.txt", "/dir/abs"));
	EXPECT_OK(read_all("/dir/abs", buf, sizeof(buf), NULL));
	EXPECT_STR("leaf\n", buf);
	EXPECT_OK(ext2_symlink(fs, "../hello.txt", "/dir/up"));
	EXPECT_OK(read_all("/dir/up", buf, sizeof(buf), NULL));
	EXPECT_STR("hello, disk\n", buf);
	/* A slow link: the target in a block of its own. */
	memset(target, 0, sizeof(target));
	strcpy(target, "/dir");
	for (int i = 0; i < 150; i++)
		strcat(target, "/./.");
	strcat(target, "/sub/leaf.txt");
	EXPECT_OK(ext2_symlink(fs, target, "/slow"));
	EXPECT_OK(ext2_lstat(fs, "/slow", &st));
	EXPECT(strlen(target), st.size);
	EXPECT(2, st.blocks);
	EXPECT_OK(ext2_readlink(fs, "/slow", buf, sizeof(buf)));
	EXPECT_STR(target, buf);
	EXPECT_ERR(ERR_RANGE, ext2_readlink(fs, "/slow", buf, 10));
	EXPECT_OK(read_all("/slow", buf, sizeof(buf), NULL));
	EXPECT_STR("leaf\n", buf);
	/* Loops and dangling links. */
	EXPECT_OK(ext2_symlink(fs, "/loop2", "/loop1"));
	EXPECT_OK(ext2_symlink(fs, "/loop1", "/loop2"));
	EXPECT_ERR(ERR_SYMLINK_LOOP, ext2_open(fs, "/loop1", EXT2_O_RDONLY, 0, &fd));
	EXPECT_ERR(ERR_SYMLINK_LOOP, ext2_stat(fs, "/loop2/x", &st));
	EXPECT_OK(ext2_lstat(fs, "/loop1", &st));
	EXPECT_OK(ext2_symlink(fs, "nowhere", "/dangling"));
	EXPECT_ERR(ERR_NOT_FOUND, ext2_stat(fs, "/dangling", &st));
	EXPECT_ERR(ERR_EXISTS, ext2_symlink(fs, "x", "/hello.txt"));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_symlink(fs, "", "/e"));
	memset(buf, 'a', 1024);
	buf[1024] = 0;
	EXPECT_ERR(ERR_NAME_TOO_LONG, ext2_symlink(fs, buf, "/toolong"));
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_readlink(fs, "/hello.txt", buf, sizeof(buf)));
	/* Removing links: the link goes, not its target. */
	EXPECT_OK(ext2_unlink(fs, "/slow"));
	EXPECT_OK(ext2_unlink(fs, "/short"));
	EXPECT_OK(ext2_stat(fs, "/dir/sub/leaf.txt", &st));
	FINISH();
	return 1;
}

static int
names_too_long_and_odd(void)
{
	char name[300];
	struct ext2_stat st;
	int fd;

	SETUP(8, 1024);
	name[0] = '/';
	memset(name + 1, 'n', 255);
	name[256] = 0;
	EXPECT_OK(ext2_open(fs, name, EXT2_O_WRONLY | EXT2_O_CREAT, 0644, &fd));
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT_OK(ext2_stat(fs, name, &st));
	name[256] = 'n';
	name[257] = 0;
	EXPECT_ERR(ERR_NAME_TOO_LONG, ext2_open(fs, name, EXT2_O_WRONLY | EXT2_O_CREAT, 0644, &fd));
	EXPECT_ERR(ERR_NAME_TOO_LONG, ext2_stat(fs, name, &st));
	EXPECT_ERR(ERR_NAME_TOO_LONG, ext2_mkdir(fs, name, 0755));
	EXPECT_ERR(ERR_NOT_DIR, ext2_stat(fs, "/hello.txt/x", &st));
	EXPECT_ERR(ERR_NOT_DIR, ext2_open(fs, "/hello.txt/x", EXT2_O_RDWR | EXT2_O_CREAT, 0, &fd));
	FINISH();
	return 1;
}

static int
permission_bits_kept_and_checked(void)
{
	struct ext2_stat st;
	int fd;

	SETUP(8, 1024);
	EXPECT_ERR(ERR_DENIED, ext2_open(fs, "/hard.txt", EXT2_O_WRONLY, 0, &fd));
	EXPECT_ERR(ERR_DENIED, ext2_truncate(fs, "/hard.txt", 0));
	EXPECT_OK(ext2_chmod(fs, "/hello.txt", 0200));
	EXPECT_ERR(ERR_DENIED, ext2_open(fs, "/hello.txt", EXT2_O_RDONLY, 0, &fd));
	EXPECT_OK(ext2_open(fs, "/hello.txt", EXT2_O_WRONLY, 0, &fd));
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT_OK(ext2_chmod(fs, "/link", 04751));	/* follows the link */
	EXPECT_OK(ext2_stat(fs, "/hello.txt", &st));
	EXPECT(EXT2_S_IFREG | 04751, st.mode);
	EXPECT_OK(ext2_open(fs, "/created", EXT2_O_WRONLY | EXT2_O_CREAT, 0640, &fd));
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT_OK(ext2_stat(fs, "/created", &st));
	EXPECT(EXT2_S_IFREG | 0640, st.mode);
	FINISH();
	return 1;
}

static int
unlinked_while_open_lives_until_close(void)
{
	char buf[32];
	uint32_t n;
	struct ext2_statfs sf0, sf1, sf2;
	int fd;

	SETUP(8, 1024);
	EXPECT_OK(ext2_statfs(fs, &sf0));
	EXPECT_OK(write_file("/tmpfile", "still here", 10));
	EXPECT_OK(ext2_open(fs, "/tmpfile", EXT2_O_RDONLY, 0, &fd));
	EXPECT_OK(ext2_unlink(fs, "/tmpfile"));
	EXPECT_OK(ext2_read(fs, fd, buf, sizeof(buf), &n));
	EXPECT(10, n);
	EXPECT_OK(ext2_statfs(fs, &sf1));
	EXPECT(sf0.free_inodes - 1, sf1.free_inodes);
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT_OK(ext2_statfs(fs, &sf2));
	EXPECT(sf0.free_inodes, sf2.free_inodes);
	EXPECT(sf0.free_blocks, sf2.free_blocks);
	FINISH();
	return 1;
}

static int
disk_full_is_reported(void)
{
	static uint8_t chunk[65536];
	struct ext2_statfs sf0, sf1;
	uint32_t n, total = 0;
	int fd, err = ERR_OK, files = 0;
	char name[64];

	SETUP(4, 1024);
	EXPECT_OK(ext2_statfs(fs, &sf0));
	memset(chunk, 'z', sizeof(chunk));
	EXPECT_OK(ext2_open(fs, "/filler", EXT2_O_WRONLY | EXT2_O_CREAT, 0644, &fd));
	while (err == ERR_OK) {
		err = ext2_write(fs, fd, chunk, sizeof(chunk), &n);
		total += n;
		if (err == ERR_OK && n < sizeof(chunk))
			break;		/* the short write that filled the disk */
	}
	EXPECT_OK(err);
	EXPECT_ERR(ERR_DISK_FULL, ext2_write(fs, fd, chunk, sizeof(chunk), &n));
	EXPECT(0, n);
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT_TRUE(total > 3 * MB);
	EXPECT_ERR(ERR_DISK_FULL, ext2_mkdir(fs, "/nomore", 0755));
	EXPECT_OK(ext2_sync(fs));
	EXPECT_FSCK(&img);
	EXPECT_OK(ext2_unlink(fs, "/filler"));
	/* Now the inodes: empty files until there are none left. */
	err = ERR_OK;
	while (err == ERR_OK) {
		snprintf(name, sizeof(name), "/f%d", files);
		err = ext2_open(fs, name, EXT2_O_WRONLY | EXT2_O_CREAT, 0644, &fd);
		if (err == ERR_OK) {
			ext2_close(fs, fd);
			files++;
		}
	}
	EXPECT_ERR(ERR_DISK_FULL, err);
	EXPECT_OK(ext2_statfs(fs, &sf1));
	EXPECT(0, sf1.free_inodes);
	EXPECT(sf0.free_inodes, files);
	EXPECT_OK(ext2_sync(fs));
	EXPECT_FSCK(&img);
	for (int i = 0; i < files; i++) {
		snprintf(name, sizeof(name), "/f%d", i);
		EXPECT_OK(ext2_unlink(fs, name));
	}
	EXPECT_OK(ext2_statfs(fs, &sf1));
	EXPECT(sf0.free_inodes, sf1.free_inodes);
	FINISH();
	return 1;
}

static int
read_only_mount_refuses_changes(void)
{
	char buf[64];
	uint32_t n;
	int fd;

	EXPECT(0, fsimg_make(&img, 8, 1024));
	EXPECT_OK(fsimg_mount(&img, 1, &fs));
	EXPECT_OK(read_all("/hello.txt", buf, sizeof(buf), NULL));
	EXPECT_STR("hello, disk\n", buf);
	EXPECT_ERR(ERR_READ_ONLY, ext2_open(fs, "/medium.txt", EXT2_O_WRONLY, 0, &fd));
	EXPECT_ERR(ERR_READ_ONLY, ext2_open(fs, "/new", EXT2_O_WRONLY | EXT2_O_CREAT, 0644, &fd));
	EXPECT_ERR(ERR_READ_ONLY, ext2_mkdir(fs, "/d", 0755));
	EXPECT_ERR(ERR_READ_ONLY, ext2_rmdir(fs, "/empty"));
	EXPECT_ERR(ERR_READ_ONLY, ext2_unlink(fs, "/hello.txt"));
	EXPECT_ERR(ERR_READ_ONLY, ext2_rename(fs, "/hello.txt", "/h"));
	EXPECT_ERR(ERR_READ_ONLY, ext2_link(fs, "/hello.txt", "/h"));
	EXPECT_ERR(ERR_READ_ONLY, ext2_symlink(fs, "x", "/s"));
	EXPECT_ERR(ERR_READ_ONLY, ext2_chmod(fs, "/hello.txt", 0777));
	EXPECT_ERR(ERR_READ_ONLY, ext2_truncate(fs, "/medium.txt", 0));
	EXPECT_OK(ext2_open(fs, "/hello.txt", EXT2_O_RDONLY, 0, &fd));
	EXPECT_ERR(ERR_BAD_FD, ext2_write(fs, fd, "x", 1, &n));
	EXPECT_OK(ext2_close(fs, fd));
	img.writes = 0;
	EXPECT_OK(ext2_unmount(fs));
	EXPECT(0, img.writes);
	EXPECT_FSCK(&img);
	fsimg_free(&img);
	return 1;
}

static int
sync_then_remount_sees_everything(void)
{
	char buf[64];
	struct ext2_stat st;

	SETUP(8, 1024);
	EXPECT_OK(ext2_mkdir(fs, "/keep", 0755));
	EXPECT_OK(write_file("/keep/me", "kept", 4));
	img.writes = 0;
	EXPECT_OK(ext2_sync(fs));
	EXPECT_TRUE(img.writes > 0);
	img.writes = 0;
	EXPECT_OK(ext2_sync(fs));
	EXPECT(0, img.writes);		/* nothing dirty: nothing written */
	EXPECT_FSCK(&img);
	EXPECT_OK(ext2_unmount(fs));
	EXPECT_OK(fsimg_mount(&img, 0, &fs));
	EXPECT_OK(read_all("/keep/me", buf, sizeof(buf), NULL));
	EXPECT_STR("kept", buf);
	EXPECT_OK(ext2_stat(fs, "/keep", &st));
	EXPECT(2, st.links);
	FINISH();
	return 1;
}

static int
device_errors_come_back(void)
{
	char buf[64];
	int fd;

	SETUP(8, 1024);
	img.fail_io = 1;
	EXPECT_ERR(ERR_IO, ext2_open(fs, "/medium.txt", EXT2_O_RDONLY, 0, &fd));
	img.fail_io = 0;
	EXPECT_OK(read_all("/medium.txt", buf, sizeof(buf), NULL));
	FINISH();
	return 1;
}

static int
four_kib_blocks_workload(void)
{
	static uint8_t data[300000], back[300000];
	char buf[64];
	uint32_t len;

	SETUP(16, 4096);
	EXPECT_OK(read_all("/dir/sub/leaf.txt", buf, sizeof(buf), NULL));
	EXPECT_STR("leaf\n", buf);
	for (uint32_t i = 0; i < sizeof(data); i++)
		data[i] = pat(i * 3);
	EXPECT_OK(ext2_mkdir(fs, "/w", 0755));
	EXPECT_OK(write_file("/w/data", data, sizeof(data)));
	EXPECT_OK(read_all("/w/data", (char *)back, sizeof(back), &len));
	EXPECT(sizeof(data) - 1, len);
	EXPECT(0, memcmp(data, back, len));
	EXPECT_OK(ext2_rename(fs, "/w", "/dir/w"));
	EXPECT_OK(ext2_truncate(fs, "/dir/w/data", 5000));
	EXPECT_OK(ext2_unlink(fs, "/big.bin"));
	FINISH();
	return 1;
}

static int
error_messages_distinct(void)
{
	int codes[] = { ERR_NOT_FOUND, ERR_EXISTS, ERR_NOT_DIR, ERR_IS_DIR, ERR_NOT_EMPTY,
			ERR_DISK_FULL, ERR_NAME_TOO_LONG, ERR_TOO_MANY_LINKS, ERR_BAD_FD,
			ERR_READ_ONLY, ERR_SYMLINK_LOOP, ERR_CORRUPT, ERR_IO, ERR_FILE_TOO_LARGE };
	int n = (int)(sizeof(codes) / sizeof(codes[0]));

	for (int i = 0; i < n; i++) {
		EXPECT_TRUE(strcmp(error_string(codes[i]), "unknown error") != 0);
		for (int j = 0; j < i; j++)
			EXPECT_TRUE(strcmp(error_string(codes[i]), error_string(codes[j])) != 0);
	}
	EXPECT_STR("no space left on device", error_string(ERR_DISK_FULL));
	EXPECT_STR("read-only file system", error_string(ERR_READ_ONLY));
	return 1;
}

int
main(void)
{
	RUN(samples_read_right);
	RUN(big_sparse_file_reads_holes_as_zeros);
	RUN(write_read_back_through_indirect_blocks);
	RUN(write_past_double_indirect_range);
	RUN(sparse_write_and_truncate);
	RUN(open_flags_append_trunc_excl);
	RUN(bad_descriptors);
	RUN(directories_make_list_remove);
	RUN(thousand_files_in_one_directory);
	RUN(rename_every_way);
	RUN(hard_links);
	RUN(symbolic_links);
	RUN(names_too_long_and_odd);
	RUN(permission_bits_kept_and_checked);
	RUN(unlinked_while_open_lives_until_close);
	RUN(disk_full_is_reported);
	RUN(read_only_mount_refuses_changes);
	RUN(sync_then_remount_sees_everything);
	RUN(device_errors_come_back);
	RUN(four_kib_blocks_workload);
	RUN(error_messages_distinct);
	fsimg_cleanup();
	return check_done();
}
