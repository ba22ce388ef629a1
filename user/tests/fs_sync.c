/*
 * fs_sync.c - the filesystem server's periodic sync (servers/fs/sync.c):
 * a file written with no sync call is on the disk within a few seconds.
 * "On the disk" is judged by reading the disk through the ATA driver
 * ("ata", the driver fs uses), not through fs: the superblock, the group
 * descriptor, the file's inode in the inode table, then its first block,
 * which must hold the bytes written. The cache is write-back, so without
 * the periodic sync those bytes stay in fs's memory (nothing else runs
 * to push them out), and the case fails after its bound.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "user/tests/tests.h"
#include "harbor/ata_client.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"
#include "servers/fs/ext2/ext2_disk.h"

#define SECTOR		512
#define PROBE		"/fs-sync-probe"
#define PROBE_SIZE	1024		/* one block of the test disk */
#define BOUND_MS	30000		/* generous: the period is 5 s (FS_SYNC_MS) */

static uint8_t disk_block[4096];	/* the largest block size ext2 has here */

/* Read count sectors from first into disk_block through the driver. */
static int
disk_get(port_name_t ata, uint32_t first, uint32_t count)
{
	uint32_t addr = 0, size = 0;
	int err;

	if (count * SECTOR > sizeof(disk_block))
		return ERR_BAD_SIZE;
	if ((err = ata_read(ata, first, count, &addr, &size)) != ERR_OK)
		return err;
	if (size >= count * SECTOR)
		memcpy(disk_block, (const void *)addr, count * SECTOR);
	else
		err = ERR_BAD_REPLY;
	vm_deallocate(addr, size);
	return err;
}

/*
 * Is inode ino on the disk with size PROBE_SIZE and a first block holding
 * want? Every number read is checked before it is used: before the sync
 * the inode on the disk may be anything an earlier file left.
 */
static int
probe_on_disk(port_name_t ata, uint32_t ino, const uint8_t *want)
{
	static struct ext2_super sb;
	uint32_t bs, spb, ipg, isize, table, off, block;

	if (disk_get(ata, EXT2_SUPER_OFFSET / SECTOR, sizeof(sb) / SECTOR) != ERR_OK)
		return 0;
	memcpy(&sb, disk_block, sizeof(sb));
	bs = 1024u << (sb.s_log_block_size & 3);
	spb = bs / SECTOR;
	ipg = sb.s_inodes_per_group;
	isize = sb.s_inode_size;
	if (ipg == 0 || isize < 128 || isize > bs || ino == 0 || ino > sb.s_inodes_count)
		return 0;
	/* The group descriptor of ino's group (the first descriptor block holds it here). */
	off = (ino - 1) / ipg * sizeof(struct ext2_group);
	if (off + sizeof(struct ext2_group) > bs ||
	    disk_get(ata, (sb.s_first_data_block + 1) * spb, spb) != ERR_OK)
		return 0;
	table = ((const struct ext2_group *)(disk_block + off))->bg_inode_table;
	/* The inode, in its block of the table. */
	off = (ino - 1) % ipg * isize;
	if (table == 0 || table + off / bs >= sb.s_blocks_count ||
	    disk_get(ata, (table + off / bs) * spb, spb) != ERR_OK)
		return 0;
	const struct ext2_inode *in = (const struct ext2_inode *)(disk_block + off % bs);
	block = in->i_block[0];
	if (in->i_size != PROBE_SIZE || block == 0 || block >= sb.s_blocks_count ||
	    disk_get(ata, block * spb, spb) != ERR_OK)
		return 0;
	return memcmp(disk_block, want, PROBE_SIZE) == 0;
}

static void
fs_write_reaches_the_disk_without_sync(void)
{
	static uint8_t data[PROBE_SIZE];
	port_name_t ata = NAME_NULL;
	struct stat st;
	uint32_t start, waited = 0;
	int fd, found = 0;

	/* Bytes no earlier file can have left on the disk: they carry the time. */
	snprintf((char *)data, sizeof(data), "periodic sync probe, written at %u ms\n", now_ms());
	for (uint32_t i = 64; i < PROBE_SIZE; i++)
		data[i] = (uint8_t)(i * 7 + data[i % 40]);
	EXPECT_OK("the driver's port", name_lookup(NAME_BOOTSTRAP, "ata", 0, &ata));
	fd = open(PROBE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	EXPECT_TRUE("create " PROBE, fd >= 0);
	EXPECT_EQ("write one block", PROBE_SIZE, (uint32_t)write(fd, data, PROBE_SIZE));
	EXPECT_EQ("close", 0, close(fd));
	EXPECT_EQ("stat", 0, stat(PROBE, &st));
	/* No sync call: wait for the server's own. */
	start = now_ms();
	while (!(found = probe_on_disk(ata, st.st_ino, data)) && waited < BOUND_MS) {
		sleep_ms(200);
		waited = now_ms() - start;
	}
	if (found)
		printf("  (on the disk after %u ms)\n", waited);
	task_port_deallocate(NAME_TASK_SELF, ata);
	EXPECT_TRUE("the file's inode and block on the disk within 30 s, no sync called", found);
	EXPECT_EQ("unlink", 0, unlink(PROBE));
	sync();		/* leave nothing dirty for the cases after this one */
}

const struct test_case fs_sync_cases[] = {
	{ "fs_write_reaches_the_disk_without_sync", fs_write_reaches_the_disk_without_sync },
	{ NULL, NULL },
};
