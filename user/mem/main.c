/*
 * mem - memory statistics. The memory server does not exist yet, so this
 * says so, and shows what the kernel knows: its free frames and pool.
 */
#include "user/lib/ulib.h"
#include "harbor/process.h"
#include "harbor/proc_client.h"

int
main(int argc, char **argv)
{
	uint32_t tasks, threads, ports, messages, notifications, pool, frames;
	int err;

	printf("mem: there is no memory server in this system yet.\n");
	err = proc_kernel_counts(proc_server_port(), &tasks, &threads, &ports, &messages,
				 &notifications, &pool, &frames);
	if (err != ERR_OK) {
		fprintf(stderr, "mem: %s\n", error_string(err));
		return 1;
	}
	printf("The kernel has %u frames free (%u KiB), and %u pages free in its pool.\n", frames,
	       frames * 4, pool);
	return 0;
}
