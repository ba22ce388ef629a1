/*
 * greetd - the tutorial's server (docs/tutorial.md): it serves greet.defs
 * on a port of its own, registered with the name server as "greet".
 * Start it in the background from the shell: greetd &
 */
#include "user/lib/ulib.h"
#include "harbor/greet_server.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"

/* What the server remembers between requests: passed to every handler as ctx. */
struct greeter {
	uint32_t count;
};

/* The handler idlc asked for (build/gen/harbor/greet_server.h). */
int
greet_hello_handler(void *ctx, const char *who, char *answer, uint32_t *number)
{
	struct greeter *g = ctx;

	if (who[0] == '\0')
		return ERR_BAD_ARGUMENT;	/* the client's stub returns this error */
	g->count++;
	snprintf(answer, 64, "Hello, %s!", who);	/* string<=64 in greet.defs */
	*number = g->count;
	return ERR_OK;
}

int
main(int argc, char **argv)
{
	static struct greeter greeter;
	port_name_t port;
	int err;

	/* 1. A port to receive requests on, and a send right to it under
	 *    the same name (the name server gets a copy of that). */
	err = task_port_allocate(NAME_TASK_SELF, &port);
	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, port);
	if (err != ERR_OK) {
		printf("greetd: no port: %s\n", error_string(err));
		return 1;
	}
	/* 2. Tell the name server (our bootstrap port) where to find us. */
	err = name_add(NAME_BOOTSTRAP, "greet", port);
	if (err != ERR_OK) {
		printf("greetd: cannot register: %s\n", error_string(err));
		return 1;
	}
	/* 3. Receive, dispatch, reply, for ever. */
	server_loop(port, greet_dispatch, &greeter);
}
