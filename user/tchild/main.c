/*
 * tchild - the guest test suite's helper task. Its arguments say what to
 * be:
 *   echo           serve the echo interface (after saying hello)
 *   drop_request   say hello, take one request, then exit without replying
 *   bounce         say hello, then send every message back to its reply right
 *   mem            say hello, then keep a region of memory for the test
 *                  suite (testmem interface, mem.c)
 *   late reply|drop, oversize, quota_call
 *                  servers and a client that misbehave around replies (rpc.c)
 *   stress_client  1000 echo add calls to the bootstrap port, checking each sum
 *   flood K N      send N numbered messages as sender K to the bootstrap
 *                  port with MSG_OPT_NOTIFY, waiting for send-possible
 *   ports          make ports, fill their queues, exit with all of it held
 *   transit        send the receive right of a port with 3 queued messages
 *                  to the bootstrap port, then exit while it travels
 *   spin           loop forever (to be terminated)
 *   hog            fill its kernel pool quota with queued messages, then spin
 *   fault          write through a null pointer
 *   inb            read an I/O port without a grant
 *   io_after_terminate  grant itself a COM2 port, terminate a task of
 *                  its own that has a grant too, use its ports, then say
 *                  so to the bootstrap port (needs the host port)
 *   io PORT        serve the echo interface, but read I/O port PORT
 *                  (decimal) before answering each request: a client
 *                  gets its answer only if the task may use the port,
 *                  and ERR_NO_REPLY if the read killed it
 *   fpu_partner, fpu_fresh, sse_partner
 *                  say hello, then serve the FPU cases (fpu.c)
 *   fpu_error      say hello, then make an unmasked x87 error (fpu.c)
 *   malloc_stress SEED N, double_free, wild_free, heap_overrun
 *                  the C library's modes (libc.c)
 *   proc_args, proc_pid, proc_exit N, proc_parent_wait, proc_orphan
 *                  the process server's modes, started by a proc (proc.c)
 *   pipe_write N, pipe_cat, pipe_count, pipe_read_once
 *                  the pipe cases' modes, started by a proc (pipe.c)
 */
#include "user/lib/ulib.h"
#include "user/tests/flood.h"
#include "user/tchild/tchild.h"
#include "harbor/echo_client.h"
#include "harbor/echo_server.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"
#include "harbor/testlink_client.h"

/* Make the service port and hand a send right to the test suite. */
static port_name_t
hello(void)
{
	port_name_t service;

	if (task_port_allocate(NAME_TASK_SELF, &service) != ERR_OK ||
	    testlink_hello(NAME_BOOTSTRAP, service) != ERR_OK)
		exit(10);
	return service;
}

static void
fill_ports(void)
{
	for (int i = 0; i < 10; i++) {
		port_name_t p;
		if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK ||
		    task_port_make_send(NAME_TASK_SELF, p) != ERR_OK)
			exit(11);
		for (int j = 0; j < 3; j++) {
			struct msg_header m = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
						.size = sizeof(m), .dest = p, .reply = p, .id = 7 };
			if (msg_send(&m, 0, 0) != ERR_OK)
				exit(12);
		}
	}
}

/* Queue the largest messages on ports of our own until the kernel says our quota is full. */
static void
fill_quota(void)
{
	static union {
		struct msg_header head;
		uint8_t bytes[MSG_SIZE_MAX];
	} big;

	for (int i = 0; i < 64; i++) {
		port_name_t p;
		if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK ||
		    task_port_make_send(NAME_TASK_SELF, p) != ERR_OK ||
		    task_port_set_limit(NAME_TASK_SELF, p, 64) != ERR_OK)
			return;
		big.head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, 0),
						.size = MSG_SIZE_MAX, .dest = p, .id = 1 };
		int err;
		while ((err = msg_send(&big.head, MSG_OPT_TIMEOUT, 0)) == ERR_OK)
			;
		if (err == ERR_NO_MEMORY)
			return;
	}
}

/* Queue 3 messages on a new port, then send its receive right to the bootstrap port. */
static int
send_away_a_full_port(void)
{
	port_name_t q;
	struct {
		struct msg_header head;
		struct msg_body body;
		struct msg_port_desc port;
	} m;

	if (task_port_allocate(NAME_TASK_SELF, &q) != ERR_OK ||
	    task_port_make_send(NAME_TASK_SELF, q) != ERR_OK)
		return 50;
	for (uint32_t i = 0; i < 3; i++) {
		struct msg_header h = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(h),
					.dest = q, .id = 70 + i };
		if (msg_send(&h, 0, 0) != ERR_OK)
			return 51;
	}
	m = (typeof(m)){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX, .size = sizeof(m),
			  .dest = NAME_BOOTSTRAP, .id = 69 },
		.body = { 1 },
		.port = { .type = MSG_DESC_PORT, .disposition = MSG_MOVE_RECEIVE, .name = q },
	};
	return msg_send(&m.head, 0, 0) == ERR_OK ? 0 : 52;
}

/* Send each message back where it came from, with whatever it carries. */
static void
bounce(port_name_t service)
{
	static union {
		struct msg_header head;
		uint8_t bytes[MSG_SIZE_MAX];
	} buf;

	for (;;) {
		if (msg_receive(&buf.head, sizeof(buf), service, 0, 0) != ERR_OK)
			exit(13);
		buf.head.bits = MSG_BITS(MSG_BITS_REPLY(buf.head.bits), 0) |
				(buf.head.bits & MSG_BITS_COMPLEX);
		buf.head.dest = buf.head.reply;
		buf.head.reply = NAME_NULL;
		if (buf.head.bits & MSG_BITS_COMPLEX) {
			struct msg_body *body = (struct msg_body *)(&buf.head + 1);
			union msg_desc *d = (union msg_desc *)(body + 1);
			for (uint32_t i = 0; i < body->desc_count; i++)
				if (d[i].type == MSG_DESC_OOL)
					d[i].ool.mode = MSG_OOL_MOVE;	/* ours now: move it on */
		}
		msg_send(&buf.head, 0, 0);
	}
}

static int
stress_client(void)
{
	int32_t sum;

	for (int32_t i = 0; i < 1000; i++)
		if (echo_add(NAME_BOOTSTRAP, i, (int32_t)task_arg, &sum) != ERR_OK ||
		    sum != i + (int32_t)task_arg)
			return 30;
	return 0;
}

/* The port the "io" mode reads before each answer. */
static uint16_t io_port;

/* Touch io_port, then answer as the echo server would. */
static int
io_then_echo(void *ctx, const struct msg_header *req, struct msg_header *reply)
{
	uint8_t v;

	__asm__ volatile("inb %w1, %b0" : "=a"(v) : "Nd"(io_port));
	return echo_dispatch(ctx, req, reply);
}

static uint32_t
atou(const char *s)
{
	uint32_t v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

/* Send n numbered messages; on a full queue, go past it once, then wait for send-possible. */
static int
flood(uint32_t sender, uint32_t n)
{
	port_name_t notify;
	struct msg_notification note;

	if (task_port_allocate(NAME_TASK_SELF, &notify) != ERR_OK)
		return 40;
	if (task_port_request_notification(NAME_TASK_SELF, NAME_BOOTSTRAP, NOTIFY_SEND_POSSIBLE,
					   notify) != ERR_OK)
		return 41;
	for (uint32_t seq = 0; seq < n;) {
		struct flood_msg m = {
			.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(m),
				  .dest = NAME_BOOTSTRAP, .id = FLOOD_ID },
			.sender = sender, .seq = seq,
		};
		int err = msg_send(&m.head, MSG_OPT_NOTIFY | MSG_OPT_TIMEOUT, 0);
		if (err == ERR_OK) {
			seq++;
			continue;
		}
		if (err != ERR_TIMED_OUT)
			return 42;
		/* Full, and our one message past the limit is out: wait for room. */
		if (msg_receive(&note.head, sizeof(note), notify, MSG_OPT_TIMEOUT, 5000) != ERR_OK ||
		    note.head.id != MSG_ID_NOTIFY_SEND_POSSIBLE)
			return 43;
		if (task_port_request_notification(NAME_TASK_SELF, NAME_BOOTSTRAP,
						   NOTIFY_SEND_POSSIBLE, notify) != ERR_OK)
			return 44;
	}
	return 0;
}

/*
 * Terminating another task that has I/O grants must not take ours away:
 * after it, read the CMOS clock through our own grant (a #GP would kill
 * us), then tell the bootstrap port (id TCHILD_IO_OK) that we could.
 */
static int
io_after_terminate(void)
{
	struct msg_header ok = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(ok),
				 .dest = NAME_BOOTSTRAP, .id = TCHILD_IO_OK };
	port_name_t victim;
	uint8_t v;

	/* Ports no other test holds (a port has one holder at a time): COM4's
	 * for the victim, COM2's line status for us (reads are harmless). */
	if (host_module_spawn(NAME_HOST, "tchild spin", NAME_NULL, NAME_NULL, 0, &victim) != ERR_OK)
		return 13;
	if (host_io_grant(NAME_HOST, victim, 0x2e8, 1) != ERR_OK ||
	    host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x2fd, 1) != ERR_OK ||
	    task_terminate(victim, 0) != ERR_OK) {
		task_terminate(victim, 0);
		return 13;
	}
	__asm__ volatile("inb %%dx, %0" : "=a"(v) : "d"((uint16_t)0x2fd));
	return msg_send(&ok, 0, 0) == ERR_OK ? 0 : 14;
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (strcmp(mode, "echo") == 0) {
		server_loop(hello(), echo_dispatch, NULL);
	} else if (strcmp(mode, "drop_request") == 0) {
		port_name_t service = hello();
		union {
			struct msg_header head;
			uint8_t bytes[MSG_SIZE_MAX];
		} req;
		msg_receive(&req.head, sizeof(req), service, 0, 0);
		return 0;	/* dies holding the request's reply right */
	} else if (strcmp(mode, "bounce") == 0) {
		bounce(hello());
	} else if (strcmp(mode, "mem") == 0) {
		mem_serve(hello());
	} else if (strcmp(mode, "late") == 0 && argc > 2) {
		tchild_late(hello(), argv[2]);
	} else if (strcmp(mode, "oversize") == 0) {
		tchild_oversize(hello());
	} else if (strcmp(mode, "quota_call") == 0) {
		tchild_quota_call();
	} else if (strcmp(mode, "stress_client") == 0) {
		return stress_client();
	} else if (strcmp(mode, "flood") == 0 && argc > 3) {
		return flood(atou(argv[2]), atou(argv[3]));
	} else if (strcmp(mode, "transit") == 0) {
		return send_away_a_full_port();
	} else if (strcmp(mode, "ports") == 0) {
		fill_ports();
		return 0;
	} else if (strcmp(mode, "hog") == 0) {
		fill_quota();
		for (;;)
			;
	} else if (strcmp(mode, "spin") == 0) {
		for (;;)
			;
	} else if (strcmp(mode, "stack_grow") == 0 || strcmp(mode, "stack_overflow") == 0 ||
		   strcmp(mode, "wild") == 0 || strcmp(mode, "mem_hold") == 0 ||
		   strcmp(mode, "own_pager") == 0 || strcmp(mode, "pager_bootstrap") == 0 ||
		   strcmp(mode, "pager_late") == 0) {
		return pager_child(mode);
	} else if (strcmp(mode, "fault") == 0) {
		*(volatile int *)0 = 1;
	} else if (strcmp(mode, "io") == 0 && argc > 2) {
		io_port = (uint16_t)atou(argv[2]);
		server_loop(hello(), io_then_echo, NULL);
	} else if (strcmp(mode, "fpu_partner") == 0) {
		return fpu_partner(hello());
	} else if (strcmp(mode, "fpu_fresh") == 0) {
		return fpu_fresh(hello());
	} else if (strcmp(mode, "sse_partner") == 0) {
		return sse_partner(hello());
	} else if (strcmp(mode, "fpu_error") == 0) {
		hello();
		fpu_error();
	} else if (strcmp(mode, "malloc_stress") == 0 || strcmp(mode, "double_free") == 0 ||
		   strcmp(mode, "wild_free") == 0 || strcmp(mode, "heap_overrun") == 0) {
		return libc_child(argc, argv);
	} else if (strcmp(mode, "inb") == 0) {
		uint8_t v;
		__asm__ volatile("inb $0x60, %0" : "=a"(v));
	} else if (strcmp(mode, "io_after_terminate") == 0) {
		return io_after_terminate();
	} else if (strncmp(mode, "proc_", 5) == 0) {
		return proc_child(argc, argv);
	} else if (strncmp(mode, "pipe_", 5) == 0) {
		return pipe_child(argc, argv);
	}
	return 20;
}
