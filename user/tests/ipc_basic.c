/*
 * ipc_basic.c - the traps' happy paths: send, receive, rpc, reply rights,
 * rights in messages, and what a receiver learns when a server dies.
 */
#include "user/tests/tests.h"
#include "harbor/echo_client.h"
#include "harbor/task_client.h"

static void
ipc_send_then_receive_in_one_task(void)
{
	port_name_t p = make_port();
	struct test_msg out = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(out),
					  .dest = p, .id = 42 }, .seq = 7, .text = "hello" };
	struct test_msg in;

	EXPECT_OK("msg_send", msg_send(&out.head, 0, 0));
	memset(&in, 0, sizeof(in));
	EXPECT_OK("msg_receive", msg_receive(&in.head, sizeof(in), p, 0, 0));
	EXPECT_EQ("received size", sizeof(in), in.head.size);
	EXPECT_EQ("received id", 42, in.head.id);
	EXPECT_EQ("received dest is the port's name", p, in.head.dest);
	EXPECT_EQ("received seq", 7, in.seq);
	EXPECT_EQ("received text", 0, strcmp(in.text, "hello"));
	EXPECT_EQ("no reply right", NAME_NULL, in.head.reply);
	drop_port(p);
}

static void
ipc_rpc_to_kernel_object(void)
{
	struct counts before, after;
	port_name_t p;

	EXPECT_OK("counts", counts_get(&before));
	EXPECT_OK("task_port_allocate", task_port_allocate(NAME_TASK_SELF, &p));
	EXPECT_OK("counts", counts_get(&after));
	EXPECT_EQ("ports after allocate", before.ports + 1, after.ports);
	EXPECT_OK("task_port_deallocate", task_port_deallocate(NAME_TASK_SELF, p));
	EXPECT_OK("counts", counts_get(&after));
	EXPECT_EQ("ports after deallocate", before.ports, after.ports);
}

/* A baseline taken once the counts hold still (boot work, such as init's end, may still be under way). */
static void
counts_steady(struct counts *c)
{
	struct counts d;

	for (int i = 0; i < 50; i++) {
		if (counts_get(c) != ERR_OK)
			continue;
		sleep_ms(20);
		if (counts_get(&d) == ERR_OK &&
		    c->tasks == d.tasks && c->threads == d.threads && c->ports == d.ports &&
		    c->messages == d.messages && c->notifications == d.notifications)
			return;
	}
}

static void
ipc_rpc_between_tasks(void)
{
	struct counts base, now;
	port_name_t task, service;
	char answer[64];
	int32_t sum = 0;

	counts_steady(&base);
	EXPECT_OK("spawn echo child", spawn_child("echo", &task, &service));
	EXPECT_OK("echo_shout", echo_shout(service, "rpc works", answer, sizeof(answer)));
	EXPECT_EQ("answer", 0, strcmp(answer, "RPC WORKS"));
	for (int i = 0; i < 100; i++) {
		EXPECT_OK("echo_add", echo_add(service, i, 1000, &sum));
		EXPECT_EQ("sum", i + 1000, sum);
	}
	EXPECT_OK("terminate child", task_terminate(task, 0));
	task_port_deallocate(NAME_TASK_SELF, task);
	EXPECT_ERR("shout to a dead server", ERR_PORT_DEAD,
		  echo_shout(service, "anyone?", answer, sizeof(answer)));
	task_port_deallocate(NAME_TASK_SELF, service);
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
}

static port_name_t wake_port;
static volatile uint32_t wake_seq, wake_done;

static void
receiver_thread(void *arg)
{
	uint32_t seq = 0;

	if (recv_seq(wake_port, &seq, 0, 0) == ERR_OK)
		wake_seq = seq;
	wake_done = 1;
}

static void
ipc_receive_blocks_until_send(void)
{
	wake_port = make_port();
	wake_seq = wake_done = 0;
	EXPECT_OK("thread_start", thread_start(receiver_thread, NULL));
	sleep_ms(50);
	EXPECT_EQ("receiver still waiting", 0, wake_done);
	EXPECT_OK("send", send_seq(wake_port, 99, 0, 0));
	WAIT_UNTIL(wake_done);
	EXPECT_EQ("receiver woke", 1, wake_done);
	EXPECT_EQ("receiver got the message", 99, wake_seq);
	drop_port(wake_port);
}

static void
ipc_messages_arrive_in_fifo_order(void)
{
	port_name_t p = make_port();
	uint32_t seq;

	EXPECT_OK("set limit", task_port_set_limit(NAME_TASK_SELF, p, 64));
	for (uint32_t i = 0; i < 64; i++)
		EXPECT_OK("send", send_seq(p, 1000 + i, 0, 0));
	for (uint32_t i = 0; i < 64; i++) {
		EXPECT_OK("receive", recv_seq(p, &seq, 0, 0));
		EXPECT_EQ("sequence number", 1000 + i, seq);
	}
	drop_port(p);
}

static void
ipc_reply_right_is_send_once(void)
{
	port_name_t server = make_port(), reply_port = make_port();
	struct test_msg m = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
					.size = sizeof(m), .dest = server, .reply = reply_port,
					.id = 42 } };
	struct test_msg in;
	uint32_t seq;

	EXPECT_OK("send request", msg_send(&m.head, 0, 0));
	EXPECT_OK("receive request", msg_receive(&in.head, sizeof(in), server, 0, 0));
	EXPECT_EQ("reply right kind", MSG_MOVE_SEND_ONCE, MSG_BITS_REPLY(in.head.bits));
	EXPECT_TRUE("reply right has a new name", in.head.reply != NAME_NULL &&
		    in.head.reply != reply_port);
	port_name_t once = in.head.reply;
	struct test_msg r = { .head = { .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0), .size = sizeof(r),
					.dest = once, .id = 142 }, .seq = 5 };
	EXPECT_OK("send reply", msg_send(&r.head, 0, 0));
	r.head.bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0);
	r.head.size = sizeof(r);
	r.head.dest = once;
	EXPECT_ERR("second use of the send-once right", ERR_BAD_NAME, msg_send(&r.head, 0, 0));
	EXPECT_OK("receive reply", msg_receive(&in.head, sizeof(in), reply_port, 0, 0));
	EXPECT_EQ("reply id", 142, in.head.id);
	EXPECT_ERR("only one reply", ERR_TIMED_OUT, recv_seq(reply_port, &seq, MSG_OPT_TIMEOUT, 0));
	drop_port(server);
	drop_port(reply_port);
}

static void
ipc_unused_send_once_right_notifies(void)
{
	port_name_t p = make_port();
	struct test_msg m = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
					.size = sizeof(m), .dest = p, .reply = p, .id = 42 } };
	struct test_msg in;

	EXPECT_OK("send with reply right", msg_send(&m.head, 0, 0));
	EXPECT_OK("receive", msg_receive(&in.head, sizeof(in), p, 0, 0));
	EXPECT_OK("drop the reply right unused", task_port_deallocate(NAME_TASK_SELF, in.head.reply));
	EXPECT_OK("receive notification", msg_receive(&in.head, sizeof(in), p, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("notification id", MSG_ID_NOTIFY_SEND_ONCE, in.head.id);
	drop_port(p);
}

static void
ipc_server_death_wakes_rpc_client(void)
{
	struct counts base, now;
	port_name_t task, service;
	char answer[64];

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn child", spawn_child("drop_request", &task, &service));
	EXPECT_ERR("client learns there is no reply", ERR_NO_REPLY,
		  echo_shout(service, "hello?", answer, sizeof(answer)));
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
}

static void
ipc_too_small_buffer_keeps_message(void)
{
	port_name_t p = make_port();
	struct test_msg in;
	uint32_t seq;

	EXPECT_OK("send", send_seq(p, 5, 0, 0));
	EXPECT_ERR("receive into a header-sized buffer", ERR_TOO_LARGE,
		  msg_receive(&in.head, sizeof(struct msg_header), p, 0, 0));
	EXPECT_EQ("size needed is reported", sizeof(struct test_msg), in.head.size);
	EXPECT_OK("receive with room", recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("the same message", 5, seq);
	drop_port(p);
}

static void
ipc_port_right_travels_in_message(void)
{
	port_name_t carrier = make_port(), target = make_port(), name;
	uint32_t seq, kind;

	EXPECT_OK("send with a port descriptor", send_right(carrier, target, MSG_MAKE_SEND));
	EXPECT_OK("receive", receive_right(carrier, &name, &kind));
	EXPECT_EQ("descriptor arrives as a send right", MSG_MOVE_SEND, kind);
	EXPECT_EQ("our own port keeps its name", target, name);
	EXPECT_OK("the right works", send_seq(name, 77, 0, 0));
	EXPECT_OK("receive through it", recv_seq(target, &seq, 0, 0));
	EXPECT_EQ("seq", 77, seq);
	task_port_deallocate(NAME_TASK_SELF, name);	/* the extra send reference */
	drop_port(carrier);
	drop_port(target);
}

static void
ipc_moved_send_once_right_leaves_sender(void)
{
	port_name_t carrier = make_port(), target = make_port(), once, moved;
	struct test_msg m = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
					.size = sizeof(m), .dest = target, .reply = target, .id = 42 } };
	uint32_t kind, seq;

	/* Get a send-once right of our own: it arrives as a message's reply right. */
	EXPECT_OK("send", msg_send(&m.head, 0, 0));
	EXPECT_OK("receive", msg_receive(&m.head, sizeof(m), target, 0, 0));
	once = m.head.reply;
	EXPECT_OK("move the send-once right away", send_right(carrier, once, MSG_MOVE_SEND_ONCE));
	EXPECT_ERR("gone from its old name", ERR_BAD_NAME, send_seq(once, 1, 0, 0));
	EXPECT_OK("it arrives", receive_right(carrier, &moved, &kind));
	EXPECT_EQ("as a send-once right", MSG_MOVE_SEND_ONCE, kind);
	EXPECT_TRUE("under a new name", moved != once && moved != NAME_NULL);
	struct test_msg r = { .head = { .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0), .size = sizeof(r),
					.dest = moved, .id = 42 }, .seq = 3 };
	EXPECT_OK("it works once", msg_send(&r.head, 0, 0));
	EXPECT_OK("through to its port", recv_seq(target, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("seq", 3, seq);
	drop_port(carrier);
	drop_port(target);
}

static void
ipc_send_rights_are_counted_per_name(void)
{
	port_name_t carrier = make_port(), p = make_port(), back;
	uint32_t kind;

	EXPECT_OK("a second send reference", task_port_make_send(NAME_TASK_SELF, p));
	EXPECT_OK("move one away", send_right(carrier, p, MSG_MOVE_SEND));
	EXPECT_OK("it comes back", receive_right(carrier, &back, &kind));
	EXPECT_EQ("as a send right", MSG_MOVE_SEND, kind);
	EXPECT_EQ("under the same name (one entry per port)", p, back);
	EXPECT_OK("drop a send reference", task_port_deallocate(NAME_TASK_SELF, p));
	EXPECT_OK("another still works", send_seq(p, 1, 0, 0));
	EXPECT_OK("drop the last send reference", task_port_deallocate(NAME_TASK_SELF, p));
	EXPECT_ERR("no send right left", ERR_BAD_RIGHT, send_seq(p, 2, 0, 0));
	EXPECT_OK("the receive right is still there", task_port_set_limit(NAME_TASK_SELF, p, 4));
	EXPECT_OK("drop it: the port dies", task_port_deallocate(NAME_TASK_SELF, p));
	EXPECT_ERR("the name is gone", ERR_BAD_NAME, task_port_set_limit(NAME_TASK_SELF, p, 4));
	drop_port(carrier);
}

/*
 * msg_rpc_into: a server answers from one buffer and takes its next
 * request in another (as fs answers from a kept page). The answer's
 * buffer is left as it was; the next request lands in the other.
 */
static port_name_t into_port;
static volatile int into_result;

static void
into_server(void *arg)
{
	struct test_msg req, answer, next;
	int ok;

	(void)arg;
	ok = msg_receive(&req.head, sizeof(req), into_port, MSG_OPT_TIMEOUT, 5000) == ERR_OK;
	answer = (struct test_msg){ .head = { .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0), .size = sizeof(answer),
					      .dest = req.head.reply, .id = 43 }, .seq = req.seq + 1 };
	memset(&next, 0, sizeof(next));
	ok = ok && msg_rpc_into(&answer.head, &next.head, sizeof(next), into_port, MSG_OPT_TIMEOUT, 5000) == ERR_OK;
	ok = ok && next.seq == 100 && answer.seq == req.seq + 1 && answer.head.id == 43;
	answer.head.dest = next.head.reply;
	answer.seq = 101;
	ok = ok && msg_send(&answer.head, MSG_OPT_TIMEOUT, 1000) == ERR_OK;
	into_result = ok ? 1 : -1;
}

static int
into_call(port_name_t reply, uint32_t seq, struct test_msg *m)
{
	*m = (struct test_msg){ .head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = sizeof(*m),
					  .dest = into_port, .reply = reply, .id = 42 }, .seq = seq };
	return msg_rpc(&m->head, sizeof(*m), reply, MSG_OPT_TIMEOUT, 5000);
}

static void
ipc_rpc_into_answers_from_elsewhere(void)
{
	port_name_t reply = make_port();
	struct test_msg m, bad = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(bad), .id = 9 } };

	into_port = make_port();
	into_result = 0;
	bad.head.dest = into_port;
	EXPECT_ERR("msg_send refuses the option", ERR_BAD_ARGUMENT, msg_send(&bad.head, MSG_OPT_RCV_BUFFER, 0));
	EXPECT_ERR("msg_receive refuses the option", ERR_BAD_ARGUMENT,
		   msg_receive(&m.head, sizeof(m), reply, MSG_OPT_RCV_BUFFER | MSG_OPT_TIMEOUT, 0));
	EXPECT_ERR("a bad receive buffer is refused first", ERR_BAD_ADDRESS,
		   msg_rpc_into(&bad.head, (struct msg_header *)0x10, sizeof(m), reply, MSG_OPT_TIMEOUT, 0));
	EXPECT_ERR("and nothing was sent", ERR_TIMED_OUT, msg_receive(&m.head, sizeof(m), into_port, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("start the server", thread_start(into_server, NULL));
	EXPECT_OK("first call", into_call(reply, 7, &m));
	EXPECT_EQ("its answer", 8, m.seq);
	EXPECT_OK("second call", into_call(reply, 100, &m));
	EXPECT_EQ("its answer", 101, m.seq);
	for (int i = 0; i < 100 && into_result == 0; i++)
		sleep_ms(10);
	EXPECT_EQ("the server saw each buffer hold what it should", 1, into_result);
	drop_port(into_port);
	drop_port(reply);
}

const struct test_case ipc_basic_cases[] = {
	{ "ipc_send_then_receive_in_one_task", ipc_send_then_receive_in_one_task },
	{ "ipc_rpc_to_kernel_object", ipc_rpc_to_kernel_object },
	{ "ipc_rpc_between_tasks", ipc_rpc_between_tasks },
	{ "ipc_rpc_into_answers_from_elsewhere", ipc_rpc_into_answers_from_elsewhere },
	{ "ipc_receive_blocks_until_send", ipc_receive_blocks_until_send },
	{ "ipc_messages_arrive_in_fifo_order", ipc_messages_arrive_in_fifo_order },
	{ "ipc_reply_right_is_send_once", ipc_reply_right_is_send_once },
	{ "ipc_unused_send_once_right_notifies", ipc_unused_send_once_right_notifies },
	{ "ipc_server_death_wakes_rpc_client", ipc_server_death_wakes_rpc_client },
	{ "ipc_too_small_buffer_keeps_message", ipc_too_small_buffer_keeps_message },
	{ "ipc_port_right_travels_in_message", ipc_port_right_travels_in_message },
	{ "ipc_moved_send_once_right_leaves_sender", ipc_moved_send_once_right_leaves_sender },
	{ "ipc_send_rights_are_counted_per_name", ipc_send_rights_are_counted_per_name },
	{ NULL, NULL },
};
