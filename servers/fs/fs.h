/*
 * fs.h - the filesystem server's parts (servers/fs/): the disk it mounts
 * (disk.c, over the ATA driver) and the handlers of fs.defs (serve.c).
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

/*
 * disk_open - ask the driver at ata for the disk's size and fill d->dev.
 * Returns ERR_OK or the driver's error (ERR_NOT_FOUND: no disk).
 */
int disk_open(struct disk *d, port_name_t ata);

#endif /* SERVERS_FS_FS_H */
