/*
 * trace - switch the IPC trace on and off from the shell, and print it.
 *
 *   trace on     empty the kernel's trace ring and start recording
 *   trace off    stop; says how many events were recorded
 *   trace dump   print every recorded event for tools/trace/harbor-trace
 *
 * It works only in a trace boot (make trace CMD=..., mode=trace), where
 * init starts the trace service (user/tracer, registered as "trace") that
 * holds the host port for it. `make trace CMD='...'` types `trace on`, the
 * command, `trace off` and `trace dump` at the prompt; a person can too
 * (docs/trace.md). The dump is the demo tracer's format: one
 * "trace-event HEX" line per 40-byte event between "trace-begin" and
 * "trace-end", and "trace-lost N" where the ring overwrote N events.
 */
#include "user/lib/ulib.h"
#include "harbor/name_client.h"
#include "harbor/trace.h"
#include "harbor/tracer_client.h"

/* Print every event recorded, as hex; 0, or 1 when a read failed. */
static int
trace_dump(port_name_t svc)
{
	uint8_t buf[TRACE_READ_MAX * TRACE_EVENT_SIZE];
	uint32_t from = 0, first, total, len, recorded;
	int err;

	err = tracer_read(svc, 0, &first, &recorded, buf, sizeof(buf), &len);
	printf("trace-begin events=%u\n", err == ERR_OK ? recorded : 0);
	while (err == ERR_OK && from < recorded) {
		err = tracer_read(svc, from, &first, &total, buf, sizeof(buf), &len);
		if (err != ERR_OK || len == 0)
			break;
		if (first > from)
			printf("trace-lost %u\n", first - from);	/* the ring overwrote them */
		for (uint32_t off = 0; off + TRACE_EVENT_SIZE <= len; off += TRACE_EVENT_SIZE) {
			char line[2 * TRACE_EVENT_SIZE + 1];

			for (uint32_t i = 0; i < TRACE_EVENT_SIZE; i++)
				snprintf(line + 2 * i, 3, "%02x", buf[off + i]);
			printf("trace-event %s\n", line);
		}
		from = first + len / TRACE_EVENT_SIZE;
	}
	printf("trace-end\n");
	if (err != ERR_OK)
		fprintf(stderr, "trace: dump: %s\n", error_string(err));
	return err != ERR_OK;
}

int
main(int argc, char **argv)
{
	port_name_t svc;
	uint32_t events;
	int err;

	if (argc != 2 || (strcmp(argv[1], "on") && strcmp(argv[1], "off") && strcmp(argv[1], "dump"))) {
		fprintf(stderr, "usage: trace on|off|dump\n");
		return 2;
	}
	err = name_lookup(NAME_BOOTSTRAP, "trace", 0, &svc);
	if (err != ERR_OK) {
		fprintf(stderr, "trace: no trace service in this boot (make trace CMD=... boots one): %s\n",
			error_string(err));
		return 1;
	}
	if (strcmp(argv[1], "dump") == 0)
		return trace_dump(svc);
	err = tracer_set(svc, strcmp(argv[1], "on") == 0, &events);
	if (err != ERR_OK) {
		fprintf(stderr, "trace: %s: %s\n", argv[1], error_string(err));
		return 1;
	}
	if (strcmp(argv[1], "off") == 0)
		printf("trace: off, %u events recorded\n", events);
	return 0;
}
