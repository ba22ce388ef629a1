/*
 * server.c - the other end of the benchmark's calls.
 *
 * A bench server answers each request in the buffer it arrived in: it
 * rewrites the header into a reply and sends it with msg_rpc, which waits
 * for the next request in the same trap (as user/lib/server.c does). So
 * a round trip costs the client one trap and the server one trap.
 *
 * The cross-task cases call a second copy of this program, started as
 * "bench server": it makes a port and sends a send right for it to its
 * bootstrap port, where the client waits. The same-task cases call the
 * same loop running in a thread of the client.
 */
#include "user/bench/bench.h"
#include "harbor/echo_client.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"

/*
 * Turn the request in buf into its reply. Returns 1 if there is a reply
 * to send, 0 to stop serving.
 */
static int
bench_reply(union bench_buf *buf)
{
	struct msg_header *h = &buf->head;
	struct bench_ool_msg *m = (struct bench_ool_msg *)buf;
	struct msg_reply_header *r = (struct msg_reply_header *)buf;
	uint32_t complex = h->bits & MSG_BITS_COMPLEX;
	uint32_t ndesc = complex ? m->body.desc_count : 0;
	int err = ERR_OK;

	switch (h->id) {
	case BENCH_REQ_ECHO:
		/* Same size and body; a region that came out of line goes back
		 * moved, so the client has it mapped again for its next call. */
		if (ndesc == 1 && m->ool.type == MSG_DESC_OOL)
			m->ool.mode = MSG_OOL_MOVE;
		else
			complex = 0;
		break;
	case BENCH_REQ_RELEASE:
		if (ndesc == 1 && m->ool.type == MSG_DESC_OOL)
			err = bench_vm_release(m->ool.address, m->ool.size);
		else
			err = ERR_BAD_MESSAGE;
		complex = 0;
		h->size = sizeof(*r);
		r->retcode = err;
		break;
	case ECHO_ADD_ID:
		/* echo.defs' add, for the stub case: the request is a and b
		 * after the header, the reply a return code and their sum. */
		if (h->size == sizeof(*r) + 4 && !complex) {
			int32_t *args = (int32_t *)(h + 1);
			int32_t sum = args[0] + args[1];

			r->retcode = ERR_OK;
			args[1] = sum;
		} else {
			h->size = sizeof(*r);
			r->retcode = ERR_BAD_MESSAGE;
			complex = 0;
		}
		break;
	case BENCH_REQ_QUIT:
		return 0;
	default:
		h->size = sizeof(*r);
		r->retcode = ERR_BAD_OPERATION;
		complex = 0;
		break;
	}
	h->bits = MSG_BITS(MSG_MOVE_SEND_ONCE, 0) | complex;
	h->dest = h->reply;
	h->reply = NAME_NULL;
	h->id = MSG_REPLY_ID(h->id);
	return 1;
}

void
bench_serve(port_name_t port, union bench_buf *buf)
{
	int err = msg_receive(&buf->head, sizeof(*buf), port, 0, 0);

	for (;;) {
		if (err != ERR_OK) {
			printf("bench: server: receive failed: %s\n", error_string(err));
			err = msg_receive(&buf->head, sizeof(*buf), port, 0, 0);
			continue;
		}
		if (!bench_reply(buf))
			return;
		if (buf->head.dest == NAME_NULL) {	/* nobody to answer */
			err = msg_receive(&buf->head, sizeof(*buf), port, 0, 0);
			continue;
		}
		err = msg_rpc(&buf->head, sizeof(*buf), port, 0, 0);
		if (err != ERR_OK) {
			/* The reply could not go (the client died): drop its right. */
			task_port_deallocate(NAME_TASK_SELF, buf->head.dest);
			err = msg_receive(&buf->head, sizeof(*buf), port, 0, 0);
		}
	}
}

int
bench_server_task(void)
{
	static union bench_buf buf;
	struct {
		struct msg_header head;
		struct msg_body body;
		struct msg_port_desc port;
	} hello;
	port_name_t port;
	int err;

	err = task_port_allocate(NAME_TASK_SELF, &port);
	if (err != ERR_OK)
		return 10;
	hello = (typeof(hello)){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX,
			  .size = sizeof(hello), .dest = NAME_BOOTSTRAP },
		.body = { 1 },
		.port = { .type = MSG_DESC_PORT, .disposition = MSG_MAKE_SEND, .name = port },
	};
	err = msg_send(&hello.head, 0, 0);
	if (err != ERR_OK) {
		printf("bench: server: cannot send hello: %s\n", error_string(err));
		return 11;
	}
	bench_serve(port, &buf);
	return 0;
}

static port_name_t task_server = NAME_NULL;
static port_name_t thread_server = NAME_NULL;

port_name_t
bench_task_server(void)
{
	struct {
		struct msg_header head;
		struct msg_body body;
		struct msg_port_desc port;
	} hello;
	port_name_t link, task = NAME_NULL;
	int err;

	if (task_server != NAME_NULL)
		return task_server;
	err = task_port_allocate(NAME_TASK_SELF, &link);
	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, link);
	if (err == ERR_OK)
		err = host_module_spawn(NAME_HOST, "bench server", link, NAME_HOST, 1, &task);
	if (err == ERR_OK)
		err = msg_receive(&hello.head, sizeof(hello), link, MSG_OPT_TIMEOUT, 5000);
	if (err == ERR_OK && (!(hello.head.bits & MSG_BITS_COMPLEX) || hello.body.desc_count != 1 ||
			      hello.port.type != MSG_DESC_PORT))
		err = ERR_BAD_MESSAGE;
	if (err == ERR_OK)
		task_server = hello.port.name;
	else
		printf("bench: cannot start the server task: %s\n", error_string(err));
	task_port_deallocate(NAME_TASK_SELF, link);	/* the send reference */
	task_port_deallocate(NAME_TASK_SELF, link);	/* the receive right */
	if (task != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, task);
	return task_server;
}

static void
bench_server_thread(void *arg)
{
	static union bench_buf buf;

	bench_serve((port_name_t)arg, &buf);
}

port_name_t
bench_thread_server(void)
{
	port_name_t port;
	int err;

	if (thread_server != NAME_NULL)
		return thread_server;
	err = task_port_allocate(NAME_TASK_SELF, &port);
	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, port);
	if (err == ERR_OK)
		err = thread_start(bench_server_thread, (void *)port);
	if (err != ERR_OK) {
		printf("bench: cannot start the server thread: %s\n", error_string(err));
		return NAME_NULL;
	}
	thread_server = port;
	return thread_server;
}

void
bench_servers_stop(void)
{
	port_name_t servers[] = { task_server, thread_server };

	for (uint32_t i = 0; i < ARRAY_SIZE(servers); i++) {
		struct msg_header quit = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(quit),
					   .dest = servers[i], .id = BENCH_REQ_QUIT };
		if (servers[i] != NAME_NULL)
			msg_send(&quit, MSG_OPT_TIMEOUT, 1000);
	}
	task_server = thread_server = NAME_NULL;
}

int
bench_vm_release(uint32_t address, uint32_t size)
{
	return vm_deallocate(address, size);
}
