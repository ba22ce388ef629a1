/*
 * halt.c - the clean shutdown of the ordinary boot, as init's own small
 * service (init.defs), which the shell's `halt` program calls.
 *
 * Powering the machine off is the host port's shutdown routine, and init
 * keeps the host port from the shell and its programs. So init serves
 * init.defs on a port of its own, registered with the name server as
 * "init", on a thread of its own (the main thread waits in proc for its
 * children for ever, watch.c). Any task that can reach the name server,
 * which is every program, may ask; asking is all it can do: halt has no
 * arguments, init does the sync itself, so a shutdown through it always
 * writes the disk back first, and picks QEMU's exit code (INIT_HALT_CODE,
 * which make qemu takes as a normal end). The name server does not
 * protect names, so a task could take "init" away and offer a port of its
 * own in its place (as it could any server's name): halt would then not
 * power off, and nothing else would change.
 *
 * Why init does the sync, not the halt program: the order "sync, then
 * off" must hold for every caller, and a sync that fails must stop the
 * shutdown, which only the one who holds the power switch can decide.
 */
#include "user/lib/ulib.h"
#include "servers/init/init.h"
#include "harbor/fs_client.h"
#include "harbor/host_client.h"
#include "harbor/init_server.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"

int
init_halt_handler(void *ctx)
{
	port_name_t fs;
	int err = name_lookup(init_name_server, "fs", 0, &fs);

	if (err == ERR_OK) {
		err = fs_sync(fs);
		task_port_deallocate(NAME_TASK_SELF, fs);
		if (err != ERR_OK) {
			printf("init: halt: the disk could not be written back (%s): staying on\n",
			       error_string(err));
			return err;
		}
	} else if (err != ERR_NOT_FOUND) {
		return err;	/* the name server failed us: better stay on */
	}
	printf("init: halt: %s; powering off\n",
	       err == ERR_OK ? "the disk is written back" : "no filesystem to write back");
	host_shutdown(NAME_HOST, INIT_HALT_CODE);	/* does not come back */
	return ERR_IO;
}

static void
init_halt_serve(void *arg)
{
	server_loop((port_name_t)(uintptr_t)arg, init_dispatch, NULL);
}

int
init_halt_start(void)
{
	port_name_t port;
	int err = task_port_allocate(NAME_TASK_SELF, &port);

	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, port);
	if (err == ERR_OK)	/* serving first: a name must never lead to a port nobody serves */
		err = thread_start(init_halt_serve, (void *)(uintptr_t)port);
	if (err == ERR_OK)
		err = name_add(init_name_server, "init", port);
	if (err != ERR_OK)
		printf("init: no halt service: %s\n", error_string(err));
	return err;
}
