/*
 * irq.h - interrupts as messages: the driver side of IRQ lines.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <stdint.h>

struct port;

/*
 * irq_bind - send IRQ line irq's interrupts to port p (taking over the
 * caller's send right in transit) and unmask the line. Binding the line
 * to the port it is bound to again is fine. Errors: ERR_BAD_ARGUMENT (the
 * timer, the cascade, or not 1-15), ERR_BUSY (bound to another port that
 * lives). On an error the caller keeps its send right.
 */
int irq_bind(uint32_t irq, struct port *p);

/* irq_ack - the driver handled irq: unmask the line. ERR_BAD_ARGUMENT if not bound. */
int irq_ack(uint32_t irq);

/* irq_port_died - port p died: unbind (and mask) every line bound to it. */
void irq_port_died(struct port *p);

/* irq_deliver - an interrupt on line irq arrived: mask it and tell the driver. */
void irq_deliver(uint32_t irq);

#endif /* KERNEL_IRQ_H */
