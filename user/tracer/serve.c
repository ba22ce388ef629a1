/*
 * serve.c - the trace service: the IPC trace's switch and reader, offered
 * by name to the shell of a trace boot.
 *
 * Switching the kernel's trace and reading its ring are host-port
 * routines, and the shell's programs hold no host port. In mode=trace
 * init starts "tracer serve" with the host port; it registers tracer.defs
 * as "trace", and each call is passed on unchanged, so the shell's
 * `trace on`, `trace off` and `trace dump` (user/trace) work in that boot
 * and find no service in any other. Nothing else of the host port is
 * offered: a trace shows every task's messages, which is fine for a
 * boot made to be traced, not for the ordinary one.
 */
#include "user/lib/ulib.h"
#include "user/tracer/tracer.h"
#include "harbor/host_client.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"
#include "harbor/tracer_server.h"

int
tracer_set_handler(void *ctx, uint32_t on, uint32_t *events)
{
	return host_trace_switch(NAME_HOST, on != 0, events);
}

int
tracer_read_handler(void *ctx, uint32_t from, uint32_t *first, uint32_t *total, void *events,
		    uint32_t *events_len)
{
	/* events is tracer.defs's 200 bytes: TRACE_READ_MAX records, as host's. */
	return host_trace_read(NAME_HOST, from, first, total, events, 200, events_len);
}

int
tracer_serve(void)
{
	port_name_t port;
	int err;

	err = task_port_allocate(NAME_TASK_SELF, &port);
	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, port);
	if (err == ERR_OK)
		err = name_add(NAME_BOOTSTRAP, "trace", port);
	if (err != ERR_OK) {
		printf("tracer: cannot offer the trace service: %s\n", error_string(err));
		return 1;
	}
	server_loop(port, tracer_dispatch, NULL);	/* does not return */
}
