/*
 * tracer - the trace client, in two roles (init starts it with the host
 * port in both).
 *
 * "tracer serve" (mode=trace, make trace CMD=...): the trace service the
 * shell's `trace` program calls (serve.c).
 *
 * "tracer" (mode=tracedemo, make trace without CMD): runs the RPC demo
 * with the IPC trace on. It switches the trace on (host_trace_switch),
 * starts demo_server (which starts demo_client), waits until the trace
 * shows demo_client's death, switches the trace off and reads every event
 * out (host_trace_read), printing each as one line of hex between
 * "trace-begin" and "trace-end" lines; tools/trace/harbor-trace turns
 * that into a chart. It ends by shutting QEMU down.
 */
#include "user/lib/ulib.h"
#include "user/tracer/tracer.h"
#include "harbor/host_client.h"
#include "harbor/trace.h"

#define TRACER_WAIT_MS	50u	/* between looks at the trace */
#define TRACER_WAIT_MAX	200u	/* looks before giving up (10 s) */

/*
 * Has a task running `program` died? Reads the trace from event *from on
 * (moving *from past what it read) looking for its TRACE_TASK_DEAD. Our
 * own reads are traced too (each adds a request, its reply and the
 * receive), so we read on only while a read comes back full: the last
 * short read has seen everything but our own traffic.
 */
static int
tracer_saw_death(const char *program, uint32_t *from)
{
	uint8_t buf[TRACE_READ_MAX * TRACE_EVENT_SIZE];
	uint32_t first, total, len;

	do {
		if (host_trace_read(NAME_HOST, *from, &first, &total, buf, sizeof(buf), &len) != ERR_OK)
			return 0;
		*from = first + len / TRACE_EVENT_SIZE;
		for (uint32_t off = 0; off + TRACE_EVENT_SIZE <= len; off += TRACE_EVENT_SIZE) {
			struct trace_event ev;

			memcpy(&ev, buf + off, sizeof(ev));
			if (ev.kind == TRACE_TASK_DEAD &&
			    strncmp(ev.u.name, program, sizeof(ev.u.name)) == 0)
				return 1;
		}
	} while (len == sizeof(buf));
	return 0;
}

/* Wait until the demo's client has died (its six calls are done). */
static void
tracer_wait_demo(void)
{
	uint32_t from = 0;

	for (uint32_t i = 0; i < TRACER_WAIT_MAX; i++) {
		if (tracer_saw_death("demo_client", &from))
			return;
		sleep_ms(TRACER_WAIT_MS);
	}
	printf("tracer: the demo did not finish in %u ms; the trace shows what happened\n",
	       TRACER_WAIT_MS * TRACER_WAIT_MAX);
}

/* Print every event recorded, as hex, for the host tool. */
static void
tracer_dump(uint32_t recorded)
{
	uint8_t buf[TRACE_READ_MAX * TRACE_EVENT_SIZE];
	uint32_t from = 0, first, total, len;

	printf("trace-begin events=%u\n", recorded);
	while (from < recorded) {
		if (host_trace_read(NAME_HOST, from, &first, &total, buf, sizeof(buf), &len) != ERR_OK || len == 0)
			break;
		if (first > from)
			printf("trace-lost %u\n", first - from);	/* the ring overwrote them */
		for (uint32_t off = 0; off + TRACE_EVENT_SIZE <= len; off += TRACE_EVENT_SIZE) {
			char line[2 * TRACE_EVENT_SIZE + 1];

			for (uint32_t i = 0; i < TRACE_EVENT_SIZE; i++)
				snprintf(line + 2 * i, 3, "%02x", buf[off + i]);
			printf("trace-event %s\n", line);	/* one write per event */
		}
		from = first + len / TRACE_EVENT_SIZE;
	}
	printf("trace-end\n");
}

int
main(int argc, char **argv)
{
	port_name_t server = NAME_NULL;
	uint32_t recorded = 0;
	int err;

	if (argc > 1 && strcmp(argv[1], "serve") == 0)
		return tracer_serve();
	err = host_trace_switch(NAME_HOST, 1, &recorded);
	if (err == ERR_OK)
		err = host_module_spawn(NAME_HOST, "demo_server", NAME_NULL, NAME_HOST, 0, &server);
	if (err != ERR_OK) {
		printf("tracer: cannot start the demo: %s\n", error_string(err));
		host_shutdown(NAME_HOST, 1);
	}
	tracer_wait_demo();
	host_trace_switch(NAME_HOST, 0, &recorded);
	tracer_dump(recorded);
	host_shutdown(NAME_HOST, 0);
	return 0;
}
