/*
 * console.c - the console server (servers/console) through io.defs and
 * console.defs, found through the name server as any program finds it.
 * Input is typed with console inject (the test boot starts the console
 * with "test"), which feeds the same line discipline as the keyboard and
 * the serial line.
 */
#include <unistd.h>
#include "user/tests/tests.h"
#include "harbor/console_client.h"
#include "harbor/interrupt_server.h"
#include "harbor/io.h"
#include "harbor/io_client.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"

static port_name_t
console_port(void)
{
	port_name_t c = NAME_NULL;

	name_lookup(NAME_BOOTSTRAP, "console", 2000, &c);
	return c;
}

/* Read one answer from session s, with a limit so a bug cannot hang us. */
static int
read_line(port_name_t s, char *buf, uint32_t cap, uint32_t *len)
{
	uint32_t old = msg_call_timeout(2000);
	int err = io_read(s, cap, buf, cap, len);

	msg_call_timeout(old);
	return err;
}

static void
console_write_and_stat(void)
{
	port_name_t c = console_port();
	uint32_t written = 0, kind = 0, size = 1;

	EXPECT_TRUE("found", c != NAME_NULL);
	EXPECT_OK("write", io_write(c, "console: hello\n", 15, &written));
	EXPECT_EQ("all taken", 15, written);
	EXPECT_OK("stat", io_stat(c, &kind, &size));
	EXPECT_EQ("kind", IO_KIND_CONSOLE, kind);
	EXPECT_EQ("size", 0, size);
	EXPECT_OK("close", io_close(c));
	task_port_deallocate(NAME_TASK_SELF, c);
}

static void
console_cooked_line_editing(void)
{
	port_name_t c = console_port(), s = NAME_NULL;
	char buf[64];
	uint32_t len = 0;

	EXPECT_OK("open", console_open(c, &s));
	EXPECT_OK("foreground", console_foreground(c, s));
	EXPECT_OK("type", console_inject(c, "helo\blo\n", 8));
	EXPECT_OK("read", read_line(s, buf, sizeof(buf), &len));
	EXPECT_EQ("backspace took one byte back", 6, len);
	EXPECT_EQ("the line", 0, memcmp(buf, "hello\n", 6));
	EXPECT_OK("type over ^U", console_inject(c, "junk\x15ok\n", 8));
	EXPECT_OK("read", read_line(s, buf, sizeof(buf), &len));
	EXPECT_EQ("^U killed the line", 3, len);
	EXPECT_EQ("what came after", 0, memcmp(buf, "ok\n", 3));
	EXPECT_OK("two lines", console_inject(c, "a\nb\n", 4));
	EXPECT_OK("read", read_line(s, buf, sizeof(buf), &len));
	EXPECT_EQ("one line per read", 2, len);
	EXPECT_OK("read", read_line(s, buf, sizeof(buf), &len));
	EXPECT_EQ("then the next", 0, memcmp(buf, "b\n", 2));
	EXPECT_OK("^D on an empty line", console_inject(c, "\x04", 1));
	EXPECT_OK("read", read_line(s, buf, sizeof(buf), &len));
	EXPECT_EQ("the end of the input", 0, len);
	EXPECT_OK("back to the console port", console_foreground(c, c));
	task_port_deallocate(NAME_TASK_SELF, s);
	task_port_deallocate(NAME_TASK_SELF, c);
}

static port_name_t waiting_session;
static volatile int waiting_len = -1;
static char waiting_buf[32];

static void
waiting_reader(void *arg)
{
	uint32_t len = 0;

	if (io_read(waiting_session, sizeof(waiting_buf), waiting_buf, sizeof(waiting_buf),
		    &len) == ERR_OK)
		waiting_len = (int)len;
	else
		waiting_len = -2;
}

/* A read waits for input, and only the foreground session gets it. */
static void
console_read_waits_for_foreground(void)
{
	port_name_t c = console_port(), s = NAME_NULL;

	EXPECT_OK("open", console_open(c, &s));
	waiting_session = s;
	waiting_len = -1;
	EXPECT_OK("a reader thread", thread_start(waiting_reader, NULL));
	sleep_ms(50);
	EXPECT_OK("typed while it is in the background", console_inject(c, "x\n", 2));
	sleep_ms(50);
	EXPECT_EQ("the background read still waits", -1, waiting_len);
	EXPECT_OK("make it the foreground", console_foreground(c, s));
	WAIT_UNTIL(waiting_len != -1);
	EXPECT_EQ("then it gets the line", 2, waiting_len);
	EXPECT_EQ("the line", 0, memcmp(waiting_buf, "x\n", 2));
	EXPECT_OK("back to the console port", console_foreground(c, c));
	task_port_deallocate(NAME_TASK_SELF, s);
	task_port_deallocate(NAME_TASK_SELF, c);
}

static uint32_t interrupts_heard;

int
interrupt_key_handler(void *ctx, uint32_t ch, uint32_t session)
{
	if (ch == 3)
		interrupts_heard++;
	return ERR_OK;
}

static void
console_ctrl_c_notifies_and_raw_mode(void)
{
	static union {
		struct msg_header head;
		uint8_t bytes[MSG_SIZE_MAX];
	} m, r;
	port_name_t c = console_port(), s = NAME_NULL, intr = make_port();
	char buf[16];
	uint32_t len = 0;

	interrupts_heard = 0;
	EXPECT_OK("open", console_open(c, &s));
	EXPECT_OK("foreground", console_foreground(c, s));
	EXPECT_OK("interrupt port", console_interrupt_port(c, intr));
	EXPECT_OK("half a line, then ^C", console_inject(c, "abc\x03", 4));
	EXPECT_OK("the notification", msg_receive(&m.head, sizeof(m), intr, MSG_OPT_TIMEOUT, 2000));
	EXPECT_EQ("is interrupt key", 0, interrupt_dispatch(NULL, &m.head, &r.head));
	EXPECT_EQ("for ^C", 1, interrupts_heard);
	EXPECT_OK("a line after", console_inject(c, "z\n", 2));
	EXPECT_OK("read", read_line(s, buf, sizeof(buf), &len));
	EXPECT_EQ("^C threw the half line away", 2, len);
	EXPECT_OK("raw mode", console_set_mode(s, 1));
	EXPECT_OK("keys", console_inject(c, "q\x03\b", 3));
	EXPECT_OK("read", read_line(s, buf, sizeof(buf), &len));
	EXPECT_EQ("raw: every byte as typed", 3, len);
	EXPECT_EQ("raw bytes", 0, memcmp(buf, "q\x03\b", 3));
	EXPECT_ERR("no such mode", ERR_BAD_ARGUMENT, console_set_mode(s, 7));
	EXPECT_OK("cooked again", console_set_mode(s, 0));
	EXPECT_OK("nobody hears ^C", console_interrupt_port(c, NAME_NULL));
	EXPECT_OK("back to the console port", console_foreground(c, c));
	task_port_deallocate(NAME_TASK_SELF, s);
	task_port_deallocate(NAME_TASK_SELF, c);
	drop_port(intr);
}

/* A session ends when its last right goes; dead and deaf readers cost nothing. */
static void
console_survives_dead_and_deaf_clients(void)
{
	struct counts base, now;
	port_name_t c = console_port(), s = NAME_NULL, task, service;
	struct msg_header h;
	uint32_t written = 0;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("open", console_open(c, &s));
	EXPECT_OK("foreground", console_foreground(c, s));
	/* A client that asks for a read and dies before the answer: its
	 * reply port dies with it (a hand-packed read with a port we drop). */
	port_name_t dead = make_port();
	struct {
		struct msg_header head;
		uint32_t count;
	} rd = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = sizeof(rd),
			   .dest = s, .reply = dead, .id = IO_READ_ID }, .count = 8 };
	EXPECT_OK("a read that will wait", msg_send(&rd.head, 0, 0));
	drop_port(dead);
	EXPECT_OK("input for the dead reader", console_inject(c, "gone\n", 5));
	/* A client that never reads: console_open's answer, which moves a send
	 * right to a new session, goes to a port with no room at all. The
	 * console must drop that right (msg_destroy_unsent), or the session
	 * lives on with no one to use it. */
	port_name_t deaf = make_port();
	EXPECT_OK("limit 0", task_port_set_limit(NAME_TASK_SELF, deaf, 0));
	h = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND), .size = sizeof(h),
				 .dest = c, .reply = deaf, .id = CONSOLE_OPEN_ID };
	EXPECT_OK("a deaf open", msg_send(&h, 0, 0));
	/* Garbage on the console port. */
	h = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = 20, .dest = c,
				 .id = IO_WRITE_ID };
	EXPECT_OK("a truncated write", msg_send(&h, 0, 0));
	h.id = 9999;
	EXPECT_OK("an unknown id", msg_send(&h, 0, 0));
	/* A child that holds a session and is killed mid-read. */
	EXPECT_OK("spawn a child", spawn_child("echo", &task, &service));
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	EXPECT_OK("back to the console port", console_foreground(c, c));
	task_port_deallocate(NAME_TASK_SELF, s);	/* the session's last right: it closes */
	EXPECT_OK("the console still serves", io_write(c, "still here\n", 11, &written));
	task_port_deallocate(NAME_TASK_SELF, c);
	drop_port(deaf);
	EXPECT_TRUE("counts back (the session and its kept read are gone)",
		    counts_settle(&base, &now));
}

/*
 * A read that must wait (its session is not the foreground), whose reply
 * right is a send right to that very session: kept, it would keep the
 * session open for good after its client let go (the server fuzzer used
 * up the console's sessions so). Such a request is not kept.
 */
static void
console_kept_read_cannot_hold_its_session_open(void)
{
	struct counts base, now;
	port_name_t c = console_port(), s = NAME_NULL;
	struct {
		struct msg_header head;
		uint32_t count;
	} rd;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("open", console_open(c, &s));
	rd.head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_COPY_SEND),
				       .size = sizeof(rd), .dest = s, .reply = s, .id = IO_READ_ID };
	rd.count = 8;
	EXPECT_OK("a read answered to its own session", msg_send(&rd.head, 0, 0));
	task_port_deallocate(NAME_TASK_SELF, s);	/* our last right to it */
	task_port_deallocate(NAME_TASK_SELF, c);
	EXPECT_TRUE("counts back (the session closed)", counts_settle(&base, &now));
}

/* An open with no reply right: the session its answer would have moved goes with it. */
static void
console_open_with_no_reply_right_leaves_no_session(void)
{
	struct counts base, now;
	port_name_t c = console_port();
	struct msg_header h = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(h), .dest = c,
				.id = CONSOLE_OPEN_ID };

	EXPECT_OK("counts", counts_get(&base));
	for (int i = 0; i < 4; i++)
		EXPECT_OK("an open, one way", msg_send(&h, 0, 0));
	EXPECT_TRUE("counts back (no session left)", counts_settle(&base, &now));
	task_port_deallocate(NAME_TASK_SELF, c);
}

/*
 * Reads out of line, many more than a task has regions (MEM_REGIONS, 64):
 * the pages go to the reader with each answer, and the console must give
 * the memory server back the region they came from, or its allocations
 * fail for good once its table is full.
 */
static void
console_reads_out_of_line_without_end(void)
{
	port_name_t c = console_port(), s = NAME_NULL;
	uint32_t addr = 0, size = 0, len = 0;
	int ok = 0;

	EXPECT_OK("open", console_open(c, &s));
	EXPECT_OK("foreground", console_foreground(c, s));
	for (int i = 0; i < 80; i++) {
		if (console_inject(c, "ool\n", 4) != ERR_OK)
			break;
		uint32_t old = msg_call_timeout(2000);
		int err = io_read_ool(s, 16, &addr, &size, &len);
		msg_call_timeout(old);
		if (err != ERR_OK) {
			printf("  read %d: %s\n", i, error_string(err));
			break;
		}
		ok += len == 4 && memcmp((void *)(uintptr_t)addr, "ool\n", 4) == 0;
		vm_deallocate(addr, size);
	}
	EXPECT_EQ("80 reads out of line, each its line", 80, ok);
	EXPECT_OK("back to the console port", console_foreground(c, c));
	task_port_deallocate(NAME_TASK_SELF, s);
	task_port_deallocate(NAME_TASK_SELF, c);
}

/* printf from a program whose fd 1 is the console goes to the console. */
static void
console_as_stdout(void)
{
	port_name_t c = console_port(), s = NAME_NULL;

	EXPECT_OK("open", console_open(c, &s));
	EXPECT_EQ("install as fd 1", 0, fd_install(1, s));
	int n = printf("console: printf through fd 1\n");
	fd_install(1, NAME_NULL);
	EXPECT_EQ("printf wrote it all", 29, n);
	task_port_deallocate(NAME_TASK_SELF, c);
}

const struct test_case console_cases[] = {
	{ "console_write_and_stat", console_write_and_stat },
	{ "console_cooked_line_editing", console_cooked_line_editing },
	{ "console_read_waits_for_foreground", console_read_waits_for_foreground },
	{ "console_ctrl_c_notifies_and_raw_mode", console_ctrl_c_notifies_and_raw_mode },
	{ "console_survives_dead_and_deaf_clients", console_survives_dead_and_deaf_clients },
	{ "console_kept_read_cannot_hold_its_session_open",
	  console_kept_read_cannot_hold_its_session_open },
	{ "console_open_with_no_reply_right_leaves_no_session",
	  console_open_with_no_reply_right_leaves_no_session },
	{ "console_reads_out_of_line_without_end", console_reads_out_of_line_without_end },
	{ "console_as_stdout", console_as_stdout },
	{ NULL, NULL },
};
