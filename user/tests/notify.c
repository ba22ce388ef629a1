/*
 * notify.c - what the kernel tells tasks: dead names, no senders, room
 * again, and waiters woken when a receive right dies; rights that move.
 */
#include "user/tests/tests.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"

static int
receive_note(port_name_t p, struct msg_notification *n)
{
	return msg_receive(&n->head, sizeof(*n), p, MSG_OPT_TIMEOUT, 2000);
}

static void
notify_dead_name_when_server_dies(void)
{
	struct counts base, now;
	port_name_t task, service, notify;
	struct msg_notification n;

	EXPECT_OK("counts", counts_get(&base));
	notify = make_port();
	EXPECT_OK("spawn", spawn_child("echo", &task, &service));
	EXPECT_OK("request dead-name", task_port_request_notification(NAME_TASK_SELF, service,
			NOTIFY_DEAD_NAME, notify));
	EXPECT_OK("terminate the server", task_terminate(task, 0));
	EXPECT_OK("notification", receive_note(notify, &n));
	EXPECT_EQ("id", MSG_ID_NOTIFY_DEAD_NAME, n.head.id);
	EXPECT_EQ("names our right", service, n.name);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	drop_port(notify);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

static void
notify_no_senders_when_last_send_right_goes(void)
{
	port_name_t p = make_port(), notify = make_port();
	struct msg_notification n;

	EXPECT_OK("a second send reference", task_port_make_send(NAME_TASK_SELF, p));
	EXPECT_OK("request no-senders", task_port_request_notification(NAME_TASK_SELF, p,
			NOTIFY_NO_SENDERS, notify));
	EXPECT_OK("drop one send reference", task_port_deallocate(NAME_TASK_SELF, p));
	EXPECT_ERR("not yet", ERR_TIMED_OUT,
		   msg_receive(&n.head, sizeof(n), notify, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("drop the last", task_port_deallocate(NAME_TASK_SELF, p));
	EXPECT_OK("notification", receive_note(notify, &n));
	EXPECT_EQ("id", MSG_ID_NOTIFY_NO_SENDERS, n.head.id);
	EXPECT_EQ("names the port", p, n.name);
	EXPECT_OK("the receive right is still there", task_port_set_limit(NAME_TASK_SELF, p, 2));
	task_port_deallocate(NAME_TASK_SELF, p);
	drop_port(notify);
}

static void
notify_send_possible_after_notify_send(void)
{
	port_name_t p = make_port(), notify = make_port();
	struct msg_notification n;
	uint32_t seq;

	EXPECT_OK("limit 1", task_port_set_limit(NAME_TASK_SELF, p, 1));
	EXPECT_OK("fill", send_seq(p, 0, MSG_OPT_TIMEOUT, 0));
	EXPECT_ERR("a notify send without a request waits", ERR_TIMED_OUT,
		   send_seq(p, 1, MSG_OPT_NOTIFY | MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("request send-possible", task_port_request_notification(NAME_TASK_SELF, p,
			NOTIFY_SEND_POSSIBLE, notify));
	EXPECT_OK("one message past the limit", send_seq(p, 1, MSG_OPT_NOTIFY | MSG_OPT_TIMEOUT, 0));
	EXPECT_ERR("but only one per thread", ERR_TIMED_OUT,
		   send_seq(p, 2, MSG_OPT_NOTIFY | MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("receive", recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("first", 0, seq);
	EXPECT_ERR("still full: no notification", ERR_TIMED_OUT,
		   msg_receive(&n.head, sizeof(n), notify, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("receive", recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("second", 1, seq);
	EXPECT_OK("notification", receive_note(notify, &n));
	EXPECT_EQ("id", MSG_ID_NOTIFY_SEND_POSSIBLE, n.head.id);
	EXPECT_EQ("names our send right", p, n.name);
	drop_port(p);
	drop_port(notify);
}

static void
notify_bad_requests_rejected(void)
{
	port_name_t p, notify = make_port();

	EXPECT_OK("allocate (receive only)", task_port_allocate(NAME_TASK_SELF, &p));
	EXPECT_ERR("kind 9", ERR_BAD_ARGUMENT,
		   task_port_request_notification(NAME_TASK_SELF, p, 9, notify));
	EXPECT_ERR("dead-name without a send right", ERR_BAD_RIGHT,
		   task_port_request_notification(NAME_TASK_SELF, p, NOTIFY_DEAD_NAME, notify));
	EXPECT_ERR("no-senders on a send right", ERR_BAD_RIGHT,
		   task_port_request_notification(NAME_TASK_SELF, NAME_TASK_SELF,
						  NOTIFY_NO_SENDERS, notify));
	EXPECT_ERR("unknown name", ERR_BAD_NAME,
		   task_port_request_notification(NAME_TASK_SELF, 0x777, NOTIFY_DEAD_NAME, notify));
	EXPECT_ERR("notify port we cannot make a send-once right for", ERR_BAD_RIGHT,
		   task_port_request_notification(NAME_TASK_SELF, p, NOTIFY_NO_SENDERS,
						  NAME_TASK_SELF));
	task_port_deallocate(NAME_TASK_SELF, p);
	drop_port(notify);
}

static port_name_t dying_port;
static volatile int dying_err, dying_done;

static void
blocked_receiver(void *arg)
{
	uint32_t seq;

	dying_err = recv_seq(dying_port, &seq, MSG_OPT_TIMEOUT, 3000);
	dying_done = 1;
}

static void
blocked_sender(void *arg)
{
	dying_err = send_seq(dying_port, 9, MSG_OPT_TIMEOUT, 3000);
	dying_done = 1;
}

static void
notify_dead_port_wakes_waiters(void)
{
	dying_port = make_port();
	dying_done = 0;
	EXPECT_OK("thread_start", thread_start(blocked_receiver, NULL));
	sleep_ms(30);
	task_port_deallocate(NAME_TASK_SELF, dying_port);	/* the send reference */
	EXPECT_OK("destroy the receive right", task_port_deallocate(NAME_TASK_SELF, dying_port));
	WAIT_UNTIL(dying_done);
	EXPECT_EQ("the receiver woke", 1, dying_done);
	EXPECT_ERR("with", ERR_PORT_DEAD, dying_err);

	/* A sender waiting on a full queue, with only a send right left. */
	dying_port = make_port();
	EXPECT_OK("limit 1", task_port_set_limit(NAME_TASK_SELF, dying_port, 1));
	EXPECT_OK("fill", send_seq(dying_port, 0, 0, 0));
	EXPECT_OK("an extra send reference", task_port_make_send(NAME_TASK_SELF, dying_port));
	dying_done = 0;
	EXPECT_OK("thread_start", thread_start(blocked_sender, NULL));
	sleep_ms(30);
	/* Drop both send references, then the receive right (the port dies). */
	task_port_deallocate(NAME_TASK_SELF, dying_port);
	task_port_deallocate(NAME_TASK_SELF, dying_port);
	sleep_ms(30);
	EXPECT_EQ("the sender waits while the port lives", 0, dying_done);
	task_port_deallocate(NAME_TASK_SELF, dying_port);
	WAIT_UNTIL(dying_done);
	EXPECT_EQ("the sender woke when the port died", 1, dying_done);
	EXPECT_ERR("with", ERR_PORT_DEAD, dying_err);
}

static void
notify_receive_right_moves_with_its_queue(void)
{
	port_name_t carrier = make_port(), q = make_port(), name;
	uint32_t seq, kind;

	EXPECT_OK("queue a message on q", send_seq(q, 77, 0, 0));
	EXPECT_OK("drop q's send reference", task_port_deallocate(NAME_TASK_SELF, q));
	EXPECT_OK("send q's receive right", send_right(carrier, q, MSG_MOVE_RECEIVE));
	EXPECT_ERR("q's old name is gone", ERR_BAD_NAME, recv_seq(q, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("receive it", receive_right(carrier, &name, &kind));
	EXPECT_EQ("a receive right", MSG_MOVE_RECEIVE, kind);
	EXPECT_OK("the queued message came along", recv_seq(name, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("seq", 77, seq);
	task_port_deallocate(NAME_TASK_SELF, name);
	drop_port(carrier);
}

/*
 * Receive rights nested 200 deep, each in a message queued on the next
 * port: destroying the outermost destroys them all (without recursing
 * 200 deep on a kernel stack).
 */
static void
notify_nested_receive_rights_destroyed(void)
{
	struct counts base, now;
	port_name_t inner, outer;

	EXPECT_OK("counts", counts_get(&base));
	inner = make_port();
	for (int i = 0; i < 200; i++) {
		outer = make_port();
		task_port_deallocate(NAME_TASK_SELF, inner);	/* its send reference */
		EXPECT_OK("queue the inner receive right on the outer port",
			  send_right(outer, inner, MSG_MOVE_RECEIVE));
		inner = outer;
	}
	EXPECT_OK("destroy the outermost", task_port_deallocate(NAME_TASK_SELF, inner));
	EXPECT_OK("and its receive right", task_port_deallocate(NAME_TASK_SELF, inner));
	EXPECT_TRUE("all 200 are gone", counts_settle(&base, &now));
}

/* A task exits while the receive right it sent (with a queue) travels. */
static void
notify_port_in_transit_outlives_its_sender(void)
{
	struct counts base, now;
	port_name_t link, task, notify;
	struct port_msg m;
	struct msg_notification n;
	struct msg_header h;

	EXPECT_OK("counts", counts_get(&base));
	link = make_port();
	notify = make_port();
	EXPECT_OK("limit 1: the child's message waits while the child dies",
		  task_port_set_limit(NAME_TASK_SELF, link, 1));
	EXPECT_OK("spawn", host_module_spawn(NAME_HOST, "tchild transit", link, NAME_NULL, 0, &task));
	EXPECT_OK("watch it", task_port_request_notification(NAME_TASK_SELF, task, NOTIFY_DEAD_NAME,
			notify));
	EXPECT_OK("the child is gone", msg_receive(&n.head, sizeof(n), notify, MSG_OPT_TIMEOUT, 3000));
	EXPECT_OK("its port arrives", msg_receive(&m.head, sizeof(m), link, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("a receive right", MSG_MOVE_RECEIVE, m.port.disposition);
	for (uint32_t i = 0; i < 3; i++) {
		EXPECT_OK("with its queue", msg_receive(&h, sizeof(h), m.port.name, MSG_OPT_TIMEOUT, 0));
		EXPECT_EQ("in order", 70 + i, h.id);
	}
	task_port_deallocate(NAME_TASK_SELF, m.port.name);
	task_port_deallocate(NAME_TASK_SELF, task);
	drop_port(link);
	drop_port(notify);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

/* Two ports each carrying the other's receive right: nobody could ever free them. */
static void
notify_receive_right_cycles_refused(void)
{
	struct counts base, now;
	port_name_t a, b;

	EXPECT_OK("counts", counts_get(&base));
	a = make_port();
	b = make_port();
	EXPECT_OK("b's receive right into a", send_right(a, b, MSG_MOVE_RECEIVE));
	EXPECT_ERR("a's into b, whose receive right travels", ERR_BAD_RIGHT,
		   send_right(b, a, MSG_MOVE_RECEIVE));
	task_port_deallocate(NAME_TASK_SELF, b);	/* b's send reference */
	drop_port(a);					/* a dies, and b with it */
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

/* Replies from the kernel to a kernel object's port would pile up where no one can take them. */
static void
notify_kernel_reply_to_kernel_object_dropped(void)
{
	struct counts base, now;
	struct msg_header h;

	EXPECT_OK("counts", counts_get(&base));
	for (int i = 0; i < 100; i++) {
		h = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_COPY_SEND), .size = sizeof(h),
					 .dest = NAME_TASK_SELF, .reply = NAME_TASK_SELF, .id = 1 };
		EXPECT_OK("a request whose reply goes to our task port", msg_send(&h, 0, 0));
	}
	EXPECT_OK("counts", counts_get(&now));
	EXPECT_EQ("no reply kept", base.messages, now.messages);
	EXPECT_EQ("no pool pages kept", base.pool_free, now.pool_free);
}

const struct test_case notify_cases[] = {
	{ "notify_port_in_transit_outlives_its_sender", notify_port_in_transit_outlives_its_sender },
	{ "notify_receive_right_cycles_refused", notify_receive_right_cycles_refused },
	{ "notify_kernel_reply_to_kernel_object_dropped", notify_kernel_reply_to_kernel_object_dropped },
	{ "notify_nested_receive_rights_destroyed", notify_nested_receive_rights_destroyed },
	{ "notify_dead_name_when_server_dies", notify_dead_name_when_server_dies },
	{ "notify_no_senders_when_last_send_right_goes", notify_no_senders_when_last_send_right_goes },
	{ "notify_send_possible_after_notify_send", notify_send_possible_after_notify_send },
	{ "notify_bad_requests_rejected", notify_bad_requests_rejected },
	{ "notify_dead_port_wakes_waiters", notify_dead_port_wakes_waiters },
	{ "notify_receive_right_moves_with_its_queue", notify_receive_right_moves_with_its_queue },
	{ NULL, NULL },
};
