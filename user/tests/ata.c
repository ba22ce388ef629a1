/*
 * ata.c - the IDE driver (servers/ata) on the test disk: the disk image
 * made by mke2fs (tools/disk/Makefrag) with 1 MiB past the filesystem as
 * a scratch area. The suite uses the driver init started at boot (found
 * as "ata", the one fs uses): it reads the ext2 superblock through it,
 * writes and reads back the scratch area, sends it bad requests, and
 * checks that nobody else can have its I/O ports and IRQ line.
 */
#include "user/tests/tests.h"
#include "harbor/ata_client.h"
#include "harbor/host_client.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"

#define SECTOR		512
#define DISK_SECTORS	(17u * 2048)	/* 16 MiB of ext2 + 1 MiB scratch */
#define SCRATCH		(16u * 2048)	/* first sector past the filesystem */
#define MAX_SECTORS	128
#define EXT2_MAGIC	0xef53

static port_name_t ata_port = NAME_NULL;

/* The boot driver's service port (init started it; fs uses it too). */
static port_name_t
ata(void)
{
	if (ata_port == NAME_NULL && name_lookup(NAME_BOOTSTRAP, "ata", 0, &ata_port) != ERR_OK)
		ata_port = NAME_NULL;
	return ata_port;
}

static uint32_t
le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The byte pattern of the scratch tests: differs per sector, per round and per byte. */
static uint8_t
pattern(uint32_t sector, uint32_t i, uint32_t round)
{
	return (uint8_t)(sector * 7 + i * 13 + round * 101 + (i >> 8));
}

static void
ata_info_reports_the_disk(void)
{
	uint32_t sectors = 0, max = 0;

	EXPECT_TRUE("the driver started and said hello", ata() != NAME_NULL);
	EXPECT_OK("info", ata_info(ata(), &sectors, &max));
	EXPECT_EQ("sectors (17 MiB)", DISK_SECTORS, sectors);
	EXPECT_EQ("most sectors per request", MAX_SECTORS, max);
}

static void
ata_read_superblock_has_ext2_magic(void)
{
	uint32_t addr = 0, size = 0;

	EXPECT_OK("read sectors 2-3", ata_read(ata(), 2, 2, &addr, &size));
	EXPECT_EQ("region size (one page)", 4096, size);
	const uint8_t *sb = (const uint8_t *)addr;
	EXPECT_EQ("s_magic", EXT2_MAGIC, sb[56] | sb[57] << 8);
	EXPECT_EQ("s_rev_level (dynamic)", 1, le32(sb + 76));
	EXPECT_EQ("s_log_block_size (1 KiB)", 0, le32(sb + 24));
	EXPECT_EQ("s_blocks_count", 16384, le32(sb + 4));
	EXPECT_EQ("the tail past two sectors is zero", 0, sb[4095] | sb[1024] | sb[2048]);
	EXPECT_OK("let the region go", vm_deallocate(addr, size));
}

/* Write count sectors at first with pattern round, then read them back and compare. */
static int
scratch_roundtrip(uint32_t first, uint32_t count, uint32_t round, const char **why)
{
	uint32_t size = (count * SECTOR + 4095) & ~4095u, addr = 0, got = 0, gsize = 0;
	int err;

	*why = "vm_allocate";
	if ((err = vm_allocate(size, &addr)) != ERR_OK)
		return err;
	for (uint32_t s = 0; s < count; s++)
		for (uint32_t i = 0; i < SECTOR; i++)
			((uint8_t *)addr)[s * SECTOR + i] = pattern(first + s, i, round);
	*why = "write";
	err = ata_write(ata(), first, count, addr, size);
	vm_deallocate(addr, size);
	if (err != ERR_OK)
		return err;
	*why = "read back";
	if ((err = ata_read(ata(), first, count, &got, &gsize)) != ERR_OK)
		return err;
	*why = "the bytes read back";
	err = ERR_OK;
	for (uint32_t s = 0; s < count && err == ERR_OK; s++)
		for (uint32_t i = 0; i < SECTOR; i++)
			if (((uint8_t *)got)[s * SECTOR + i] != pattern(first + s, i, round)) {
				err = ERR_BAD_REPLY;
				break;
			}
	vm_deallocate(got, gsize);
	return err;
}

static void
ata_write_reads_back_scratch(void)
{
	const char *why = "";
	struct counts base, now;

	EXPECT_OK(why, scratch_roundtrip(SCRATCH, 1, 1, &why));
	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK(why, scratch_roundtrip(SCRATCH, MAX_SECTORS, 2, &why));
	EXPECT_OK(why, scratch_roundtrip(SCRATCH + 3, 9, 3, &why));
	EXPECT_OK(why, scratch_roundtrip(DISK_SECTORS - 5, 5, 4, &why));
	EXPECT_TRUE("every frame back after the transfers", counts_settle(&base, &now));
	/* The earlier round's bytes around the last write are still there. */
	uint32_t addr = 0, size = 0;
	EXPECT_OK("read the sector before", ata_read(ata(), SCRATCH + 2, 1, &addr, &size));
	EXPECT_EQ("untouched neighbour", pattern(SCRATCH + 2, 77, 2), ((uint8_t *)addr)[77]);
	vm_deallocate(addr, size);
}

static void
ata_bad_requests_refused(void)
{
	uint32_t addr = 0, size = 0, buf = 0;

	EXPECT_ERR("no sectors", ERR_BAD_SIZE, ata_read(ata(), 0, 0, &addr, &size));
	EXPECT_ERR("more than 64 KiB", ERR_BAD_SIZE, ata_read(ata(), 0, MAX_SECTORS + 1, &addr, &size));
	EXPECT_ERR("a huge count", ERR_BAD_SIZE, ata_read(ata(), 0, 0x80000000u, &addr, &size));
	EXPECT_ERR("the sector past the end", ERR_BAD_ARGUMENT,
		   ata_read(ata(), DISK_SECTORS, 1, &addr, &size));
	EXPECT_ERR("running over the end", ERR_BAD_ARGUMENT,
		   ata_read(ata(), DISK_SECTORS - 1, 2, &addr, &size));
	EXPECT_ERR("a wrapping range", ERR_BAD_ARGUMENT,
		   ata_read(ata(), 0xffffffffu, 2, &addr, &size));
	EXPECT_OK("a page to write from", vm_allocate(4096, &buf));
	memset((void *)buf, 0xee, 4096);
	EXPECT_ERR("a region shorter than the count", ERR_BAD_SIZE,
		   ata_write(ata(), SCRATCH, 9, buf, 4096));
	EXPECT_ERR("write past the end", ERR_BAD_ARGUMENT,
		   ata_write(ata(), DISK_SECTORS - 1, 2, buf, 4096));
	EXPECT_ERR("write no sectors", ERR_BAD_SIZE, ata_write(ata(), SCRATCH, 0, buf, 4096));
	vm_deallocate(buf, 4096);
	/* The refused write changed nothing: the scratch area still has round 2's bytes. */
	EXPECT_OK("read the scratch sector", ata_read(ata(), SCRATCH + 1, 1, &addr, &size));
	EXPECT_EQ("unchanged", pattern(SCRATCH + 1, 5, 2), ((uint8_t *)addr)[5]);
	vm_deallocate(addr, size);
	EXPECT_OK("flush", ata_flush(ata()));
	uint32_t sectors, max;
	EXPECT_OK("the driver still answers", ata_info(ata(), &sectors, &max));
}

static void
ata_driver_holds_the_channel(void)
{
	port_name_t p = make_port();

	EXPECT_TRUE("the driver runs", ata() != NAME_NULL);
	EXPECT_ERR("its data port", ERR_BUSY, host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x1f0, 1));
	EXPECT_ERR("its control port", ERR_BUSY, host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x3f6, 1));
	EXPECT_ERR("its IRQ line", ERR_BUSY, host_irq_bind(NAME_HOST, 14, p));
	drop_port(p);
}

const struct test_case ata_cases[] = {
	{ "ata_info_reports_the_disk", ata_info_reports_the_disk },
	{ "ata_read_superblock_has_ext2_magic", ata_read_superblock_has_ext2_magic },
	{ "ata_write_reads_back_scratch", ata_write_reads_back_scratch },
	{ "ata_bad_requests_refused", ata_bad_requests_refused },
	{ "ata_driver_holds_the_channel", ata_driver_holds_the_channel },
	{ NULL, NULL },
};
