/*
 * console - the console server: the VGA text screen, the PS/2 keyboard
 * and COM1, behind io.defs and console.defs.
 *
 * init starts it with the host port (for its devices) and the name
 * server at NAME_BOOTSTRAP. It takes VGA text memory (device_map), the
 * CRT controller's cursor ports, keyboard data port 0x60 with IRQ 1 and
 * COM1 (0x3f8-0x3ff) with IRQ 4: the kernel lets exactly one task hold
 * each, and the console is started first. Then it registers as
 * "console" and loops on one port set: requests on the console port and
 * its sessions, IRQ messages, and no-senders notifications (a session's
 * last client went). Output goes to the screen and the serial line,
 * input comes from the keyboard and the serial line. "console test"
 * allows console inject (the guest tests type through it).
 */
#include "user/lib/ulib.h"
#include "servers/console/console.h"
#include "harbor/host_client.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"

#define VGA_TEXT	0xB8000
#define IRQ_KBD		1
#define IRQ_COM1	4

struct console con;

static port_name_t irq_port;

static union {
	struct msg_header head;
	struct msg_notification note;
	uint8_t bytes[MSG_SIZE_MAX];
} req, reply;

void
console_output(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		vga_putc(buf[i]);
		serial_putc(buf[i]);
	}
	vga_cursor();
}

static port_name_t
port_in_set(void)
{
	port_name_t p = NAME_NULL;

	if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK ||
	    task_port_set_insert(NAME_TASK_SELF, p, console_set) != ERR_OK) {
		printf("console: cannot make my ports\n");
		exit(1);
	}
	return p;
}

/* Take the devices. Each one we cannot have is reported and left out. */
static void
console_devices(void)
{
	uint32_t addr = 0;
	int err;

	err = host_device_map(NAME_HOST, NAME_TASK_SELF, VGA_TEXT, 4096, &addr);
	if (err == ERR_OK)
		err = host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x3d4, 2);
	if (err == ERR_OK)
		vga_init((volatile uint16_t *)(uintptr_t)addr);
	else
		printf("console: no VGA: %s\n", error_string(err));
	err = host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x60, 1);
	if (err == ERR_OK)
		err = host_irq_bind(NAME_HOST, IRQ_KBD, irq_port);
	if (err != ERR_OK)
		printf("console: no keyboard: %s\n", error_string(err));
	err = host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x3f8, 8);
	if (err == ERR_OK)
		err = host_irq_bind(NAME_HOST, IRQ_COM1, irq_port);
	if (err == ERR_OK)
		serial_init();
	else
		printf("console: no serial line: %s\n", error_string(err));
}

static void
console_irq(uint32_t line)
{
	int c;

	if (line == IRQ_KBD) {
		c = kbd_getc();
		if (c >= 0)
			console_input((char)c);
	} else if (line == IRQ_COM1) {
		while ((c = serial_getc()) >= 0)
			console_input((char)c);
	}
	host_irq_ack(NAME_HOST, line);
}

/* One request on the console port or a session. */
static void
console_serve(struct console_session *s)
{
	int answer;

	con.cur = s;
	con.deferring = 0;
	reply.head.size = 0;
	answer = console_serve_dispatch(&con, &req.head, &reply.head);
	if (con.deferring) {
		con.deferring = 0;
		/* Kept only with a send-once reply right (harbor/defer.h);
		 * else answered now: it would wait (ERR_TIMED_OUT). */
		if (defer_save(&s->read, &req.head) == ERR_OK)
			return;		/* answered when input comes */
	}
	server_answer(&req.head, &reply.head, answer);
}

int
main(int argc, char **argv)
{
	struct console_session *s;
	int err;

	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "test") == 0)
			con.test_mode = 1;
	if (task_port_set_allocate(NAME_TASK_SELF, &console_set) != ERR_OK) {
		printf("console: cannot make my port set\n");
		return 1;
	}
	con.sessions[0].port = port_in_set();
	console_notify = port_in_set();
	irq_port = port_in_set();
	task_port_make_send(NAME_TASK_SELF, irq_port);
	console_devices();
	task_port_make_send(NAME_TASK_SELF, con.sessions[0].port);
	err = name_add(NAME_BOOTSTRAP, "console", con.sessions[0].port);
	task_port_deallocate(NAME_TASK_SELF, con.sessions[0].port);	/* the name server has one */
	if (err != ERR_OK) {
		printf("console: cannot register: %s\n", error_string(err));
		return 1;
	}
	for (;;) {
		err = msg_receive(&req.head, sizeof(req), console_set, 0, 0);
		if (err != ERR_OK) {
			printf("console: receive failed: %s\n", error_string(err));
			return 1;
		}
		console_forget_moved();		/* the last answer has gone */
		if (req.head.dest == irq_port && req.head.id == MSG_ID_IRQ &&
		    req.head.size == sizeof(req.note))
			console_irq(req.note.name);
		else if (req.head.dest == console_notify &&
			 req.head.id == MSG_ID_NOTIFY_NO_SENDERS && req.head.size == sizeof(req.note)) {
			if ((s = session_find(req.note.name)) != NULL)
				session_close(s);
		} else if ((s = session_find(req.head.dest)) != NULL)
			console_serve(s);
		else
			msg_destroy(&req.head);
	}
}
