/*
 * ipcstat - the kernel's object counts (host object_counts, which the
 * process server relays: ordinary programs hold no host port).
 */
#include "user/lib/ulib.h"
#include "harbor/process.h"
#include "harbor/proc_client.h"

int
main(int argc, char **argv)
{
	uint32_t tasks, threads, ports, messages, notifications, pool, frames;
	int err = proc_kernel_counts(proc_server_port(), &tasks, &threads, &ports, &messages,
				     &notifications, &pool, &frames);

	if (err != ERR_OK) {
		fprintf(stderr, "ipcstat: %s\n", error_string(err));
		return 1;
	}
	printf("tasks %u, threads %u, ports %u, messages queued %u, notification requests %u\n",
	       tasks, threads, ports, messages, notifications);
	printf("kernel pool: %u pages free; frames free: %u (%u KiB)\n", pool, frames,
	       frames * 4);
	return 0;
}
