/*
 * ext2_super.c - mounting: the superblock and group descriptors are read
 * and checked before anything else is believed, kept in memory while
 * mounted, and written back by ext2_sync. Also the filesystem's voice
 * (fs_log, fs_corrupt) and statfs.
 *
 * What mount checks, so the rest of the core may rely on it: the magic
 * and revision, a block size of 1, 2 or 4 KiB, group sizes that one
 * bitmap block can describe, counts that agree with the number of groups
 * and fit on the device, an inode size the format allows, and every
 * group's bitmaps and inode table inside the filesystem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "servers/fs/ext2/ext2_fs.h"

void
fs_log(struct ext2_fs *fs, const char *line)
{
	if (fs->dev.log)
		fs->dev.log(fs->dev.ctx, line);
}

int
fs_corrupt(struct ext2_fs *fs, const char *what, uint32_t number)
{
	char line[128];

	snprintf(line, sizeof(line), "ext2: corrupt filesystem: %s (%u); now read-only",
		 what, (unsigned)number);
	fs_log(fs, line);
	fs->read_only = 1;
	return ERR_CORRUPT;
}

uint32_t
fs_now(struct ext2_fs *fs)
{
	return fs->dev.now ? fs->dev.now(fs->dev.ctx) : fs->sb.s_wtime;
}

/* The blocks a group's metadata take cannot be a file's. */
int
fs_block_ok(struct ext2_fs *fs, uint32_t b)
{
	if (b < fs->sb.s_first_data_block || b >= fs->sb.s_blocks_count)
		return 0;
	uint32_t g = (b - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
	const struct ext2_group *gd = &fs->groups[g];

	if (b == gd->bg_block_bitmap || b == gd->bg_inode_bitmap)
		return 0;
	if (b >= gd->bg_inode_table && b - gd->bg_inode_table < fs->itable_blocks)
		return 0;
	if (b < fs->sb.s_first_data_block + 1 + fs->gdt_blocks)
		return 0;	/* the primary superblock and descriptors */
	return 1;
}

static int
mount_refuse(const struct ext2_dev *dev, const char *why)
{
	char line[128];

	snprintf(line, sizeof(line), "ext2: cannot mount: %s", why);
	if (dev->log)
		dev->log(dev->ctx, line);
	return ERR_CORRUPT;
}

/* The superblock's own numbers, checked against each other and the device. */
static int
mount_check_super(const struct ext2_dev *dev, struct ext2_fs *fs)
{
	const struct ext2_super *sb = &fs->sb;

	if (sb->s_magic != EXT2_MAGIC)
		return mount_refuse(dev, "no ext2 magic number");
	if (sb->s_rev_level != EXT2_DYNAMIC_REV)
		return mount_refuse(dev, "not ext2 revision 1");
	if (sb->s_log_block_size > 2)
		return mount_refuse(dev, "block size over 4 KiB");
	fs->block_size = 1024u << sb->s_log_block_size;
	fs->block_shift = 10 + sb->s_log_block_size;
	fs->ptr_shift = fs->block_shift - 2;
	fs->sectors_per_block = fs->block_size / 512;
	fs->ptrs = fs->block_size / 4;
	fs->inode_size = sb->s_inode_size;
	if (sb->s_feature_incompat & ~EXT2_INCOMPAT_KNOWN)
		return mount_refuse(dev, "a feature this ext2 cannot read (incompat)");
	if (sb->s_first_data_block != (fs->block_size == 1024 ? 1u : 0u))
		return mount_refuse(dev, "first data block does not match the block size");
	if (sb->s_blocks_per_group == 0 || sb->s_blocks_per_group > 8 * fs->block_size ||
	    sb->s_inodes_per_group == 0 || sb->s_inodes_per_group > 8 * fs->block_size)
		return mount_refuse(dev, "group sizes one bitmap block cannot hold");
	if (fs->inode_size < EXT2_GOOD_OLD_INODE_SIZE || fs->inode_size > fs->block_size ||
	    (fs->inode_size & (fs->inode_size - 1)) || fs->inode_size > sizeof(struct ext2_inode))
		return mount_refuse(dev, "bad inode size");
	if (sb->s_blocks_count <= sb->s_first_data_block ||
	    (uint64_t)sb->s_blocks_count * fs->sectors_per_block > dev->sectors)
		return mount_refuse(dev, "block count larger than the device");
	fs->ngroups = (sb->s_blocks_count - sb->s_first_data_block + sb->s_blocks_per_group - 1) /
		      sb->s_blocks_per_group;
	if ((uint64_t)fs->ngroups * sb->s_inodes_per_group != sb->s_inodes_count)
		return mount_refuse(dev, "inode count does not match the groups");
	if (sb->s_first_ino <= EXT2_ROOT_INO || sb->s_first_ino >= sb->s_inodes_count)
		return mount_refuse(dev, "bad first inode");
	if (sb->s_free_blocks_count > sb->s_blocks_count ||
	    sb->s_free_inodes_count > sb->s_inodes_count)
		return mount_refuse(dev, "more free than there is");
	fs->gdt_blocks = (fs->ngroups * sizeof(struct ext2_group) + fs->block_size - 1) /
			 fs->block_size;
	if (sb->s_first_data_block + 1 + fs->gdt_blocks >= sb->s_blocks_count)
		return mount_refuse(dev, "group descriptors past the end");
	/* Asked for every block number a file points to (fs_block_ok). */
	fs->itable_blocks = (sb->s_inodes_per_group * fs->inode_size + fs->block_size - 1) /
			    fs->block_size;
	uint64_t p = fs->ptrs;
	fs->max_file_blocks = EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
	return ERR_OK;
}

/* Every group's bitmaps and inode table lie in the filesystem. */
static int
mount_check_groups(const struct ext2_dev *dev, struct ext2_fs *fs)
{
	uint32_t itb = fs->itable_blocks;
	uint32_t first = fs->sb.s_first_data_block, count = fs->sb.s_blocks_count;

	for (uint32_t g = 0; g < fs->ngroups; g++) {
		const struct ext2_group *gd = &fs->groups[g];

		if (gd->bg_block_bitmap < first || gd->bg_block_bitmap >= count ||
		    gd->bg_inode_bitmap < first || gd->bg_inode_bitmap >= count ||
		    gd->bg_inode_table < first || gd->bg_inode_table >= count ||
		    itb > count - gd->bg_inode_table)
			return mount_refuse(dev, "a group's bitmaps or inode table outside the disk");
		if (gd->bg_free_blocks_count > fs->sb.s_blocks_per_group ||
		    gd->bg_free_inodes_count > fs->sb.s_inodes_per_group)
			return mount_refuse(dev, "a group with more free than it holds");
	}
	return ERR_OK;
}

int
ext2_mount(const struct ext2_dev *dev, int read_only, struct ext2_fs **out)
{
	struct ext2_fs *fs = calloc(1, sizeof(*fs));
	uint8_t *gdt = NULL;
	int err;

	if (fs == NULL)
		return ERR_NO_MEMORY;
	fs->dev = *dev;
	if (dev->sectors < 4) {
		err = mount_refuse(dev, "device too small");
		goto fail;
	}
	err = dev->read(dev->ctx, EXT2_SUPER_OFFSET / 512, EXT2_SUPER_SIZE / 512, &fs->sb);
	if (err != ERR_OK)
		goto fail;
	if ((err = mount_check_super(dev, fs)) != ERR_OK)
		goto fail;
	gdt = malloc((size_t)fs->gdt_blocks * fs->block_size);
	fs->groups = calloc(fs->ngroups, sizeof(struct ext2_group));
	fs->zero = calloc(1, fs->block_size);
	err = ERR_NO_MEMORY;
	if (gdt == NULL || fs->groups == NULL || fs->zero == NULL)
		goto fail;
	for (uint32_t i = 0; i < fs->gdt_blocks; i++) {
		err = dev_read(fs, fs->sb.s_first_data_block + 1 + i, gdt + i * fs->block_size);
		if (err != ERR_OK)
			goto fail;
	}
	memcpy(fs->groups, gdt, fs->ngroups * sizeof(struct ext2_group));
	free(gdt);
	gdt = NULL;
	if ((err = mount_check_groups(dev, fs)) != ERR_OK)
		goto fail;
	if ((err = cache_init(fs)) != ERR_OK)
		goto fail;
	fs->read_only = read_only;
	if (!read_only && (fs->sb.s_feature_ro_compat & ~EXT2_RO_COMPAT_KNOWN)) {
		fs_log(fs, "ext2: a feature this ext2 cannot keep up to date (ro_compat): read-only");
		fs->read_only = 1;
	}
	if (!read_only && !(fs->sb.s_state & EXT2_VALID_FS)) {
		fs_log(fs, "ext2: not cleanly unmounted (run e2fsck): read-only");
		fs->read_only = 1;
	}
	*out = fs;
	return ERR_OK;
fail:
	free(gdt);
	cache_free(fs);
	free(fs->groups);
	free(fs->zero);
	free(fs);
	return err;
}

int
ext2_sync(struct ext2_fs *fs)
{
	struct ext2_buf *buf;
	int err;

	if (fs->read_only && !fs->meta_dirty)
		return cache_flush(fs);
	if (fs->meta_dirty) {
		uint32_t bytes = fs->ngroups * sizeof(struct ext2_group);

		for (uint32_t i = 0; i < fs->gdt_blocks; i++) {
			uint32_t off = i * fs->block_size;
			uint32_t n = bytes - off < fs->block_size ? bytes - off : fs->block_size;

			err = cache_get(fs, fs->sb.s_first_data_block + 1 + i, 0, &buf);
			if (err != ERR_OK)
				return err;
			memcpy(buf->data, (uint8_t *)fs->groups + off, n);
			cache_dirty(buf);
			cache_put(buf);
		}
	}
	err = cache_flush(fs);
	if (err != ERR_OK)
		return err;
	if (fs->meta_dirty) {
		fs->sb.s_wtime = fs_now(fs);
		err = fs->dev.write(fs->dev.ctx, EXT2_SUPER_OFFSET / 512, EXT2_SUPER_SIZE / 512,
				    &fs->sb);
		if (err != ERR_OK)
			return err;
		fs->meta_dirty = 0;
	}
	return ERR_OK;
}

int
ext2_unmount(struct ext2_fs *fs)
{
	int err;

	for (int fd = 0; fd < EXT2_FD_MAX; fd++)
		if (fs->files[fd].ino)
			ext2_close(fs, fd);
	err = ext2_sync(fs);
	cache_free(fs);
	free(fs->groups);
	free(fs->zero);
	free(fs);
	return err;
}

int
ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *st)
{
	st->block_size = fs->block_size;
	st->blocks = fs->sb.s_blocks_count;
	st->free_blocks = fs->sb.s_free_blocks_count;
	st->inodes = fs->sb.s_inodes_count;
	st->free_inodes = fs->sb.s_free_inodes_count;
	st->read_only = fs->read_only;
	return ERR_OK;
}
