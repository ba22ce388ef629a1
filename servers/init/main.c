/*
 * init - the first user task: starts everything else.
 *
 * The kernel starts init alone, holding the host port (NAME_HOST), with
 * the kernel's command line as its arguments. "mode=test" runs the guest
 * test suite, "mode=bench" the IPC benchmark, "mode=trace" the demo with
 * the IPC trace on (user/tracer, for make trace); anything else (mode=demo)
 * runs the RPC demo. Until the name server exists, init passes the host
 * port on to the programs it starts, so they can print.
 */
#include "user/lib/ulib.h"
#include "harbor/host_client.h"

/* Start boot module `name`, passing on the host port and a bootstrap port. */
static port_name_t
spawn(const char *name, port_name_t bootstrap)
{
	port_name_t task = NAME_NULL;
	int err = host_module_spawn(NAME_HOST, name, bootstrap, NAME_HOST, 0, &task);

	if (err != ERR_OK)
		printf("init: cannot start %s: %s\n", name, error_string(err));
	return task;
}

int
main(int argc, char **argv)
{
	const char *mode = "demo";

	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "mode=", 5) == 0)
			mode = argv[i] + 5;
	printf("init: mode %s\n", mode);
	if (strcmp(mode, "test") == 0) {
		spawn("tests", NAME_NULL);
		return 0;
	}
	if (strcmp(mode, "bench") == 0) {
		spawn("bench", NAME_NULL);
		return 0;
	}
	if (strcmp(mode, "trace") == 0) {
		spawn("tracer", NAME_NULL);	/* make trace: the demo, traced */
		return 0;
	}
	/* The demo: demo_server makes its port and starts demo_client. */
	spawn("demo_server", NAME_NULL);
	return 0;
}
