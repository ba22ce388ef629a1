/*
 * ata - the IDE disk driver: a user task that owns the primary IDE
 * channel and serves ata.defs (sector reads and writes, out of line).
 *
 * Start-up: ask the host port for the channel's I/O ports (0x1f0-0x1f7,
 * 0x3f6) and for IRQ 14 as messages, find the disk (servers/ata/ide.c),
 * make the service port and register it as "ata" with the name server
 * (init starts the driver at boot, before fs).
 * Then one loop: receive -> check -> the command -> reply. Every request
 * is checked before the disk is touched: sector ranges past the end of
 * the disk, counts of 0 or more than IDE_SECTORS_MAX, regions shorter
 * than the count are refused.
 */
#include "user/lib/ulib.h"
#include "harbor/ata_server.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"
#include "harbor/name_client.h"
#include "servers/ata/ide.h"

#define PAGE	4096
#define BUF_SIZE (IDE_SECTORS_MAX * IDE_SECTOR)

/* Reads land here and leave as copy-on-write copies: nothing to lose if a client dies. */
static uint8_t ata_buf[BUF_SIZE] __attribute__((aligned(PAGE)));

static uint32_t
round_page(uint32_t n)
{
	return (n + PAGE - 1) & ~(uint32_t)(PAGE - 1);
}

/* The checks every transfer request passes before the disk is touched. */
static int
ata_check(const struct ide *ide, uint32_t first, uint32_t count)
{
	if (ide->sectors == 0)
		return ERR_NOT_FOUND;
	if (count == 0 || count > IDE_SECTORS_MAX)
		return ERR_BAD_SIZE;
	if (first >= ide->sectors || count > ide->sectors - first)
		return ERR_BAD_ARGUMENT;
	return ERR_OK;
}

int
ata_info_handler(void *ctx, uint32_t *sectors, uint32_t *max_sectors)
{
	struct ide *ide = ctx;

	*sectors = ide->sectors;
	*max_sectors = IDE_SECTORS_MAX;
	return ide->sectors ? ERR_OK : ERR_NOT_FOUND;
}

int
ata_read_handler(void *ctx, uint32_t first, uint32_t count, uint32_t *data_addr,
		 uint32_t *data_size)
{
	struct ide *ide = ctx;
	uint32_t bytes = count * IDE_SECTOR;
	int err = ata_check(ide, first, count);

	if (err != ERR_OK)
		return err;
	err = ide_read(ide, first, count, ata_buf);
	if (err != ERR_OK)
		return err;
	memset(ata_buf + bytes, 0, round_page(bytes) - bytes);	/* no earlier read's bytes */
	*data_addr = (uint32_t)ata_buf;
	*data_size = round_page(bytes);
	return ERR_OK;
}

int
ata_write_handler(void *ctx, uint32_t first, uint32_t count, uint32_t data_addr,
		  uint32_t data_size)
{
	struct ide *ide = ctx;
	int err = ata_check(ide, first, count);

	if (err == ERR_OK && data_size / IDE_SECTOR < count)
		err = ERR_BAD_SIZE;
	if (err != ERR_OK)
		return err;	/* server_loop lets the region go with the refused request */
	err = ide_write(ide, first, count, (const void *)data_addr);
	if (err == ERR_OK)
		vm_deallocate(data_addr, data_size);
	return err;
}

int
ata_flush_handler(void *ctx)
{
	struct ide *ide = ctx;

	if (ide->sectors == 0)
		return ERR_NOT_FOUND;
	return ide_flush(ide);
}

int
main(int argc, char **argv)
{
	static struct ide ide;
	port_name_t service;
	int err;

	if ((err = host_io_grant(NAME_HOST, NAME_TASK_SELF, IDE_BASE, IDE_PORTS)) != ERR_OK ||
	    (err = host_io_grant(NAME_HOST, NAME_TASK_SELF, IDE_CTRL, 1)) != ERR_OK) {
		printf("ata: cannot have the IDE ports: %s\n", error_string(err));
		return 1;
	}
	if ((err = task_port_allocate(NAME_TASK_SELF, &ide.irq_port)) != ERR_OK ||
	    (err = host_irq_bind(NAME_HOST, IDE_IRQ, ide.irq_port)) != ERR_OK) {
		printf("ata: cannot have IRQ %d: %s\n", IDE_IRQ, error_string(err));
		return 1;
	}
	err = ide_init(&ide);
	if (err != ERR_OK)
		printf("ata: no disk on the primary master: %s\n", error_string(err));	/* serve the errors */
	if (task_port_allocate(NAME_TASK_SELF, &service) != ERR_OK)
		return 1;
	task_port_make_send(NAME_TASK_SELF, service);
	err = name_add(NAME_BOOTSTRAP, "ata", service);
	task_port_deallocate(NAME_TASK_SELF, service);	/* the name server has one */
	if (err != ERR_OK) {
		printf("ata: cannot register: %s\n", error_string(err));
		return 1;
	}
	server_loop(service, ata_dispatch, &ide);
}
