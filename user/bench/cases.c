/*
 * cases.c - the benchmarks of what the kernel does today: a null trap,
 * round trips between tasks and between threads, inline payloads,
 * one-way messages through a queue, and a plain memcpy for scale.
 *
 * Messages are packed by hand (no generated stubs), so each figure is the
 * traps themselves plus the few stores that build a header; rpc_stub_task
 * is the one call through a generated stub, for the stub's own cost.
 */
#include "user/bench/bench.h"
#include "harbor/echo_client.h"
#include "harbor/task_client.h"

static union bench_buf client_buf;
static port_name_t rpc_dest;	/* the server the rpc cases call */
static uint32_t rpc_size;	/* their message size: header + inline bytes */
static port_name_t rpc_reply;	/* this thread's reply port */

/* An empty iteration: what the timing itself costs. */
static int
harness_iterate(void)
{
	return ERR_OK;
}

/* An operation number the kernel does not know: it fails at once. */
#define BENCH_BAD_TRAP	0x7fu
_Static_assert(BENCH_BAD_TRAP > MSG_TRAP_LAST, "BENCH_BAD_TRAP must be no trap operation");

static const char *
null_trap_setup(uint32_t arg)
{
	int err = msg_trap_raw(BENCH_BAD_TRAP, 0, 0, 0, 0, 0);

	return err == ERR_BAD_OPERATION ? NULL : bench_why("unknown trap did not fail", err);
}

static int
null_trap_iterate(void)
{
	msg_trap_raw(BENCH_BAD_TRAP, 0, 0, 0, 0, 0);
	return ERR_OK;
}

/* One round trip: request and reply of rpc_size bytes each. */
static int
rpc_iterate(void)
{
	client_buf.head = (struct msg_header){
		.bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = rpc_size,
		.dest = rpc_dest, .reply = rpc_reply, .id = BENCH_REQ_ECHO,
	};
	return msg_rpc(&client_buf.head, sizeof(client_buf), rpc_reply, 0, 0);
}

/* Aim the rpc cases at server with arg inline bytes; check one round trip. */
static const char *
rpc_setup_to(port_name_t server, uint32_t arg)
{
	int err;

	if (server == NAME_NULL)
		return "no server";
	rpc_dest = server;
	rpc_size = sizeof(struct msg_header) + arg;
	rpc_reply = msg_reply_port();
	for (uint32_t i = 0; i < arg; i++)
		client_buf.bytes[sizeof(struct msg_header) + i] = (uint8_t)i;
	err = rpc_iterate();
	if (err != ERR_OK)
		return bench_why("first call", err);
	if (client_buf.head.id != MSG_REPLY_ID(BENCH_REQ_ECHO) || client_buf.head.size != rpc_size)
		return "the reply does not echo the request";
	for (uint32_t i = 0; i < arg; i++)
		if (client_buf.bytes[sizeof(struct msg_header) + i] != (uint8_t)i)
			return "the reply's bytes differ from the request's";
	return NULL;
}

static const char *
rpc_task_setup(uint32_t arg)
{
	return rpc_setup_to(bench_task_server(), arg);
}

static const char *
rpc_thread_setup(uint32_t arg)
{
	return rpc_setup_to(bench_thread_server(), arg);
}

/* One round trip through a generated stub: echo_add to the server task. */
static int
rpc_stub_iterate(void)
{
	int32_t sum;

	return echo_add(rpc_dest, 2, 3, &sum);
}

static const char *
rpc_stub_setup(uint32_t arg)
{
	int32_t sum = 0;
	int err;

	rpc_dest = bench_task_server();
	if (rpc_dest == NAME_NULL)
		return "no server";
	err = echo_add(rpc_dest, 2, 3, &sum);
	if (err != ERR_OK)
		return bench_why("first call", err);
	return sum == 5 ? NULL : "the server added wrongly";
}

/*
 * async_send: a sender thread sends header-only messages to a port with
 * a queue limit of ASYNC_DEPTH as fast as it can; each iteration receives
 * ASYNC_DEPTH of them. When the queue is full the sender blocks and the
 * receiver runs, so an iteration holds ASYNC_DEPTH sends, as many
 * receives and the two thread switches between them.
 */
#define ASYNC_DEPTH	8u

static port_name_t async_port;

static void
async_sender(void *arg)
{
	uint32_t count = (uint32_t)arg;

	for (uint32_t i = 0; i < count; i++) {
		struct msg_header m = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(m),
					.dest = async_port, .id = i };
		int err = msg_send(&m, 0, 0);
		if (err != ERR_OK) {
			printf("bench: async sender: send %u failed: %s\n", i, error_string(err));
			return;
		}
	}
}

/* arg: how many messages the sender sends, warm-up included. */
static const char *
async_setup(uint32_t arg)
{
	int err;

	err = task_port_allocate(NAME_TASK_SELF, &async_port);
	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, async_port);
	if (err == ERR_OK)
		err = task_port_set_limit(NAME_TASK_SELF, async_port, ASYNC_DEPTH);
	if (err == ERR_OK)
		err = thread_start(async_sender, (void *)arg);
	return err == ERR_OK ? NULL : bench_why("setup", err);
}

static int
async_iterate(void)
{
	struct msg_header m;

	for (uint32_t i = 0; i < ASYNC_DEPTH; i++) {
		int err = msg_receive(&m, sizeof(m), async_port, 0, 0);
		if (err != ERR_OK)
			return err;
	}
	return ERR_OK;
}

static void
async_teardown(void)
{
	task_port_deallocate(NAME_TASK_SELF, async_port);	/* the send reference */
	task_port_deallocate(NAME_TASK_SELF, async_port);	/* the receive right */
}

/* copy_1m: the user library's memcpy over 1 MiB, for scale. */
#define COPY_BYTES	(1024u * 1024)

static uint8_t copy_src[COPY_BYTES] __attribute__((aligned(4096)));
static uint8_t copy_dst[COPY_BYTES] __attribute__((aligned(4096)));

static const char *
copy_setup(uint32_t arg)
{
	memset(copy_src, 0x5a, sizeof(copy_src));
	memset(copy_dst, 0, sizeof(copy_dst));
	return NULL;
}

static int
copy_iterate(void)
{
	memcpy(copy_dst, copy_src, COPY_BYTES);
	return ERR_OK;
}

/*
 * Iteration counts: at least 10,000 after 100 of warm-up, except copy_1m,
 * whose one iteration is millions of instructions and the same every time
 * (see docs/benchmarks.md).
 */
#define WARMUP	100u
#define ITER	10000u

const struct bench_case bench_ipc_cases[] = {
	{ "harness", NULL, harness_iterate, NULL, 0, WARMUP, ITER, 1 },
	{ "null_trap", null_trap_setup, null_trap_iterate, NULL, 0, WARMUP, ITER, 1 },
	{ "rpc_task", rpc_task_setup, rpc_iterate, NULL, 0, WARMUP, ITER, 1 },
	{ "rpc_thread", rpc_thread_setup, rpc_iterate, NULL, 0, WARMUP, ITER, 1 },
	{ "rpc_stub_task", rpc_stub_setup, rpc_stub_iterate, NULL, 0, WARMUP, ITER, 1 },
	{ "async_send", async_setup, async_iterate, async_teardown,
	  (WARMUP + ITER) * ASYNC_DEPTH, WARMUP, ITER, ASYNC_DEPTH },
	{ "rpc_inline_64", rpc_task_setup, rpc_iterate, NULL, 64, WARMUP, ITER, 1 },
	{ "rpc_inline_1k", rpc_task_setup, rpc_iterate, NULL, 1024, WARMUP, ITER, 1 },
	{ "rpc_inline_4k", rpc_task_setup, rpc_iterate, NULL, 4096, WARMUP, ITER, 1 },
	{ "copy_1m", copy_setup, copy_iterate, NULL, 0, WARMUP, 1000, 1 },
	{ NULL },
};
