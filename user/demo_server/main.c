/*
 * demo_server - the RPC demo's server: answers the echo interface.
 *
 * It makes the service port, starts demo_client with a send right to it
 * as the client's bootstrap port, and serves requests forever.
 */
#include "user/lib/ulib.h"
#include "harbor/echo_server.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"

int
main(int argc, char **argv)
{
	port_name_t service, client;
	int err;

	err = task_port_allocate(NAME_TASK_SELF, &service);
	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, service);
	if (err == ERR_OK)
		err = host_module_spawn(NAME_HOST, "demo_client", service, NAME_HOST, 0, &client);
	if (err != ERR_OK) {
		printf("demo_server: cannot start: %s\n", error_string(err));
		return 1;
	}
	printf("demo_server: serving the echo interface\n");
	server_loop(service, echo_dispatch, NULL);
}
