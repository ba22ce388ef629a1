/*
 * rpc.c - the client side of an RPC: a generated stub accepts only the
 * answer to its own request, whatever happened to the calls made before
 * it on the same thread (a timeout, an answer too large to take, an
 * answer that comes late or never, a foreign answer left by hand-written
 * code), and a thread that cannot make calls is told why.
 *
 * The misbehaving servers are user/tchild modes (user/tchild/rpc.c).
 */
#include "user/tests/tests.h"
#include "harbor/echo_client.h"
#include "harbor/echo_server.h"
#include "harbor/layout.h"
#include "harbor/task_client.h"
#include "harbor/testlink_client.h"
#include "harbor/thread_client.h"

/* What four calls after the first one saw. */
struct later_calls {
	int err[4];
	int32_t sum[3];
	char loud[8];
};

/* Four calls of two routines, each of which must get its own answer. */
static void
make_later_calls(port_name_t service, struct later_calls *c)
{
	c->err[0] = echo_add(service, 2, 2, &c->sum[0]);
	c->err[1] = echo_shout(service, "late", c->loud, sizeof(c->loud));
	c->err[2] = echo_add(service, 3, 3, &c->sum[1]);
	c->err[3] = echo_add(service, 4, 4, &c->sum[2]);
}

static void
end_child(port_name_t task, port_name_t service)
{
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
}

#define EXPECT_OWN_ANSWERS(c) \
	do { \
		EXPECT_OK("second call", (c).err[0]); \
		EXPECT_EQ("second call's own sum", 4, (c).sum[0]); \
		EXPECT_OK("third call (another routine)", (c).err[1]); \
		EXPECT_TRUE("third call's own answer", strcmp((c).loud, "LATE") == 0); \
		EXPECT_OK("fourth call", (c).err[2]); \
		EXPECT_EQ("fourth call's own sum", 6, (c).sum[1]); \
		EXPECT_OK("fifth call", (c).err[3]); \
		EXPECT_EQ("fifth call's own sum", 8, (c).sum[2]); \
	} while (0)

/*
 * Start tchild in mode, make a first echo_add through the stub that must
 * fail with first_err (within ms milliseconds if ms is not 0), then four
 * calls that must each get their own answer; every count comes back (the
 * old reply port and whatever was left on it are gone).
 */
static void
own_answers_after(const char *mode, uint32_t ms, int first_err)
{
	struct counts base, now;
	struct later_calls c;
	port_name_t task, service;
	int32_t sum = 0;
	uint32_t old;
	int err;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn the misbehaving server", spawn_child(mode, &task, &service));
	old = msg_call_timeout(ms);
	err = echo_add(service, 1, 1, &sum);
	msg_call_timeout(old);
	make_later_calls(service, &c);
	end_child(task, service);
	EXPECT_ERR("the first call", first_err, err);
	EXPECT_OWN_ANSWERS(c);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

/* The first call's answer comes after it gave up: no later call may take it. */
static void
rpc_stub_after_a_timeout_gets_its_own_answers(void)
{
	own_answers_after("late reply", 20, ERR_TIMED_OUT);
}

/* The first call's reply right is destroyed after it gave up: the
 * send-once notification must not answer a later call. */
static void
rpc_stub_after_a_timeout_ignores_a_late_notification(void)
{
	own_answers_after("late drop", 20, ERR_TIMED_OUT);
}

/* An answer too large for the stub's buffer stays queued where the
 * receive left it: it must not block or answer later calls. */
static void
rpc_stub_after_an_oversize_answer_gets_its_own_answers(void)
{
	own_answers_after("oversize", 0, ERR_TOO_LARGE);
}

/* Hand-written code that gives up on an answer and says so with
 * msg_reply_port_discard leaves the stubs a clean port. */
static void
rpc_hand_written_call_that_gives_up_discards_the_reply_port(void)
{
	struct {
		struct msg_header head;
		int32_t a, b;
	} m;
	struct later_calls c;
	port_name_t task, service, old;

	EXPECT_OK("spawn a server that answers late", spawn_child("late reply", &task, &service));
	old = msg_reply_port();
	EXPECT_TRUE("a reply port", old != NAME_NULL);
	m = (typeof(m)){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = sizeof(m),
			  .dest = service, .reply = old, .id = ECHO_ADD_ID },
		.a = 1, .b = 1,
	};
	EXPECT_ERR("a hand-written call gives up",
		   ERR_TIMED_OUT, msg_rpc(&m.head, sizeof(m), old, MSG_OPT_TIMEOUT, 20));
	msg_reply_port_discard();
	make_later_calls(service, &c);
	end_child(task, service);
	EXPECT_TRUE("a new reply port", msg_reply_port() != old && msg_reply_port() != NAME_NULL);
	EXPECT_ERR("the old one is gone", ERR_BAD_NAME, task_port_set_limit(NAME_TASK_SELF, old, 1));
	EXPECT_OWN_ANSWERS(c);
}

/* Without the discard, a stub finds the stale answer first: it refuses
 * it (another routine's) and throws the port away, so the calls after
 * it are served again. */
static void
rpc_stub_refuses_a_stale_answer_left_by_hand_written_code(void)
{
	struct {
		struct msg_header head;
		int32_t a, b;
	} m;
	port_name_t task, service;
	uint32_t adds = 0;
	int err[3];
	int32_t sum = 0;

	EXPECT_OK("spawn a server that answers late", spawn_child("late reply", &task, &service));
	m = (typeof(m)){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = sizeof(m),
			  .dest = service, .reply = msg_reply_port(), .id = ECHO_ADD_ID },
		.a = 1, .b = 1,
	};
	EXPECT_ERR("a hand-written call gives up", ERR_TIMED_OUT,
		   msg_rpc(&m.head, sizeof(m), msg_reply_port(), MSG_OPT_TIMEOUT, 20));
	err[0] = echo_stats(service, &adds);
	err[1] = echo_stats(service, &adds);
	err[2] = echo_add(service, 5, 5, &sum);
	end_child(task, service);
	EXPECT_ERR("the stub meets add's late answer", ERR_BAD_REPLY, err[0]);
	EXPECT_OK("the next call", err[1]);
	EXPECT_EQ("its own answer: one add so far", 1, adds);
	EXPECT_OK("and the next", err[2]);
	EXPECT_EQ("its own sum", 10, sum);
}

/* A refused answer's rights are let go: here the server sends the
 * request back as if it were the answer, with the send right it carried. */
static void
rpc_stub_lets_go_of_rights_in_a_refused_answer(void)
{
	port_name_t task, service, p, notify = make_port();
	struct msg_notification n;
	int err;

	EXPECT_OK("allocate (receive right only)", task_port_allocate(NAME_TASK_SELF, &p));
	EXPECT_OK("spawn a server that sends everything back", spawn_child("bounce", &task, &service));
	err = testlink_hello(service, p);
	end_child(task, service);
	EXPECT_ERR("the request is no answer", ERR_BAD_REPLY, err);
	EXPECT_OK("ask to hear when no send right is left",
		  task_port_request_notification(NAME_TASK_SELF, p, NOTIFY_NO_SENDERS, notify));
	EXPECT_OK("none is: it fires at once", msg_receive(&n.head, sizeof(n), notify,
							     MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("no-senders", MSG_ID_NOTIFY_NO_SENDERS, n.head.id);
	drop_port(p);
	drop_port(notify);
}

/*
 * A server cannot answer one call twice: the reply right is send-once,
 * and none of the ways to duplicate a right works on it. Here the test
 * is the server, for a thread of its own.
 */
static port_name_t twice_service;
static volatile int twice_done;
static int twice_err[2];
static int32_t twice_sum[2];

static void
twice_client(void *arg)
{
	twice_err[0] = echo_add(twice_service, 20, 1, &twice_sum[0]);
	twice_err[1] = echo_add(twice_service, 30, 2, &twice_sum[1]);
	twice_done = 1;
}

struct add_answer {
	struct msg_header head;
	int32_t retcode;
	int32_t sum;
};

static int
answer_add(port_name_t dest, uint32_t disposition, int32_t sum)
{
	struct add_answer a = {
		.head = { .bits = MSG_BITS(disposition, 0), .size = sizeof(a), .dest = dest,
			  .id = MSG_REPLY_ID(ECHO_ADD_ID) },
		.retcode = ERR_OK, .sum = sum,
	};
	return msg_send(&a.head, MSG_OPT_TIMEOUT, 0);
}

static void
rpc_server_cannot_answer_twice(void)
{
	struct {
		struct msg_header head;
		int32_t a, b;
	} req;
	port_name_t once;

	twice_service = make_port();
	twice_done = 0;
	EXPECT_OK("thread_start", thread_start(twice_client, NULL));
	EXPECT_OK("the first request", msg_receive(&req.head, sizeof(req), twice_service,
						   MSG_OPT_TIMEOUT, 5000));
	once = req.head.reply;
	EXPECT_EQ("its reply right is send-once", MSG_MOVE_SEND_ONCE, MSG_BITS_REPLY(req.head.bits));
	EXPECT_ERR("copy it", ERR_BAD_RIGHT, answer_add(once, MSG_COPY_SEND, 99));
	EXPECT_ERR("move it as a send right", ERR_BAD_RIGHT, answer_add(once, MSG_MOVE_SEND, 99));
	EXPECT_ERR("make a send right from it", ERR_BAD_RIGHT, answer_add(once, MSG_MAKE_SEND, 99));
	EXPECT_ERR("make another send-once right from it", ERR_BAD_RIGHT,
		   answer_add(once, MSG_MAKE_SEND_ONCE, 99));
	EXPECT_ERR("copy it into a message", ERR_BAD_RIGHT,
		   send_right(twice_service, once, MSG_COPY_SEND));
	EXPECT_OK("answer once", answer_add(once, MSG_MOVE_SEND_ONCE, 21));
	EXPECT_ERR("answer twice", ERR_BAD_NAME, answer_add(once, MSG_MOVE_SEND_ONCE, 99));
	EXPECT_OK("the second request", msg_receive(&req.head, sizeof(req), twice_service,
						    MSG_OPT_TIMEOUT, 5000));
	EXPECT_OK("answer it", answer_add(req.head.reply, MSG_MOVE_SEND_ONCE, 32));
	WAIT_UNTIL(twice_done);
	drop_port(twice_service);
	EXPECT_TRUE("the client finished", twice_done);
	EXPECT_OK("first call", twice_err[0]);
	EXPECT_EQ("first call's answer", 21, twice_sum[0]);
	EXPECT_OK("second call", twice_err[1]);
	EXPECT_EQ("second call's answer", 32, twice_sum[1]);
}

/*
 * A thread made with the raw task_thread_create has no library slot and
 * so no reply port: its stub calls say so (ERR_NO_REPLY_PORT), whether to
 * the kernel or to a server, and touch nothing. Its stack is aligned like
 * the library's, so a library that trusted the stack pointer would read a
 * "slot" of zeros there.
 */
static uint8_t raw_stack[USER_STACK_SIZE] __attribute__((aligned(USER_STACK_SIZE)));
static port_name_t raw_service, raw_park;
static volatile int raw_done;
static int raw_err_kernel, raw_err_server;
static port_name_t raw_reply_port, raw_thread_port;

static void raw_thread(void) __attribute__((noreturn));

static void
raw_thread(void)
{
	struct msg_header h;
	port_name_t p;
	int32_t sum;

	raw_err_kernel = task_port_allocate(NAME_TASK_SELF, &p);
	raw_err_server = echo_add(raw_service, 1, 2, &sum);
	raw_reply_port = msg_reply_port();
	raw_thread_port = thread_self();
	raw_done = 1;
	for (;;)	/* until terminated */
		msg_receive(&h, sizeof(h), raw_park, 0, 0);
}

static void
rpc_stub_in_a_raw_thread_says_why(void)
{
	struct counts base, now;
	port_name_t task, thread = NAME_NULL;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn the echo server", spawn_child("echo", &task, &raw_service));
	raw_park = make_port();
	raw_done = 0;
	raw_reply_port = raw_thread_port = 99;
	EXPECT_OK("task_thread_create", task_thread_create(NAME_TASK_SELF, (uint32_t)raw_thread,
				(uint32_t)(raw_stack + sizeof(raw_stack) - 16), 0, &thread));
	WAIT_UNTIL(raw_done);
	thread_terminate(thread);
	task_port_deallocate(NAME_TASK_SELF, thread);
	drop_port(raw_park);
	end_child(task, raw_service);
	EXPECT_TRUE("the raw thread ran", raw_done);
	EXPECT_ERR("its call to the kernel", ERR_NO_REPLY_PORT, raw_err_kernel);
	EXPECT_ERR("its call to a server", ERR_NO_REPLY_PORT, raw_err_server);
	EXPECT_EQ("msg_reply_port there", NAME_NULL, raw_reply_port);
	EXPECT_EQ("thread_self there", NAME_NULL, raw_thread_port);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

const struct test_case rpc_cases[] = {
	{ "rpc_stub_after_a_timeout_gets_its_own_answers",
	  rpc_stub_after_a_timeout_gets_its_own_answers },
	{ "rpc_stub_after_a_timeout_ignores_a_late_notification",
	  rpc_stub_after_a_timeout_ignores_a_late_notification },
	{ "rpc_stub_after_an_oversize_answer_gets_its_own_answers",
	  rpc_stub_after_an_oversize_answer_gets_its_own_answers },
	{ "rpc_hand_written_call_that_gives_up_discards_the_reply_port",
	  rpc_hand_written_call_that_gives_up_discards_the_reply_port },
	{ "rpc_stub_refuses_a_stale_answer_left_by_hand_written_code",
	  rpc_stub_refuses_a_stale_answer_left_by_hand_written_code },
	{ "rpc_stub_lets_go_of_rights_in_a_refused_answer",
	  rpc_stub_lets_go_of_rights_in_a_refused_answer },
	{ "rpc_server_cannot_answer_twice", rpc_server_cannot_answer_twice },
	{ "rpc_stub_in_a_raw_thread_says_why", rpc_stub_in_a_raw_thread_says_why },
	{ NULL, NULL },
};
