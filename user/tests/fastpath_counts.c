/*
 * fastpath_counts.c - which way an RPC goes, seen through the kernel's
 * fast-path counters (host fastpath_counts): the common RPC takes the
 * fast path, and each reason to leave one to the slow path is reached by
 * the case made for it - and the slow path then does the whole trap.
 * A thread waiting on a port set is handed a message as one waiting on
 * the port is, under the member's name, unless a member has mail queued
 * (which comes first); msg_rpc may receive on a set on the fast path.
 */
#include "user/tests/tests.h"
#include "harbor/echo_client.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"

enum { FP_RPC_HITS, FP_SEND_HITS, FP_SHAPE, FP_DEST, FP_NOT_WAITING, FP_TOO_LARGE, FP_REPLY,
       FP_OWN_PORT, FP_BUFFER, FP_COUNT };

static int
fp_read(uint32_t c[FP_COUNT])
{
	return host_fastpath_counts(NAME_HOST, &c[FP_RPC_HITS], &c[FP_SEND_HITS], &c[FP_SHAPE],
				    &c[FP_DEST], &c[FP_NOT_WAITING], &c[FP_TOO_LARGE], &c[FP_REPLY],
				    &c[FP_OWN_PORT], &c[FP_BUFFER]);
}

static void
fastpath_common_rpc_takes_fast_path(void)
{
	uint32_t before[FP_COUNT], after[FP_COUNT];
	port_name_t task, service;
	int32_t sum;

	EXPECT_OK("spawn an echo server", spawn_child("echo", &task, &service));
	EXPECT_OK("warm up", echo_add(service, 1, 1, &sum));
	EXPECT_OK("counts before", fp_read(before));
	for (int i = 0; i < 20; i++)
		EXPECT_OK("echo_add", echo_add(service, i, 1, &sum));
	EXPECT_OK("counts after", fp_read(after));
	EXPECT_TRUE("20 calls took the fast path at least 20 times",
		    after[FP_RPC_HITS] - before[FP_RPC_HITS] >= 20);
	EXPECT_OK("terminate", task_terminate(task, 0));
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
}

/* A thread that waits to receive on fpc_port into fpc_buf (fpc_size bytes). */
static port_name_t fpc_port;
static uint32_t fpc_buf, fpc_size;
static volatile int fpc_done, fpc_err;

static void
fpc_receiver(void *arg)
{
	fpc_err = msg_receive((struct msg_header *)fpc_buf, fpc_size, fpc_port, MSG_OPT_TIMEOUT, 3000);
	if (arg)
		send_seq((port_name_t)(uintptr_t)arg, 99, MSG_OPT_TIMEOUT, 0);	/* let the caller go */
	fpc_done = 1;
}

/* Start fpc_receiver waiting on q into buf/size; it then wakes `release` if not NULL. */
static int
fpc_start(port_name_t q, uint32_t buf, uint32_t size, port_name_t release)
{
	fpc_port = q;
	fpc_buf = buf;
	fpc_size = size;
	fpc_done = 0;
	if (thread_start(fpc_receiver, (void *)(uintptr_t)release) != ERR_OK)
		return 0;
	sleep_ms(30);		/* until it waits */
	return 1;
}

/* What fpc_rpc sent and then received. */
static union {
	struct msg_header head;
	struct test_msg t;
	uint8_t bytes[256];
} fpc_m;

/* msg_rpc of a test_msg (size bytes, dest disposition ddisp, reply) to dest, receiving on rcv into fpc_m. */
static int
fpc_rpc(port_name_t dest, uint32_t ddisp, uint32_t size, port_name_t reply, uint32_t rdisp,
	port_name_t rcv, uint32_t options)
{
	fpc_m.head = (struct msg_header){ .bits = MSG_BITS(ddisp, reply ? rdisp : 0), .size = size,
					  .dest = dest, .reply = reply, .id = 42 };
	return msg_rpc(&fpc_m.head, sizeof(fpc_m), rcv, options, 1000);
}

static void
fastpath_each_bail_out_reason_is_reached(void)
{
	static uint8_t small_buf[32] __attribute__((aligned(8))), big_buf[256] __attribute__((aligned(8)));
	uint32_t c0[FP_COUNT], c1[FP_COUNT], two_pages, seq;
	port_name_t p = make_port(), q = make_port();

	/* SHAPE: any option. */
	EXPECT_OK("counts", fp_read(c0));
	EXPECT_OK("rpc with a timeout", fpc_rpc(p, MSG_COPY_SEND, 24, NAME_NULL, 0, p, MSG_OPT_TIMEOUT));
	EXPECT_OK("counts", fp_read(c1));
	EXPECT_TRUE("counted as shape", c1[FP_SHAPE] > c0[FP_SHAPE]);

	/* DEST: a disposition other than copy-send or move-send-once. */
	EXPECT_OK("rpc making a send right", fpc_rpc(p, MSG_MAKE_SEND, 24, NAME_NULL, 0, p, 0));
	EXPECT_OK("counts", fp_read(c0));
	EXPECT_TRUE("counted as dest", c0[FP_DEST] > c1[FP_DEST]);

	/* NOT_WAITING: no one receives on p but us, later. */
	EXPECT_OK("rpc to a port no one waits on", fpc_rpc(p, MSG_COPY_SEND, 24, NAME_NULL, 0, p, 0));
	EXPECT_OK("counts", fp_read(c1));
	EXPECT_TRUE("counted as not waiting", c1[FP_NOT_WAITING] > c0[FP_NOT_WAITING]);

	/* TOO_LARGE: q's receiver has a 32-byte buffer; our answer is already on p. */
	EXPECT_OK("queue our answer", send_seq(p, 1, 0, 0));
	EXPECT_TRUE("a receiver waits", fpc_start(q, (uint32_t)small_buf, sizeof(small_buf), NAME_NULL));
	EXPECT_OK("rpc too large for it", fpc_rpc(q, MSG_COPY_SEND, 64, NAME_NULL, 0, p, 0));
	EXPECT_OK("counts", fp_read(c0));
	EXPECT_TRUE("counted as too large", c0[FP_TOO_LARGE] > c1[FP_TOO_LARGE]);
	WAIT_UNTIL(fpc_done);
	EXPECT_ERR("the receiver was told", ERR_TOO_LARGE, fpc_err);
	EXPECT_OK("the message stayed queued", msg_receive((struct msg_header *)big_buf,
							   sizeof(big_buf), q, MSG_OPT_TIMEOUT, 0));

	/* REPLY: a reply right made as a send right, not send-once. */
	EXPECT_OK("queue our answer", send_seq(p, 2, 0, 0));
	EXPECT_TRUE("a receiver waits", fpc_start(q, (uint32_t)big_buf, sizeof(big_buf), NAME_NULL));
	EXPECT_OK("rpc with a make-send reply", fpc_rpc(q, MSG_COPY_SEND, 24, p, MSG_MAKE_SEND, p, 0));
	EXPECT_OK("counts", fp_read(c1));
	EXPECT_TRUE("counted as reply", c1[FP_REPLY] > c0[FP_REPLY]);
	WAIT_UNTIL(fpc_done);
	EXPECT_OK("the receiver got it", fpc_err);
	task_port_deallocate(NAME_TASK_SELF, ((struct msg_header *)big_buf)->reply);

	/* OWN_PORT: a message already waits on the port we receive on. */
	EXPECT_OK("queue our answer", send_seq(p, 3, 0, 0));
	EXPECT_TRUE("a receiver waits", fpc_start(q, (uint32_t)big_buf, sizeof(big_buf), NAME_NULL));
	EXPECT_OK("rpc with mail waiting for us", fpc_rpc(q, MSG_COPY_SEND, 24, NAME_NULL, 0, p, 0));
	EXPECT_OK("counts", fp_read(c0));
	EXPECT_TRUE("counted as own port", c0[FP_OWN_PORT] > c1[FP_OWN_PORT]);
	WAIT_UNTIL(fpc_done);
	EXPECT_OK("the receiver got it", fpc_err);

	/* BUFFER: the receiver's header straddles two pages. It lets us go. */
	EXPECT_OK("two pages", vm_allocate(8192, &two_pages));
	EXPECT_TRUE("a receiver waits", fpc_start(q, two_pages + 4096 - 8, 64, p));
	EXPECT_OK("rpc to a straddling buffer", fpc_rpc(q, MSG_COPY_SEND, 24, NAME_NULL, 0, p, 0));
	EXPECT_OK("counts", fp_read(c1));
	EXPECT_TRUE("counted as buffer", c1[FP_BUFFER] > c0[FP_BUFFER]);
	WAIT_UNTIL(fpc_done);
	EXPECT_OK("the receiver got it", fpc_err);
	EXPECT_ERR("nothing left over", ERR_TIMED_OUT, recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	vm_deallocate(two_pages, 8192);
	drop_port(p);
	drop_port(q);
}

/* A set holding q and q2 (made here), for the set cases. */
static port_name_t
fpc_set(port_name_t q, port_name_t q2)
{
	port_name_t set = NAME_NULL;

	if (task_port_set_allocate(NAME_TASK_SELF, &set) != ERR_OK ||
	    task_port_set_insert(NAME_TASK_SELF, q, set) != ERR_OK ||
	    task_port_set_insert(NAME_TASK_SELF, q2, set) != ERR_OK)
		return NAME_NULL;
	return set;
}

static void
fastpath_set_receiver_takes_fast_path(void)
{
	static uint8_t buf[256] __attribute__((aligned(8)));
	const struct test_msg *got = (const struct test_msg *)buf;
	uint32_t c0[FP_COUNT], c1[FP_COUNT];
	port_name_t p = make_port(), q = make_port(), q2 = make_port(), set = fpc_set(q, q2);

	EXPECT_TRUE("a set of q and q2", set != NAME_NULL);
	/* A thread waits on the set; it lets us go with a message to p. */
	EXPECT_TRUE("a receiver waits on the set", fpc_start(set, (uint32_t)buf, sizeof(buf), p));
	EXPECT_OK("counts", fp_read(c0));
	EXPECT_OK("rpc to member q2", fpc_rpc(q2, MSG_COPY_SEND, sizeof(struct test_msg), NAME_NULL, 0,
					      p, 0));
	EXPECT_OK("counts", fp_read(c1));
	EXPECT_TRUE("it took the fast path", c1[FP_RPC_HITS] > c0[FP_RPC_HITS]);
	WAIT_UNTIL(fpc_done);
	EXPECT_OK("the receiver got it", fpc_err);
	EXPECT_EQ("under the member's name, not the set's", q2, got->head.dest);
	EXPECT_EQ("its id", 42, got->head.id);
	EXPECT_EQ("and the receiver's release came back", 99, fpc_m.t.seq);
	task_port_deallocate(NAME_TASK_SELF, set);
	drop_port(p);
	drop_port(q);
	drop_port(q2);
}

static void
fastpath_rpc_receives_on_a_set(void)
{
	static uint8_t buf[256] __attribute__((aligned(8)));
	uint32_t c0[FP_COUNT], c1[FP_COUNT], seq;
	port_name_t p = make_port(), q = make_port(), q2 = make_port(), set = fpc_set(q, q2);

	EXPECT_TRUE("a set of q and q2", set != NAME_NULL);
	/* Nothing queued in the set: the call takes the fast path and waits on the set. */
	EXPECT_TRUE("a receiver waits on p", fpc_start(p, (uint32_t)buf, sizeof(buf), q2));
	EXPECT_OK("counts", fp_read(c0));
	EXPECT_OK("rpc receiving on the set", fpc_rpc(p, MSG_COPY_SEND, sizeof(struct test_msg),
						      NAME_NULL, 0, set, 0));
	EXPECT_OK("counts", fp_read(c1));
	EXPECT_TRUE("it took the fast path", c1[FP_RPC_HITS] > c0[FP_RPC_HITS]);
	EXPECT_EQ("the answer came in on q2", q2, fpc_m.head.dest);
	WAIT_UNTIL(fpc_done);
	EXPECT_OK("the receiver got it", fpc_err);

	/* A message already queued on q: the call's receive takes it, in turn, on the slow path. */
	EXPECT_OK("queue on q", send_seq(q, 5, 0, 0));
	EXPECT_TRUE("a receiver waits on p", fpc_start(p, (uint32_t)buf, sizeof(buf), q2));
	EXPECT_OK("counts", fp_read(c0));
	EXPECT_OK("rpc receiving on the set", fpc_rpc(p, MSG_COPY_SEND, sizeof(struct test_msg),
						      NAME_NULL, 0, set, 0));
	EXPECT_OK("counts", fp_read(c1));
	EXPECT_TRUE("counted as own port", c1[FP_OWN_PORT] > c0[FP_OWN_PORT]);
	EXPECT_EQ("the queued message first, from q", q, fpc_m.head.dest);
	EXPECT_EQ("its seq", 5, fpc_m.t.seq);
	WAIT_UNTIL(fpc_done);
	EXPECT_OK("then the release, from q2", recv_seq(set, &seq, MSG_OPT_TIMEOUT, 1000));
	EXPECT_EQ("its seq", 99, seq);
	task_port_deallocate(NAME_TASK_SELF, set);
	drop_port(p);
	drop_port(q);
	drop_port(q2);
}

const struct test_case fastpath_count_cases[] = {
	{ "fastpath_set_receiver_takes_fast_path", fastpath_set_receiver_takes_fast_path },
	{ "fastpath_rpc_receives_on_a_set", fastpath_rpc_receives_on_a_set },
	{ "fastpath_common_rpc_takes_fast_path", fastpath_common_rpc_takes_fast_path },
	{ "fastpath_each_bail_out_reason_is_reached", fastpath_each_bail_out_reason_is_reached },
	{ NULL, NULL },
};
