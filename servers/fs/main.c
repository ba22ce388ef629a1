/*
 * fs - the filesystem server: ext2 (servers/fs/ext2/) on the IDE disk,
 * served as fs.defs (by path) and, for each open file, io.defs and
 * file.defs (docs/filesystem.md).
 *
 * init starts it at boot after the ATA driver, with the name server at
 * NAME_BOOTSTRAP. Start-up: find the driver by its name "ata", ask it for
 * the disk, mount the disk (read-only when the disk asks for it: the core
 * says why), make one port set of the service port, the notify port and
 * every open file's port, start the periodic sync (sync.c: its tick port
 * is in the set too), and register as "fs". Then server_loop on the set:
 * receive -> fs_serve picks the handler by the port the request came in
 * on -> the core -> reply and receive the next in one trap.
 */
#include "user/lib/ulib.h"
#include "harbor/fs_server.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"
#include "servers/fs/fs.h"

void
fs_notified(struct fs_server *srv, const struct msg_header *m)
{
	const struct msg_notification *note = (const struct msg_notification *)m;

	if (m->id == MSG_ID_NOTIFY_NO_SENDERS && m->size == sizeof(*note))
		files_release(srv, note->name);
	/* Else the send-once notification of a request that ended unfired: nothing to do. */
}

/* One request, by the port it came in on. */
static int
fs_serve(void *ctx, const struct msg_header *req, struct msg_header *reply)
{
	struct fs_server *srv = ctx;
	struct fs_file *f;

	file_forget_moved();
	if (req->dest == srv->service)
		return fs_dispatch(srv, req, reply);
	if ((f = files_find(req->dest)) != NULL) {
		int answer = file_dispatch_any(srv, f, req, reply);

		if (srv->answer_page != NULL)
			file_answer_from_page(srv, reply);
		return answer;
	}
	if (req->dest == srv->tick)
		fs_sync_tick(srv);	/* the ticker's: write back what is dirty (sync.c) */
	if (req->dest == srv->notify)
		fs_notified(srv, req);
	return 0;	/* a notification or a tick: nobody to answer */
}

int
fs_port_in_set(struct fs_server *srv, port_name_t *p)
{
	int err = task_port_allocate(NAME_TASK_SELF, p);

	if (err == ERR_OK)
		err = task_port_set_insert(NAME_TASK_SELF, *p, srv->set);
	return err;
}

int
main(int argc, char **argv)
{
	static struct disk disk;
	static struct fs_server srv;
	port_name_t ata = NAME_NULL;
	int err;

	if ((err = name_lookup(NAME_BOOTSTRAP, "ata", 5000, &ata)) != ERR_OK) {
		printf("fs: no disk driver: %s\n", error_string(err));
		return 1;
	}
	if ((err = disk_open(&disk, ata)) != ERR_OK) {
		printf("fs: no disk: %s\n", error_string(err));
		return 1;
	}
	if ((err = ext2_mount(&disk.dev, 0, &srv.fs)) != ERR_OK) {
		printf("fs: cannot mount the disk: %s\n", error_string(err));
		return 1;
	}
	if ((err = task_port_set_allocate(NAME_TASK_SELF, &srv.set)) != ERR_OK ||
	    (err = fs_port_in_set(&srv, &srv.service)) != ERR_OK ||
	    (err = fs_port_in_set(&srv, &srv.notify)) != ERR_OK) {
		printf("fs: cannot make my ports: %s\n", error_string(err));
		return 1;
	}
	if ((err = fs_sync_start(&srv)) != ERR_OK) {
		printf("fs: cannot start the periodic sync: %s\n", error_string(err));
		return 1;
	}
	task_port_make_send(NAME_TASK_SELF, srv.service);
	err = name_add(NAME_BOOTSTRAP, "fs", srv.service);
	task_port_deallocate(NAME_TASK_SELF, srv.service);	/* the name server has one */
	if (err != ERR_OK) {
		printf("fs: cannot register: %s\n", error_string(err));
		return 1;
	}
	server_loop(srv.set, fs_serve, &srv);
}
