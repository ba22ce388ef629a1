/*
 * mem.c - this task's side of the memory server (servers/mem/).
 *
 * A task finds the memory server through its pager right (task_get_pager),
 * which it inherited from its creator. Before main, mem_start says hello
 * there: the server makes the task a pager port of its own, makes it the
 * task's pager, and returns it; from then on every mem.defs request goes
 * to that port, which tells the server whose memory is meant.
 */
#include "user/lib/ulib.h"
#include "harbor/mem.h"
#include "harbor/mem_client.h"
#include "harbor/task_client.h"

port_name_t mem_port = NAME_NULL;
int (*mem_self_unmap)(uint32_t addr, uint32_t size);

void
mem_start(void)
{
	port_name_t pager, mine;
	int err;

	if (task_get_pager(NAME_TASK_SELF, &pager) != ERR_OK)
		return;			/* no pager: init, or the memory server */
	err = mem_hello(pager, NAME_TASK_SELF, &mine);
	if (err == ERR_EXISTS) {
		mem_port = pager;	/* our creator said hello for us: it is ours */
		return;
	}
	task_port_deallocate(NAME_TASK_SELF, pager);
	if (err == ERR_OK)
		mem_port = mine;
}

int
vm_allocate(uint32_t size, uint32_t *addr)
{
	if (mem_port == NAME_NULL)
		return ERR_NOT_FOUND;
	return mem_allocate(mem_port, size, 0, addr);	/* zero-filled on first touch */
}

int
vm_deallocate(uint32_t addr, uint32_t size)
{
	if (mem_self_unmap)
		return mem_self_unmap(addr, size);
	if (mem_port == NAME_NULL)
		return ERR_NOT_FOUND;
	return mem_deallocate(mem_port, addr, size);
}
