/*
 * console.h - the console server's state and the parts it is made of:
 * screen output (vga.c), the serial line (serial.c), the keyboard
 * (kbd.c), the line discipline (line.c), sessions and their handlers
 * (session.c), start-up and the loop (main.c).
 */
#ifndef SERVERS_CONSOLE_CONSOLE_H
#define SERVERS_CONSOLE_CONSOLE_H

#include <stddef.h>
#include <stdint.h>
#include "harbor/defer.h"
#include "harbor/msg.h"

#define CONSOLE_SESSIONS	32	/* sessions open at once, the console port included */
#define CONSOLE_LINE_MAX	256	/* a line being edited */
#define CONSOLE_INPUT_MAX	1024	/* typed input waiting to be read */

#define KEY_CTRL(c)	((c) & 0x1f)

struct console_session {
	port_name_t port;	/* our receive right; NAME_NULL: the slot is free */
	int raw;		/* raw mode: bytes as typed, no echo or editing */
	struct defer_slot read;	/* a read waiting for input */
};

struct console {
	struct console_session sessions[CONSOLE_SESSIONS];	/* [0]: the console port */
	int foreground;			/* index of the session input goes to */
	port_name_t interrupt;		/* where ^C goes (a send right), or NAME_NULL */
	int test_mode;			/* started with "test": inject allowed */

	char line[CONSOLE_LINE_MAX];	/* cooked mode: the line being edited */
	uint32_t line_len;
	char input[CONSOLE_INPUT_MAX];	/* bytes ready to read, oldest first */
	uint32_t input_len;
	int input_eof;			/* a ^D on an empty line: the next read returns 0 */

	/* Set around dispatch by the loop. */
	struct console_session *cur;	/* the session the request came to */
	int replaying;			/* a kept read is being replayed */
	int deferring;			/* the handler asks the loop to keep the request */
};

extern struct console con;

/* vga.c: the text screen, 80x25 at the address device_map gave us. */
void vga_init(volatile uint16_t *cells);
void vga_putc(char c);		/* \n \r \b \t and printable bytes; scrolls */
void vga_cursor(void);		/* move the hardware cursor to where output is */
void vga_clear(void);

/* serial.c: COM1, 115200 8N1, receive interrupts on IRQ 4; output polled. */
void serial_init(void);
void serial_putc(char c);	/* \n goes out as \r\n */
int serial_getc(void);		/* a received byte, or -1 when none waits */

/* kbd.c: the PS/2 keyboard (scancode set 1) on port 0x60, IRQ 1. */
int kbd_getc(void);		/* the byte for the next key pressed, or -1 */

/* console_output - len bytes to the screen and the serial line, whole. */
void console_output(const char *buf, size_t len);

/*
 * line.c: console_input - one byte typed (keyboard or serial): the line
 * discipline of the foreground session's mode. Then answers a waiting
 * read of the foreground session if it can be answered now.
 */
void console_input(char c);

/* console_take - move up to count ready bytes into buf (one line at most
 * in cooked mode); returns how many. Sets *eof and clears the ^D mark if
 * the answer is the end of the input (0 bytes). */
uint32_t console_take(char *buf, uint32_t count, int *eof);

/* console_can_read - could a read from session s be answered now? */
int console_can_read(const struct console_session *s);

/* session.c */
extern port_name_t console_set, console_notify;	/* the loop's port set; no-senders come here */
/* console_serve_dispatch - io_dispatch or console_dispatch, by the request's id. */
int console_serve_dispatch(void *ctx, const struct msg_header *req, struct msg_header *reply);
struct console_session *session_find(port_name_t port);
void session_answer_reads(void);	/* replay the foreground's waiting read */
void session_close(struct console_session *s);
/* console_forget_moved - give the memory server back the region the last
 * read_ool answer moved away (called for every message, once it has gone). */
void console_forget_moved(void);

#endif /* SERVERS_CONSOLE_CONSOLE_H */
