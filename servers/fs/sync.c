/*
 * sync.c - the periodic sync: what a program writes reaches the disk
 * within about FS_SYNC_MS (5 s) even if nobody calls sync, as Unix's
 * update daemon saw to it. The cache is write-back (ext2_cache.c), so
 * without this a change that is never synced, and never evicted, waits
 * in memory until the machine dies.
 *
 * A helper thread, the ticker, keeps the time; the main loop does the
 * writing. Every FS_SYNC_MS the ticker wakes and asks the core whether
 * anything is dirty (ext2_dirty: it only reads flags). If so, it sends a
 * header-only message to the tick port, which is in fs's port set, and
 * server_loop runs fs_sync_tick between two requests like any request:
 * ext2_sync writes the dirty blocks, the descriptors and the superblock.
 * So only the main thread ever changes the filesystem, and the core
 * needs no lock. A change made at time t is on the disk by t + FS_SYNC_MS
 * plus the requests queued ahead of the tick. An idle fs costs one timed
 * wake-up of the ticker every period, and makes no message and no write.
 *
 * Why not a receive timeout in the main loop instead: under a steady
 * stream of requests the receive never times out, so the loop would
 * have to read the clock (a kernel call) at every request to know that
 * the period is up, on the path fs_read_cached_4k measures; and the
 * loop, server_loop, is every server's and has no timeout or idle hook.
 * The ticker costs a stack and two ports, and nothing per request.
 *
 * Why the ticker looks before it ticks: a tick is a message and a sync
 * moves pages to the driver, both counted by the kernel; the guest tests
 * compare those counts, and an fs with nothing to write should change
 * nothing.
 */
#include "user/lib/ulib.h"
#include "harbor/task_client.h"
#include "servers/fs/fs.h"

#define FS_TICK_ID	1	/* a tick's id: only our ticker sends to the tick port */

/*
 * The ticker. It sleeps with a timed receive on a port of its own that
 * nobody sends to, allocated once, so the kernel's port count does not
 * change with every period. A tick still waiting in the queue (fs busy)
 * is not doubled: the tick port holds one.
 */
static void
fs_ticker(void *arg)
{
	struct fs_server *srv = arg;
	struct msg_header m;

	for (;;) {
		int err = msg_receive(&m, sizeof(m), srv->ticker, MSG_OPT_TIMEOUT, FS_SYNC_MS);

		if (err != ERR_OK && err != ERR_TIMED_OUT)
			return;		/* our port is gone: fs is ending */
		if (!ext2_dirty(srv->fs))
			continue;
		m = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(m),
					 .dest = srv->tick, .id = FS_TICK_ID };
		msg_send(&m, MSG_OPT_TIMEOUT, 0);	/* full: a tick is already on its way */
	}
}

int
fs_sync_start(struct fs_server *srv)
{
	int err;

	if ((err = fs_port_in_set(srv, &srv->tick)) != ERR_OK ||
	    (err = task_port_set_limit(NAME_TASK_SELF, srv->tick, 1)) != ERR_OK ||
	    (err = task_port_make_send(NAME_TASK_SELF, srv->tick)) != ERR_OK ||
	    (err = task_port_allocate(NAME_TASK_SELF, &srv->ticker)) != ERR_OK)
		return err;
	return thread_start(fs_ticker, srv);
}

void
fs_sync_tick(struct fs_server *srv)
{
	int err = ext2_sync(srv->fs);

	if (err != ERR_OK && err != srv->sync_err)
		printf("fs: periodic sync failed: %s\n", error_string(err));
	srv->sync_err = err;	/* say it again only when it changes */
}
