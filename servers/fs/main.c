/*
 * fs - the filesystem server: ext2 (servers/fs/ext2/) on the IDE disk,
 * served as fs.defs.
 *
 * Start-up: start the ATA driver (boot module "ata", with our host port)
 * and take its service port from its testlink hello; ask it for the
 * disk; mount the disk (read-only when the disk asks for it: the core
 * says why); make our service port and hand it to whoever started us,
 * with testlink hello on our bootstrap port. Then one loop: receive ->
 * dispatch (fs_dispatch checks the message) -> the core -> reply.
 *
 * Until the name server and init's boot order are on main, fs brings
 * its own driver up and is found through the starter; then both will be
 * started by init and registered by name (docs/filesystem.md, "What
 * remains").
 */
#include "user/lib/ulib.h"
#include "harbor/fs_server.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"
#include "harbor/testlink_client.h"
#include "harbor/testlink_server.h"
#include "servers/fs/fs.h"

static port_name_t fs_hello_port;

int
testlink_hello_handler(void *ctx, uint32_t service)
{
	fs_hello_port = service;
	return ERR_OK;
}

/* Start the ATA driver and wait (2 s) for its service port. */
static int
fs_start_ata(port_name_t *ata)
{
	static union {
		struct msg_header head;
		uint8_t bytes[TESTLINK_REQUEST_MAX];
	} req;
	static union {
		struct msg_header head;
		uint8_t bytes[TESTLINK_REPLY_MAX];
	} reply;
	port_name_t link, task;
	int err;

	if ((err = task_port_allocate(NAME_TASK_SELF, &link)) != ERR_OK)
		return err;
	task_port_make_send(NAME_TASK_SELF, link);
	err = host_module_spawn(NAME_HOST, "ata", link, NAME_HOST, 0, &task);
	if (err == ERR_OK)
		err = msg_receive(&req.head, sizeof(req), link, MSG_OPT_TIMEOUT, 2000);
	if (err == ERR_OK && testlink_dispatch(NULL, &req.head, &reply.head))
		msg_send(&reply.head, MSG_OPT_TIMEOUT, 0);
	task_port_deallocate(NAME_TASK_SELF, link);	/* our send right */
	task_port_deallocate(NAME_TASK_SELF, link);	/* the receive right */
	if (err == ERR_OK && fs_hello_port == NAME_NULL)
		err = ERR_BAD_MESSAGE;
	*ata = fs_hello_port;
	return err;
}

int
main(int argc, char **argv)
{
	static struct disk disk;
	struct ext2_fs *fs;
	port_name_t ata, service;
	int err;

	if ((err = fs_start_ata(&ata)) != ERR_OK) {
		printf("fs: cannot start the disk driver: %s\n", error_string(err));
		return 1;
	}
	if ((err = disk_open(&disk, ata)) != ERR_OK) {
		printf("fs: no disk: %s\n", error_string(err));
		return 1;
	}
	if ((err = ext2_mount(&disk.dev, 0, &fs)) != ERR_OK) {
		printf("fs: cannot mount the disk: %s\n", error_string(err));
		return 1;
	}
	if (task_port_allocate(NAME_TASK_SELF, &service) != ERR_OK ||
	    testlink_hello(NAME_BOOTSTRAP, service) != ERR_OK)
		return 1;
	server_loop(service, fs_dispatch, fs);
}
