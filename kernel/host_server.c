/*
 * host_server.c - the kernel's handlers for the host interface
 * (include/harbor/host.defs): the machine as a whole. Only holders of
 * the host port (init, and whom init trusts) get here.
 */
#include <stddef.h>
#include "kernel/kobject.h"
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/module.h"
#include "kernel/pmem.h"
#include "kernel/pool.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/i386/cpu.h"
#include "kernel/i386/serial.h"
#include "harbor/error.h"
#include "harbor/host_server.h"

int
host_debug_write_handler(void *ctx, const void *text, uint32_t text_len)
{
	const char *s = text;

	for (uint32_t i = 0; i < text_len; i++)
		serial_putc(s[i]);
	return ERR_OK;
}

int
host_object_counts_handler(void *ctx, uint32_t *tasks, uint32_t *threads, uint32_t *ports,
			   uint32_t *messages, uint32_t *pool_free, uint32_t *frames_free)
{
	*tasks = task_count();
	*threads = thread_count();
	*ports = port_count();
	*messages = kmsg_count();
	*pool_free = pool_pages_free();
	*frames_free = frame_count_free();
	return ERR_OK;
}

int
host_module_spawn_handler(void *ctx, const char *name, uint32_t bootstrap, uint32_t host,
			  uint32_t arg, uint32_t *task)
{
	int err;
	struct task *t = module_spawn(name, (struct port *)bootstrap, (struct port *)host,
				      arg, &err);

	if (t == NULL)
		return err;
	*task = kobject_port_out(t->port);
	return ERR_OK;
}

int
host_shutdown_handler(void *ctx, uint32_t code)
{
	kprintf("harbor: shutdown (%u)\n", code);
	qemu_exit(code);
}

int
host_time_handler(void *ctx, uint32_t *ms)
{
	*ms = ticks * (1000 / HZ);
	return ERR_OK;
}
