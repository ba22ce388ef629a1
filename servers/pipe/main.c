/*
 * pipe - the pipe server: pipes and named pipes (FIFOs), each end an
 * io.defs object (pipe.defs, harbor/pipe.h).
 *
 * init starts it after the console, with the name server at
 * NAME_BOOTSTRAP; it registers as "pipe" and loops on one port set: its
 * service port (pipe.defs), every end's port (io.defs, io.c), and a port
 * for no-senders notifications (an end's last send right went:
 * table.c). A request that must wait is kept and answered later
 * (park.c); the server itself never waits for anyone: every answer is
 * sent once, with a zero timeout. docs/servers.md ("The pipe server").
 */
#include "user/lib/ulib.h"
#include "servers/pipe/pipe.h"
#include "harbor/name_client.h"
#include "harbor/pipe_server.h"
#include "harbor/task_client.h"

port_name_t pipe_set, pipe_notify;

static port_name_t pipe_service;

static union {
	struct msg_header head;
	struct msg_notification note;
	uint8_t bytes[MSG_SIZE_MAX];
} req, reply;

int
pipe_create_handler(void *ctx, port_name_t *reader, port_name_t *writer)
{
	struct pipe *p = pipe_alloc();
	int err;

	if (p == NULL)
		return pipe_count() < PIPE_MAX ? ERR_NO_MEMORY : ERR_NO_SPACE;
	err = pipe_end_open(p, PIPE_END_READ, reader);
	if (err != ERR_OK) {
		pipe_free_if_unused(p);
		return err;
	}
	err = pipe_end_open(p, PIPE_END_WRITE, writer);
	if (err != ERR_OK) {
		pipe_end_undo(*reader);		/* frees the pipe too */
		return err;
	}
	return ERR_OK;
}

int
pipe_fifo_open_handler(void *ctx, uint32_t key, uint32_t mode, port_name_t *end)
{
	struct pipe *p;
	int err;

	if (mode != PIPE_FIFO_READ && mode != PIPE_FIFO_WRITE)
		return ERR_BAD_ARGUMENT;
	p = pipe_find_named(key);
	if (p == NULL) {
		p = pipe_alloc();
		if (p == NULL)
			return pipe_count() < PIPE_MAX ? ERR_NO_MEMORY : ERR_NO_SPACE;
		p->named = 1;
		p->key = key;
	}
	err = pipe_end_open(p, mode == PIPE_FIFO_READ ? PIPE_END_READ : PIPE_END_WRITE, end);
	if (err != ERR_OK) {
		pipe_free_if_unused(p);
		return err;
	}
	pipe_wake(p);	/* a first reader (writer) lets kept writes (reads) on */
	return ERR_OK;
}

int
pipe_stats_handler(void *ctx, uint32_t *npipes, uint32_t *ends, uint32_t *parked)
{
	*npipes = pipe_count();
	*ends = pipe_end_count();
	*parked = pipe_parked_count();
	return ERR_OK;
}

/* One request on an end: answer it, or keep it; then the pipe may have
 * changed for its kept requests. */
static void
pipe_serve_end(struct pipe_end *e)
{
	struct pipe_call c = { .pipe = e->pipe, .kind = e->kind };
	int answer;

	reply.head.size = 0;
	answer = pipe_io_dispatch(&c, &req.head, &reply.head);
	if (c.park && MSG_BITS_REPLY(req.head.bits) == MSG_MOVE_SEND_ONCE)
		pipe_park(&c, &req.head);
	else
		pipe_answer(&c, &req.head, &reply.head, answer);	/* "it would wait", at worst (park.c) */
	pipe_wake(c.pipe);
}

static void
pipe_serve(void)
{
	struct pipe_end *e;
	int answer;

	if (req.head.dest == pipe_notify) {
		if (req.head.id == MSG_ID_NOTIFY_NO_SENDERS && req.head.size == sizeof(req.note))
			pipe_end_closed(req.note.name);
		return;		/* anything else here needs nothing */
	}
	if (req.head.dest == pipe_service) {
		reply.head.size = 0;
		answer = pipe_dispatch(NULL, &req.head, &reply.head);
		server_answer(&req.head, &reply.head, answer);
		return;
	}
	e = pipe_end_find(req.head.dest);
	if (e != NULL)
		pipe_serve_end(e);
	else
		msg_destroy(&req.head);
}

/* Our ports: the set, the service port in it, the notification port in it. */
static int
pipe_ports(void)
{
	int err = task_port_set_allocate(NAME_TASK_SELF, &pipe_set);

	if (err == ERR_OK)
		err = task_port_allocate(NAME_TASK_SELF, &pipe_service);
	if (err == ERR_OK)
		err = task_port_set_insert(NAME_TASK_SELF, pipe_service, pipe_set);
	if (err == ERR_OK)
		err = task_port_allocate(NAME_TASK_SELF, &pipe_notify);
	if (err == ERR_OK)
		err = task_port_set_insert(NAME_TASK_SELF, pipe_notify, pipe_set);
	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, pipe_service);
	return err;
}

int
main(int argc, char **argv)
{
	int err = pipe_ports();

	if (err == ERR_OK)
		err = name_add(NAME_BOOTSTRAP, "pipe", pipe_service);
	if (err != ERR_OK) {
		printf("pipe: cannot start: %s\n", error_string(err));
		return 1;
	}
	task_port_deallocate(NAME_TASK_SELF, pipe_service);	/* the name server has one */
	for (;;) {
		err = msg_receive(&req.head, sizeof(req), pipe_set, 0, 0);
		if (err != ERR_OK) {
			printf("pipe: receive failed: %s\n", error_string(err));
			return 1;
		}
		pipe_serve();
	}
}
