/*
 * ioport.h - in and out on I/O ports, for the console's devices. They
 * work only on ports the kernel granted this task (host io_grant); any
 * other port faults and the task is killed.
 */
#ifndef SERVERS_CONSOLE_IOPORT_H
#define SERVERS_CONSOLE_IOPORT_H

#include <stdint.h>

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

#endif /* SERVERS_CONSOLE_IOPORT_H */
