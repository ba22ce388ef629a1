/*
 * mem.c - how init starts the memory server, before every other server.
 *
 * Every task's memory comes from the memory server (servers/mem): it is
 * each task's pager, and a task inherits its creator's pager. So it must
 * start first, before the name server (whose heap it serves): init starts
 * it with the host port (from which it takes the memory control right) and
 * a port of init's as its bootstrap, and waits for memboot_ready there,
 * which names the server's port. That port becomes init's own pager, so
 * every task init starts from then on inherits it.
 */
#include "user/lib/ulib.h"
#include "servers/init/init.h"
#include "harbor/memboot_server.h"
#include "harbor/task_client.h"

port_name_t init_mem_task = NAME_NULL;

/* The memory server's memboot_ready: its port becomes our pager. */
int
memboot_ready_handler(void *ctx, uint32_t service)
{
	int err = task_set_pager(NAME_TASK_SELF, service);

	task_port_deallocate(NAME_TASK_SELF, service);
	return err;
}

int
init_start_mem(void)
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
	if (err == ERR_OK && (init_mem_task = init_spawn("mem", boot, NAME_HOST)) == NAME_NULL)
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
	return err;
}
