/*
 * ext2_test.c - the ext2 core (servers/fs/ext2) on images made by
 * mke2fs -d: files. Reading the samples, a sparse file past the
 * double-indirect range, writing through the indirect blocks, sparse
 * writes and truncation, open's flags, bad descriptors, permission bits,
 * a file unlinked while open, a read-only mount, sync and remount, device
 * errors, 4 KiB blocks, the error messages. Each case ends with e2fsck -fn
 * on the image. Directories and names are in dir_test.c.
 */
#include <stdlib.h>
#include <unistd.h>
#include "tests/fs/workload.h"

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
	EXPECT(1, ext2_dirty(fs));	/* what fs's periodic sync asks */
	img.writes = 0;
	EXPECT_OK(ext2_sync(fs));
	EXPECT_TRUE(img.writes > 0);
	EXPECT(0, ext2_dirty(fs));
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

/* Kept pages (ext2_read_page) read what ext2_read does, and follow every change. */
static int
kept_pages_follow_writes_and_truncation(void)
{
	static uint8_t data[3 * 4096], back[4096];
	const uint8_t *page;
	uint64_t pos;
	uint32_t n;
	int fd, ro;

	SETUP(8, 1024);
	for (uint32_t i = 0; i < sizeof(data); i++)
		data[i] = pat(i);
	EXPECT_OK(ext2_open(fs, "/pages", EXT2_O_RDWR | EXT2_O_CREAT, 0600, &fd));
	EXPECT_OK(ext2_write(fs, fd, data, sizeof(data) - 100, &n));
	EXPECT_OK(ext2_seek(fs, fd, 4096, EXT2_SEEK_SET, &pos));
	page = ext2_read_page(fs, fd);
	EXPECT_TRUE(page != NULL);
	EXPECT(0, memcmp(page, data + 4096, 4096));
	EXPECT_OK(ext2_seek(fs, fd, 0, EXT2_SEEK_CUR, &pos));
	EXPECT(8192, pos);				/* moved past the page */
	EXPECT_TRUE(ext2_read_page(fs, fd) == NULL);	/* the last page is not whole */
	EXPECT_OK(ext2_seek(fs, fd, 4097, EXT2_SEEK_SET, &pos));
	EXPECT_TRUE(ext2_read_page(fs, fd) == NULL);	/* not at a page's start */
	/* A write into the kept page: the next read sees it. */
	EXPECT_OK(ext2_seek(fs, fd, 5000, EXT2_SEEK_SET, &pos));
	EXPECT_OK(ext2_write(fs, fd, "XYZ", 3, &n));
	memcpy(data + 5000, "XYZ", 3);
	EXPECT_OK(ext2_seek(fs, fd, 4096, EXT2_SEEK_SET, &pos));
	page = ext2_read_page(fs, fd);
	EXPECT_TRUE(page != NULL);
	EXPECT(0, memcmp(page, data + 4096, 4096));
	/* Cut short: the page is no longer whole, and ext2_read says the end. */
	EXPECT_OK(ext2_ftruncate(fs, fd, 6000));
	EXPECT_OK(ext2_seek(fs, fd, 4096, EXT2_SEEK_SET, &pos));
	EXPECT_TRUE(ext2_read_page(fs, fd) == NULL);
	EXPECT_OK(ext2_read(fs, fd, back, sizeof(back), &n));
	EXPECT(6000 - 4096, n);
	EXPECT(0, memcmp(back, data + 4096, n));
	EXPECT_OK(ext2_close(fs, fd));
	/* Not for a file open only for writing, nor a directory. */
	EXPECT_OK(ext2_open(fs, "/pages", EXT2_O_WRONLY, 0, &fd));
	EXPECT_TRUE(ext2_read_page(fs, fd) == NULL);
	EXPECT_OK(ext2_close(fs, fd));
	EXPECT_OK(ext2_open(fs, "/", EXT2_O_RDONLY, 0, &ro));
	EXPECT_TRUE(ext2_read_page(fs, ro) == NULL);
	EXPECT_OK(ext2_close(fs, ro));
	/* Removed, and its inode reused by a new file: no old page shows. */
	EXPECT_OK(ext2_unlink(fs, "/pages"));
	for (uint32_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)~pat(i);
	EXPECT_OK(ext2_open(fs, "/pages2", EXT2_O_RDWR | EXT2_O_CREAT, 0600, &fd));
	EXPECT_OK(ext2_write(fs, fd, data, sizeof(data), &n));
	EXPECT_OK(ext2_seek(fs, fd, 4096, EXT2_SEEK_SET, &pos));
	page = ext2_read_page(fs, fd);
	EXPECT_TRUE(page != NULL);
	EXPECT(0, memcmp(page, data + 4096, 4096));
	EXPECT_OK(ext2_close(fs, fd));
	FINISH();
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
	RUN(permission_bits_kept_and_checked);
	RUN(unlinked_while_open_lives_until_close);
	RUN(read_only_mount_refuses_changes);
	RUN(sync_then_remount_sees_everything);
	RUN(device_errors_come_back);
	RUN(four_kib_blocks_workload);
	RUN(error_messages_distinct);
	RUN(kept_pages_follow_writes_and_truncation);
	fsimg_cleanup();
	return check_done();
}
