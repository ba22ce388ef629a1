/*
 * fs.h - the filesystem server's parts (servers/fs/): the disk it mounts
 * (disk.c, over the ATA driver), its open files as ports (files.c), the
 * requests on an open file (file.c: io.defs and file.defs), the
 * requests by path (serve.c: fs.defs), start-up and the loop (main.c),
 * the periodic sync (sync.c).
 */
#ifndef SERVERS_FS_FS_H
#define SERVERS_FS_FS_H

#include "harbor/msg.h"
#include "servers/fs/ext2/ext2.h"

struct disk {
	port_name_t ata;	/* the driver's service port */
	uint32_t sectors, max_sectors;
	struct ext2_dev dev;	/* what ext2_mount is given */
};

/* The server: the mounted filesystem and its ports. */
struct fs_server {
	struct ext2_fs *fs;
	port_name_t set;	/* every port below and every open file's */
	port_name_t service;	/* fs.defs, registered as "fs" */
	port_name_t notify;	/* no-senders of open files */
	port_name_t tick;	/* the ticker's ticks: time to sync (sync.c) */
	port_name_t ticker;	/* not in the set: the ticker thread sleeps on it */
	int sync_err;		/* the last periodic sync's result */
	/* A read answered from a kept page (file.c): the page's data, and
	 * where the generated stub expected the data in its reply. */
	const uint8_t *answer_page;
	uint8_t *answer_data;
};

/*
 * file_answer_from_page - after dispatch built reply for a read that
 * io_read_handler answered from a kept page (srv->answer_page): have
 * server_loop send the reply from the page (its header copied into the
 * room in front of the data) instead of copying the data into reply.
 */
void file_answer_from_page(struct fs_server *srv, const struct msg_header *reply);

/* How often dirty blocks are written back when nobody calls sync (sync.c). */
#define FS_SYNC_MS	5000

/* A task with files open, known by its task port. */
struct fs_client {
	port_name_t task;	/* NAME_NULL: a free slot */
	int files;		/* files charged to it */
};

/* An open file: its port, the core's descriptor, whom it is charged to. */
struct fs_file {
	port_name_t port;	/* NAME_NULL: a free slot */
	int fd;
	struct fs_client *client;
};

/*
 * disk_open - ask the driver at ata for the disk's size and fill d->dev.
 * Returns ERR_OK or the driver's error (ERR_NOT_FOUND: no disk).
 */
int disk_open(struct disk *d, port_name_t ata);

/*
 * files_open - open path for the client whose task port is task (the
 * request's right: ours to keep or drop) and make its port; *out is a
 * send right for the client. Returns ERR_OK; ERR_NO_SPACE (the client has
 * FS_CLIENT_FILES open, FS_CLIENTS_MAX clients have files open, or the
 * table is full), ERR_BAD_ARGUMENT (no task right), ERR_NO_MEMORY (no
 * port), or ext2_open's errors. A FIFO node's open answers with an end
 * of the pipe server's named pipe instead (fifo_open; ext2_fifo_lookup's
 * and fifo_open's errors).
 */
int files_open(struct fs_server *srv, port_name_t task, const char *path, uint32_t flags,
	       uint32_t mode, port_name_t *out);

/*
 * fifo_open - an end of the named pipe of FIFO node ino, for reading if
 * flags' access mode is EXT2_O_RDONLY, else for writing (fifo.c): a send
 * right in *end for the client. Returns ERR_OK; ERR_NOT_FOUND (no pipe
 * server), or pipe_fifo_open's errors (ERR_NO_SPACE, ERR_NO_MEMORY, the
 * call's own).
 */
int fifo_open(uint32_t ino, uint32_t flags, port_name_t *end);

/* files_find - the open file whose port is port, or NULL. */
struct fs_file *files_find(port_name_t port);

/* files_release - close the file of port (no-senders came) and let its port die. */
void files_release(struct fs_server *srv, port_name_t port);

/* files_counts - open files and clients with files open (the tests' view). */
void files_counts(uint32_t *open, uint32_t *clients);

/*
 * fs_port_in_set - make a port of ours and put it in srv's set (main.c).
 * Returns ERR_OK with *p, or the kernel's error (ERR_NO_SPACE, ...).
 */
int fs_port_in_set(struct fs_server *srv, port_name_t *p);

/*
 * fs_sync_start - make the tick port (in srv's set) and the ticker's
 * port, and start the ticker thread (sync.c). Returns ERR_OK, the
 * kernel's error for a port, or thread_start's (ERR_NO_SPACE, ...).
 */
int fs_sync_start(struct fs_server *srv);

/* fs_sync_tick - a tick came: write back what is dirty (ext2_sync; nothing if nothing is). */
void fs_sync_tick(struct fs_server *srv);

/* fs_notified - act on a message from the notify port (main.c). */
void fs_notified(struct fs_server *srv, const struct msg_header *m);

/*
 * file_dispatch_any - serve one request on an open file's port: io.defs
 * or file.defs by its id (file.c). ctx is the struct fs_file.
 */
int file_dispatch_any(struct fs_server *srv, struct fs_file *f, const struct msg_header *req,
		      struct msg_header *reply);

/*
 * file_forget_moved - give the memory server back the region the last
 * read_ool reply moved away (called before each request: the reply has
 * gone by then).
 */
void file_forget_moved(void);

#endif /* SERVERS_FS_FS_H */
