/*
 * pic.c - the two 8259A interrupt controllers and the 8253 timer.
 *
 * IRQs 0-15 are moved to vectors 32-47 (the CPU's exceptions own 0-31).
 * Only the timer is unmasked at first; a driver's line is unmasked when it
 * binds it to a port (irq.c). The timer ticks HZ times a second.
 */
#include "kernel/i386/cpu.h"
#include "kernel/i386/x86.h"
#include "kernel/sched.h"

#define PIC1		0x20
#define PIC2		0xa0
#define PIT_CH0		0x40
#define PIT_CMD		0x43
#define PIT_FREQ	1193182u

void
pic_init(void)
{
	outb(PIC1 + 1, 0xff);		/* mask everything while we set up */
	outb(PIC2 + 1, 0xff);
	outb(PIC1, 0x11);		/* ICW1: edge, cascade, ICW4 follows */
	outb(PIC1 + 1, IRQ_BASE);	/* ICW2: vector base */
	outb(PIC1 + 1, 1 << 2);		/* ICW3: slave on IRQ2 */
	outb(PIC1 + 1, 0x01);		/* ICW4: 8086 mode */
	outb(PIC2, 0x11);
	outb(PIC2 + 1, IRQ_BASE + 8);
	outb(PIC2 + 1, 2);
	outb(PIC2 + 1, 0x01);
	outb(PIC1 + 1, (uint8_t)~(1u << IRQ_TIMER));	/* timer only */
	outb(PIC2 + 1, 0xff);
}

void
pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2, 0x20);
	outb(PIC1, 0x20);
}

void
pic_mask(int irq)
{
	uint16_t port = irq < 8 ? PIC1 + 1 : PIC2 + 1;

	outb(port, inb(port) | (1u << (irq & 7)));
}

void
pic_unmask(int irq)
{
	uint16_t port = irq < 8 ? PIC1 + 1 : PIC2 + 1;

	outb(port, inb(port) & ~(1u << (irq & 7)));
	if (irq >= 8)
		outb(PIC1 + 1, inb(PIC1 + 1) & ~(1u << 2));	/* the cascade */
}

void
pit_init(void)
{
	uint32_t div = PIT_FREQ / HZ;

	outb(PIT_CMD, 0x34);		/* channel 0, lo/hi, rate generator */
	outb(PIT_CH0, div & 0xff);
	outb(PIT_CH0, div >> 8);
}
