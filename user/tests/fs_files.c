/*
 * fs_files.c - open files as ports of the filesystem server, and the
 * heavier workloads: each open is a port of its own that serves io.defs
 * and file.defs; a task's share of open files is its own (filling it
 * leaves others theirs); dropping a right closes the file; 1,000 files in
 * one directory; writers in several threads, each on its own file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "user/tests/tests.h"
#include "harbor/file_client.h"
#include "harbor/fs.h"
#include "harbor/fs_client.h"
#include "harbor/io.h"
#include "harbor/io_client.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"

#define RES(r)		((r) < 0 ? errno : ERR_OK)

static port_name_t
fs_port(void)
{
	static port_name_t fs = NAME_NULL;

	if (fs == NAME_NULL && name_lookup(NAME_BOOTSTRAP, "fs", 0, &fs) != ERR_OK)
		fs = NAME_NULL;
	return fs;
}

static void
fs_open_file_is_an_io_port(void)
{
	port_name_t f = NAME_NULL, g = NAME_NULL;
	uint32_t kind, size, len = 0, lo, hi;
	char buf[64];

	EXPECT_OK("fs_open", fs_open(fs_port(), NAME_TASK_SELF, "/etc/motd", O_RDONLY, 0, &f));
	EXPECT_OK("io_stat", io_stat(f, &kind, &size));
	EXPECT_EQ("a file", IO_KIND_FILE, kind);
	EXPECT_TRUE("its size", size > 19);
	EXPECT_OK("io_read", io_read(f, 8, buf, sizeof(buf), &len));
	EXPECT_TRUE("the first bytes", len == 8 && strncmp(buf, "Welcome ", 8) == 0);
	EXPECT_OK("a second open of the same file", fs_open(fs_port(), NAME_TASK_SELF, "/etc/motd",
							    O_RDONLY, 0, &g));
	EXPECT_TRUE("a port of its own", g != f);
	EXPECT_OK("reads from its own offset", io_read(g, 7, buf, sizeof(buf), &len));
	EXPECT_TRUE("the start again", len == 7 && strncmp(buf, "Welcome", 7) == 0);
	EXPECT_OK("seek", file_seek(f, 0, 0, SEEK_SET, &lo, &hi));
	EXPECT_OK("the other one kept its offset", io_read(g, 4, buf, sizeof(buf), &len));
	EXPECT_TRUE("bytes 7 to 10", len == 4 && strncmp(buf, " to ", 4) == 0);
	EXPECT_ERR("io_read of more than 4096 inline", ERR_BAD_ARGUMENT,
		   io_read(f, 5000, buf, sizeof(buf), &len));
	EXPECT_ERR("readdir of a file", ERR_NOT_DIR, file_readdir(f, &kind, &size, buf, sizeof(buf)));
	EXPECT_ERR("a service port is not a file", ERR_BAD_OPERATION,
		   io_read(fs_port(), 4, buf, sizeof(buf), &len));
	EXPECT_ERR("open with no task port", ERR_BAD_ARGUMENT,
		   fs_open(fs_port(), NAME_NULL, "/etc/motd", O_RDONLY, 0, &f));
	task_port_deallocate(NAME_TASK_SELF, f);
	task_port_deallocate(NAME_TASK_SELF, g);
}

static void
fs_client_share_is_its_own(void)
{
	static port_name_t files[FS_CLIENT_FILES];
	port_name_t extra = NAME_NULL;
	int opened = 0, fd;

	for (int i = 0; i < FS_CLIENT_FILES; i++)
		opened += fs_open(fs_port(), NAME_TASK_SELF, "/etc/motd", O_RDONLY, 0,
				  &files[i]) == ERR_OK;
	EXPECT_EQ("a task's share of open files", FS_CLIENT_FILES, opened);
	EXPECT_ERR("one more", ERR_NO_SPACE,
		   fs_open(fs_port(), NAME_TASK_SELF, "/etc/motd", O_RDONLY, 0, &extra));
	EXPECT_ERR("libc's open says so too", ERR_NO_SPACE, RES(open("/etc/motd", O_RDONLY)));
	/* Dropping the rights closes the files (no-senders): room again. */
	for (int i = 0; i < FS_CLIENT_FILES; i++)
		task_port_deallocate(NAME_TASK_SELF, files[i]);
	fd = open("/etc/motd", O_RDONLY);
	EXPECT_TRUE("open works again once the rights are gone", fd >= 0);
	close(fd);
	for (int round = 0; round < 3; round++) {
		opened = 0;
		for (int i = 0; i < FS_CLIENT_FILES; i++)
			opened += fs_open(fs_port(), NAME_TASK_SELF, "/etc/motd", O_RDONLY, 0,
					  &files[i]) == ERR_OK;
		EXPECT_EQ("the whole share, again and again", FS_CLIENT_FILES, opened);
		for (int i = 0; i < FS_CLIENT_FILES; i++)
			task_port_deallocate(NAME_TASK_SELF, files[i]);
	}
}

static void
fs_thousand_files_in_one_directory(void)
{
	char name[64];
	struct dirent *e;
	int made = 0, seen = 0, gone = 0;
	DIR *d;

	EXPECT_OK("mkdir /many", RES(mkdir("/many", 0755)));
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "/many/file-%04d", i);
		int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd >= 0 && write(fd, name, 15) == 15)
			made++;
		close(fd);
	}
	EXPECT_EQ("1,000 files made", 1000, made);
	d = opendir("/many");
	while (d != NULL && (e = readdir(d)) != NULL)
		seen += strncmp(e->d_name, "file-", 5) == 0;
	closedir(d);
	EXPECT_EQ("readdir sees them all", 1000, seen);
	uint32_t len;
	char buf[32];
	EXPECT_OK("read the last", fs_read_at("/many/file-0999", 0, buf, sizeof(buf), &len));
	EXPECT_TRUE("its own name", strcmp(buf, "/many/file-0999") == 0);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "/many/file-%04d", i);
		gone += unlink(name) == 0;
	}
	EXPECT_EQ("all removed", 1000, gone);
	EXPECT_OK("rmdir /many", RES(rmdir("/many")));
	sync();
}

#define WRITERS		3
#define WRITE_PIECES	48

static struct writer {
	int fd, done, ok;
	struct semaphore finished;
} writers[WRITERS];

static void
writer_run(void *arg)
{
	struct writer *w = arg;
	char piece[1000];
	int index = (int)(w - writers);

	w->ok = 1;
	for (int i = 0; i < WRITE_PIECES; i++) {
		memset(piece, 'a' + index * 5 + i % 5, sizeof(piece));
		if (write(w->fd, piece, sizeof(piece)) != (ssize_t)sizeof(piece))
			w->ok = 0;
	}
	semaphore_signal(&w->finished);
	thread_exit();
}

static void
fs_concurrent_writers_to_different_files(void)
{
	static char back[WRITE_PIECES * 1000 + 1];
	char name[32];
	int started = 0;

	for (int i = 0; i < WRITERS; i++) {
		snprintf(name, sizeof(name), "/home/student/w%d", i);
		writers[i].fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		semaphore_init(&writers[i].finished, 0, 1);
	}
	for (int i = 0; i < WRITERS; i++)
		started += writers[i].fd >= 0 && thread_start(writer_run, &writers[i]) == ERR_OK;
	EXPECT_EQ("writers started", WRITERS, started);
	for (int i = 0; i < started; i++)
		semaphore_wait(&writers[i].finished);
	for (int i = 0; i < WRITERS; i++) {
		uint32_t len, bad = 0;
		EXPECT_TRUE("every write whole", writers[i].ok);
		close(writers[i].fd);
		snprintf(name, sizeof(name), "/home/student/w%d", i);
		EXPECT_OK("read it back", fs_read_at(name, 0, back, sizeof(back), &len));
		EXPECT_EQ("its length", WRITE_PIECES * 1000, len);
		for (uint32_t j = 0; j < len; j++)
			bad += back[j] != (char)('a' + i * 5 + (j / 1000) % 5);
		EXPECT_EQ("only its own bytes, in order", 0, bad);
		EXPECT_OK("remove it", RES(unlink(name)));
	}
	sync();
}

/* fs's open files and clients, once they hold still (closes come as notifications). */
static void
fs_counts_settle(uint32_t files0, uint32_t clients0, uint32_t *files, uint32_t *clients)
{
	for (int i = 0; i < 100; i++) {
		if (fs_counts(fs_port(), files, clients) == ERR_OK && *files == files0 &&
		    *clients == clients0)
			return;
		sleep_ms(20);
	}
}

/*
 * A client gone before fs answers its open: the answer cannot go, and
 * the send right to the new file that it would have moved must be let
 * go with it, or the file stays open for ever (server_loop,
 * user/lib/server.c). The reply port dies right after the send; fs, at
 * our priority, runs only once we wait.
 */
static void
fs_open_for_a_client_gone_leaves_no_file(void)
{
	uint32_t files0, clients0, files = 0, clients = 0;

	EXPECT_OK("fs counts", fs_counts(fs_port(), &files0, &clients0));
	for (int i = 0; i < 4; i++) {
		port_name_t p = make_port();
		struct {
			struct msg_header head;
			struct msg_body body;
			struct msg_port_desc task;
			uint32_t flags, mode, path_len;
			char path[12];
		} m = { { MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE) | MSG_BITS_COMPLEX, sizeof(m),
			  fs_port(), p, FS_OPEN_ID }, { 1 }, { MSG_DESC_PORT, MSG_COPY_SEND,
			  NAME_TASK_SELF, 0 }, O_RDONLY, 0, 10, "/etc/motd" };
		EXPECT_OK("send an open", msg_send(&m.head, 0, 0));
		drop_port(p);
	}
	fs_counts_settle(files0, clients0, &files, &clients);
	EXPECT_EQ("open files", files0, files);
	EXPECT_EQ("clients with files open", clients0, clients);
}

/*
 * An open sent with no reply right: fs builds its answer whole anyway (the
 * generated dispatch does), and the send right to the new file in it must
 * go with the answer nobody takes, or the file stays open for good
 * (server_settle, user/lib/server_answer.c).
 */
static void
fs_open_with_no_reply_right_leaves_no_file(void)
{
	uint32_t files0, clients0, files = 0, clients = 0;
	struct {
		struct msg_header head;
		struct msg_body body;
		struct msg_port_desc task;
		uint32_t flags, mode, path_len;
		char path[12];
	} m = { { MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX, sizeof(m), fs_port(), NAME_NULL,
		  FS_OPEN_ID }, { 1 }, { MSG_DESC_PORT, MSG_COPY_SEND, NAME_TASK_SELF, 0 },
		O_RDONLY, 0, 10, "/etc/motd" };

	EXPECT_OK("fs counts", fs_counts(fs_port(), &files0, &clients0));
	for (int i = 0; i < 4; i++)
		EXPECT_OK("send an open, one way", msg_send(&m.head, 0, 0));
	fs_counts_settle(files0, clients0, &files, &clients);
	EXPECT_EQ("open files", files0, files);
	EXPECT_EQ("clients with files open", clients0, clients);
}

const struct test_case fs_files_cases[] = {
	{ "fs_open_file_is_an_io_port", fs_open_file_is_an_io_port },
	{ "fs_client_share_is_its_own", fs_client_share_is_its_own },
	{ "fs_thousand_files_in_one_directory", fs_thousand_files_in_one_directory },
	{ "fs_concurrent_writers_to_different_files", fs_concurrent_writers_to_different_files },
	{ "fs_open_for_a_client_gone_leaves_no_file", fs_open_for_a_client_gone_leaves_no_file },
	{ "fs_open_with_no_reply_right_leaves_no_file", fs_open_with_no_reply_right_leaves_no_file },
	{ NULL, NULL },
};
