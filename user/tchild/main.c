/*
 * tchild - the guest test suite's helper task. Its argument says what to
 * be:
 *   echo          serve the echo interface (after saying hello)
 *   drop_request  say hello, take one request, then exit without replying
 *   ports         make ports, fill their queues, exit with all of it held
 *   spin          loop forever (to be terminated)
 *   fault         write through a null pointer
 *   inb           read an I/O port without a grant
 */
#include "user/lib/ulib.h"
#include "harbor/echo_server.h"
#include "harbor/task_client.h"
#include "harbor/testlink_client.h"

int
echo_shout_handler(void *ctx, const char *text, char *answer)
{
	size_t i;	/* answer holds 64 bytes (echo.defs) */

	for (i = 0; text[i] && i + 1 < 64; i++)
		answer[i] = text[i] >= 'a' && text[i] <= 'z' ? text[i] - 'a' + 'A' : text[i];
	answer[i] = '\0';
	return ERR_OK;
}

int
echo_add_handler(void *ctx, int32_t a, int32_t b, int32_t *sum)
{
	*sum = a + b;
	return ERR_OK;
}

/* Make the service port and hand a send right to the test suite. */
static port_name_t
hello(void)
{
	port_name_t service;

	if (task_port_allocate(NAME_TASK_SELF, &service) != ERR_OK ||
	    testlink_hello(NAME_BOOTSTRAP, service) != ERR_OK)
		exit(10);
	return service;
}

static void
fill_ports(void)
{
	for (int i = 0; i < 10; i++) {
		port_name_t p;
		if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK ||
		    task_port_make_send(NAME_TASK_SELF, p) != ERR_OK)
			exit(11);
		for (int j = 0; j < 3; j++) {
			struct msg_header m = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
						.size = sizeof(m), .dest = p, .reply = p, .id = 7 };
			if (msg_send(&m, 0, 0) != ERR_OK)
				exit(12);
		}
	}
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (strcmp(mode, "echo") == 0) {
		server_loop(hello(), echo_dispatch, NULL);
	} else if (strcmp(mode, "drop_request") == 0) {
		port_name_t service = hello();
		union {
			struct msg_header head;
			uint8_t bytes[MSG_SIZE_MAX];
		} req;
		msg_receive(&req.head, sizeof(req), service, 0, 0);
		return 0;	/* dies holding the request's reply right */
	} else if (strcmp(mode, "ports") == 0) {
		fill_ports();
		return 0;
	} else if (strcmp(mode, "spin") == 0) {
		for (;;)
			;
	} else if (strcmp(mode, "fault") == 0) {
		*(volatile int *)0 = 1;
	} else if (strcmp(mode, "inb") == 0) {
		uint8_t v;
		__asm__ volatile("inb $0x60, %0" : "=a"(v));
	}
	return 20;
}
