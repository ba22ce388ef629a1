/*
 * misc.c - small helpers built on IPC: sleeping.
 */
#include "user/lib/ulib.h"
#include "harbor/task_client.h"

void
sleep_ms(uint32_t ms)
{
	struct msg_header buf;
	port_name_t never;	/* a port nobody can send to */

	if (task_port_allocate(NAME_TASK_SELF, &never) != ERR_OK)
		return;
	msg_receive(&buf, sizeof(buf), never, MSG_OPT_TIMEOUT, ms);
	task_port_deallocate(NAME_TASK_SELF, never);
}
