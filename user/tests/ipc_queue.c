/*
 * ipc_queue.c - queue limits, blocking on full and empty queues,
 * timeouts and polling.
 */
#include "user/tests/tests.h"
#include "harbor/task_client.h"

/* Fill p with messages until a polling send fails; returns how many fit. */
static uint32_t
fill(port_name_t p)
{
	uint32_t n = 0;

	while (n < 100 && send_seq(p, n, MSG_OPT_TIMEOUT, 0) == ERR_OK)
		n++;
	return n;
}

static void
ipc_queue_limit_is_8_by_default(void)
{
	port_name_t p = make_port();

	EXPECT_EQ("messages that fit", 8, fill(p));
	EXPECT_ERR("ninth send polls and fails", ERR_TIMED_OUT, send_seq(p, 9, MSG_OPT_TIMEOUT, 0));
	drop_port(p);
}

static void
ipc_queue_limit_1(void)
{
	port_name_t p = make_port();
	uint32_t seq;

	EXPECT_OK("set limit 1", task_port_set_limit(NAME_TASK_SELF, p, 1));
	EXPECT_EQ("messages that fit", 1, fill(p));
	EXPECT_OK("receive", recv_seq(p, &seq, 0, 0));
	EXPECT_OK("room again", send_seq(p, 1, MSG_OPT_TIMEOUT, 0));
	drop_port(p);
}

static port_name_t rv_port;
static volatile uint32_t rv_seq, rv_done;

static void
rendezvous_receiver(void *arg)
{
	uint32_t seq = 0;

	if (recv_seq(rv_port, &seq, MSG_OPT_TIMEOUT, 2000) == ERR_OK)
		rv_seq = seq;
	rv_done = 1;
}

static void
ipc_queue_limit_0_is_rendezvous(void)
{
	rv_port = make_port();
	rv_seq = rv_done = 0;
	EXPECT_OK("set limit 0", task_port_set_limit(NAME_TASK_SELF, rv_port, 0));
	EXPECT_ERR("no receiver: a polling send fails", ERR_TIMED_OUT,
		  send_seq(rv_port, 1, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("thread_start", thread_start(rendezvous_receiver, NULL));
	/* Blocks until the receiver takes it. */
	EXPECT_OK("send meets the receiver", send_seq(rv_port, 2, MSG_OPT_TIMEOUT, 2000));
	WAIT_UNTIL(rv_done);
	EXPECT_EQ("receiver got it", 2, rv_seq);
	drop_port(rv_port);
}

static port_name_t full_port;
static volatile uint32_t full_sent;

static void
blocked_sender(void *arg)
{
	if (send_seq(full_port, 100, 0, 0) == ERR_OK)
		full_sent = 1;
}

static void
ipc_send_blocks_until_room(void)
{
	uint32_t seq;

	full_port = make_port();
	full_sent = 0;
	EXPECT_OK("set limit 2", task_port_set_limit(NAME_TASK_SELF, full_port, 2));
	EXPECT_EQ("fill", 2, fill(full_port));
	EXPECT_OK("thread_start", thread_start(blocked_sender, NULL));
	sleep_ms(50);
	EXPECT_EQ("sender is blocked", 0, full_sent);
	EXPECT_OK("receive makes room", recv_seq(full_port, &seq, 0, 0));
	WAIT_UNTIL(full_sent);
	EXPECT_EQ("sender completed", 1, full_sent);
	EXPECT_OK("receive", recv_seq(full_port, &seq, 0, 0));
	EXPECT_OK("receive the blocked one", recv_seq(full_port, &seq, 0, 0));
	EXPECT_EQ("its seq", 100, seq);
	drop_port(full_port);
}

static void
ipc_send_timeout_on_full_queue(void)
{
	port_name_t p = make_port();
	uint32_t start;

	EXPECT_OK("set limit 1", task_port_set_limit(NAME_TASK_SELF, p, 1));
	EXPECT_EQ("fill", 1, fill(p));
	start = now_ms();
	EXPECT_ERR("send times out", ERR_TIMED_OUT, send_seq(p, 2, MSG_OPT_TIMEOUT, 60));
	EXPECT_TRUE("waited at least 50 ms", now_ms() - start >= 50);
	drop_port(p);
}

static void
ipc_receive_poll_on_empty_queue(void)
{
	port_name_t p = make_port();
	uint32_t seq;

	EXPECT_ERR("poll", ERR_TIMED_OUT, recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("send", send_seq(p, 3, 0, 0));
	EXPECT_OK("poll finds it", recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	drop_port(p);
}

static void
ipc_receive_timeout_waits(void)
{
	port_name_t p = make_port();
	uint32_t seq, start = now_ms(), waited;

	EXPECT_ERR("receive times out", ERR_TIMED_OUT, recv_seq(p, &seq, MSG_OPT_TIMEOUT, 100));
	waited = now_ms() - start;
	/* Only a lower bound: how much longer it took depends on the host (no timed assertions). */
	EXPECT_TRUE("waited at least 90 ms", waited >= 90);
	drop_port(p);
}

static void
ipc_queue_limit_above_maximum_rejected(void)
{
	port_name_t p = make_port();

	EXPECT_ERR("limit 65", ERR_BAD_ARGUMENT, task_port_set_limit(NAME_TASK_SELF, p, 65));
	EXPECT_EQ("limit unchanged", 8, fill(p));
	EXPECT_ERR("limit on a name without receive right", ERR_BAD_NAME,
		  task_port_set_limit(NAME_TASK_SELF, 0x777, 4));
	drop_port(p);
}

const struct test_case ipc_queue_cases[] = {
	{ "ipc_queue_limit_is_8_by_default", ipc_queue_limit_is_8_by_default },
	{ "ipc_queue_limit_1", ipc_queue_limit_1 },
	{ "ipc_queue_limit_0_is_rendezvous", ipc_queue_limit_0_is_rendezvous },
	{ "ipc_send_blocks_until_room", ipc_send_blocks_until_room },
	{ "ipc_send_timeout_on_full_queue", ipc_send_timeout_on_full_queue },
	{ "ipc_receive_poll_on_empty_queue", ipc_receive_poll_on_empty_queue },
	{ "ipc_receive_timeout_waits", ipc_receive_timeout_waits },
	{ "ipc_queue_limit_above_maximum_rejected", ipc_queue_limit_above_maximum_rejected },
	{ NULL, NULL },
};
