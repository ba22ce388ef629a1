/*
 * ide.c - PIO commands on the primary IDE channel: IDENTIFY, READ
 * SECTORS, WRITE SECTORS and CACHE FLUSH (LBA28).
 *
 * The disk raises IRQ 14 when a sector's data are ready (read), when it
 * has taken a sector (write) and when a flush is done. The kernel turns
 * each interrupt into a message on ide->irq_port and keeps the line
 * masked until we acknowledge it, so every wait here is a timed receive:
 * a disk that never interrupts costs IDE_TIMEOUT_MS and an ERR_TIMED_OUT,
 * and the channel is reset for the next command. Reading the status
 * register is what tells the disk its interrupt was seen.
 */
#include <string.h>
#include "harbor/error.h"
#include "harbor/host_client.h"
#include "servers/ata/ide.h"

/* Command block registers, as offsets from IDE_BASE. */
#define REG_DATA	0
#define REG_ERROR	1
#define REG_COUNT	2
#define REG_LBA0	3
#define REG_LBA1	4
#define REG_LBA2	5
#define REG_DRIVE	6
#define REG_STATUS	7	/* read */
#define REG_COMMAND	7	/* write */

#define ST_ERR		0x01
#define ST_DRQ		0x08
#define ST_DF		0x20
#define ST_DRDY		0x40
#define ST_BSY		0x80

#define CTRL_NIEN	0x02	/* no interrupts */
#define CTRL_SRST	0x04	/* software reset */

#define CMD_READ	0x20
#define CMD_WRITE	0x30
#define CMD_FLUSH	0xe7
#define CMD_IDENTIFY	0xec

#define DRIVE_LBA_MASTER 0xe0

/* Polls of the status register before a busy disk counts as dead. */
#define POLL_MAX	1000000

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void
insw(uint16_t port, void *buf, uint32_t words)
{
	__asm__ volatile("cld; rep insw" : "+D"(buf), "+c"(words) : "d"(port) : "memory");
}

static inline void
outsw(uint16_t port, const void *buf, uint32_t words)
{
	__asm__ volatile("cld; rep outsw" : "+S"(buf), "+c"(words) : "d"(port) : "memory");
}

/* The ATA spec's 400 ns after selecting a drive: four reads of the alternate status. */
static void
ide_delay(void)
{
	for (int i = 0; i < 4; i++)
		(void)inb(IDE_CTRL);
}

/* Poll until BSY is clear; the status then, or -1 if the disk stays busy. */
static int
ide_poll_ready(void)
{
	for (int i = 0; i < POLL_MAX; i++) {
		uint8_t st = inb(IDE_CTRL);

		if (!(st & ST_BSY))
			return st;
	}
	return -1;
}

/* Reset the channel after a command that did not finish; interrupts stay on. */
static void
ide_reset(struct ide *ide)
{
	ide->timeouts++;
	outb(IDE_CTRL, CTRL_SRST);
	ide_delay();
	outb(IDE_CTRL, 0);
	(void)ide_poll_ready();
	(void)inb(IDE_BASE + REG_STATUS);
}

/* Take interrupts left over from earlier commands off the port, and allow new ones. */
static void
ide_drain(struct ide *ide)
{
	struct msg_notification n;

	(void)inb(IDE_BASE + REG_STATUS);
	while (msg_receive(&n.head, sizeof(n), ide->irq_port, MSG_OPT_TIMEOUT, 0) == ERR_OK)
		host_irq_ack(NAME_HOST, IDE_IRQ);
}

/*
 * Wait for the disk's interrupt and read its status (which clears it).
 * ERR_OK with the status in *st; ERR_TIMED_OUT if none came or the disk
 * is still busy after it (then the channel has been reset).
 */
static int
ide_wait_irq(struct ide *ide, uint8_t *st)
{
	struct msg_notification n;
	int err;

	for (;;) {
		err = msg_receive(&n.head, sizeof(n), ide->irq_port, MSG_OPT_TIMEOUT, IDE_TIMEOUT_MS);
		if (err != ERR_OK) {
			ide_reset(ide);
			return ERR_TIMED_OUT;
		}
		*st = inb(IDE_BASE + REG_STATUS);
		host_irq_ack(NAME_HOST, IDE_IRQ);
		if (n.head.id == MSG_ID_IRQ && !(*st & ST_BSY))
			return ERR_OK;
		/* Not ours, or the disk is not done: an interrupt of an earlier command. */
	}
}

/* Select the master with the top bits of sector, and load count and sector. */
static void
ide_setup(uint32_t sector, uint32_t count)
{
	outb(IDE_BASE + REG_DRIVE, DRIVE_LBA_MASTER | ((sector >> 24) & 0x0f));
	ide_delay();
	outb(IDE_BASE + REG_COUNT, (uint8_t)count);	/* 256 would be 0; we never ask for it */
	outb(IDE_BASE + REG_LBA0, (uint8_t)sector);
	outb(IDE_BASE + REG_LBA1, (uint8_t)(sector >> 8));
	outb(IDE_BASE + REG_LBA2, (uint8_t)(sector >> 16));
}

int
ide_init(struct ide *ide)
{
	uint16_t id[256];
	int st;

	ide->sectors = 0;
	outb(IDE_CTRL, CTRL_NIEN);
	outb(IDE_BASE + REG_DRIVE, 0xa0);
	ide_delay();
	outb(IDE_BASE + REG_COUNT, 0);
	outb(IDE_BASE + REG_LBA0, 0);
	outb(IDE_BASE + REG_LBA1, 0);
	outb(IDE_BASE + REG_LBA2, 0);
	outb(IDE_BASE + REG_COMMAND, CMD_IDENTIFY);
	if (inb(IDE_BASE + REG_STATUS) == 0 || inb(IDE_BASE + REG_STATUS) == 0xff)
		return ERR_NOT_FOUND;		/* nothing on the wire */
	st = ide_poll_ready();
	if (st < 0)
		return ERR_TIMED_OUT;
	if (inb(IDE_BASE + REG_LBA1) != 0 || inb(IDE_BASE + REG_LBA2) != 0)
		return ERR_NOT_FOUND;		/* ATAPI (a CD drive), not a disk */
	for (int i = 0; i < POLL_MAX && !(st & (ST_DRQ | ST_ERR)); i++)
		st = inb(IDE_CTRL);
	if (st & ST_ERR)
		return ERR_IO;
	if (!(st & ST_DRQ))
		return ERR_TIMED_OUT;
	insw(IDE_BASE + REG_DATA, id, 256);
	ide->sectors = (uint32_t)id[60] | (uint32_t)id[61] << 16;	/* LBA28 sector count */
	if (ide->sectors > IDE_LBA28_MAX)
		ide->sectors = IDE_LBA28_MAX;
	outb(IDE_CTRL, 0);				/* interrupts on from now */
	ide_drain(ide);
	return ide->sectors ? ERR_OK : ERR_NOT_FOUND;
}

/* What a status with an error bit means for the caller. */
static int
ide_status_error(uint8_t st)
{
	return (st & (ST_ERR | ST_DF)) ? ERR_IO : ERR_OK;
}

int
ide_read(struct ide *ide, uint32_t first, uint32_t count, void *buf)
{
	uint8_t st;
	int err;

	ide_drain(ide);
	if (ide_poll_ready() < 0) {
		ide_reset(ide);
		return ERR_TIMED_OUT;
	}
	ide_setup(first, count);
	outb(IDE_BASE + REG_COMMAND, CMD_READ);
	for (uint32_t i = 0; i < count; i++) {
		err = ide_wait_irq(ide, &st);
		if (err != ERR_OK)
			return err;
		if (ide_status_error(st) != ERR_OK)
			return ERR_IO;
		if (!(st & ST_DRQ))
			return ERR_IO;			/* done early: the disk gave up */
		insw(IDE_BASE + REG_DATA, (uint8_t *)buf + i * IDE_SECTOR, IDE_SECTOR / 2);
	}
	return ERR_OK;
}

int
ide_flush(struct ide *ide)
{
	uint8_t st;
	int err;

	ide_drain(ide);
	if (ide_poll_ready() < 0) {
		ide_reset(ide);
		return ERR_TIMED_OUT;
	}
	outb(IDE_BASE + REG_DRIVE, DRIVE_LBA_MASTER);
	ide_delay();
	outb(IDE_BASE + REG_COMMAND, CMD_FLUSH);
	err = ide_wait_irq(ide, &st);
	if (err != ERR_OK)
		return err;
	return ide_status_error(st);
}

int
ide_write(struct ide *ide, uint32_t first, uint32_t count, const void *buf)
{
	uint8_t st;
	int err, s;

	ide_drain(ide);
	if (ide_poll_ready() < 0) {
		ide_reset(ide);
		return ERR_TIMED_OUT;
	}
	ide_setup(first, count);
	outb(IDE_BASE + REG_COMMAND, CMD_WRITE);
	/* The first sector goes when the disk asks for it (DRQ); no interrupt before it. */
	s = ide_poll_ready();
	if (s < 0) {
		ide_reset(ide);
		return ERR_TIMED_OUT;
	}
	st = (uint8_t)s;
	for (uint32_t i = 0; i < count; i++) {
		if (ide_status_error(st) != ERR_OK)
			return ERR_IO;
		if (!(st & ST_DRQ))
			return ERR_IO;
		outsw(IDE_BASE + REG_DATA, (const uint8_t *)buf + i * IDE_SECTOR, IDE_SECTOR / 2);
		err = ide_wait_irq(ide, &st);
		if (err != ERR_OK)
			return err;
	}
	if (ide_status_error(st) != ERR_OK)
		return ERR_IO;
	return ide_flush(ide);
}
