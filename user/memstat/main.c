/*
 * memstat - memory statistics from the memory server: the frames it may
 * still hand out, and this program's own reservation, resident pages,
 * quota and regions (mem stats, on our pager port). Without a memory
 * server it says so, and shows the kernel's free frames instead.
 * (The program cannot be called "mem": that is the server's module.)
 */
#include "user/lib/ulib.h"
#include "harbor/mem_client.h"
#include "harbor/process.h"
#include "harbor/proc_client.h"
#include "harbor/task_client.h"

int
main(int argc, char **argv)
{
	uint32_t frames, reserved, resident, quota, regions;
	uint32_t tasks, threads, ports, messages, notifications, pool;
	port_name_t pager = NAME_NULL;
	int err = task_get_pager(NAME_TASK_SELF, &pager);

	if (err == ERR_OK && pager != NAME_NULL &&
	    mem_stats(pager, &frames, &reserved, &resident, &quota, &regions) == ERR_OK) {
		printf("memory server: %u frames free (%u KiB)\n", frames, frames * 4);
		printf("this program: %u pages reserved, %u resident, quota %u pages, %u regions\n",
		       reserved, resident, quota, regions);
		return 0;
	}
	printf("memstat: there is no memory server in this system.\n");
	err = proc_kernel_counts(proc_server_port(), &tasks, &threads, &ports, &messages,
				 &notifications, &pool, &frames);
	if (err != ERR_OK) {
		fprintf(stderr, "memstat: %s\n", error_string(err));
		return 1;
	}
	printf("The kernel has %u frames free (%u KiB), and %u pages free in its pool.\n", frames,
	       frames * 4, pool);
	return 0;
}
