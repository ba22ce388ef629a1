/*
 * serial.c - COM1 for the console: input by interrupt (IRQ 4), output
 * polled. The kernel set the line up (115200 8N1) at boot and still
 * writes its own boot messages and panics to it, polled, with
 * interrupts off; we add the receive interrupt and a one-byte FIFO
 * trigger, so each byte typed arrives at once.
 */
#include "servers/console/console.h"
#include "servers/console/ioport.h"

#define COM1		0x3f8
#define COM_DATA	0
#define COM_IER		1	/* interrupt enable */
#define COM_FCR		2	/* FIFO control */
#define COM_MCR		4	/* modem control */
#define COM_LSR		5	/* line status */
#define IER_RX		0x01	/* interrupt when a byte arrives */
#define FCR_ENABLE_CLEAR 0x07	/* FIFOs on, both cleared, trigger at 1 byte */
#define MCR_DTR_RTS_OUT2 0x0b	/* OUT2 connects the UART's interrupt to the PIC */
#define LSR_DATA	0x01
#define LSR_THR_EMPTY	0x20

void
serial_init(void)
{
	outb(COM1 + COM_FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + COM_MCR, MCR_DTR_RTS_OUT2);
	outb(COM1 + COM_IER, IER_RX);
	while (inb(COM1 + COM_LSR) & LSR_DATA)	/* anything typed before we came */
		console_input((char)inb(COM1 + COM_DATA));
}

static void
serial_put(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + COM_LSR) & LSR_THR_EMPTY); i++)
		;
	outb(COM1 + COM_DATA, (uint8_t)c);
}

void
serial_putc(char c)
{
	if (c == '\n')
		serial_put('\r');
	serial_put(c);
}

int
serial_getc(void)
{
	if (!(inb(COM1 + COM_LSR) & LSR_DATA))
		return -1;
	return inb(COM1 + COM_DATA);
}
