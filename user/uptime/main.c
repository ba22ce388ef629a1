/*
 * uptime - how long since the machine booted.
 */
#include "user/lib/ulib.h"
#include "harbor/process.h"
#include "harbor/proc_client.h"

int
main(int argc, char **argv)
{
	uint32_t ms;
	int err = proc_uptime(proc_server_port(), &ms);

	if (err != ERR_OK) {
		fprintf(stderr, "uptime: %s\n", error_string(err));
		return 1;
	}
	printf("up %u.%02u s\n", ms / 1000, ms % 1000 / 10);
	return 0;
}
