/*
 * tests.h - the guest test suite's helpers.
 *
 * Every case is a function that returns nothing and reports through
 * EXPECT: the first failed expectation prints "FAIL <case>: expected X,
 * saw Y" and ends the case; a case with no failure prints "PASS <case>".
 * tests/qemu/run.sh reads these lines from the serial output.
 */
#ifndef USER_TESTS_TESTS_H
#define USER_TESTS_TESTS_H

#include "user/lib/ulib.h"

struct test_case {
	const char *name;
	void (*run)(void);
};

/* Set by a failed EXPECT; checked by the runner after each case. */
extern int test_failed;

/*
 * Report a failed expectation (first one only) for the running case;
 * as_error prints the values as error codes with their names.
 */
void test_fail(const char *what, uint32_t expected, uint32_t seen, int as_error, int line);

#define EXPECT_CMP(what, expected, seen, as_error) \
	do { \
		uint32_t e_ = (uint32_t)(expected), s_ = (uint32_t)(seen); \
		if (e_ != s_) { \
			test_fail(what, e_, s_, as_error, __LINE__); \
			return; \
		} \
	} while (0)

#define EXPECT_EQ(what, expected, seen)		EXPECT_CMP(what, expected, seen, 0)
#define EXPECT_ERR(what, expected, seen)	EXPECT_CMP(what, expected, seen, 1)
#define EXPECT_OK(what, err)			EXPECT_ERR(what, ERR_OK, err)
#define EXPECT_TRUE(what, cond)	EXPECT_EQ(what, 1, (cond) ? 1 : 0)

/* WAIT_UNTIL - give other threads up to a second for cond to come true. */
#define WAIT_UNTIL(cond) \
	do { \
		for (int w_ = 0; w_ < 100 && !(cond); w_++) \
			sleep_ms(10); \
	} while (0)

/* The kernel's object counts, to compare before and after a test. */
struct counts {
	uint32_t tasks, threads, ports, messages, notifications, pool_free, frames_free;
};

/* counts_get - read the counts through the host port. */
int counts_get(struct counts *c);

/*
 * counts_settle - wait (up to 2 s) until the counts equal *base, for work
 * that finishes in other tasks. Returns 1 if they did; otherwise prints
 * which counts differ.
 */
int counts_settle(const struct counts *base, struct counts *now);

/* A message with a small inline body, for the IPC cases. */
struct test_msg {
	struct msg_header head;
	uint32_t seq;
	char text[28];
};

/* A message carrying one port right. */
struct port_msg {
	struct msg_header head;
	struct msg_body body;
	struct msg_port_desc port;
};

/* send_right - send carrier a message carrying name with disposition disp. */
int send_right(port_name_t carrier, port_name_t name, uint32_t disp);

/* receive_right - poll carrier for such a message: the right's name and kind. */
int receive_right(port_name_t carrier, port_name_t *name, uint32_t *kind);

/* make_port - a fresh port with a send right under the same name. */
port_name_t make_port(void);

/* drop_port - destroy a port made by make_port, with every right under its name. */
void drop_port(port_name_t port);

/* send_seq - send a test_msg with seq to port (options/timeout as msg_send). */
int send_seq(port_name_t port, uint32_t seq, uint32_t options, uint32_t timeout);

/* recv_seq - receive a test_msg from port, returning its seq in *seq. */
int recv_seq(port_name_t port, uint32_t *seq, uint32_t options, uint32_t timeout);

/*
 * spawn_child - start user/tchild with `mode` as its argument; returns its
 * task port in *task and, if service is not NULL, waits for its hello and
 * returns the send right it handed back.
 */
int spawn_child(const char *mode, port_name_t *task, port_name_t *service);

/*
 * spawn_module - start boot module args (its name, then its arguments)
 * with host as its host port (or NAME_NULL); as spawn_child otherwise:
 * with service, waits up to 2 s for its testlink hello.
 */
int spawn_module(const char *args, port_name_t host, port_name_t *task, port_name_t *service);

/*
 * link_hello - wait up to 2 s on link for a child's testlink hello,
 * answer it, and return the send right it handed over in *service.
 * Errors: the receive's (ERR_TIMED_OUT), ERR_BAD_MESSAGE (no right).
 */
int link_hello(port_name_t link, port_name_t *service);

/*
 * tests_proc_spawn, tests_proc_wait, tests_proc_kill - for cases of other
 * files: start words through the suite's own proc (proc.c starts it the
 * first time) with std as the child's standard ports, wait for a child
 * and reap it, end one. The errors of proc_spawn, proc_wait, proc_kill.
 */
int tests_proc_spawn(const char *const words[], const port_name_t std[3], int32_t *pid);
int tests_proc_wait(int32_t pid, int32_t *status, uint32_t *how);
int tests_proc_kill(int32_t pid);

/* now_ms - milliseconds since boot (host time). */
uint32_t now_ms(void);

/* The case lists, one per file. */
extern const struct test_case ipc_basic_cases[], ipc_queue_cases[], ipc_bad_cases[],
	task_cases[], image_cases[], sched_cases[], ool_cases[], portset_cases[], notify_cases[],
	device_cases[], stress_cases[], fastpath_cases[], server_cases[], ipc_names_cases[],
	kobject_reply_cases[], ool_cow_cases[], fpu_cases[], rpc_cases[], fastpath_count_cases[],
	libc_printf_cases[], libc_stdlib_cases[], libc_malloc_cases[], libc_sync_cases[],
	name_cases[], fd_cases[], console_cases[], mem_cases[], mem_trap_cases[], proc_cases[],
	ata_cases[], fs_cases[], mailbox_cases[], pipe_cases[],
	fs_files_cases[], uthread_cases[], fs_sync_cases[], init_halt_cases[], sfuzz_cases[];

/* test_option - the number after KEY= in the boot's only= list (only=sfuzz,s=7,n=100: make
 * fuzz-servers' parameters), or fallback if it is not there (user/tests/main.c). */
uint32_t test_option(const char *key, uint32_t fallback);
/* test_text - the text after KEY= there (up to the next comma, 15 characters), or "". */
const char *test_text(const char *key);

/* fs_read_at - read up to cap - 1 bytes of path from offset at into buf
 * (NUL-terminated; user/tests/fs.c). ERR_OK or the errno of the failing call. */
int fs_read_at(const char *path, uint32_t at, char *buf, uint32_t cap, uint32_t *len);

#endif /* USER_TESTS_TESTS_H */
