/*
 * init - the first user task: starts everything else.
 *
 * The kernel starts init alone, holding the host port (NAME_HOST), with
 * the kernel's command line as its arguments. init starts the boot
 * servers in order (mem.c, start.c: the memory server, the name server,
 * then the console), then,
 * by mode: "mode=test" runs the guest test suite, "mode=bench" the
 * benchmarks, "mode=fuzz" the kernel fuzzer (the command line's other
 * words are its parameters), "mode=trace" the demo with the IPC trace on
 * (user/tracer, for make trace); anything else (mode=demo) runs the RPC demo. Every task
 * init starts gets the name server at NAME_BOOTSTRAP; the suites and the
 * demo get the host port too, so that they can print on the debug line
 * and shut the machine down.
 */
#include "user/lib/ulib.h"
#include "servers/init/init.h"

/* The boot servers, in the order they start. */
static void
init_start_servers(int test)
{
	init_start_mem();
	if (init_start_name() != ERR_OK)
		return;
	init_start_console(test);
}

int
main(int argc, char **argv)
{
	const char *mode = "demo";

	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "mode=", 5) == 0)
			mode = argv[i] + 5;
	printf("init: mode %s\n", mode);
	init_start_servers(strcmp(mode, "test") == 0);
	if (strcmp(mode, "test") == 0) {
		init_spawn("tests", init_name_server, NAME_HOST);
		return 0;
	}
	if (strcmp(mode, "bench") == 0) {
		init_spawn("bench", init_name_server, NAME_HOST);
		return 0;
	}
	if (strcmp(mode, "trace") == 0) {
		init_spawn("tracer", init_name_server, NAME_HOST);	/* make trace: the demo, traced */
		return 0;
	}
	if (strcmp(mode, "fuzz") == 0) {
		char args[64] = "fuzz run";
		for (int i = 1; i < argc; i++) {
			size_t len = strlen(args);
			if (strncmp(argv[i], "mode=", 5) != 0 && len + 1 + strlen(argv[i]) < sizeof(args))
				snprintf(args + len, sizeof(args) - len, " %s", argv[i]);
		}
		init_spawn(args, NAME_NULL, NAME_HOST);	/* no bootstrap: it shuts down at the end */
		return 0;
	}
	/* The demo: demo_server makes its port and starts demo_client. */
	init_spawn("demo_server", init_name_server, NAME_HOST);
	return 0;
}
