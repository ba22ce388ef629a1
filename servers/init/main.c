/*
 * init - the first user task: starts everything else.
 *
 * The kernel starts init alone, holding the host port (NAME_HOST), with
 * the kernel's command line as its arguments. "mode=test" runs the guest
 * test suite, "mode=bench" the IPC benchmark; anything else (mode=demo)
 * runs the RPC demo. Until the name server exists, init passes the host
 * port on to the programs it starts, so they can print. The memory server
 * starts first (start_mem): every task started after it has it as pager.
 */
#include "user/lib/ulib.h"
#include "harbor/host_client.h"
#include "harbor/memboot_server.h"
#include "harbor/task_client.h"

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

/* The memory server's memboot_ready: its port becomes our pager, so every
 * task we start from now on inherits it. */
int
memboot_ready_handler(void *ctx, uint32_t service)
{
	int err = task_set_pager(NAME_TASK_SELF, service);

	task_port_deallocate(NAME_TASK_SELF, service);
	return err;
}

/*
 * Start the memory server (servers/mem) with the host port, from which it
 * takes the memory control right, and a port of ours as its bootstrap;
 * wait (up to 5 s) for its memboot_ready there.
 */
static void
start_mem(void)
{
	union {
		struct msg_header head;
		uint8_t bytes[MEMBOOT_REQUEST_MAX];
	} req;
	struct msg_header reply;
	port_name_t boot, pager;
	int err = task_port_allocate(NAME_TASK_SELF, &boot);

	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, boot);
	if (err == ERR_OK && spawn("mem", boot) == NAME_NULL)
		err = ERR_NOT_FOUND;
	if (err == ERR_OK)
		err = msg_receive(&req.head, sizeof(req), boot, MSG_OPT_TIMEOUT, 5000);
	if (err == ERR_OK) {
		memboot_dispatch(NULL, &req.head, &reply);	/* a simpleroutine: no reply */
		err = task_get_pager(NAME_TASK_SELF, &pager);	/* did it set our pager? */
		if (err == ERR_OK)
			task_port_deallocate(NAME_TASK_SELF, pager);
	}
	if (err != ERR_OK)
		printf("init: no memory server: %s\n", error_string(err));
	task_port_deallocate(NAME_TASK_SELF, boot);	/* both rights */
	task_port_deallocate(NAME_TASK_SELF, boot);
}

int
main(int argc, char **argv)
{
	const char *mode = "demo";

	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "mode=", 5) == 0)
			mode = argv[i] + 5;
	printf("init: mode %s\n", mode);
	start_mem();
	if (strcmp(mode, "test") == 0) {
		spawn("tests", NAME_NULL);
		return 0;
	}
	if (strcmp(mode, "bench") == 0) {
		spawn("bench", NAME_NULL);
		return 0;
	}
	/* The demo: demo_server makes its port and starts demo_client. */
	spawn("demo_server", NAME_NULL);
	return 0;
}
