/*
 * halt - the clean way out of `make qemu`: asks init (its "init"
 * service, servers/init/init.defs) to have the filesystem server write
 * everything back to the disk and then to power the machine off, so QEMU
 * ends by itself with the disk whole. Ctrl-a x instead is a power cut.
 *
 * The program holds no host port and needs none: init does the sync and
 * the power-off. It comes back only if init could not do them.
 */
#include "user/lib/ulib.h"
#include "harbor/init_client.h"
#include "harbor/name_client.h"

int
main(int argc, char **argv)
{
	port_name_t init;
	int err = name_lookup(NAME_BOOTSTRAP, "init", 0, &init);

	if (err == ERR_OK) {
		printf("halt: writing the disk back and powering off\n");
		err = init_halt(init);	/* on success the machine is off: no answer */
	}
	fprintf(stderr, "halt: %s\n", error_string(err));
	return 1;
}
