/*
 * irq.c - IRQ lines bound to ports.
 *
 * Each interrupt becomes a MSG_ID_IRQ message to the bound port, and the
 * line stays masked until the driver acknowledges it, so a slow driver
 * never sees an interrupt storm and at most one message per line waits.
 * A line belongs to one port (so to one driver, its receiver) until that
 * port dies; the kernel keeps the timer (IRQ 0) and the cascade (IRQ 2).
 */
#include <stddef.h>
#include "kernel/irq.h"
#include "kernel/ipc.h"
#include "kernel/kmsg.h"
#include "kernel/notify.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/i386/cpu.h"
#include "harbor/error.h"

#define IRQ_LINES	16
#define IRQ_CASCADE	2

static struct port *irq_ports[IRQ_LINES];

static int
irq_bindable(uint32_t irq)
{
	return irq > 0 && irq < IRQ_LINES && irq != IRQ_CASCADE;
}

int
irq_bind(uint32_t irq, struct port *p)
{
	if (!irq_bindable(irq))
		return ERR_BAD_ARGUMENT;
	if (irq_ports[irq] && irq_ports[irq] != p && !irq_ports[irq]->dead)
		return ERR_BUSY;	/* another driver's line */
	if (irq_ports[irq]) {
		notify_srights_dec(irq_ports[irq]);
		port_release(irq_ports[irq]);
	}
	irq_ports[irq] = p;
	pic_unmask(irq);
	return ERR_OK;
}

int
irq_ack(uint32_t irq)
{
	if (!irq_bindable(irq) || irq_ports[irq] == NULL)
		return ERR_BAD_ARGUMENT;
	pic_unmask(irq);
	return ERR_OK;
}

void
irq_port_died(struct port *p)
{
	for (uint32_t irq = 0; irq < IRQ_LINES; irq++) {
		if (irq_ports[irq] == p) {
			pic_mask(irq);
			irq_ports[irq] = NULL;
			notify_srights_dec(p);
			port_release(p);
		}
	}
}

void
irq_deliver(uint32_t irq)
{
	struct port *p = irq_ports[irq];
	struct kmsg *m;

	pic_mask(irq);
	pic_eoi(irq);
	if (p == NULL)
		return;		/* spurious, or never bound: the line stays masked */
	if (p->dead) {
		irq_ports[irq] = NULL;
		notify_srights_dec(p);
		port_release(p);
		return;
	}
	m = kmsg_alloc(sizeof(struct msg_notification), p->charged);
	if (m == NULL)
		return;		/* no memory: the line stays masked until acknowledged */
	struct msg_notification *n = (struct msg_notification *)m->msg;
	n->head = (struct msg_header){ .size = sizeof(*n), .id = MSG_ID_IRQ };
	n->name = irq;
	ipc_deliver(p, m);
}
