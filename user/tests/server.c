/*
 * server.c - what a hostile client cannot do to a server that runs the
 * library's server_loop (here tchild's echo service).
 */
#include "user/tests/tests.h"
#include "harbor/echo_client.h"
#include "harbor/echo_server.h"
#include "harbor/host_client.h"
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

/*
 * A refused request without a reply right: nobody is told, but its rights
 * must still go back (dispatch returns 0 for it as for a one-way request
 * a handler took).
 */
static void
server_lets_go_of_rights_in_refused_one_way_requests(void)
{
	port_name_t task, service, p, notify = make_port();
	struct port_msg m;
	struct msg_notification n;
	int32_t sum = 0;

	EXPECT_OK("allocate (receive right only)", task_port_allocate(NAME_TASK_SELF, &p));
	EXPECT_OK("spawn the echo server", spawn_child("echo", &task, &service));
	m = (struct port_msg){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX,
			  .size = sizeof(m), .dest = service, .id = 4999 },
		.body = { 1 },
		.port = { .type = MSG_DESC_PORT, .disposition = MSG_MAKE_SEND, .name = p },
	};
	EXPECT_OK("a one-way request with an unknown id, carrying a send right",
		  msg_send(&m.head, 0, 0));
	m.head.id = ECHO_ADD_ID;
	EXPECT_OK("a malformed one-way add, carrying a send right", msg_send(&m.head, 0, 0));
	EXPECT_OK("an honest call: the server has taken both before it",
		  echo_add(service, 2, 3, &sum));
	EXPECT_OK("ask to hear when no send right is left", task_port_request_notification(
			NAME_TASK_SELF, p, NOTIFY_NO_SENDERS, notify));
	EXPECT_OK("none is: it fires at once",
		  msg_receive(&n.head, sizeof(n), notify, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("no-senders", MSG_ID_NOTIFY_NO_SENDERS, n.head.id);
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	drop_port(p);
	drop_port(notify);
}

/* A request larger than any the interface has is refused, not left stuck. */
static void
server_refuses_a_request_larger_than_its_interface(void)
{
	static union {
		struct msg_header head;
		struct msg_reply_header r;
		uint8_t bytes[MSG_SIZE_MAX];
	} big;
	port_name_t task, service;
	int32_t sum = 0;

	EXPECT_OK("spawn the echo server", spawn_child("echo", &task, &service));
	EXPECT_TRUE("larger than any echo request", MSG_SIZE_MAX > ECHO_REQUEST_MAX);
	big.head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
					.size = MSG_SIZE_MAX, .dest = service,
					.reply = msg_reply_port(), .id = ECHO_SHOUT_ID };
	EXPECT_OK("send it", msg_rpc(&big.head, sizeof(big), msg_reply_port(), 0, 0));
	EXPECT_EQ("an error reply", sizeof(struct msg_reply_header), big.head.size);
	EXPECT_ERR("malformed", ERR_BAD_MESSAGE, big.r.retcode);
	EXPECT_OK("the server goes on", echo_add(service, 2, 3, &sum));
	EXPECT_EQ("sum", 5, sum);
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
}

/*
 * A client at its kernel pool quota cannot be sent its answer
 * (ERR_NO_MEMORY on the server's send): the server drops the answer and
 * goes on serving.
 */
static void
server_survives_a_client_it_cannot_answer(void)
{
	port_name_t task, service, hog = NAME_NULL;
	uint32_t adds = 0;
	int32_t sum = 0;
	int err = ERR_OK;

	EXPECT_OK("spawn the echo server", spawn_child("echo", &task, &service));
	EXPECT_OK("spawn a client that fills its quota, then calls",
		  host_module_spawn(NAME_HOST, "tchild quota_call", service, NAME_NULL, 0, &hog));
	/* Up to 5 s for the client to fill its quota and call (WAIT_UNTIL's
	 * second would be short on a slow host); nothing here is timed. */
	for (int i = 0; i < 500 && (err = echo_stats(service, &adds)) == ERR_OK && adds < 1; i++)
		sleep_ms(10);
	task_terminate(hog, 0);
	task_port_deallocate(NAME_TASK_SELF, hog);
	EXPECT_OK("the server answers after it", err);
	EXPECT_EQ("it served the client at its quota", 1, adds);
	EXPECT_OK("and goes on", echo_add(service, 2, 3, &sum));
	EXPECT_EQ("sum", 5, sum);
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
}

const struct test_case server_cases[] = {
	{ "server_survives_a_reply_right_that_blocks", server_survives_a_reply_right_that_blocks },
	{ "server_lets_go_of_rights_in_refused_requests", server_lets_go_of_rights_in_refused_requests },
	{ "server_lets_go_of_rights_in_refused_one_way_requests",
	  server_lets_go_of_rights_in_refused_one_way_requests },
	{ "server_refuses_a_request_larger_than_its_interface",
	  server_refuses_a_request_larger_than_its_interface },
	{ "server_survives_a_client_it_cannot_answer", server_survives_a_client_it_cannot_answer },
	{ NULL, NULL },
};
