/*
 * serial.c - polled COM1 output for the kernel's boot messages and panics.
 *
 * The console server will own COM1 for users; the kernel only ever writes,
 * with interrupts off, so its lines are never interleaved mid-byte.
 */
#include "kernel/i386/serial.h"
#include "kernel/i386/x86.h"

#define COM1		0x3f8
#define COM_DATA	0
#define COM_IER		1
#define COM_FCR		2
#define COM_LCR		3
#define COM_MCR		4
#define COM_LSR		5
#define LSR_THR_EMPTY	0x20

void
serial_init(void)
{
	outb(COM1 + COM_IER, 0);
	outb(COM1 + COM_LCR, 0x80);	/* divisor latch */
	outb(COM1 + 0, 1);		/* 115200 baud */
	outb(COM1 + 1, 0);
	outb(COM1 + COM_LCR, 0x03);	/* 8N1 */
	outb(COM1 + COM_FCR, 0xc7);
	outb(COM1 + COM_MCR, 0x03);
}

static void
serial_put_raw(int c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + COM_LSR) & LSR_THR_EMPTY); i++)
		;
	outb(COM1 + COM_DATA, c);
}

void
serial_putc(int c)
{
	if (c == '\n')
		serial_put_raw('\r');
	serial_put_raw(c);
}
