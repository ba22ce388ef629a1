/*
 * ipc_bad.c - every class of bad input to the traps and to kernel
 * objects gets its error code and changes nothing.
 */
#include "user/tests/tests.h"
#include "harbor/layout.h"
#include "harbor/task_client.h"
#include "harbor/task_server.h"

#define KERNEL_ADDR	0xC0100000u
#define UNMAPPED_ADDR	0x00001000u
#define WRAP_ADDR	0xFFFFFFF0u

static void
bad_trap_operation_rejected(void)
{
	EXPECT_ERR("operation 0", ERR_BAD_OPERATION, msg_trap_raw(0, 0, 0, 0, 0, 0));
	EXPECT_ERR("the operation after the last", ERR_BAD_OPERATION,
		   msg_trap_raw(MSG_TRAP_LAST + 1, 0, 0, 0, 0, 0));
	EXPECT_ERR("operation 0xffffffff", ERR_BAD_OPERATION, msg_trap_raw(~0u, 1, 2, 3, 4, 5));
}

static void
bad_options_rejected(void)
{
	port_name_t p = make_port();
	uint32_t seq;

	EXPECT_ERR("send option bit 31", ERR_BAD_ARGUMENT, send_seq(p, 1, 0x80000000u, 0));
	EXPECT_ERR("receive option bit 4", ERR_BAD_ARGUMENT, recv_seq(p, &seq, 0x10, 0));
	EXPECT_ERR("nothing was queued", ERR_TIMED_OUT, recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	drop_port(p);
}

static void
bad_message_pointers_rejected(void)
{
	struct msg_header *h;

	EXPECT_ERR("unmapped", ERR_BAD_ADDRESS, msg_send((struct msg_header *)UNMAPPED_ADDR, 0, 0));
	EXPECT_ERR("null", ERR_BAD_ADDRESS, msg_send(NULL, 0, 0));
	EXPECT_ERR("kernel", ERR_BAD_ADDRESS, msg_send((struct msg_header *)KERNEL_ADDR, 0, 0));
	EXPECT_ERR("wrapping", ERR_BAD_ADDRESS, msg_send((struct msg_header *)WRAP_ADDR, 0, 0));
	/* A header that fits but a size that runs into the kernel. */
	h = (struct msg_header *)(USER_TOP - sizeof(*h));
	struct msg_header saved = *h;
	*h = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = 64,
				  .dest = NAME_TASK_SELF };
	int err = msg_send(h, 0, 0);
	*h = saved;
	EXPECT_ERR("body runs past user space", ERR_BAD_ADDRESS, err);
}

/* A buffer whose first page is mapped but whose next is not: every page is checked (lab 2.2). */
static void
bad_buffers_running_into_an_unmapped_page_rejected(void)
{
	port_name_t p = make_port();
	uint32_t a = 0, seq;
	struct msg_header *h;

	EXPECT_OK("vm_allocate two pages", vm_allocate(2 * PAGE_SIZE, &a));
	EXPECT_OK("give back the second", vm_deallocate(a + PAGE_SIZE, PAGE_SIZE));
	EXPECT_OK("send", send_seq(p, 1, 0, 0));
	h = (struct msg_header *)(a + PAGE_SIZE - sizeof(*h));
	EXPECT_ERR("receive into a buffer running into the unmapped page", ERR_BAD_ADDRESS,
		  msg_receive(h, 64, p, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("the message is still there", recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("and it is the first", 1, seq);
	*h = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = 64, .dest = p };
	EXPECT_ERR("send a body running into the unmapped page", ERR_BAD_ADDRESS,
		  msg_send(h, MSG_OPT_TIMEOUT, 0));
	EXPECT_ERR("nothing was queued", ERR_TIMED_OUT, recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	vm_deallocate(a, PAGE_SIZE);
	drop_port(p);
}

static void
bad_receive_buffers_rejected(void)
{
	port_name_t p = make_port();
	uint32_t seq;

	EXPECT_OK("send", send_seq(p, 1, 0, 0));
	EXPECT_ERR("unmapped", ERR_BAD_ADDRESS,
		  msg_receive((struct msg_header *)UNMAPPED_ADDR, 64, p, 0, 0));
	EXPECT_ERR("kernel", ERR_BAD_ADDRESS,
		  msg_receive((struct msg_header *)KERNEL_ADDR, 64, p, 0, 0));
	EXPECT_ERR("wrapping", ERR_BAD_ADDRESS,
		  msg_receive((struct msg_header *)WRAP_ADDR, 64, p, 0, 0));
	EXPECT_ERR("read-only (program text)", ERR_BAD_ADDRESS,
		  msg_receive((struct msg_header *)(uintptr_t)bad_receive_buffers_rejected, 64, p, 0, 0));
	EXPECT_ERR("rpc with a bad buffer sends nothing", ERR_BAD_ADDRESS,
		  msg_rpc((struct msg_header *)UNMAPPED_ADDR, 64, p, 0, 0));
	EXPECT_OK("the message is still there", recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("and it is the first", 1, seq);
	drop_port(p);
}

static void
bad_sizes_rejected(void)
{
	port_name_t p = make_port();
	struct test_msg m = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .dest = p, .id = 42 } };
	static union {
		struct msg_header head;
		uint8_t bytes[MSG_SIZE_MAX + 64];
	} big;
	uint32_t seq;

	m.head.size = 8;
	EXPECT_ERR("smaller than a header", ERR_BAD_SIZE, msg_send(&m.head, 0, 0));
	m.head.size = sizeof(m) - 2;
	EXPECT_ERR("not a multiple of 4", ERR_BAD_SIZE, msg_send(&m.head, 0, 0));
	big.head = m.head;
	big.head.size = MSG_SIZE_MAX + 4;
	EXPECT_ERR("over MSG_SIZE_MAX", ERR_BAD_SIZE, msg_send(&big.head, 0, 0));
	big.head.size = MSG_SIZE_MAX;
	EXPECT_OK("exactly MSG_SIZE_MAX", msg_send(&big.head, 0, 0));
	EXPECT_OK("receive it", msg_receive(&big.head, sizeof(big), p, 0, 0));
	EXPECT_EQ("received size", MSG_SIZE_MAX, big.head.size);
	EXPECT_ERR("receive buffer under a header", ERR_BAD_SIZE, msg_receive(&m.head, 16, p, 0, 0));
	EXPECT_ERR("queue empty", ERR_TIMED_OUT, recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	drop_port(p);
}

static void
bad_names_rejected(void)
{
	port_name_t p = make_port(), stale;
	uint32_t seq;

	EXPECT_ERR("send to unknown name", ERR_BAD_NAME, send_seq(0x777, 1, 0, 0));
	EXPECT_ERR("send to NAME_NULL", ERR_BAD_NAME, send_seq(NAME_NULL, 1, 0, 0));
	EXPECT_ERR("send to NAME_DEAD", ERR_BAD_NAME, send_seq(NAME_DEAD, 1, 0, 0));
	EXPECT_ERR("receive on unknown name", ERR_BAD_NAME, recv_seq(0x777, &seq, 0, 0));
	stale = p;
	drop_port(p);
	p = make_port();
	EXPECT_TRUE("a new port gets a new name", p != stale);
	EXPECT_ERR("send to the old name", ERR_BAD_NAME, send_seq(stale, 1, 0, 0));
	EXPECT_ERR("receive on the old name", ERR_BAD_NAME, recv_seq(stale, &seq, 0, 0));
	drop_port(p);
}

static void
bad_rights_rejected(void)
{
	port_name_t p;
	uint32_t seq;

	EXPECT_OK("allocate (receive right only)", task_port_allocate(NAME_TASK_SELF, &p));
	EXPECT_ERR("copy-send without a send right", ERR_BAD_RIGHT, send_seq(p, 1, 0, 0));
	EXPECT_ERR("receive on a send right", ERR_BAD_RIGHT,
		  recv_seq(NAME_TASK_SELF, &seq, MSG_OPT_TIMEOUT, 0));
	struct test_msg m = { .head = { .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0), .size = sizeof(m),
					.dest = NAME_TASK_SELF, .id = 42 } };
	EXPECT_ERR("move-send-once of a send right", ERR_BAD_RIGHT, msg_send(&m.head, 0, 0));
	m.head.bits = MSG_BITS(MSG_MAKE_SEND, 0);
	EXPECT_ERR("make-send from a send right", ERR_BAD_RIGHT, msg_send(&m.head, 0, 0));
	task_port_deallocate(NAME_TASK_SELF, p);
}

static void
bad_dispositions_rejected(void)
{
	port_name_t p = make_port();
	struct test_msg m = { .head = { .size = sizeof(m), .dest = p, .id = 42 } };
	uint32_t seq;

	m.head.bits = MSG_BITS(99, 0);
	EXPECT_ERR("dest disposition 99", ERR_BAD_DISPOSITION, msg_send(&m.head, 0, 0));
	m.head.bits = MSG_BITS(0, 0);
	EXPECT_ERR("dest disposition none", ERR_BAD_DISPOSITION, msg_send(&m.head, 0, 0));
	m.head.bits = MSG_BITS(MSG_COPY_SEND, MSG_MOVE_RECEIVE);
	m.head.reply = p;
	EXPECT_ERR("reply as a receive right", ERR_BAD_DISPOSITION, msg_send(&m.head, 0, 0));
	m.head.bits = MSG_BITS(MSG_COPY_SEND, 0x7f);
	EXPECT_ERR("reply disposition 0x7f", ERR_BAD_DISPOSITION, msg_send(&m.head, 0, 0));
	m.head.bits = MSG_BITS(MSG_COPY_SEND, 0) | 0x00ff0000u;
	m.head.reply = NAME_NULL;
	EXPECT_ERR("unknown header bits", ERR_BAD_MESSAGE, msg_send(&m.head, 0, 0));
	EXPECT_ERR("nothing queued", ERR_TIMED_OUT, recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	drop_port(p);
}

struct complex_msg {
	struct msg_header head;
	struct msg_body body;
	struct msg_port_desc port[2];
};

static void
bad_descriptors_rejected(void)
{
	struct complex_msg m;
	uint32_t seq;
	struct counts before, after;
	port_name_t p;

	EXPECT_OK("counts", counts_get(&before));
	p = make_port();
	m = (struct complex_msg){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX,
			  .size = sizeof(m), .dest = p, .id = 44 },
		.body = { 2 },
		.port = { { .type = MSG_DESC_PORT, .disposition = MSG_MAKE_SEND, .name = p },
			  { .type = 9, .disposition = MSG_COPY_SEND, .name = p } },
	};
	EXPECT_ERR("unknown descriptor type", ERR_BAD_MESSAGE, msg_send(&m.head, 0, 0));
	m.port[1].type = MSG_DESC_PORT;
	m.body.desc_count = 3;
	EXPECT_ERR("count runs past the message", ERR_BAD_MESSAGE, msg_send(&m.head, 0, 0));
	m.body.desc_count = 1000000;
	EXPECT_ERR("huge count", ERR_BAD_MESSAGE, msg_send(&m.head, 0, 0));
	m.body.desc_count = 2;
	m.port[1].name = 0x777;
	EXPECT_ERR("descriptor names nothing", ERR_BAD_NAME, msg_send(&m.head, 0, 0));
	m.port[1].name = p;
	m.port[1].disposition = 3;
	EXPECT_ERR("descriptor disposition 3", ERR_BAD_DISPOSITION, msg_send(&m.head, 0, 0));
	m.port[1].disposition = MSG_MOVE_SEND_ONCE;
	EXPECT_ERR("moving a send-once right we lack", ERR_BAD_RIGHT, msg_send(&m.head, 0, 0));
	m.port[1].disposition = MSG_MOVE_RECEIVE;
	EXPECT_ERR("a port carrying its own receive right", ERR_BAD_RIGHT, msg_send(&m.head, 0, 0));
	m.head.size = sizeof(struct msg_header) + 2;
	EXPECT_ERR("complex but no room for the count", ERR_BAD_SIZE, msg_send(&m.head, 0, 0));
	m.head.size = sizeof(struct msg_header) + 4;
	EXPECT_ERR("complex, count but no descriptors", ERR_BAD_MESSAGE, msg_send(&m.head, 0, 0));
	EXPECT_ERR("nothing queued", ERR_TIMED_OUT, recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	drop_port(p);
	EXPECT_OK("counts", counts_get(&after));
	EXPECT_EQ("ports back", before.ports, after.ports);
	EXPECT_EQ("messages back", before.messages, after.messages);
}

static void
bad_double_move_rejected_whole(void)
{
	port_name_t p = make_port(), reply_port = make_port();
	struct test_msg req = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
					  .size = sizeof(req), .dest = p, .reply = reply_port,
					  .id = 42 } }, in;
	struct complex_msg m;

	EXPECT_OK("send request", msg_send(&req.head, 0, 0));
	EXPECT_OK("receive request", msg_receive(&in.head, sizeof(in), p, 0, 0));
	port_name_t once = in.head.reply;
	m = (struct complex_msg){
		.head = { .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0) | MSG_BITS_COMPLEX,
			  .size = sizeof(m), .dest = once, .id = 45 },
		.body = { 1 },
		.port = { { .type = MSG_DESC_PORT, .disposition = MSG_MOVE_SEND_ONCE, .name = once } },
	};
	m.head.size = sizeof(m) - sizeof(m.port[1]);
	EXPECT_ERR("the same send-once right moved twice", ERR_BAD_RIGHT, msg_send(&m.head, 0, 0));
	struct test_msg r = { .head = { .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0), .size = sizeof(r),
					.dest = once, .id = 142 } };
	EXPECT_OK("the right is still usable once", msg_send(&r.head, 0, 0));
	EXPECT_OK("the reply arrives", msg_receive(&in.head, sizeof(in), reply_port, 0, 0));
	EXPECT_EQ("reply id", 142, in.head.id);
	drop_port(p);
	drop_port(reply_port);
}

/* A hand-made request to a kernel object: the tests need malformed ones. */
static void
bad_kernel_object_requests_rejected(void)
{
	struct {
		struct msg_reply_header head;
		uint32_t extra[8];
	} m;

	memset(&m, 0, sizeof(m));
	m.head.head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
					   .size = sizeof(struct msg_header), .dest = NAME_TASK_SELF,
					   .reply = msg_reply_port(), .id = 1999 };
	EXPECT_OK("rpc with an unknown id", msg_rpc(&m.head.head, sizeof(m), msg_reply_port(), 0, 0));
	EXPECT_ERR("error reply", ERR_BAD_OPERATION, m.head.retcode);
	m.head.head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
					   .size = sizeof(struct msg_header) + 12,
					   .dest = NAME_TASK_SELF, .reply = msg_reply_port(),
					   .id = TASK_PORT_ALLOCATE_ID };
	EXPECT_OK("rpc with extra bytes", msg_rpc(&m.head.head, sizeof(m), msg_reply_port(), 0, 0));
	EXPECT_ERR("error reply", ERR_BAD_MESSAGE, m.head.retcode);
	m.head.head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
					   .size = sizeof(struct msg_header),
					   .dest = NAME_TASK_SELF, .reply = msg_reply_port(),
					   .id = TASK_PORT_SET_LIMIT_ID };
	EXPECT_OK("rpc missing its arguments", msg_rpc(&m.head.head, sizeof(m), msg_reply_port(), 0, 0));
	EXPECT_ERR("error reply", ERR_BAD_MESSAGE, m.head.retcode);
	EXPECT_ERR("kernel rejects a bad name", ERR_BAD_NAME,
		  task_port_deallocate(NAME_TASK_SELF, 0x12345));
	EXPECT_ERR("thread entry in the kernel", ERR_BAD_ADDRESS,
		  task_thread_create(NAME_TASK_SELF, KERNEL_ADDR, 0x1000, 0, &(port_name_t){ 0 }));
}

static void
bad_inputs_change_no_counts(void)
{
	struct counts before, after;
	port_name_t p = make_port();
	uint32_t seq;

	EXPECT_OK("counts", counts_get(&before));
	for (int i = 0; i < 50; i++) {
		msg_send((struct msg_header *)(UNMAPPED_ADDR + i * 4096), 0, 0);
		msg_receive((struct msg_header *)KERNEL_ADDR, 64, p, 0, 0);
		send_seq(0x1000 + i, 1, 0, 0);
		recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0);
		msg_trap_raw(MSG_TRAP_LAST + 1 + i, i, i, i, i, i);
	}
	EXPECT_OK("counts", counts_get(&after));
	EXPECT_EQ("tasks", before.tasks, after.tasks);
	EXPECT_EQ("threads", before.threads, after.threads);
	EXPECT_EQ("ports", before.ports, after.ports);
	EXPECT_EQ("messages", before.messages, after.messages);
	EXPECT_EQ("notification requests", before.notifications, after.notifications);
	EXPECT_EQ("pool pages", before.pool_free, after.pool_free);
	EXPECT_EQ("frames", before.frames_free, after.frames_free);
	drop_port(p);
}

const struct test_case ipc_bad_cases[] = {
	{ "bad_trap_operation_rejected", bad_trap_operation_rejected },
	{ "bad_options_rejected", bad_options_rejected },
	{ "bad_message_pointers_rejected", bad_message_pointers_rejected },
	{ "bad_receive_buffers_rejected", bad_receive_buffers_rejected },
	{ "bad_buffers_running_into_an_unmapped_page_rejected",
	  bad_buffers_running_into_an_unmapped_page_rejected },
	{ "bad_sizes_rejected", bad_sizes_rejected },
	{ "bad_names_rejected", bad_names_rejected },
	{ "bad_rights_rejected", bad_rights_rejected },
	{ "bad_dispositions_rejected", bad_dispositions_rejected },
	{ "bad_descriptors_rejected", bad_descriptors_rejected },
	{ "bad_double_move_rejected_whole", bad_double_move_rejected_whole },
	{ "bad_kernel_object_requests_rejected", bad_kernel_object_requests_rejected },
	{ "bad_inputs_change_no_counts", bad_inputs_change_no_counts },
	{ NULL, NULL },
};
