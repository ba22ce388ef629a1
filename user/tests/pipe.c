/*
 * pipe.c - the pipe server's cases (servers/pipe, pipe.defs) and libc's
 * pipe().
 *
 * Most cases make a pipe with pipe_create and install its ends as
 * descriptors 10 and up (the suite prints through descriptor 1 falling
 * back to the debug line, so pipe(), which takes the lowest free ones,
 * gets a case of its own that prints nothing while it holds them). A
 * case sees that a request waits in the server through pipe stats
 * (parked), never through timing. The cases between processes start
 * tchild's pipe_* modes (user/tchild/pipe.c) through the suite's own proc
 * with pipe ends as their standard ports; they answer through their exit
 * status.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "user/tests/tests.h"
#include "harbor/console_client.h"
#include "harbor/host_client.h"
#include "harbor/io.h"
#include "harbor/io_client.h"
#include "harbor/name_client.h"
#include "harbor/pipe.h"
#include "harbor/pipe_client.h"
#include "harbor/proc.h"
#include "harbor/sync.h"
#include "harbor/task_client.h"

#define RFD	10	/* where the cases put a pipe's read end */
#define WFD	11	/* and its write end */

static port_name_t pipe_srv;
static char big[3 * PIPE_BUFFER_SIZE];
static char back[3 * PIPE_BUFFER_SIZE];

/* A send right to the pipe server (looked up once). */
static port_name_t
server(void)
{
	if (pipe_srv == NAME_NULL)
		name_lookup(NAME_BOOTSTRAP, "pipe", 1000, &pipe_srv);
	return pipe_srv;
}

/* A new pipe as descriptors RFD and WFD. */
static int
make_pipe(void)
{
	port_name_t r = NAME_NULL, w = NAME_NULL;
	int err = pipe_create(server(), &r, &w);

	if (err == ERR_OK) {
		fd_install(RFD, r);
		fd_install(WFD, w);
	}
	return err;
}

/* How many requests the server keeps waiting. */
static uint32_t
parked(void)
{
	uint32_t pipes = 0, ends = 0, n = 0;

	pipe_stats(server(), &pipes, &ends, &n);
	return n;
}

static void
fill(char *buf, uint32_t n, uint32_t from)
{
	for (uint32_t i = 0; i < n; i++)
		buf[i] = (char)('a' + (from + i) % 26);
}

/* A thread's one read or write, and what it returned. */
static struct {
	struct semaphore done;
	int fd;
	uint32_t len;
	ssize_t got;
	int err;
} job;

static void
job_read(void *arg)
{
	job.got = read(job.fd, back, job.len);
	job.err = errno;
	semaphore_signal(&job.done);
}

static void
job_write(void *arg)
{
	job.got = write(job.fd, big, job.len);
	job.err = errno;
	semaphore_signal(&job.done);
}

/* Start fn in a thread on fd for len bytes. */
static int
job_start(void (*fn)(void *), int fd, uint32_t len)
{
	int err = semaphore_init(&job.done, 0, 1);

	job.fd = fd;
	job.len = len;
	job.got = -100;
	return err == ERR_OK ? thread_start(fn, NULL) : err;
}

static void
pipe_bytes_come_out_in_order(void)
{
	ssize_t got;

	EXPECT_OK("create", make_pipe());
	fill(big, 5000, 0);
	EXPECT_EQ("write 5000", 5000, write(WFD, big, 5000));
	EXPECT_EQ("write 100 more", 100, write(WFD, big + 5000, 100));
	got = read(RFD, back, 3000);
	EXPECT_EQ("read 3000", 3000, got);
	got = read(RFD, back + 3000, 4096);
	EXPECT_EQ("read the rest", 2100, got);
	EXPECT_EQ("the bytes", 0, memcmp(big, back, 5100));
	EXPECT_EQ("stat: a pipe", 0, close(WFD));
	EXPECT_EQ("the end", 0, read(RFD, back, 10));
	close(RFD);
}

static void
pipe_read_waits_for_a_writer(void)
{
	uint32_t before = parked();

	EXPECT_OK("create", make_pipe());
	EXPECT_OK("a reader thread", job_start(job_read, RFD, 100));
	WAIT_UNTIL(parked() == before + 1);
	EXPECT_EQ("its read waits in the server", before + 1, parked());
	EXPECT_EQ("nothing read yet", -100, job.got);
	fill(big, 3, 0);
	EXPECT_EQ("write", 3, write(WFD, big, 3));
	EXPECT_OK("the reader is answered", semaphore_timedwait(&job.done, 10000));
	EXPECT_EQ("it read what was written", 3, job.got);
	EXPECT_EQ("the bytes", 0, memcmp(back, "abc", 3));
	close(WFD);
	close(RFD);
}

static void
pipe_write_waits_for_room(void)
{
	uint32_t before = parked(), kind = 0, size = 0;

	EXPECT_OK("create", make_pipe());
	fill(big, sizeof(big), 0);
	EXPECT_EQ("fill the pipe", (ssize_t)PIPE_BUFFER_SIZE, write(WFD, big, PIPE_BUFFER_SIZE));
	EXPECT_OK("stat", io_stat(fd_port(RFD), &kind, &size));
	EXPECT_EQ("a pipe", IO_KIND_PIPE, kind);
	EXPECT_EQ("holding its size", PIPE_BUFFER_SIZE, size);
	EXPECT_OK("a writer thread", job_start(job_write, WFD, 100));
	WAIT_UNTIL(parked() == before + 1);
	EXPECT_EQ("its write waits in the server", before + 1, parked());
	EXPECT_EQ("read 4096", 4096, read(RFD, back, 4096));
	EXPECT_OK("the writer is answered", semaphore_timedwait(&job.done, 10000));
	EXPECT_EQ("all of it written", 100, job.got);
	EXPECT_EQ("read the rest", 4096, read(RFD, back + 4096, 4096));
	EXPECT_EQ("and its 100", 100, read(RFD, back + 8192, 4096));
	EXPECT_EQ("the first bytes in order", 0, memcmp(big, back, PIPE_BUFFER_SIZE));
	EXPECT_EQ("the thread's bytes after them", 0, memcmp(big, back + 8192, 100));
	close(WFD);
	close(RFD);
}

static void
pipe_end_of_file_when_the_writer_closes(void)
{
	uint32_t before = parked();

	EXPECT_OK("create", make_pipe());
	EXPECT_EQ("write", 3, write(WFD, "xyz", 3));
	EXPECT_EQ("close the write end", 0, close(WFD));
	EXPECT_EQ("what was written is still read", 3, read(RFD, back, 100));
	EXPECT_EQ("then the end", 0, read(RFD, back, 100));
	EXPECT_EQ("out of line too", 0, read(RFD, back, 10000));
	close(RFD);
	/* A reader waiting when the last writer goes hears the end. */
	EXPECT_OK("create", make_pipe());
	EXPECT_OK("a reader thread", job_start(job_read, RFD, 100));
	WAIT_UNTIL(parked() == before + 1);
	EXPECT_EQ("its read waits", before + 1, parked());
	close(WFD);
	EXPECT_OK("the reader is answered", semaphore_timedwait(&job.done, 10000));
	EXPECT_EQ("with the end", 0, job.got);
	close(RFD);
}

static void
pipe_write_without_reader_is_told(void)
{
	uint32_t before = parked();

	EXPECT_OK("create", make_pipe());
	close(RFD);
	EXPECT_EQ("write fails", -1, write(WFD, "x", 1));
	EXPECT_ERR("broken pipe", ERR_PIPE_CLOSED, errno);
	EXPECT_EQ("its message", 0, strcmp(strerror(ERR_PIPE_CLOSED),
					    "broken pipe: no reader is left"));
	EXPECT_EQ("out of line too", -1, write(WFD, big, 10000));
	EXPECT_ERR("broken pipe", ERR_PIPE_CLOSED, errno);
	close(WFD);
	/* A writer waiting for room when the last reader goes is told too. */
	EXPECT_OK("create", make_pipe());
	EXPECT_EQ("fill the pipe", (ssize_t)PIPE_BUFFER_SIZE, write(WFD, big, PIPE_BUFFER_SIZE));
	EXPECT_OK("a writer thread", job_start(job_write, WFD, 10));
	WAIT_UNTIL(parked() == before + 1);
	EXPECT_EQ("its write waits", before + 1, parked());
	close(RFD);
	EXPECT_OK("the writer is answered", semaphore_timedwait(&job.done, 10000));
	EXPECT_EQ("with a failure", -1, job.got);
	EXPECT_ERR("broken pipe", ERR_PIPE_CLOSED, job.err);
	close(WFD);
}

static void
pipe_wrong_end_and_garbage_are_refused(void)
{
	struct msg_header junk = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(junk),
				   .id = 7401 };
	uint32_t pipes = 0, ends = 0, n = 0;

	EXPECT_OK("create", make_pipe());
	EXPECT_EQ("read the write end", -1, read(WFD, back, 1));
	EXPECT_ERR("not open for that", ERR_BAD_FD, errno);
	EXPECT_EQ("write the read end", -1, write(RFD, "x", 1));
	EXPECT_ERR("not open for that", ERR_BAD_FD, errno);
	EXPECT_ERR("a bad fifo mode", ERR_BAD_ARGUMENT,
		   pipe_fifo_open(server(), 1, 3, &(port_name_t){ 0 }));
	junk.dest = server();
	EXPECT_OK("a request too short", msg_send(&junk, 0, 0));
	junk.dest = fd_port(RFD);
	junk.id = 3101;
	EXPECT_OK("a write too short", msg_send(&junk, 0, 0));
	EXPECT_OK("the server still answers", pipe_stats(server(), &pipes, &ends, &n));
	EXPECT_EQ("and the pipe works", 1, write(WFD, "x", 1));
	close(WFD);
	close(RFD);
}

static void
pipe_fifo_by_key(void)
{
	port_name_t r = NAME_NULL, w = NAME_NULL, r2 = NAME_NULL;
	uint32_t before = parked(), got = 0;
	char buf[8];

	/* A reader that comes first waits for a writer, not for the end. */
	EXPECT_OK("open to read", pipe_fifo_open(server(), 4242, PIPE_FIFO_READ, &r));
	fd_install(RFD, r);
	EXPECT_OK("a reader thread", job_start(job_read, RFD, 100));
	WAIT_UNTIL(parked() == before + 1);
	EXPECT_EQ("its read waits", before + 1, parked());
	EXPECT_OK("open to write", pipe_fifo_open(server(), 4242, PIPE_FIFO_WRITE, &w));
	fd_install(WFD, w);
	EXPECT_EQ("write", 2, write(WFD, "hi", 2));
	EXPECT_OK("the reader is answered", semaphore_timedwait(&job.done, 10000));
	EXPECT_EQ("with the bytes", 2, job.got);
	/* Another open of the key is the same pipe; another key is not. */
	EXPECT_OK("a second reader", pipe_fifo_open(server(), 4242, PIPE_FIFO_READ, &r2));
	EXPECT_EQ("write", 2, write(WFD, "yo", 2));
	EXPECT_OK("it reads the same pipe", io_read(r2, 8, buf, sizeof(buf), &got));
	EXPECT_EQ("two bytes", 2, got);
	task_port_deallocate(NAME_TASK_SELF, r2);
	close(WFD);
	EXPECT_EQ("the last writer gone: the end", 0, read(RFD, back, 10));
	close(RFD);
}

static void
pipe_libc_pipe_takes_the_lowest_descriptors(void)
{
	int fds[2] = { -1, -1 }, rc, closed;
	ssize_t wrote, got;
	char buf[8] = "";

	/* The suite has no descriptors 0-2: pipe() takes 0 and 1, so nothing
	 * may print until both are closed again. */
	rc = pipe(fds);
	wrote = write(fds[1], "pipe", 4);
	got = read(fds[0], buf, sizeof(buf));
	closed = rc == 0 ? close(fds[0]) + close(fds[1]) : 0;
	EXPECT_EQ("pipe", 0, rc);
	EXPECT_EQ("read end", 0, fds[0]);
	EXPECT_EQ("write end", 1, fds[1]);
	EXPECT_EQ("write", 4, wrote);
	EXPECT_EQ("read", 4, got);
	EXPECT_EQ("the bytes", 0, memcmp(buf, "pipe", 4));
	EXPECT_EQ("close both", 0, closed);
}

/*
 * Two processes meet through a named pipe, by path: mkfifo makes the node
 * in ext2, our open of it (fs) answers with the read end of the pipe
 * server's named pipe, a tchild's open (its own libc, its own request to
 * fs) with the write end of the same pipe; its 20,000 bytes come out here
 * in order, then the end when it exits.
 */
static void
pipe_fifo_two_processes_meet_by_path(void)
{
	static const char path[] = "/home/student/fifo";
	static char buf[4096];
	port_name_t writer = NAME_NULL;
	struct stat st;
	int fd, err, total = 0, wrong = 0;
	ssize_t got = 0;

	unlink(path);		/* a run before this one stopped half-way */
	EXPECT_EQ("mkfifo", 0, mkfifo(path, 0600));
	EXPECT_EQ("mkfifo again", -1, mkfifo(path, 0600));
	EXPECT_ERR("is refused", ERR_EXISTS, errno);
	EXPECT_EQ("stat", 0, stat(path, &st));
	EXPECT_TRUE("stat says a FIFO", S_ISFIFO(st.st_mode));
	EXPECT_EQ("its bits", 0600, st.st_mode & 07777);
	EXPECT_EQ("O_RDWR", -1, open(path, O_RDWR));
	EXPECT_ERR("is refused", ERR_BAD_ARGUMENT, errno);
	fd = open(path, O_RDONLY);
	EXPECT_TRUE("open to read", fd >= 0);
	err = host_module_spawn(NAME_HOST, "tchild pipe_fifo_write /home/student/fifo 20000",
				NAME_BOOTSTRAP, NAME_NULL, 0, &writer);
	/* Until the writer opens, a read waits (a FIFO that never had a writer). */
	while (err == ERR_OK && (got = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < got; i++)
			wrong += buf[i] != (char)('a' + (total + i) % 26);
		total += got;
	}
	close(fd);
	if (writer != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, writer);
	EXPECT_OK("start the writer", err);
	EXPECT_EQ("the end", 0, got);
	EXPECT_EQ("bytes through the FIFO", 20000, total);
	EXPECT_EQ("bytes out of order", 0, wrong);
	EXPECT_EQ("unlink", 0, unlink(path));
	sync();		/* else fs's periodic sync writes under later cases' object counts */
	EXPECT_EQ("gone", -1, stat(path, &st));
}

/* Start words with the given standard input and output (NAME_NULL: none). */
static int
start(const char *const words[], port_name_t in, port_name_t out, int32_t *pid)
{
	port_name_t std[3] = { in, out, NAME_NULL };

	return tests_proc_spawn(words, std, pid);
}

static void
pipe_three_processes_in_a_chain(void)
{
	static const char *const wr[] = { "tchild", "pipe_write", "20000", NULL };
	static const char *const cat[] = { "tchild", "pipe_cat", NULL };
	static const char *const count[] = { "tchild", "pipe_count", NULL };
	port_name_t r1, w1, r2, w2;
	int32_t p1, p2, p3, status;
	uint32_t how;

	EXPECT_OK("first pipe", pipe_create(server(), &r1, &w1));
	EXPECT_OK("second pipe", pipe_create(server(), &r2, &w2));
	EXPECT_OK("start the writer", start(wr, NAME_NULL, w1, &p1));
	EXPECT_OK("start cat", start(cat, r1, w2, &p2));
	EXPECT_OK("start the counter", start(count, r2, NAME_NULL, &p3));
	/* Only the children hold the ends now: the ends close as they exit. */
	task_port_deallocate(NAME_TASK_SELF, r1);
	task_port_deallocate(NAME_TASK_SELF, w1);
	task_port_deallocate(NAME_TASK_SELF, r2);
	task_port_deallocate(NAME_TASK_SELF, w2);
	EXPECT_OK("wait for the counter", tests_proc_wait(p3, &status, &how));
	EXPECT_EQ("it exited", PROC_EXITED, how);
	EXPECT_EQ("it counted every byte, in order", 20000, status);
	EXPECT_OK("wait for cat", tests_proc_wait(p2, &status, &how));
	EXPECT_EQ("cat saw the end", 0, status);
	EXPECT_OK("wait for the writer", tests_proc_wait(p1, &status, &how));
	EXPECT_EQ("the writer wrote all", 0, status);
}

static void
pipe_long_writes_go_out_of_line(void)
{
	static const char *const wr[] = { "tchild", "pipe_write", "100000", "whole", NULL };
	static const char *const count[] = { "tchild", "pipe_count", NULL };
	port_name_t r, w;
	int32_t p1, p2, status;
	uint32_t how;

	EXPECT_OK("pipe", pipe_create(server(), &r, &w));
	EXPECT_OK("start the writer", start(wr, NAME_NULL, w, &p1));
	EXPECT_OK("start the counter", start(count, r, NAME_NULL, &p2));
	task_port_deallocate(NAME_TASK_SELF, r);
	task_port_deallocate(NAME_TASK_SELF, w);
	EXPECT_OK("wait for the counter", tests_proc_wait(p2, &status, &how));
	EXPECT_EQ("every byte of one 100000-byte write, in order", 100000, status);
	EXPECT_OK("wait for the writer", tests_proc_wait(p1, &status, &how));
	EXPECT_EQ("the writer's one write took it all", 0, status);
}

static void
pipe_reader_in_another_process_ends_writer_told(void)
{
	static const char *const wr[] = { "tchild", "pipe_write", "50000", NULL };
	static const char *const once[] = { "tchild", "pipe_read_once", NULL };
	port_name_t r, w;
	int32_t p1, p2, status;
	uint32_t how;

	EXPECT_OK("pipe", pipe_create(server(), &r, &w));
	EXPECT_OK("start the writer", start(wr, NAME_NULL, w, &p1));
	EXPECT_OK("start a reader that reads once", start(once, r, NAME_NULL, &p2));
	task_port_deallocate(NAME_TASK_SELF, r);
	task_port_deallocate(NAME_TASK_SELF, w);
	EXPECT_OK("wait for the reader", tests_proc_wait(p2, &status, &how));
	EXPECT_EQ("it read and left", 0, status);
	EXPECT_OK("wait for the writer", tests_proc_wait(p1, &status, &how));
	EXPECT_EQ("the writer is told, not killed", PROC_EXITED, how);
	EXPECT_EQ("its write failed: broken pipe", 100 + ERR_PIPE_CLOSED, status);
}

static void
pipe_dead_reader_takes_no_data(void)
{
	static const char *const once[] = { "tchild", "pipe_read_once", NULL };
	uint32_t before = parked();
	int32_t pid, status;
	uint32_t how;

	EXPECT_OK("create", make_pipe());
	EXPECT_OK("start a reader", start(once, fd_port(RFD), NAME_NULL, &pid));
	WAIT_UNTIL(parked() == before + 1);
	EXPECT_EQ("its read waits in the server", before + 1, parked());
	EXPECT_OK("kill it mid-request", tests_proc_kill(pid));
	EXPECT_OK("reap it", tests_proc_wait(pid, &status, &how));
	EXPECT_EQ("killed", PROC_KILLED, how);
	EXPECT_EQ("write", 4, write(WFD, "data", 4));
	/* In a thread, so that bytes lost to the dead reader are a FAIL,
	 * not a hang (closing the write end ends the thread's wait). */
	EXPECT_OK("a living reader", job_start(job_read, RFD, 100));
	if (semaphore_timedwait(&job.done, 10000) != ERR_OK) {
		close(WFD);
		semaphore_wait(&job.done);
	}
	EXPECT_EQ("the living reader gets it all", 4, job.got);
	EXPECT_EQ("the bytes", 0, memcmp(back, "data", 4));
	EXPECT_EQ("the dead one's request is gone", before, parked());
	close(WFD);
	close(RFD);
}

/* A read of 8 bytes to dest, its answer through a plain send right to reply. */
static int
send_read_answered_to(port_name_t dest, port_name_t reply)
{
	struct {
		struct msg_header head;
		uint32_t count;
	} m = { { MSG_BITS(MSG_COPY_SEND, MSG_COPY_SEND), sizeof(m), dest, reply, IO_READ_ID }, 8 };

	return msg_send(&m.head, 0, 0);
}

/*
 * A read that must wait, whose reply right is a send right to an end of
 * the server's own (the end it came to, or the pipe's other end): kept,
 * it would keep that end open for good, and the pipe with it, after its
 * client let go of everything (the server fuzzer left pipes so). Such a
 * request is not kept.
 */
static void
pipe_kept_request_cannot_hold_an_end_open(void)
{
	uint32_t pipes0, ends0, parked0, pipes = 0, ends = 0, n = 0;
	port_name_t r = NAME_NULL, w = NAME_NULL;

	/* The earlier cases' ends close a moment after their last rights go. */
	WAIT_UNTIL(pipe_stats(server(), &pipes0, &ends0, &parked0) == ERR_OK && pipes0 == 0);
	EXPECT_OK("stats", pipe_stats(server(), &pipes0, &ends0, &parked0));
	/* A named pipe no one writes to: its reads wait for a first writer. */
	EXPECT_OK("a FIFO's read end", pipe_fifo_open(server(), 0x7e570001u, PIPE_FIFO_READ, &r));
	EXPECT_OK("a read answered to its own end", send_read_answered_to(r, r));
	task_port_deallocate(NAME_TASK_SELF, r);
	EXPECT_OK("create", pipe_create(server(), &r, &w));
	EXPECT_OK("a read answered to the write end", send_read_answered_to(r, w));
	task_port_deallocate(NAME_TASK_SELF, r);
	task_port_deallocate(NAME_TASK_SELF, w);
	WAIT_UNTIL(pipe_stats(server(), &pipes, &ends, &n) == ERR_OK && pipes == pipes0 &&
		   ends == ends0 && n == parked0);
	EXPECT_EQ("pipes", pipes0, pipes);
	EXPECT_EQ("ends", ends0, ends);
	EXPECT_EQ("kept requests", parked0, n);
}

/*
 * The same across two servers: a console read (its session is not the
 * foreground) answered to a pipe's write end, and a read of that pipe
 * answered to the session. Kept, each holds the other's port open, and
 * neither ever closes once the client lets go (the server fuzzer tied
 * the two servers up so). Only a send-once reply right, which a client
 * can make only for ports it receives from, keeps a request
 * (harbor/defer.h).
 */
static void
pipe_kept_requests_cannot_hold_each_other(void)
{
	uint32_t pipes0, ends0, parked0, pipes = 0, ends = 0, n = 0;
	port_name_t r = NAME_NULL, w = NAME_NULL, con = NAME_NULL, s = NAME_NULL;
	struct counts base, now;

	WAIT_UNTIL(pipe_stats(server(), &pipes0, &ends0, &parked0) == ERR_OK && pipes0 == 0);
	EXPECT_OK("stats", pipe_stats(server(), &pipes0, &ends0, &parked0));
	EXPECT_OK("the console", name_lookup(NAME_BOOTSTRAP, "console", 1000, &con));
	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("a session", console_open(con, &s));
	EXPECT_OK("a pipe", pipe_create(server(), &r, &w));
	EXPECT_OK("a console read answered to the write end", send_read_answered_to(s, w));
	EXPECT_OK("a pipe read answered to the session", send_read_answered_to(r, s));
	/* A call on the same port is served after the request before it:
	 * both reads have been kept or answered when these return. */
	EXPECT_OK("the session answers", console_set_mode(s, 0));
	EXPECT_OK("the read end answers", io_stat(r, &n, &ends));
	task_port_deallocate(NAME_TASK_SELF, s);
	task_port_deallocate(NAME_TASK_SELF, r);
	task_port_deallocate(NAME_TASK_SELF, w);
	WAIT_UNTIL(pipe_stats(server(), &pipes, &ends, &n) == ERR_OK && pipes == pipes0 &&
		   ends == ends0 && n == parked0);
	EXPECT_EQ("pipes", pipes0, pipes);
	EXPECT_EQ("kept requests", parked0, n);
	EXPECT_TRUE("counts back (the session closed too)", counts_settle(&base, &now));
	task_port_deallocate(NAME_TASK_SELF, con);
}

static void
pipe_server_holds_nothing_after(void)
{
	uint32_t pipes0, ends0, parked0, pipes, ends, n;
	struct counts base, now;

	/* An end closes when the server hears that its last right went, a
	 * moment after the last close (or a child's death): wait for the
	 * earlier cases' pipes to go. Nothing else uses pipes in a test boot. */
	WAIT_UNTIL(pipe_stats(server(), &pipes0, &ends0, &parked0) == ERR_OK && pipes0 == 0);
	EXPECT_OK("stats", pipe_stats(server(), &pipes0, &ends0, &parked0));
	EXPECT_EQ("the earlier cases' pipes are gone", 0, pipes0);
	EXPECT_EQ("and their ends", 0, ends0);
	EXPECT_EQ("and their kept requests", 0, parked0);
	/* Warm the server's heap up first: its arena stays once made. */
	EXPECT_OK("create", make_pipe());
	close(WFD);
	close(RFD);
	WAIT_UNTIL(pipe_stats(server(), &pipes, &ends, &n) == ERR_OK && pipes == pipes0);
	EXPECT_OK("counts", counts_get(&base));
	for (int i = 0; i < 20; i++) {
		EXPECT_OK("create", make_pipe());
		EXPECT_EQ("write", 5, write(WFD, "12345", 5));
		if (i % 2 == 0)
			close(WFD);
		close(RFD);
		if (i % 2 != 0)
			close(WFD);
	}
	WAIT_UNTIL(pipe_stats(server(), &pipes, &ends, &n) == ERR_OK && pipes == pipes0);
	EXPECT_OK("stats", pipe_stats(server(), &pipes, &ends, &n));
	EXPECT_EQ("pipes", pipes0, pipes);
	EXPECT_EQ("ends", ends0, ends);
	EXPECT_EQ("kept requests", parked0, n);
	EXPECT_TRUE("kernel counts back where they were", counts_settle(&base, &now));
}

const struct test_case pipe_cases[] = {
	{ "pipe_bytes_come_out_in_order", pipe_bytes_come_out_in_order },
	{ "pipe_read_waits_for_a_writer", pipe_read_waits_for_a_writer },
	{ "pipe_write_waits_for_room", pipe_write_waits_for_room },
	{ "pipe_end_of_file_when_the_writer_closes", pipe_end_of_file_when_the_writer_closes },
	{ "pipe_write_without_reader_is_told", pipe_write_without_reader_is_told },
	{ "pipe_wrong_end_and_garbage_are_refused", pipe_wrong_end_and_garbage_are_refused },
	{ "pipe_fifo_by_key", pipe_fifo_by_key },
	{ "pipe_fifo_two_processes_meet_by_path", pipe_fifo_two_processes_meet_by_path },
	{ "pipe_libc_pipe_takes_the_lowest_descriptors",
	  pipe_libc_pipe_takes_the_lowest_descriptors },
	{ "pipe_three_processes_in_a_chain", pipe_three_processes_in_a_chain },
	{ "pipe_long_writes_go_out_of_line", pipe_long_writes_go_out_of_line },
	{ "pipe_reader_in_another_process_ends_writer_told",
	  pipe_reader_in_another_process_ends_writer_told },
	{ "pipe_dead_reader_takes_no_data", pipe_dead_reader_takes_no_data },
	{ "pipe_kept_request_cannot_hold_an_end_open", pipe_kept_request_cannot_hold_an_end_open },
	{ "pipe_kept_requests_cannot_hold_each_other", pipe_kept_requests_cannot_hold_each_other },
	{ "pipe_server_holds_nothing_after", pipe_server_holds_nothing_after },
	{ NULL, NULL },
};
