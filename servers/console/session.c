/*
 * session.c - the console's sessions and the handlers of io.defs and
 * console.defs.
 *
 * A session is a port of ours in the loop's port set; the console port
 * itself is session 0 and never closes. open makes another, and asks for
 * a no-senders notification on it, so when its last client lets go it
 * closes by itself. A read that cannot be answered yet (no input, or its
 * session is not the foreground) is kept in the session's defer slot and
 * replayed when input arrives or its session becomes the foreground.
 * One write is written whole before the next request is taken, so
 * writes from different clients never tear.
 */
#include "user/lib/ulib.h"
#include "servers/console/console.h"
#include "harbor/console_server.h"
#include "harbor/io.h"
#include "harbor/io_server.h"
#include "harbor/task_client.h"

port_name_t console_set, console_notify;

struct console_session *
session_find(port_name_t port)
{
	for (int i = 0; i < CONSOLE_SESSIONS; i++)
		if (con.sessions[i].port == port && port != NAME_NULL)
			return &con.sessions[i];
	return NULL;
}

int
console_serve_dispatch(void *ctx, const struct msg_header *req, struct msg_header *reply)
{
	if (req->id >= IO_BASE && req->id < IO_BASE + IO_COUNT)
		return io_dispatch(ctx, req, reply);
	return console_dispatch(ctx, req, reply);
}

void
session_answer_reads(void)
{
	struct console_session *s = &con.sessions[con.foreground];

	if (!s->read.used || !console_can_read(s))
		return;
	con.cur = s;
	con.replaying = 1;
	con.deferring = 0;
	defer_answer(&s->read, console_serve_dispatch, &con, &con.deferring);
	con.replaying = 0;
	con.deferring = 0;
}

void
session_close(struct console_session *s)
{
	if (s == &con.sessions[0])
		return;
	defer_drop(&s->read);
	task_port_deallocate(NAME_TASK_SELF, s->port);	/* the receive right: it dies */
	s->port = NAME_NULL;
	s->raw = 0;
	if (&con.sessions[con.foreground] == s)
		con.foreground = 0;
}

/* A read that cannot be answered now: keep it (the reply built is dropped;
 * it is sent, "it would wait", only if the read cannot be kept: main.c). */
static int
read_later(void)
{
	if (!con.replaying && con.cur->read.used)
		return ERR_BUSY;	/* one waiting read per session */
	con.deferring = 1;
	return ERR_TIMED_OUT;
}

int
io_read_handler(void *ctx, uint32_t count, void *data, uint32_t *data_len)
{
	int eof;

	if (count > IO_INLINE_MAX)
		return ERR_BAD_ARGUMENT;
	if (count == 0) {
		*data_len = 0;
		return ERR_OK;
	}
	if (!console_can_read(con.cur))
		return read_later();
	*data_len = console_take(data, count, &eof);
	return ERR_OK;
}

/*
 * The region the last read_ool moved to its reader. The pages left with
 * the answer, but the memory server still counts the region as ours (one
 * of MEM_REGIONS): give it back once the answer has gone (the loop calls
 * this for every message; so does the next read_ool), or after 64 such
 * reads our allocations fail for good. Unmapping what is no longer mapped
 * is nothing to the kernel.
 */
static uint32_t moved_addr, moved_size;

void
console_forget_moved(void)
{
	if (moved_size != 0) {
		vm_deallocate(moved_addr, moved_size);
		moved_addr = moved_size = 0;
	}
}

int
io_read_ool_handler(void *ctx, uint32_t count, uint32_t *data_addr, uint32_t *data_size,
		    uint32_t *len)
{
	uint32_t addr = 0, size = (CONSOLE_INPUT_MAX + 4095) & ~4095u;
	int eof, err;

	if (count == 0 || count > IO_OOL_MAX)
		return ERR_BAD_ARGUMENT;
	if (!console_can_read(con.cur))
		return read_later();
	console_forget_moved();		/* a replay's answer has gone by now */
	err = vm_allocate(size, &addr);
	if (err != ERR_OK)
		return err;
	*len = console_take((char *)(uintptr_t)addr, count, &eof);
	*data_addr = moved_addr = addr;	/* moved to the client with the reply */
	*data_size = moved_size = size;
	return ERR_OK;
}

int
io_write_handler(void *ctx, const void *data, uint32_t data_len, uint32_t *written)
{
	console_output(data, data_len);
	*written = data_len;
	return ERR_OK;
}

int
io_write_ool_handler(void *ctx, uint32_t data_addr, uint32_t data_size, uint32_t len,
		     uint32_t *written)
{
	if (len > data_size)
		return ERR_BAD_ARGUMENT;	/* the loop unmaps the pages of a refused request */
	console_output((const char *)(uintptr_t)data_addr, len);
	vm_deallocate(data_addr, data_size);
	*written = len;
	return ERR_OK;
}

int
io_close_handler(void *ctx)
{
	return ERR_OK;	/* the session closes when its last send right goes */
}

int
io_stat_handler(void *ctx, uint32_t *kind, uint32_t *size)
{
	*kind = IO_KIND_CONSOLE;
	*size = 0;
	return ERR_OK;
}

int
console_open_handler(void *ctx, uint32_t *session)
{
	struct console_session *s = session_find(NAME_NULL);
	port_name_t p = NAME_NULL;
	int err;

	for (int i = 1; i < CONSOLE_SESSIONS && s == NULL; i++)
		if (con.sessions[i].port == NAME_NULL)
			s = &con.sessions[i];
	if (s == NULL)
		return ERR_NO_SPACE;
	err = task_port_allocate(NAME_TASK_SELF, &p);
	if (err != ERR_OK)
		return err;
	/* The send right the reply moves to the client; made before asking
	 * for no-senders, which would otherwise fire at once. */
	err = task_port_make_send(NAME_TASK_SELF, p);
	if (err == ERR_OK)
		err = task_port_set_insert(NAME_TASK_SELF, p, console_set);
	if (err == ERR_OK)
		err = task_port_request_notification(NAME_TASK_SELF, p, NOTIFY_NO_SENDERS,
						     console_notify);
	if (err != ERR_OK) {
		task_port_deallocate(NAME_TASK_SELF, p);
		task_port_deallocate(NAME_TASK_SELF, p);
		return err;
	}
	*s = (struct console_session){ .port = p };
	*session = p;
	return ERR_OK;
}

int
console_foreground_handler(void *ctx, uint32_t session)
{
	struct console_session *s = session_find(session);

	if (s == NULL)
		return ERR_NOT_FOUND;
	con.foreground = (int)(s - con.sessions);
	/* The right came in the request: our own port, so it joined our
	 * receive right's name; drop the reference it added. */
	task_port_deallocate(NAME_TASK_SELF, session);
	session_answer_reads();
	return ERR_OK;
}

int
console_set_mode_handler(void *ctx, uint32_t mode)
{
	if (mode > 1)
		return ERR_BAD_ARGUMENT;
	con.cur->raw = (int)mode;
	return ERR_OK;
}

int
console_interrupt_port_handler(void *ctx, uint32_t notify)
{
	port_name_t old = con.interrupt;

	con.interrupt = notify;		/* the request's reference is ours now */
	if (old != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, old);
	return ERR_OK;
}

int
console_clear_handler(void *ctx)
{
	vga_clear();
	return ERR_OK;
}

int
console_inject_handler(void *ctx, const void *data, uint32_t data_len)
{
	const char *p = data;

	if (!con.test_mode)
		return ERR_DENIED;
	for (uint32_t i = 0; i < data_len; i++)
		console_input(p[i]);
	return ERR_OK;
}
