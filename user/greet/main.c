/*
 * greet - the tutorial's client (docs/tutorial.md): look the greeter up
 * by name, ask it to greet each argument, print its answers.
 *   greet NAME...
 */
#include "user/lib/ulib.h"
#include "harbor/greet_client.h"
#include "harbor/name_client.h"

int
main(int argc, char **argv)
{
	port_name_t greeter;
	char answer[64];
	uint32_t number;
	int err;

	if (argc < 2) {
		printf("usage: greet NAME...\n");
		return 2;
	}
	/* Wait up to a second for the server to register (it may be starting). */
	err = name_lookup(NAME_BOOTSTRAP, "greet", 1000, &greeter);
	if (err != ERR_OK) {
		printf("greet: no greeter (start one with: greetd &): %s\n", error_string(err));
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		err = greet_hello(greeter, argv[i], answer, sizeof(answer), &number);
		if (err != ERR_OK) {
			printf("greet: %s\n", error_string(err));
			return 1;
		}
		printf("%s (greeting number %u)\n", answer, number);
	}
	return 0;
}
