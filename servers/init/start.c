/*
 * start.c - how init starts the boot servers, one small function each,
 * so the order lives in one place (main.c) and is easy to change.
 *
 * The name server comes first: it reports in through boot.defs's ready
 * on a port of init's, and every task started afterwards gets a send
 * right to it at NAME_BOOTSTRAP. Each later server registers its port
 * under its name, and init waits for that name (a name lookup that waits),
 * so a server is known to be up before the next one starts.
 */
#include "user/lib/ulib.h"
#include "servers/init/init.h"
#include "harbor/boot_server.h"
#include "harbor/host_client.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"

port_name_t init_name_server = NAME_NULL;
port_name_t init_name_task = NAME_NULL;

port_name_t
init_spawn(const char *name, port_name_t bootstrap, port_name_t host)
{
	port_name_t task = NAME_NULL;
	int err = host_module_spawn(NAME_HOST, name, bootstrap, host, 0, &task);

	if (err != ERR_OK)
		printf("init: cannot start %s: %s\n", name, error_string(err));
	return task;
}

/* The name server's ready: remember the service port it hands us. */
int
boot_ready_handler(void *ctx, uint32_t service)
{
	*(port_name_t *)ctx = service;
	return ERR_OK;
}

int
init_start_name(void)
{
	static union {
		struct msg_header head;
		uint8_t bytes[MSG_SIZE_MAX];
	} req, reply;
	port_name_t link = NAME_NULL, service = NAME_NULL, task;
	int err;

	if (task_port_allocate(NAME_TASK_SELF, &link) != ERR_OK ||
	    task_port_make_send(NAME_TASK_SELF, link) != ERR_OK)
		return ERR_NO_MEMORY;
	task = init_spawn("name", link, NAME_NULL);
	task_port_deallocate(NAME_TASK_SELF, link);	/* our send right: the server has its own */
	err = task == NAME_NULL ? ERR_NOT_FOUND : ERR_OK;
	if (err == ERR_OK)
		err = msg_receive(&req.head, sizeof(req), link, MSG_OPT_TIMEOUT, 5000);
	if (err == ERR_OK) {
		reply.head.size = 0;
		server_answer(&req.head, &reply.head, boot_dispatch(&service, &req.head, &reply.head));
		if (service == NAME_NULL)
			err = ERR_BAD_MESSAGE;
	}
	task_port_deallocate(NAME_TASK_SELF, link);	/* the receive right: the port dies */
	if (err != ERR_OK) {
		if (task != NAME_NULL)
			task_port_deallocate(NAME_TASK_SELF, task);
		printf("init: the name server did not start: %s\n", error_string(err));
		return err;
	}
	init_name_server = service;
	init_name_task = task;	/* for proc, once it runs (init_watch_servers) */
	return ERR_OK;
}

int
init_start_server(const char *args, const char *name, port_name_t host, port_name_t *task_out)
{
	port_name_t task = init_spawn(args, init_name_server, host), port = NAME_NULL;
	int err;

	if (task == NAME_NULL)
		return ERR_NOT_FOUND;
	err = name_lookup(init_name_server, name, 5000, &port);
	if (err != ERR_OK) {
		printf("init: %s did not register: %s\n", name, error_string(err));
		task_port_deallocate(NAME_TASK_SELF, task);
		return err;
	}
	task_port_deallocate(NAME_TASK_SELF, port);
	if (task_out)
		*task_out = task;
	else
		task_port_deallocate(NAME_TASK_SELF, task);
	return ERR_OK;
}
