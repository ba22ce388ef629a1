/*
 * ide.h - the IDE controller as the ATA driver sees it: the primary
 * channel's registers, and the PIO commands the driver issues
 * (servers/ata/ide.c). Every command either completes or ends in an
 * error code: a disk that stops answering is a timeout, never a hang.
 */
#ifndef SERVERS_ATA_IDE_H
#define SERVERS_ATA_IDE_H

#include <stdint.h>
#include "harbor/msg.h"

/* The primary channel: command block 0x1f0-0x1f7, control at 0x3f6, IRQ 14. */
#define IDE_BASE	0x1f0
#define IDE_PORTS	8
#define IDE_CTRL	0x3f6
#define IDE_IRQ		14

#define IDE_SECTOR	512
#define IDE_SECTORS_MAX	128	/* per request: 64 KiB, within one ATA command's 256 */
#define IDE_LBA28_MAX	(1u << 28)

/* How long one sector (or the flush) may take before we call the disk dead. */
#define IDE_TIMEOUT_MS	3000

struct ide {
	port_name_t irq_port;	/* IRQ 14 arrives here (host irq_bind) */
	uint32_t sectors;	/* disk size from IDENTIFY; 0: no disk */
	uint32_t timeouts;	/* commands that did not complete (for the curious) */
};

/*
 * ide_init - find the primary master with IDENTIFY (polled, interrupts
 * off), then turn its interrupts on. ide->irq_port must already be bound
 * to IRQ 14 and the ports granted. Returns ERR_OK, ERR_NOT_FOUND (no
 * disk, or not an ATA disk), ERR_TIMED_OUT (it never became ready) or
 * ERR_IO (IDENTIFY failed).
 */
int ide_init(struct ide *ide);

/*
 * ide_read - read count sectors (1..IDE_SECTORS_MAX, all on the disk,
 * checked by the caller) from sector first into buf. Returns ERR_OK,
 * ERR_IO (the disk set ERR or DF) or ERR_TIMED_OUT (no interrupt or no
 * data within IDE_TIMEOUT_MS; the channel is reset).
 */
int ide_read(struct ide *ide, uint32_t first, uint32_t count, void *buf);

/*
 * ide_write - write count sectors from buf at sector first, then flush
 * the disk's cache. Returns as ide_read.
 */
int ide_write(struct ide *ide, uint32_t first, uint32_t count, const void *buf);

/* ide_flush - flush the disk's write cache. Returns as ide_read. */
int ide_flush(struct ide *ide);

#endif /* SERVERS_ATA_IDE_H */
