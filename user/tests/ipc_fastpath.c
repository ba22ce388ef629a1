/*
 * ipc_fastpath.c - the cases the RPC fast path (kernel/fastpath.c) must
 * hand to the slow path: a receive buffer that changed while its thread
 * waited, and a message larger than the waiting receiver's buffer.
 */
#include "user/tests/tests.h"
#include "harbor/task_client.h"

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
	EXPECT_OK("vm_allocate", task_vm_allocate(NAME_TASK_SELF, 4096, &fp_buf));
	EXPECT_OK("thread_start", thread_start(receive_into_fp_buf, (void *)4096));
	sleep_ms(30);
	EXPECT_OK("unmap the waiting receiver's buffer", task_vm_deallocate(NAME_TASK_SELF, fp_buf, 4096));
	EXPECT_OK("send", send_seq(fp_port, 1, 0, 0));
	for (int i = 0; i < 100 && !fp_done; i++)
		sleep_ms(10);
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
	EXPECT_OK("vm_allocate", task_vm_allocate(NAME_TASK_SELF, 4096, &fp_buf));
	EXPECT_OK("thread_start", thread_start(receive_into_fp_buf, (void *)sizeof(struct msg_header)));
	sleep_ms(30);
	EXPECT_OK("send a message larger than the receiver's buffer", send_seq(fp_port, 8, 0, 0));
	for (int i = 0; i < 100 && !fp_done; i++)
		sleep_ms(10);
	EXPECT_ERR("the receiver learns it is too small", ERR_TOO_LARGE, fp_err);
	EXPECT_EQ("and the size it needs", sizeof(big), ((struct msg_header *)fp_buf)->size);
	EXPECT_OK("the message waits for a bigger buffer", recv_seq(fp_port, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("seq", 8, seq);
	task_vm_deallocate(NAME_TASK_SELF, fp_buf, 4096);
	drop_port(fp_port);
}

const struct test_case fastpath_cases[] = {
	{ "fastpath_buffer_unmapped_while_waiting", fastpath_buffer_unmapped_while_waiting },
	{ "fastpath_message_larger_than_waiting_buffer", fastpath_message_larger_than_waiting_buffer },
	{ NULL, NULL },
};
