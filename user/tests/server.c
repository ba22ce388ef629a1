/*
 * server.c - what a hostile client cannot do to a server that runs the
 * library's server_loop (here tchild's echo service).
 */
#include "user/tests/tests.h"
#include "harbor/echo_client.h"
#include "harbor/echo_server.h"
#include "harbor/task_client.h"

/* The server would have to wait forever to reply through this right. */
static void
server_survives_a_reply_right_that_blocks(void)
{
	struct counts base, now;
	port_name_t task, service, sink;
	struct msg_header h;
	int32_t sum;

	EXPECT_OK("counts", counts_get(&base));
	sink = make_port();
	EXPECT_OK("limit 0: a send to it waits for a receiver that never comes",
		  task_port_set_limit(NAME_TASK_SELF, sink, 0));
	EXPECT_OK("spawn the echo server", spawn_child("echo", &task, &service));
	h = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND), .size = 20,
				 .dest = service, .reply = sink, .id = ECHO_SHOUT_ID };
	EXPECT_OK("a request whose reply right is a plain send right to it", msg_send(&h, 0, 0));
	EXPECT_OK("an honest client is still served", echo_add(service, 2, 3, &sum));
	EXPECT_EQ("sum", 5, sum);
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	drop_port(sink);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

/* Rights sent in a request the server refuses go back, not into its name table. */
static void
server_lets_go_of_rights_in_refused_requests(void)
{
	port_name_t task, service, p, notify = make_port();
	struct port_msg m;
	struct msg_notification n;
	struct msg_reply_header r;

	EXPECT_OK("allocate (receive right only)", task_port_allocate(NAME_TASK_SELF, &p));
	EXPECT_OK("ask to hear when no send right is left", task_port_request_notification(
			NAME_TASK_SELF, p, NOTIFY_NO_SENDERS, notify));
	EXPECT_OK("spawn the echo server", spawn_child("echo", &task, &service));
	m = (struct port_msg){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE) | MSG_BITS_COMPLEX,
			  .size = sizeof(m), .dest = service, .reply = msg_reply_port(), .id = 4999 },
		.body = { 1 },
		.port = { .type = MSG_DESC_PORT, .disposition = MSG_MAKE_SEND, .name = p },
	};
	EXPECT_OK("a request with an unknown id, carrying a send right",
		  msg_rpc(&m.head, sizeof(r) > sizeof(m) ? sizeof(r) : sizeof(m), msg_reply_port(), 0, 0));
	r = *(struct msg_reply_header *)&m;
	EXPECT_ERR("refused", ERR_BAD_OPERATION, r.retcode);
	EXPECT_OK("the server dropped the right it was sent",
		  msg_receive(&n.head, sizeof(n), notify, MSG_OPT_TIMEOUT, 2000));
	EXPECT_EQ("no-senders", MSG_ID_NOTIFY_NO_SENDERS, n.head.id);
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	task_port_deallocate(NAME_TASK_SELF, p);
	drop_port(notify);
}

const struct test_case server_cases[] = {
	{ "server_survives_a_reply_right_that_blocks", server_survives_a_reply_right_that_blocks },
	{ "server_lets_go_of_rights_in_refused_requests", server_lets_go_of_rights_in_refused_requests },
	{ NULL, NULL },
};
