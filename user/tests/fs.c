/*
 * fs.c - the filesystem server (servers/fs), started by init at boot and
 * found as "fs", on the test disk made by mke2fs -d from
 * tools/disk/stage.sh's tree, through the C library: open, read, write,
 * lseek, stat, directories, links, and the errors users see. The
 * suite syncs at the end; after the boot tests/qemu/run.sh runs
 * e2fsck -fn on the disk (guest_disk_fsck_clean), which judges what fs
 * wrote. fs_files.c has open files as ports and the heavier workloads.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "user/tests/tests.h"

#define BIG_TAIL	73400320u	/* where stage.sh wrote big.bin's marker: 70 MiB */

/* ERR_OK, or errno after a call that returned r < 0. */
#define RES(r)		((r) < 0 ? errno : ERR_OK)

/* Read up to cap - 1 bytes of path into buf (NUL-terminated), from offset at. */
int
fs_read_at(const char *path, uint32_t at, char *buf, uint32_t cap, uint32_t *len)
{
	int fd = open(path, O_RDONLY), err = ERR_OK;
	uint32_t n = 0;

	*len = 0;
	if (fd < 0)
		return errno;
	if (lseek(fd, at, SEEK_SET) != (long long)at)
		err = errno;
	while (err == ERR_OK && n < cap - 1) {
		ssize_t got = read(fd, buf + n, cap - 1 - n);
		if (got < 0)
			err = errno;
		if (got <= 0)
			break;
		n += (uint32_t)got;
	}
	buf[n] = 0;
	*len = n;
	close(fd);
	return err;
}

static void
fs_reads_files_from_the_image(void)
{
	static char buf[8192];
	struct stat st;
	struct dirent *e;
	uint32_t len;
	DIR *d;
	int n = 0, seen_init = 0, seen_fs = 0;

	EXPECT_OK("read /etc/motd", fs_read_at("/etc/motd", 0, buf, sizeof(buf), &len));
	EXPECT_TRUE("motd's first line", strncmp(buf, "Welcome to Harbor.\n", 19) == 0);
	EXPECT_OK("read a file four directories down",
		  fs_read_at("/samples/deep/er/still/leaf.txt", 0, buf, sizeof(buf), &len));
	EXPECT_TRUE("its text", strcmp(buf, "found me\n") == 0);
	EXPECT_OK("stat /bin/init", RES(stat("/bin/init", &st)));
	EXPECT_TRUE("a regular file", S_ISREG(st.st_mode));
	EXPECT_TRUE("an ELF's size", st.st_size > 1000);
	EXPECT_OK("read /bin/init's start", fs_read_at("/bin/init", 0, buf, 5, &len));
	EXPECT_TRUE("the ELF magic", buf[0] == 0x7f && buf[1] == 'E' && buf[2] == 'L' && buf[3] == 'F');
	EXPECT_OK("read medium.txt whole, out of line",
		  fs_read_at("/samples/medium.txt", 0, buf, sizeof(buf), &len));
	EXPECT_EQ("8 KiB at once", sizeof(buf) - 1, len);
	EXPECT_TRUE("its lines", strncmp(buf + 32 * 100, "line 000100 of medium.txt", 25) == 0);
	d = opendir("/bin");
	EXPECT_TRUE("opendir /bin", d != NULL);
	while (d != NULL && (e = readdir(d)) != NULL) {
		n++;
		seen_init |= strcmp(e->d_name, "init") == 0;
		seen_fs |= strcmp(e->d_name, "fs") == 0 && e->d_type == DT_REG;
	}
	EXPECT_OK("closedir", RES(closedir(d)));
	EXPECT_TRUE("/bin has init", seen_init);
	EXPECT_TRUE("/bin has fs, a regular file", seen_fs);
	EXPECT_TRUE("and more", n > 10);
}

static void
fs_sparse_file_and_links(void)
{
	static char buf[4097];
	struct stat st;
	uint32_t len;

	EXPECT_OK("stat big.bin", RES(stat("/samples/big.bin", &st)));
	EXPECT_EQ("its size", BIG_TAIL + 25, (uint32_t)st.st_size);
	EXPECT_TRUE("only a few blocks on the disk", st.st_blocks < 40);
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
	EXPECT_EQ("readlink", 9, (int)readlink("/samples/link-to-hello", buf, 256));
	EXPECT_TRUE("what it holds", strncmp(buf, "hello.txt", 9) == 0);
	EXPECT_OK("lstat the link", RES(lstat("/samples/link-to-hello", &st)));
	EXPECT_TRUE("a link", S_ISLNK(st.st_mode));
	EXPECT_OK("stat the hard link", RES(stat("/samples/hard-hello.txt", &st)));
	EXPECT_EQ("two names", 2, st.st_nlink);
	EXPECT_EQ("its bits", 0444, st.st_mode & 07777);
}

static void
fs_changes_the_tree(void)
{
	static char data[10000], back[10001];
	struct stat st;
	uint32_t len;
	int fd;

	for (int i = 0; i < (int)sizeof(data); i++)
		data[i] = (char)('A' + i % 23);
	EXPECT_OK("mkdir", RES(mkdir("/scratch", 0755)));
	fd = open("/scratch/a", O_RDWR | O_CREAT | O_EXCL, 0644);
	EXPECT_TRUE("create", fd >= 0);
	EXPECT_EQ("write 10000 bytes (out of line)", sizeof(data), write(fd, data, sizeof(data)));
	EXPECT_EQ("lseek to 5", 5, (int)lseek(fd, 5, SEEK_SET));
	EXPECT_EQ("read at 5", 3, read(fd, back, 3));
	EXPECT_TRUE("the bytes at 5", memcmp(back, data + 5, 3) == 0);
	EXPECT_EQ("lseek from the end", 9990, (int)lseek(fd, -10, SEEK_END));
	EXPECT_EQ("lseek from here", 9995, (int)lseek(fd, 5, SEEK_CUR));
	EXPECT_OK("fstat", RES(fstat(fd, &st)));
	EXPECT_EQ("fstat's size", sizeof(data), (uint32_t)st.st_size);
	EXPECT_TRUE("a file", S_ISREG(st.st_mode));
	EXPECT_OK("close", RES(close(fd)));
	EXPECT_OK("rename", RES(rename("/scratch/a", "/scratch/b")));
	EXPECT_ERR("the old name", ERR_NOT_FOUND, RES(stat("/scratch/a", &st)));
	EXPECT_OK("read back", fs_read_at("/scratch/b", 0, back, sizeof(back), &len));
	EXPECT_EQ("length", sizeof(data), len);
	EXPECT_TRUE("bytes", memcmp(data, back, sizeof(data)) == 0);
	EXPECT_OK("link", RES(link("/scratch/b", "/scratch/c")));
	EXPECT_OK("symlink", RES(symlink("b", "/scratch/s")));
	EXPECT_OK("through it", fs_read_at("/scratch/s", 9990, back, sizeof(back), &len));
	EXPECT_EQ("the tail", 10, len);
	EXPECT_OK("chmod", RES(chmod("/scratch/c", 0600)));
	fd = open("/scratch/c", O_WRONLY | O_TRUNC);
	EXPECT_TRUE("open with O_TRUNC", fd >= 0);
	EXPECT_EQ("write 100", 100, write(fd, data, 100));
	close(fd);
	fd = open("/scratch/c", O_WRONLY | O_APPEND);
	EXPECT_EQ("lseek to 0", 0, (int)lseek(fd, 0, SEEK_SET));
	EXPECT_EQ("append 5", 5, write(fd, "tail!", 5));
	close(fd);
	EXPECT_OK("stat", RES(stat("/scratch/b", &st)));
	EXPECT_EQ("size: truncated, then appended to", 105, (uint32_t)st.st_size);
	EXPECT_EQ("links", 2, st.st_nlink);
	EXPECT_EQ("bits", 0600, st.st_mode & 07777);
	EXPECT_OK("appended at the end", fs_read_at("/scratch/b", 100, back, sizeof(back), &len));
	EXPECT_TRUE("tail!", strcmp(back, "tail!") == 0);
	EXPECT_ERR("rmdir a full directory", ERR_NOT_EMPTY, RES(rmdir("/scratch")));
	EXPECT_OK("chdir", RES(chdir("/scratch/../scratch/.")));
	EXPECT_TRUE("getcwd", getcwd(back, sizeof(back)) != NULL && strcmp(back, "/scratch") == 0);
	EXPECT_OK("a relative stat", RES(stat("b", &st)));
	EXPECT_OK("unlink b, relative", RES(unlink("b")));
	EXPECT_OK("chdir ..", RES(chdir("..")));
	EXPECT_TRUE("getcwd /", getcwd(back, sizeof(back)) != NULL && strcmp(back, "/") == 0);
	EXPECT_ERR("getcwd: too small", ERR_RANGE, getcwd(back, 1) == NULL ? errno : ERR_OK);
	EXPECT_OK("unlink c", RES(unlink("/scratch/c")));
	EXPECT_OK("unlink s", RES(unlink("scratch/s")));
	EXPECT_OK("rmdir", RES(rmdir("/scratch")));
	/* Something to leave on the disk for e2fsck to judge. */
	fd = open("/home/student/note", O_WRONLY | O_CREAT, 0644);
	EXPECT_TRUE("create a note", fd >= 0);
	EXPECT_EQ("write it", 21, write(fd, "written by the guest\n", 21));
	EXPECT_OK("close it", RES(close(fd)));
	sync();
}

static void
fs_errors_users_see(void)
{
	struct stat st;
	char buf[16];
	int fd;

	EXPECT_ERR("no such file", ERR_NOT_FOUND, RES(open("/nope", O_RDONLY)));
	EXPECT_ERR("exists", ERR_EXISTS, RES(mkdir("/etc", 0755)));
	EXPECT_ERR("exclusive create of an existing file", ERR_EXISTS,
		   RES(open("/etc/motd", O_WRONLY | O_CREAT | O_EXCL, 0644)));
	EXPECT_ERR("not empty", ERR_NOT_EMPTY, RES(rmdir("/samples")));
	EXPECT_ERR("not a directory", ERR_NOT_DIR, RES(stat("/etc/motd/x", &st)));
	EXPECT_ERR("chdir to a file", ERR_NOT_DIR, RES(chdir("/etc/motd")));
	EXPECT_ERR("opendir of a file", ERR_NOT_DIR, opendir("/etc/motd") ? ERR_OK : errno);
	EXPECT_ERR("rmdir of a file", ERR_NOT_DIR, RES(rmdir("/etc/motd")));
	EXPECT_ERR("is a directory", ERR_IS_DIR, RES(unlink("/etc")));
	EXPECT_ERR("a directory for writing", ERR_IS_DIR, RES(open("/etc", O_RDWR)));
	EXPECT_ERR("mode 0444", ERR_DENIED, RES(open("/samples/hard-hello.txt", O_WRONLY)));
	EXPECT_ERR("a name too long", ERR_NAME_TOO_LONG,
		   RES(open("/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaa", O_RDONLY)));
	EXPECT_ERR("a hard link to a directory", ERR_IS_DIR, RES(link("/etc", "/etc2")));
	EXPECT_ERR("readlink of a file", ERR_BAD_ARGUMENT, RES(readlink("/etc/motd", buf, 16)));
	EXPECT_ERR("an empty path", ERR_BAD_ARGUMENT, RES(open("", O_RDONLY)));
	EXPECT_ERR("read a closed descriptor", ERR_BAD_FD, RES(read(30, buf, 4)));
	EXPECT_ERR("lseek a closed descriptor", ERR_BAD_FD, RES((int)lseek(30, 0, SEEK_SET)));
	fd = open("/etc/motd", O_RDONLY);
	EXPECT_ERR("write a file open for reading", ERR_BAD_FD, RES(write(fd, "x", 1)));
	EXPECT_ERR("lseek before the start", ERR_BAD_ARGUMENT, RES((int)lseek(fd, -1, SEEK_SET)));
	EXPECT_ERR("a bad whence", ERR_BAD_ARGUMENT, RES((int)lseek(fd, 0, 7)));
	close(fd);
	fd = open("/etc", O_RDONLY);
	EXPECT_ERR("read a directory", ERR_IS_DIR, RES(read(fd, buf, 4)));
	close(fd);
	EXPECT_OK("a loop", RES(symlink("/loop", "/loop")));
	EXPECT_ERR("too many links followed", ERR_SYMLINK_LOOP, RES(open("/loop", O_RDONLY)));
	EXPECT_OK("remove it", RES(unlink("/loop")));
	EXPECT_ERR("bad flags", ERR_BAD_ARGUMENT, RES(open("/etc/motd", 0x7fff)));
	EXPECT_ERR("rename into itself", ERR_BAD_ARGUMENT, RES(rename("/samples", "/samples/deep/x")));
	EXPECT_ERR("rename of nothing", ERR_NOT_FOUND, RES(rename("/nope", "/nope2")));
	EXPECT_ERR("rmdir of nothing", ERR_NOT_FOUND, RES(rmdir("/nope")));
	EXPECT_ERR("unlink of nothing", ERR_NOT_FOUND, RES(unlink("/nope")));
	EXPECT_ERR("mkdir without a parent", ERR_NOT_FOUND, RES(mkdir("/nope/x", 0755)));
	EXPECT_ERR("symlink over a name", ERR_EXISTS, RES(symlink("x", "/etc/motd")));
	EXPECT_ERR("strerror says so", 0, strcmp(strerror(ERR_NOT_EMPTY), strerror(ERR_EXISTS)) == 0);
	sync();
}

const struct test_case fs_cases[] = {
	{ "fs_reads_files_from_the_image", fs_reads_files_from_the_image },
	{ "fs_sparse_file_and_links", fs_sparse_file_and_links },
	{ "fs_changes_the_tree", fs_changes_the_tree },
	{ "fs_errors_users_see", fs_errors_users_see },
	{ NULL, NULL },
};
