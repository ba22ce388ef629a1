/*
 * fs.c - the filesystem server (servers/fs) on the test disk, made by
 * mke2fs -d from tools/disk/stage.sh's tree. The suite starts fs once
 * (it starts its own ATA driver), reads the image's files through it,
 * changes the tree, checks the errors users see, and syncs; after the
 * boot, tests/qemu/run.sh runs e2fsck -fn on the disk
 * (guest_disk_fsck_clean), which judges what fs wrote.
 */
#include "user/tests/tests.h"
#include "harbor/fs_client.h"
#include "harbor/task_client.h"
#include "servers/fs/ext2/ext2.h"
#include "servers/fs/ext2/ext2_disk.h"

#define BIG_TAIL	73400320u	/* where stage.sh wrote big.bin's marker: 70 MiB */

static port_name_t fs_task = NAME_NULL, fs_port = NAME_NULL;

static port_name_t
fs(void)
{
	if (fs_port == NAME_NULL && spawn_module("fs", NAME_HOST, &fs_task, &fs_port) != ERR_OK)
		fs_port = NAME_NULL;
	return fs_port;
}

/* Read up to cap - 1 bytes of path into buf (NUL-terminated), from offset at. */
static int
fs_read_at(const char *path, uint32_t at, char *buf, uint32_t cap, uint32_t *len)
{
	uint32_t fd, lo, hi, n = 0, got;
	int err = fs_open(fs(), path, EXT2_O_RDONLY, 0, &fd);

	if (err != ERR_OK)
		return err;
	err = fs_seek(fs(), fd, at, 0, EXT2_SEEK_SET, &lo, &hi);
	while (err == ERR_OK && n < cap - 1) {
		uint32_t want = cap - 1 - n < 4096 ? cap - 1 - n : 4096;
		err = fs_read(fs(), fd, want, buf + n, want, &got);
		if (err != ERR_OK || got == 0)
			break;
		n += got;
	}
	buf[n] = 0;
	*len = n;
	fs_close(fs(), fd);
	return err;
}

static void
fs_reads_files_from_the_image(void)
{
	static char buf[8192];
	char name[256];
	uint32_t len, fd, ino, type, mode, links, lo, hi, blocks;
	int n = 0, seen_init = 0, seen_fs = 0;

	EXPECT_TRUE("fs started, mounted the disk and said hello", fs() != NAME_NULL);
	EXPECT_OK("read /etc/motd", fs_read_at("/etc/motd", 0, buf, sizeof(buf), &len));
	EXPECT_TRUE("motd's first line", strncmp(buf, "Welcome to Harbor.\n", 19) == 0);
	EXPECT_OK("read a file four directories down",
		  fs_read_at("/samples/deep/er/still/leaf.txt", 0, buf, sizeof(buf), &len));
	EXPECT_TRUE("its text", strcmp(buf, "found me\n") == 0);
	EXPECT_OK("stat /bin/init", fs_stat(fs(), "/bin/init", 0, &ino, &mode, &links, &lo, &hi, &blocks));
	EXPECT_EQ("a regular file", EXT2_S_IFREG, mode & EXT2_S_IFMT);
	EXPECT_TRUE("an ELF's size", lo > 1000);
	EXPECT_OK("read /bin/init's start", fs_read_at("/bin/init", 0, buf, 5, &len));
	EXPECT_TRUE("the ELF magic", buf[0] == 0x7f && buf[1] == 'E' && buf[2] == 'L' && buf[3] == 'F');
	EXPECT_OK("open /bin", fs_open(fs(), "/bin", EXT2_O_RDONLY, 0, &fd));
	for (;;) {
		EXPECT_OK("readdir", fs_readdir(fs(), fd, &ino, &type, name, sizeof(name)));
		if (name[0] == 0)
			break;
		n++;
		seen_init |= strcmp(name, "init") == 0;
		seen_fs |= strcmp(name, "fs") == 0 && type == EXT2_FT_REG_FILE;
	}
	EXPECT_OK("close", fs_close(fs(), fd));
	EXPECT_TRUE("/bin has init", seen_init);
	EXPECT_TRUE("/bin has fs, a regular file", seen_fs);
	EXPECT_TRUE("/bin has the programs, . and ..", n >= 6);
}

static void
fs_sparse_file_and_links(void)
{
	static char buf[4097];
	uint32_t len, ino, mode, links, lo, hi, blocks;

	EXPECT_OK("stat big.bin", fs_stat(fs(), "/samples/big.bin", 0, &ino, &mode, &links, &lo, &hi,
					  &blocks));
	EXPECT_EQ("its size", BIG_TAIL + 25, lo);
	EXPECT_TRUE("only a few blocks on the disk", blocks < 40);
	EXPECT_OK("read past the double-indirect range",
		  fs_read_at("/samples/big.bin", BIG_TAIL, buf, 100, &len));
	EXPECT_TRUE("the marker", strcmp(buf, "end of big.bin at 70 MiB\n") == 0);
	EXPECT_OK("read the hole", fs_read_at("/samples/big.bin", 1u << 20, buf, sizeof(buf), &len));
	EXPECT_EQ("a full read", 4096, len);
	for (int i = 0; i < 4096; i++)
		EXPECT_EQ("zeros", 0, buf[i]);
	EXPECT_OK("through the symbolic link",
		  fs_read_at("/samples/link-to-hello", 0, buf, sizeof(buf), &len));
	EXPECT_TRUE("hello's text", strcmp(buf, "hello, disk\n") == 0);
	EXPECT_OK("readlink", fs_readlink(fs(), "/samples/link-to-hello", buf, 256));
	EXPECT_TRUE("what it holds", strcmp(buf, "hello.txt") == 0);
	EXPECT_OK("lstat the link", fs_stat(fs(), "/samples/link-to-hello", 1, &ino, &mode, &links,
					    &lo, &hi, &blocks));
	EXPECT_EQ("a link", EXT2_S_IFLNK, mode & EXT2_S_IFMT);
	EXPECT_OK("stat the hard link", fs_stat(fs(), "/samples/hard-hello.txt", 0, &ino, &mode,
						&links, &lo, &hi, &blocks));
	EXPECT_EQ("two names", 2, links);
	EXPECT_EQ("its bits", 0444, mode & 07777);
}

static void
fs_changes_the_tree(void)
{
	static char data[10000], back[10001];
	uint32_t fd, put, len, lo, hi, ino, mode, links, blocks;

	for (int i = 0; i < (int)sizeof(data); i++)
		data[i] = (char)('A' + i % 23);
	EXPECT_OK("mkdir", fs_mkdir(fs(), "/scratch", 0755));
	EXPECT_OK("create", fs_open(fs(), "/scratch/a", EXT2_O_RDWR | EXT2_O_CREAT | EXT2_O_EXCL,
				    0644, &fd));
	for (uint32_t off = 0; off < sizeof(data); off += put) {
		uint32_t n = sizeof(data) - off < 4096 ? sizeof(data) - off : 4096;
		EXPECT_OK("write", fs_write(fs(), fd, data + off, n, &put));
		EXPECT_EQ("all of it", n, put);
	}
	EXPECT_OK("close", fs_close(fs(), fd));
	EXPECT_OK("rename", fs_rename(fs(), "/scratch/a", "/scratch/b"));
	EXPECT_ERR("the old name", ERR_NOT_FOUND,
		   fs_stat(fs(), "/scratch/a", 0, &ino, &mode, &links, &lo, &hi, &blocks));
	EXPECT_OK("read back", fs_read_at("/scratch/b", 0, back, sizeof(back), &len));
	EXPECT_EQ("length", sizeof(data), len);
	EXPECT_TRUE("bytes", memcmp(data, back, sizeof(data)) == 0);
	EXPECT_OK("link", fs_link(fs(), "/scratch/b", "/scratch/c"));
	EXPECT_OK("symlink", fs_symlink(fs(), "b", "/scratch/s"));
	EXPECT_OK("through it", fs_read_at("/scratch/s", 9990, back, sizeof(back), &len));
	EXPECT_EQ("the tail", 10, len);
	EXPECT_OK("chmod", fs_chmod(fs(), "/scratch/c", 0600));
	EXPECT_OK("truncate", fs_truncate(fs(), "/scratch/c", 100, 0));
	EXPECT_OK("stat", fs_stat(fs(), "/scratch/b", 0, &ino, &mode, &links, &lo, &hi, &blocks));
	EXPECT_EQ("size", 100, lo);
	EXPECT_EQ("links", 2, links);
	EXPECT_EQ("bits", 0600, mode & 07777);
	EXPECT_ERR("rmdir a full directory", ERR_NOT_EMPTY, fs_rmdir(fs(), "/scratch"));
	EXPECT_OK("unlink b", fs_unlink(fs(), "/scratch/b"));
	EXPECT_OK("unlink c", fs_unlink(fs(), "/scratch/c"));
	EXPECT_OK("unlink s", fs_unlink(fs(), "/scratch/s"));
	EXPECT_OK("rmdir", fs_rmdir(fs(), "/scratch"));
	/* Something to leave on the disk for e2fsck to judge. */
	EXPECT_OK("create a note", fs_open(fs(), "/home/student/note", EXT2_O_WRONLY | EXT2_O_CREAT,
					   0644, &fd));
	EXPECT_OK("write it", fs_write(fs(), fd, "written by the guest\n", 21, &put));
	EXPECT_OK("close it", fs_close(fs(), fd));
	EXPECT_OK("sync", fs_sync(fs()));
}

static void
fs_errors_users_see(void)
{
	uint32_t fd, ino, mode, links, lo, hi, blocks, n;
	char buf[16];

	EXPECT_ERR("no such file", ERR_NOT_FOUND, fs_open(fs(), "/nope", EXT2_O_RDONLY, 0, &fd));
	EXPECT_ERR("exists", ERR_EXISTS, fs_mkdir(fs(), "/etc", 0755));
	EXPECT_ERR("not empty", ERR_NOT_EMPTY, fs_rmdir(fs(), "/samples"));
	EXPECT_ERR("not a directory", ERR_NOT_DIR,
		   fs_stat(fs(), "/etc/motd/x", 0, &ino, &mode, &links, &lo, &hi, &blocks));
	EXPECT_ERR("is a directory", ERR_IS_DIR, fs_unlink(fs(), "/etc"));
	EXPECT_ERR("a directory for writing", ERR_IS_DIR, fs_open(fs(), "/etc", EXT2_O_RDWR, 0, &fd));
	EXPECT_ERR("mode 0444", ERR_DENIED,
		   fs_open(fs(), "/samples/hard-hello.txt", EXT2_O_WRONLY, 0, &fd));
	EXPECT_ERR("bad descriptor", ERR_BAD_FD, fs_read(fs(), 60, 4, buf, sizeof(buf), &n));
	EXPECT_ERR("descriptor out of range", ERR_BAD_FD, fs_close(fs(), 0xffffffffu));
	EXPECT_OK("a loop", fs_symlink(fs(), "/loop", "/loop"));
	EXPECT_ERR("too many links followed", ERR_SYMLINK_LOOP,
		   fs_open(fs(), "/loop", EXT2_O_RDONLY, 0, &fd));
	EXPECT_OK("remove it", fs_unlink(fs(), "/loop"));
	EXPECT_ERR("bad flags", ERR_BAD_ARGUMENT, fs_open(fs(), "/etc/motd", 0x7fff, 0, &fd));
	EXPECT_OK("sync", fs_sync(fs()));
}

static void
fs_server_stops(void)
{
	EXPECT_OK("sync before the end", fs_sync(fs()));
	EXPECT_OK("terminate fs", task_terminate(fs_task, 0));
	task_port_deallocate(NAME_TASK_SELF, fs_task);
	task_port_deallocate(NAME_TASK_SELF, fs_port);
	fs_task = fs_port = NAME_NULL;
}

const struct test_case fs_cases[] = {
	{ "fs_reads_files_from_the_image", fs_reads_files_from_the_image },
	{ "fs_sparse_file_and_links", fs_sparse_file_and_links },
	{ "fs_changes_the_tree", fs_changes_the_tree },
	{ "fs_errors_users_see", fs_errors_users_see },
	{ "fs_server_stops", fs_server_stops },
	{ NULL, NULL },
};
