/*
 * host_server.c - the kernel's handlers for the host interface
 * (include/harbor/host.defs): the machine as a whole - debug output,
 * statistics, boot modules and images to start, and what drivers need (IRQs, I/O ports,
 * device memory) and the IPC trace. Only holders of the host port (init, and whom init
 * trusts) get here.
 */
#include <stddef.h>
#include "kernel/fastpath.h"
#include "kernel/device.h"
#include "kernel/kobject.h"
#include "kernel/irq.h"
#include "kernel/kmsg.h"
#include "kernel/notify.h"
#include "kernel/port.h"
#include "kernel/lib.h"
#include "kernel/memctl.h"
#include "kernel/module.h"
#include "kernel/elf.h"
#include "kernel/ool.h"
#include "kernel/pager.h"
#include "kernel/pmem.h"
#include "kernel/pool.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/trace.h"
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
			   uint32_t *messages, uint32_t *notifications, uint32_t *pool_free,
			   uint32_t *frames_free)
{
	*tasks = task_count();
	*threads = thread_count();
	*ports = port_count();
	*messages = kmsg_count();
	*notifications = notify_count();
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
host_image_spawn_handler(void *ctx, uint32_t image_addr, uint32_t image_size, const char *args,
			 uint32_t bootstrap, uint32_t host, uint32_t arg, uint32_t *task)
{
	/* In the kernel the region is its frame list (kernel/ool.h). */
	const struct ool_pages *pages = (const struct ool_pages *)image_addr;
	struct elf_image img = { .size = image_size };
	struct task *t;
	int err;

	if (pages == NULL || image_size == 0 || image_size / PAGE_SIZE > pages->npages ||
	    args[0] == '\0' || args[0] == ' ')
		return ERR_BAD_ARGUMENT;
	img.frames = pages->frames;
	t = module_spawn_image(&img, args, (struct port *)bootstrap, (struct port *)host, arg, &err);
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

/* The task a task port in a request stands for, or NULL. */
static struct task *
task_of(uint32_t port)
{
	struct port *p = (struct port *)port;

	return p && p->ktype == KOBJ_TASK ? p->kobject : NULL;
}

int
host_irq_bind_handler(void *ctx, uint32_t irq, uint32_t port)
{
	struct port *p = (struct port *)port;
	int err;

	if (p == NULL || p->ktype != KOBJ_NONE)
		return ERR_BAD_ARGUMENT;	/* interrupts go to a driver's own port */
	port_ref(p);		/* the kernel keeps a send right of its own */
	p->srights++;
	err = irq_bind(irq, p);
	if (err != ERR_OK) {
		notify_srights_dec(p);
		port_release(p);
	}
	return err;
}

int
host_irq_ack_handler(void *ctx, uint32_t irq)
{
	return irq_ack(irq);
}

int
host_io_grant_handler(void *ctx, uint32_t task, uint32_t base, uint32_t count)
{
	struct task *t = task_of(task);

	if (t == NULL)
		return ERR_BAD_ARGUMENT;
	return device_io_grant(t, base, count);
}

int
host_device_map_handler(void *ctx, uint32_t task, uint32_t phys, uint32_t size, uint32_t *address)
{
	struct task *t = task_of(task);

	if (t == NULL)
		return ERR_BAD_ARGUMENT;
	return device_map(t, phys, size, address);
}

int
host_fastpath_counts_handler(void *ctx, uint32_t *rpc_hits, uint32_t *send_hits,
			     uint32_t *bail_shape, uint32_t *bail_dest, uint32_t *bail_not_waiting,
			     uint32_t *bail_too_large, uint32_t *bail_reply, uint32_t *bail_own_port,
			     uint32_t *bail_buffer)
{
	const uint32_t *bails = fastpath_counts.rpc_bails;

	*rpc_hits = fastpath_counts.rpc_hits;
	*send_hits = fastpath_counts.send_hits;
	*bail_shape = bails[FASTPATH_BAIL_SHAPE];
	*bail_dest = bails[FASTPATH_BAIL_DEST];
	*bail_not_waiting = bails[FASTPATH_BAIL_NOT_WAITING];
	*bail_too_large = bails[FASTPATH_BAIL_TOO_LARGE];
	*bail_reply = bails[FASTPATH_BAIL_REPLY];
	*bail_own_port = bails[FASTPATH_BAIL_OWN_PORT];
	*bail_buffer = bails[FASTPATH_BAIL_BUFFER];
	return ERR_OK;
}

int
host_memory_control_handler(void *ctx, uint32_t *ctl)
{
	return memctl_give(ctl);
}

int
host_trace_switch_handler(void *ctx, uint32_t on, uint32_t *events)
{
	*events = trace_switch(on != 0);
	return ERR_OK;
}

int
host_trace_read_handler(void *ctx, uint32_t from, uint32_t *first, uint32_t *total,
			void *events, uint32_t *events_len)
{
	struct trace_event ev[TRACE_READ_MAX];
	uint32_t n = trace_read(from, ev, TRACE_READ_MAX, first, total);

	memcpy(events, ev, n * sizeof(ev[0]));
	*events_len = n * sizeof(ev[0]);
	return ERR_OK;
}

int
host_pager_counts_handler(void *ctx, uint32_t *fault_direct, uint32_t *fault_queued,
			  uint32_t *answer_direct, uint32_t *answer_queued)
{
	*fault_direct = pager_counts.fault_direct;
	*fault_queued = pager_counts.fault_queued;
	*answer_direct = pager_counts.answer_direct;
	*answer_queued = pager_counts.answer_queued;
	return ERR_OK;
}
