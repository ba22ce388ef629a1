/*
 * mem - the memory server: user RAM as a user-mode allocator, and every
 * task's pager.
 *
 * init starts it with a send right to a port of init's own as its
 * bootstrap port and the host port. It takes the memory control right
 * (host_memory_control: the kernel gives it once), makes a port set, puts
 * its service port in it, and tells init where it is (memboot_ready):
 * init makes that port its pager, and tasks started after inherit it and
 * say hello there (client.c). Then one loop: receive on the set, dispatch
 * mem.defs requests (requests.c), pager.defs faults (fault.c) and
 * dead-name notifications about clients (client.c), reply.
 */
#include "user/lib/ulib.h"
#include "harbor/host_client.h"
#include "harbor/memboot_client.h"
#include "harbor/memctl_client.h"
#include "harbor/mem_server.h"
#include "harbor/pager_server.h"
#include "harbor/task_client.h"
#include "servers/mem/mem.h"

port_name_t mem_ctl, mem_set, mem_service, mem_deaths, mem_from;

/* One dispatch for the set: which interface is by the request's id. */
static int
mem_serve(void *ctx, const struct msg_header *req, struct msg_header *reply)
{
	mem_from = req->dest;		/* the member it came in on: whose request it is */
	if (req->id == MSG_ID_NOTIFY_DEAD_NAME && req->size == sizeof(struct msg_notification) &&
	    req->dest == mem_deaths) {
		mem_client_died(((const struct msg_notification *)req)->name);
		return 0;
	}
	if (req->id >= PAGER_BASE && req->id < PAGER_BASE + PAGER_COUNT)
		return pager_dispatch(ctx, req, reply);
	return mem_dispatch(ctx, req, reply);
}

/* vm_deallocate in the server itself (msg_destroy of pages sent to us). */
static int
mem_unmap_own(uint32_t addr, uint32_t size)
{
	uint32_t pages;

	return memctl_unmap(mem_ctl, NAME_TASK_SELF, addr, size, &pages);
}

int
main(int argc, char **argv)
{
	int err = host_memory_control(NAME_HOST, &mem_ctl);

	if (err == ERR_OK)
		err = task_port_set_allocate(NAME_TASK_SELF, &mem_set);
	if (err == ERR_OK)
		err = task_port_allocate(NAME_TASK_SELF, &mem_service);
	if (err == ERR_OK)
		err = task_port_set_insert(NAME_TASK_SELF, mem_service, mem_set);
	if (err == ERR_OK)
		err = task_port_allocate(NAME_TASK_SELF, &mem_deaths);
	if (err == ERR_OK)
		err = task_port_set_insert(NAME_TASK_SELF, mem_deaths, mem_set);
	if (err == ERR_OK)
		err = memboot_ready(NAME_BOOTSTRAP, mem_service);
	mem_self_unmap = mem_unmap_own;
	if (err != ERR_OK) {
		printf("mem: cannot start: %s\n", error_string(err));
		return 1;
	}
	server_loop(mem_set, mem_serve, NULL);
	return 0;
}
