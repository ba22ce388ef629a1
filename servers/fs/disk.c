/*
 * disk.c - the ext2 core's block device (struct ext2_dev) over the ATA
 * driver: each read or write of sectors becomes ata read/write RPCs of
 * at most the driver's max_sectors, the data out of line. Reads arrive
 * as copy-on-write regions that are copied out and let go; writes leave
 * from a page-aligned buffer of our own.
 */
#include "user/lib/ulib.h"
#include "harbor/ata_client.h"
#include "harbor/task_client.h"
#include "servers/fs/fs.h"

#define PAGE		4096
#define SECTOR		512
#define DISK_CHUNK_MAX	128	/* sectors: the size of disk_wbuf */

static uint8_t disk_wbuf[DISK_CHUNK_MAX * SECTOR] __attribute__((aligned(PAGE)));

static uint32_t
disk_chunk(const struct disk *d, uint32_t count)
{
	uint32_t max = d->max_sectors < DISK_CHUNK_MAX ? d->max_sectors : DISK_CHUNK_MAX;

	return count < max ? count : max;
}

static int
disk_read(void *ctx, uint32_t sector, uint32_t count, void *buf)
{
	struct disk *d = ctx;

	while (count > 0) {
		uint32_t n = disk_chunk(d, count), addr = 0, size = 0;
		int err = ata_read(d->ata, sector, n, &addr, &size);

		if (err != ERR_OK)
			return err;
		if (size < n * SECTOR) {
			vm_deallocate(addr, size);
			return ERR_BAD_REPLY;
		}
		memcpy(buf, (const void *)addr, n * SECTOR);
		vm_deallocate(addr, size);
		buf = (uint8_t *)buf + n * SECTOR;
		sector += n;
		count -= n;
	}
	return ERR_OK;
}

static int
disk_write(void *ctx, uint32_t sector, uint32_t count, const void *buf)
{
	struct disk *d = ctx;

	while (count > 0) {
		uint32_t n = disk_chunk(d, count);
		uint32_t size = (n * SECTOR + PAGE - 1) & ~(uint32_t)(PAGE - 1);
		int err;

		memcpy(disk_wbuf, buf, n * SECTOR);
		err = ata_write(d->ata, sector, n, (uint32_t)disk_wbuf, size);
		if (err != ERR_OK)
			return err;
		buf = (const uint8_t *)buf + n * SECTOR;
		sector += n;
		count -= n;
	}
	return ERR_OK;
}

static void
disk_log(void *ctx, const char *line)
{
	printf("fs: %s\n", line);
}

int
disk_open(struct disk *d, port_name_t ata)
{
	int err;

	d->ata = ata;
	if ((err = ata_info(ata, &d->sectors, &d->max_sectors)) != ERR_OK)
		return err;
	if (d->max_sectors == 0)
		return ERR_BAD_REPLY;
	d->dev.ctx = d;
	d->dev.sectors = d->sectors;
	d->dev.read = disk_read;
	d->dev.write = disk_write;
	d->dev.now = NULL;	/* no clock yet: times stay at the last write's */
	d->dev.log = disk_log;
	return ERR_OK;
}
