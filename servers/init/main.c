/*
 * init - the first user task: starts everything else.
 *
 * The kernel starts init alone, holding the host port (NAME_HOST), with
 * the kernel's command line as its arguments. init starts the boot
 * servers in dependency order (the table below; mem.c: the memory server
 * first, since it is every task's pager; start.c: the name server next,
 * since every later task gets it at NAME_BOOTSTRAP), each one up
 * (registered) before the next starts. Only the servers that need the
 * host port get it. Then init joins the process server as pid 1, enters
 * the servers as its children, and starts, by mode:
 *   mode=shell (the ordinary boot)  the shell, on the console, through proc
 *   mode=test   the guest test suite (only=TABLE,... runs those tables:
 *               make grade's boot)       mode=bench  the benchmarks
 *   mode=fuzz   the kernel fuzzer (the command line's other words are
 *               its parameters)          mode=demo   the RPC demo
 *   mode=trace  the shell, and the trace service its `trace` program
 *               calls (user/tracer serve, for make trace CMD=...)
 *   mode=tracedemo  the demo with the IPC trace on (user/tracer, for make trace)
 * The suites and the demo get the host port too, so that they can print
 * on the debug line and shut the machine down. In every mode init also
 * offers the clean shutdown to every program (halt.c: "init", init.defs;
 * the shell's `halt`). Then init watches
 * (watch.c): a server that dies is reported with its name and how it
 * died, and a shell that ends is replaced.
 */
#include "user/lib/ulib.h"
#include "servers/init/init.h"
#include "harbor/layout.h"

/*
 * The boot servers after the memory server and the name server (which
 * start apart: mem.c, start.c), in the order they start: each may use
 * those above it. The console's "test" argument (lets the guest
 * tests type) is added in a test boot.
 */
static struct init_server init_servers[] = {
	{ "console", "console", 1, NAME_NULL },
	{ "pipe", "pipe", 0, NAME_NULL },	/* pipes and FIFOs: needs nothing but memory */
	{ "ata", "ata", 1, NAME_NULL },		/* needs host: I/O ports, IRQ 14 */
	{ "fs", "fs", 1, NAME_NULL },		/* host: only its log lines, on the debug line */
	{ "proc", "proc", 1, NAME_NULL },	/* needs host: module_spawn, time, object counts */
};

static void
init_start_servers(int test)
{
	init_start_mem();
	if (init_start_name() != ERR_OK)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(init_servers); i++) {
		struct init_server *s = &init_servers[i];
		const char *args = test && strcmp(s->name, "console") == 0 ? "console test" : s->args;
		init_start_server(args, s->name, s->host ? NAME_HOST : NAME_NULL, &s->task);
	}
	init_join_proc(init_servers, ARRAY_SIZE(init_servers));
}

/* The fuzzer's arguments: "fuzz run" and the command line's words but mode=. */
static void
init_start_fuzz(int argc, char **argv)
{
	char args[64] = "fuzz run";

	for (int i = 1; i < argc; i++) {
		size_t len = strlen(args);
		if (strncmp(argv[i], "mode=", 5) != 0 && len + 1 + strlen(argv[i]) < sizeof(args))
			snprintf(args + len, sizeof(args) - len, " %s", argv[i]);
	}
	init_spawn(args, NAME_NULL, NAME_HOST);	/* no bootstrap: it shuts down at the end */
}

/* The test suite, given the command line's only= (make grade's selection of tables). */
static void
init_start_tests(int argc, char **argv)
{
	char args[USER_ARGS_MAX] = "tests";

	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "only=", 5) == 0)
			snprintf(args, sizeof(args), "tests %s", argv[i]);
	init_spawn(args, init_name_server, NAME_HOST);
}

int
main(int argc, char **argv)
{
	const char *mode = "shell";
	int shell = 0;

	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "mode=", 5) == 0)
			mode = argv[i] + 5;
	printf("init: mode %s\n", mode);
	init_start_servers(strcmp(mode, "test") == 0);
	if (init_name_server != NAME_NULL)
		init_halt_start();
	if (strcmp(mode, "test") == 0)
		init_start_tests(argc, argv);
	else if (strcmp(mode, "bench") == 0)
		init_spawn("bench", init_name_server, NAME_HOST);
	else if (strcmp(mode, "fuzz") == 0)
		init_start_fuzz(argc, argv);
	else if (strcmp(mode, "tracedemo") == 0)
		init_spawn("tracer", init_name_server, NAME_HOST);	/* make trace: the demo, traced */
	else if (strcmp(mode, "demo") == 0)
		init_spawn("demo_server", init_name_server, NAME_HOST);	/* it starts demo_client */
	else
		shell = 1;
	if (strcmp(mode, "trace") == 0)
		init_spawn("tracer serve", init_name_server, NAME_HOST);	/* make trace CMD= */
	init_watch(init_servers, ARRAY_SIZE(init_servers), shell);
	return 0;
}
