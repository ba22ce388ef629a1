/*
 * ipc_fastpath.c - the cases the RPC fast path (kernel/fastpath.c) must
 * hand to the slow path: a receive buffer that changed while its thread
 * waited, and a message larger than the waiting receiver's buffer; and a
 * receiver killed after a message was meant for it but before it ran.
 */
#include "user/tests/tests.h"
#include "harbor/task_client.h"
#include "harbor/thread_client.h"

static port_name_t fp_port;
static uint32_t fp_buf;
static volatile int fp_err, fp_done;

static void
receive_into_fp_buf(void *arg)
{
	struct msg_header *h = (struct msg_header *)fp_buf;

	fp_err = msg_receive(h, (uint32_t)arg, fp_port, MSG_OPT_TIMEOUT, 3000);
	fp_done = 1;
}

static void
fastpath_buffer_unmapped_while_waiting(void)
{
	struct counts base, now;

	EXPECT_OK("counts", counts_get(&base));
	fp_port = make_port();
	fp_done = 0;
	EXPECT_OK("vm_allocate", vm_allocate(4096, &fp_buf));
	EXPECT_OK("thread_start", thread_start(receive_into_fp_buf, (void *)4096));
	sleep_ms(30);
	EXPECT_OK("unmap the waiting receiver's buffer", vm_deallocate(fp_buf, 4096));
	EXPECT_OK("send", send_seq(fp_port, 1, 0, 0));
	WAIT_UNTIL(fp_done);
	EXPECT_EQ("the receiver woke", 1, fp_done);
	EXPECT_ERR("and was told its buffer is gone", ERR_BAD_ADDRESS, fp_err);
	drop_port(fp_port);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

static void
fastpath_message_larger_than_waiting_buffer(void)
{
	static struct test_msg big;
	uint32_t seq;

	fp_port = make_port();
	fp_done = 0;
	EXPECT_OK("vm_allocate", vm_allocate(4096, &fp_buf));
	EXPECT_OK("thread_start", thread_start(receive_into_fp_buf, (void *)sizeof(struct msg_header)));
	sleep_ms(30);
	EXPECT_OK("send a message larger than the receiver's buffer", send_seq(fp_port, 8, 0, 0));
	WAIT_UNTIL(fp_done);
	EXPECT_ERR("the receiver learns it is too small", ERR_TOO_LARGE, fp_err);
	EXPECT_EQ("and the size it needs", sizeof(big), ((struct msg_header *)fp_buf)->size);
	EXPECT_OK("the message waits for a bigger buffer", recv_seq(fp_port, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("seq", 8, seq);
	vm_deallocate(fp_buf, 4096);
	drop_port(fp_port);
}

static port_name_t victim_port, victim_thread[2];
static volatile uint32_t victim_got[2];

static void
victim(void *arg)
{
	uint32_t i = (uint32_t)arg, seq;

	victim_thread[i] = thread_self();
	if (recv_seq(victim_port, &seq, MSG_OPT_TIMEOUT, 3000) == ERR_OK)
		victim_got[i] = 1;
}

/* Start receivers 0 .. n-1 on victim_port, in that order, while we run above them. */
static int
start_victims(int n)
{
	victim_port = make_port();
	for (int i = 0; i < n; i++) {
		victim_got[i] = 0;
		if (thread_start(victim, (void *)i) != ERR_OK)
			return 0;
		sleep_ms(20);		/* it runs and blocks in its receive */
	}
	/* Above them from here on, so none runs until we block. */
	return thread_set_priority(thread_self(), 20) == ERR_OK;
}

static void
fastpath_request_to_killed_receiver_tells_client(void)
{
	port_name_t reply = make_port();
	struct msg_header h;

	EXPECT_TRUE("a receiver waits", start_victims(1));
	h = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = sizeof(h),
				 .dest = victim_port, .reply = reply, .id = 42 };
	EXPECT_OK("request, delivered straight into its buffer", msg_send(&h, 0, 0));
	EXPECT_OK("kill it before it runs", thread_terminate(victim_thread[0]));
	thread_set_priority(thread_self(), 16);
	EXPECT_OK("the client hears", msg_receive(&h, sizeof(h), reply, MSG_OPT_TIMEOUT, 2000));
	EXPECT_EQ("that there will be no reply", MSG_ID_NOTIFY_SEND_ONCE, h.id);
	EXPECT_EQ("the receiver never got to it", 0, victim_got[0]);
	drop_port(reply);
	drop_port(victim_port);
}

static void
fastpath_queued_message_passes_to_next_receiver(void)
{
	port_name_t extra = make_port();

	EXPECT_TRUE("two receivers wait", start_victims(2));
	/* A descriptor keeps it off the fast path: queued, and the first receiver woken. */
	EXPECT_OK("send", send_right(victim_port, extra, MSG_MAKE_SEND));
	EXPECT_OK("kill the woken one before it runs", thread_terminate(victim_thread[0]));
	thread_set_priority(thread_self(), 16);
	WAIT_UNTIL(victim_got[1]);
	EXPECT_EQ("the other receiver took the message", 1, victim_got[1]);
	EXPECT_EQ("the killed one did not", 0, victim_got[0]);
	drop_port(extra);
	drop_port(victim_port);
}

const struct test_case fastpath_cases[] = {
	{ "fastpath_request_to_killed_receiver_tells_client", fastpath_request_to_killed_receiver_tells_client },
	{ "fastpath_queued_message_passes_to_next_receiver", fastpath_queued_message_passes_to_next_receiver },
	{ "fastpath_buffer_unmapped_while_waiting", fastpath_buffer_unmapped_while_waiting },
	{ "fastpath_message_larger_than_waiting_buffer", fastpath_message_larger_than_waiting_buffer },
	{ NULL, NULL },
};
