/*
 * ps - list the processes the process server knows: pid, parent, state,
 * name. Servers started before proc appear too (init tells proc of them).
 */
#include "user/lib/ulib.h"
#include "harbor/process.h"
#include "harbor/proc_client.h"

int
main(int argc, char **argv)
{
	port_name_t proc = proc_server_port();
	int32_t pid, parent, from = 1;
	uint32_t state;
	char name[PROC_NAME_MAX];

	if (proc == NAME_NULL) {
		fprintf(stderr, "ps: no process server\n");
		return 1;
	}
	printf("  PID  PPID STATE   NAME\n");
	while (proc_list(proc, from, &pid, &parent, &state, name, sizeof(name)) == ERR_OK) {
		printf("%5d %5d %-7s %s\n", pid, parent,
		       state == PROC_ZOMBIE ? "zombie" : "running", name);
		from = pid + 1;
	}
	return 0;
}
