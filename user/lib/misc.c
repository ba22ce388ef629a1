/*
 * misc.c - small helpers built on IPC: sleeping.
 */
#include "user/lib/ulib.h"
#include "harbor/task_client.h"

void
sleep_ms(uint32_t ms)
{
	static port_name_t never = NAME_NULL;	/* a port nobody sends to */
	struct msg_header buf;

	if (never == NAME_NULL && task_port_allocate(NAME_TASK_SELF, &never) != ERR_OK)
		return;
	msg_receive(&buf, sizeof(buf), never, MSG_OPT_TIMEOUT, ms);
}
