/*
 * serial.h - the kernel's own debug output on COM1 (boot messages, panics).
 */
#ifndef KERNEL_I386_SERIAL_H
#define KERNEL_I386_SERIAL_H

/* serial_init - set COM1 to 115200 8N1, no interrupts. */
void serial_init(void);

/* serial_putc - write one byte, turning '\n' into "\r\n". */
void serial_putc(int c);

#endif /* KERNEL_I386_SERIAL_H */
