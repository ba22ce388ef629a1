/*
 * dir_test.c - the ext2 core (servers/fs/ext2) on images made by
 * mke2fs -d: directories and names. mkdir, readdir and rmdir with their
 * errors, 1,000 files in one directory, rename every way, hard and
 * symbolic links, names too long, the disk filling up with blocks and
 * then inodes. Each case ends with e2fsck -fn on the image.
 */
#include <stdlib.h>
#include <unistd.h>
#include "tests/fs/workload.h"

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

/*
 * FIFO nodes: mkfifo makes an inode of type FIFO with its bits and a
 * FIFO directory entry; ext2_fifo_lookup finds its key for the access
 * the bits allow; ext2_open will not open it as a file; e2fsck agrees.
 */
static int
fifo_nodes(void)
{
	struct ext2_stat st;
	struct ext2_dirent d;
	uint32_t ino;
	int fd, seen = 0;

	SETUP(8, 1024);
	EXPECT_OK(ext2_mkfifo(fs, "/dir/fifo", 0640));
	EXPECT_OK(ext2_stat(fs, "/dir/fifo", &st));
	EXPECT(EXT2_S_IFIFO | 0640, st.mode);
	EXPECT(0, st.size);
	EXPECT(1, st.links);
	EXPECT_ERR(ERR_EXISTS, ext2_mkfifo(fs, "/dir/fifo", 0640));
	EXPECT_ERR(ERR_EXISTS, ext2_mkfifo(fs, "/hello.txt", 0640));
	EXPECT_ERR(ERR_EXISTS, ext2_mkfifo(fs, "/dir/..", 0640));
	EXPECT_ERR(ERR_NOT_FOUND, ext2_mkfifo(fs, "/nodir/fifo", 0640));
	EXPECT_ERR(ERR_NOT_DIR, ext2_mkfifo(fs, "/hello.txt/fifo", 0640));
	EXPECT_OK(ext2_open(fs, "/dir", EXT2_O_RDONLY, 0, &fd));
	for (;;) {
		EXPECT_OK(ext2_readdir(fs, fd, &d));
		if (d.name[0] == 0)
			break;
		if (strcmp(d.name, "fifo") == 0) {
			EXPECT(EXT2_FT_FIFO, d.type);
			EXPECT(st.ino, d.ino);
			seen++;
		}
	}
	EXPECT(1, seen);
	EXPECT_OK(ext2_close(fs, fd));
	/* Opening: the pipe server's key, for what the bits allow. */
	EXPECT_OK(ext2_fifo_lookup(fs, "/dir/fifo", EXT2_O_RDONLY, &ino));
	EXPECT(st.ino, ino);
	EXPECT_OK(ext2_fifo_lookup(fs, "/dir/fifo", EXT2_O_WRONLY | EXT2_O_CREAT, &ino));
	EXPECT(st.ino, ino);
	EXPECT_ERR(ERR_BAD_ARGUMENT, ext2_fifo_lookup(fs, "/dir/fifo", EXT2_O_RDWR, &ino));
	EXPECT_ERR(ERR_EXISTS, ext2_fifo_lookup(fs, "/dir/fifo",
						EXT2_O_WRONLY | EXT2_O_CREAT | EXT2_O_EXCL, &ino));
	EXPECT_OK(ext2_chmod(fs, "/dir/fifo", 0200));
	EXPECT_ERR(ERR_DENIED, ext2_fifo_lookup(fs, "/dir/fifo", EXT2_O_RDONLY, &ino));
	EXPECT_OK(ext2_chmod(fs, "/dir/fifo", 0640));
	/* Through a symbolic link too; anything else is not a FIFO (ino 0). */
	EXPECT_OK(ext2_symlink(fs, "/dir/fifo", "/via"));
	EXPECT_OK(ext2_fifo_lookup(fs, "/via", EXT2_O_WRONLY, &ino));
	EXPECT(st.ino, ino);
	EXPECT_OK(ext2_fifo_lookup(fs, "/hello.txt", EXT2_O_RDWR, &ino));
	EXPECT(0, ino);
	EXPECT_OK(ext2_fifo_lookup(fs, "/nothing", EXT2_O_RDONLY, &ino));
	EXPECT(0, ino);
	EXPECT_ERR(ERR_BAD_OPERATION, ext2_open(fs, "/dir/fifo", EXT2_O_RDONLY, 0, &fd));
	EXPECT_ERR(ERR_BAD_OPERATION, ext2_open(fs, "/via", EXT2_O_WRONLY | EXT2_O_TRUNC, 0, &fd));
	/* A second one, then one removed: e2fsck checks the counts. */
	EXPECT_OK(ext2_mkfifo(fs, "/f2", 0600));
	EXPECT_OK(ext2_unlink(fs, "/f2"));
	EXPECT_ERR(ERR_NOT_FOUND, ext2_stat(fs, "/f2", &st));
	FINISH();
	return 1;
}

int
main(void)
{
	RUN(directories_make_list_remove);
	RUN(thousand_files_in_one_directory);
	RUN(rename_every_way);
	RUN(hard_links);
	RUN(symbolic_links);
	RUN(names_too_long_and_odd);
	RUN(fifo_nodes);
	RUN(disk_full_is_reported);
	fsimg_cleanup();
	return check_done();
}
