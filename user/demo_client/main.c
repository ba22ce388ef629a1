/*
 * demo_client - the RPC demo's client: calls demo_server a few times.
 *
 * Its bootstrap port (NAME_BOOTSTRAP) is a send right to the server's
 * service port; every call below is one msg_rpc round trip.
 */
#include "user/lib/ulib.h"
#include "harbor/echo_client.h"

int
main(int argc, char **argv)
{
	static const char *const words[] = { "hello, harbor", "ports and rights", "msg_rpc" };
	char answer[64];
	int32_t sum;
	int err;

	for (unsigned i = 0; i < ARRAY_SIZE(words); i++) {
		err = echo_shout(NAME_BOOTSTRAP, words[i], answer, sizeof(answer));
		if (err != ERR_OK) {
			printf("demo_client: shout failed: %s\n", error_string(err));
			return 1;
		}
		printf("demo_client: sent \"%s\", server answered \"%s\"\n", words[i], answer);
	}
	for (int32_t a = 1; a <= 3; a++) {
		err = echo_add(NAME_BOOTSTRAP, a, a * 10, &sum);
		if (err != ERR_OK) {
			printf("demo_client: add failed: %s\n", error_string(err));
			return 1;
		}
		printf("demo_client: %d + %d = %d (computed by the server)\n", a, a * 10, sum);
	}
	printf("demo_client: done, 6 round trips (quit QEMU with Ctrl-a x)\n");
	return 0;
}
