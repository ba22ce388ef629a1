/*
 * line.c - the line discipline: what a typed byte does, and how reads
 * take what was typed.
 *
 * In cooked mode (the default) the console edits a line and echoes it:
 * backspace (or DEL) takes back a byte, ^U the whole line, Enter hands
 * the line with its '\n' to the readers, ^D hands over what there is
 * without a newline, or, on an empty line, makes the next read return 0
 * (the end of the input), and ^C throws the line and all unread input
 * away and tells the interrupt port (interrupt.defs). In raw mode every
 * byte goes to the readers as typed, with no echo. The mode is the
 * foreground session's.
 */
#include "user/lib/ulib.h"
#include "servers/console/console.h"
#include "harbor/interrupt_server.h"

/* Make len bytes ready for readers (what does not fit is dropped). */
static void
line_ready(const char *buf, uint32_t len)
{
	uint32_t room = CONSOLE_INPUT_MAX - con.input_len;

	if (len > room)
		len = room;
	memcpy(con.input + con.input_len, buf, len);
	con.input_len += len;
}

/*
 * Tell the interrupt port of ^C. Packed here by hand, not with the
 * stub, because the stub's msg_send waits while the queue is full, and
 * a receiver that never reads must not stop the console: we try once.
 * The layout is interrupt.defs's key request (docs/idl.md).
 */
static void
line_interrupt(char c)
{
	struct {
		struct msg_header head;
		uint32_t ch, session;
	} m = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(m),
			  .dest = con.interrupt, .id = INTERRUPT_KEY_ID },
		.ch = (unsigned char)c,
		.session = (uint32_t)con.foreground,
	};

	if (con.interrupt != NAME_NULL)
		msg_send(&m.head, MSG_OPT_TIMEOUT, 0);
}

static void
line_echo(const char *s, size_t len)
{
	console_output(s, len);
}

static void
line_cooked(char c)
{
	switch (c) {
	case '\r':
	case '\n':
		con.line[con.line_len++] = '\n';	/* there is always room for it */
		line_echo("\n", 1);
		line_ready(con.line, con.line_len);
		con.line_len = 0;
		return;
	case '\b':
	case 0x7f:
		if (con.line_len > 0) {
			con.line_len--;
			line_echo("\b \b", 3);
		}
		return;
	case KEY_CTRL('U'):
		while (con.line_len > 0) {
			con.line_len--;
			line_echo("\b \b", 3);
		}
		return;
	case KEY_CTRL('D'):
		if (con.line_len == 0)
			con.input_eof = 1;
		line_ready(con.line, con.line_len);
		con.line_len = 0;
		return;
	case KEY_CTRL('C'):
		con.line_len = 0;
		con.input_len = 0;
		con.input_eof = 0;
		line_echo("^C\n", 3);
		line_interrupt(c);
		return;
	}
	if ((unsigned char)c < ' ' && c != '\t')
		return;		/* other control keys do nothing in a line */
	if (con.line_len < CONSOLE_LINE_MAX - 1) {	/* keep room for the '\n' */
		con.line[con.line_len++] = c;
		line_echo(&c, 1);
	}
}

void
console_input(char c)
{
	if (con.sessions[con.foreground].raw)
		line_ready(&c, 1);
	else
		line_cooked(c);
	session_answer_reads();
}

int
console_can_read(const struct console_session *s)
{
	return s == &con.sessions[con.foreground] && (con.input_len > 0 || con.input_eof);
}

uint32_t
console_take(char *buf, uint32_t count, int *eof)
{
	uint32_t n = 0;
	int cooked = !con.sessions[con.foreground].raw;

	*eof = 0;
	if (con.input_len == 0) {
		*eof = con.input_eof;
		con.input_eof = 0;
		return 0;
	}
	while (n < count && n < con.input_len) {
		buf[n] = con.input[n];
		if (buf[n++] == '\n' && cooked)
			break;		/* one line per read */
	}
	memmove(con.input, con.input + n, con.input_len - n);
	con.input_len -= n;
	return n;
}
