/*
 * files.c - open files as ports. fs_open makes a port for each open
 * file (its receive right in our port set, a send right for the client)
 * and keeps here what it stands for: the ext2 core's descriptor and the
 * client it is charged to. Requests on that port are the file's
 * (servers/fs/file.c); when its last send right goes, the kernel's
 * no-senders notification closes it, so a client that dies, or forgets
 * to close, gives its files back.
 *
 * A client is a task, known by its task port, which comes with each
 * open: the send rights of one task port share one name here, so the
 * name is the client's key. Each client may have FS_CLIENT_FILES open;
 * FS_CLIENTS_MAX of them together fill the core's table exactly, so one
 * client can never take what another is owed. A client with no files
 * open is forgotten (its task right let go).
 *
 * Files are found by port name through a small open-addressed hash: a
 * request to a file must not cost a walk of 1,024 entries.
 */
#include "user/lib/ulib.h"
#include "harbor/fs.h"
#include "harbor/task_client.h"
#include "servers/fs/fs.h"

#define FILES_HASH	(2 * FS_FILES_MAX)	/* a power of two, half empty at worst */

static struct fs_file files[FS_FILES_MAX];
static struct fs_client clients[FS_CLIENTS_MAX];
static uint16_t files_hash[FILES_HASH];	/* index + 1 into files; 0: empty */

static uint32_t
hash_of(port_name_t port)
{
	return (port * 2654435761u) >> 21 & (FILES_HASH - 1);
}

struct fs_file *
files_find(port_name_t port)
{
	if (port == NAME_NULL)
		return NULL;
	for (uint32_t h = hash_of(port), n = 0; n < FILES_HASH; h = (h + 1) & (FILES_HASH - 1), n++) {
		uint16_t i = files_hash[h];
		if (i == 0)
			return NULL;
		if (files[i - 1].port == port)
			return &files[i - 1];
	}
	return NULL;
}

static void
hash_insert(struct fs_file *f)
{
	uint32_t h = hash_of(f->port);

	while (files_hash[h] != 0)
		h = (h + 1) & (FILES_HASH - 1);
	files_hash[h] = (uint16_t)(f - files + 1);
}

/* Take f out of the hash, moving later entries of its run back (no tombstones). */
static void
hash_remove(struct fs_file *f)
{
	uint32_t h = hash_of(f->port), i, j;

	while (files_hash[h] != (uint16_t)(f - files + 1))
		h = (h + 1) & (FILES_HASH - 1);
	files_hash[h] = 0;
	for (i = (h + 1) & (FILES_HASH - 1); files_hash[i] != 0; i = (i + 1) & (FILES_HASH - 1)) {
		uint16_t e = files_hash[i];
		files_hash[i] = 0;
		for (j = hash_of(files[e - 1].port); files_hash[j] != 0; j = (j + 1) & (FILES_HASH - 1))
			;
		files_hash[j] = e;
	}
}

/*
 * The client for task (the request's right), made if new. The right is
 * not touched here: on success files_open keeps it (a new client) or
 * drops it (a known one); a refused request's rights are let go by the
 * loop (server_loop destroys them).
 */
static struct fs_client *
client_get(port_name_t task)
{
	struct fs_client *free = NULL;

	for (int i = 0; i < FS_CLIENTS_MAX; i++) {
		if (clients[i].task == task)
			return &clients[i];
		if (clients[i].task == NAME_NULL && free == NULL)
			free = &clients[i];
	}
	if (free != NULL)
		*free = (struct fs_client){ .task = task };
	return free;
}

/* After a refused open: forget a client that has no files (the loop drops its right). */
static void
client_unused(struct fs_client *c)
{
	if (c->files == 0)
		c->task = NAME_NULL;
}

/* A file of c went: forget c when it was its last, letting its task right go. */
static void
client_drop(struct fs_client *c)
{
	if (c->files == 0) {
		task_port_deallocate(NAME_TASK_SELF, c->task);
		c->task = NAME_NULL;
	}
}

/* A port for file f: receive right in the set, no-senders asked for, one send right made. */
static int
file_port(struct fs_server *srv, port_name_t *out)
{
	port_name_t p = NAME_NULL;
	int err = task_port_allocate(NAME_TASK_SELF, &p);

	if (err != ERR_OK)
		return err;
	/* The send right the reply moves to the client, made before asking
	 * for no-senders, which would otherwise fire at once. */
	err = task_port_make_send(NAME_TASK_SELF, p);
	if (err == ERR_OK)
		err = task_port_set_insert(NAME_TASK_SELF, p, srv->set);
	if (err == ERR_OK)
		err = task_port_request_notification(NAME_TASK_SELF, p, NOTIFY_NO_SENDERS,
						     srv->notify);
	if (err != ERR_OK) {
		task_port_deallocate(NAME_TASK_SELF, p);
		task_port_deallocate(NAME_TASK_SELF, p);
		return err;
	}
	*out = p;
	return ERR_OK;
}

static struct fs_file *
file_free_slot(void)
{
	for (int i = 0; i < FS_FILES_MAX; i++)
		if (files[i].port == NAME_NULL)
			return &files[i];
	return NULL;
}

/*
 * Take every notification waiting on the notify port now. A client's
 * close drops its send right, and the kernel queues the no-senders
 * notification at once, but the port set may hand us the client's next
 * open first: before saying "no space", the closes are counted.
 */
static void
files_reap(struct fs_server *srv)
{
	static union {
		struct msg_header head;
		struct msg_notification note;
		uint8_t bytes[64];
	} m;

	while (msg_receive(&m.head, sizeof(m), srv->notify, MSG_OPT_TIMEOUT, 0) == ERR_OK)
		fs_notified(srv, &m.head);
}

int
files_open(struct fs_server *srv, port_name_t task, const char *path, uint32_t flags,
	   uint32_t mode, port_name_t *out)
{
	struct fs_client *c;
	struct fs_file *f = NULL;
	uint32_t ino;
	int fd = -1, err;

	if (task == NAME_NULL || task == NAME_DEAD)
		return ERR_BAD_ARGUMENT;
	/* A named pipe is the pipe server's: no file, no charge to the task. */
	if ((err = ext2_fifo_lookup(srv->fs, path, (int)flags, &ino)) != ERR_OK)
		return err;
	if (ino != 0) {
		err = fifo_open(ino, flags, out);
		if (err == ERR_OK)
			task_port_deallocate(NAME_TASK_SELF, task);
		return err;
	}
	if ((c = client_get(task)) == NULL)
		return ERR_NO_SPACE;
	if (c->files >= FS_CLIENT_FILES)
		files_reap(srv);	/* closes may be waiting as notifications */
	if (c->files >= FS_CLIENT_FILES) {
		client_unused(c);
		return ERR_NO_SPACE;
	}
	f = file_free_slot();
	if (f == NULL) {
		files_reap(srv);
		f = file_free_slot();
	}
	err = f == NULL ? ERR_NO_SPACE : ext2_open(srv->fs, path, (int)flags, mode, &fd);
	if (err == ERR_OK && (err = file_port(srv, out)) != ERR_OK)
		ext2_close(srv->fs, fd);
	if (err != ERR_OK) {
		client_unused(c);
		return err;
	}
	if (c->files > 0)
		task_port_deallocate(NAME_TASK_SELF, task);	/* a known client: we hold its right */
	*f = (struct fs_file){ .port = *out, .fd = fd, .client = c };
	c->files++;
	hash_insert(f);
	return ERR_OK;
}

void
files_release(struct fs_server *srv, port_name_t port)
{
	struct fs_file *f = files_find(port);

	if (f == NULL)
		return;
	ext2_close(srv->fs, f->fd);
	hash_remove(f);
	task_port_deallocate(NAME_TASK_SELF, f->port);	/* the receive right: the port dies */
	f->client->files--;
	client_drop(f->client);
	*f = (struct fs_file){ .port = NAME_NULL };
}

void
files_counts(uint32_t *open, uint32_t *clients_out)
{
	*open = *clients_out = 0;
	for (int i = 0; i < FS_FILES_MAX; i++)
		*open += files[i].port != NAME_NULL;
	for (int i = 0; i < FS_CLIENTS_MAX; i++)
		*clients_out += clients[i].task != NAME_NULL;
}
