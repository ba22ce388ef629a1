/*
 * ext2_alloc.c - block and inode allocation through the groups' bitmaps.
 * A new block is looked for from a goal (near the file's last block, or
 * in its inode's group) onwards, group by group; a new inode in its
 * parent's group first. The free counts in the group descriptors and
 * the superblock move with every bit, so e2fsck finds them equal.
 * A bitmap that says a block is free when freeing it is corruption.
 */
#include <string.h>
#include "servers/fs/ext2/ext2_fs.h"

/* Blocks in group g (the last group may be short). */
static uint32_t
group_blocks(struct ext2_fs *fs, uint32_t g)
{
	uint32_t start = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
	uint32_t left = fs->sb.s_blocks_count - start;

	return left < fs->sb.s_blocks_per_group ? left : fs->sb.s_blocks_per_group;
}

/* The first clear bit in [from, n) of a bitmap, or n. */
static uint32_t
bitmap_find(const uint8_t *map, uint32_t from, uint32_t n)
{
	for (uint32_t i = from; i < n; i++) {
		if ((i & 7) == 0 && map[i >> 3] == 0xff) {
			i += 7;
			continue;
		}
		if (!(map[i >> 3] & (1u << (i & 7))))
			return i;
	}
	return n;
}

int
alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *b)
{
	struct ext2_buf *buf;
	uint32_t g0 = 0, from = 0;
	int err;

	if (fs->sb.s_free_blocks_count == 0)
		return ERR_DISK_FULL;
	if (goal >= fs->sb.s_first_data_block && goal < fs->sb.s_blocks_count) {
		g0 = (goal - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
		from = (goal - fs->sb.s_first_data_block) % fs->sb.s_blocks_per_group;
	}
	for (uint32_t k = 0; k <= fs->ngroups; k++) {
		uint32_t g = (g0 + k) % fs->ngroups, n = group_blocks(fs, g);
		struct ext2_group *gd = &fs->groups[g];

		if (k > 0)
			from = 0;
		if (gd->bg_free_blocks_count == 0)
			continue;
		err = cache_get(fs, gd->bg_block_bitmap, 0, &buf);
		if (err != ERR_OK)
			return err;
		uint32_t i = bitmap_find(buf->data, from, n);
		if (i == n && from > 0)
			i = bitmap_find(buf->data, 0, n);
		if (i == n) {
			cache_put(buf);
			continue;	/* the count said free, the bitmap full: trust the bitmap */
		}
		buf->data[i >> 3] |= 1u << (i & 7);
		cache_dirty(buf);
		cache_put(buf);
		gd->bg_free_blocks_count--;
		fs->sb.s_free_blocks_count--;
		fs->meta_dirty = 1;
		*b = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group + i;
		if (!fs_block_ok(fs, *b))
			return fs_corrupt(fs, "block bitmap offers a metadata block", *b);
		return ERR_OK;
	}
	return ERR_DISK_FULL;
}

int
free_block(struct ext2_fs *fs, uint32_t b)
{
	struct ext2_buf *buf;
	int err;

	if (!fs_block_ok(fs, b))
		return fs_corrupt(fs, "freeing a block outside the data area", b);
	uint32_t g = (b - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
	uint32_t i = (b - fs->sb.s_first_data_block) % fs->sb.s_blocks_per_group;
	struct ext2_group *gd = &fs->groups[g];

	cache_forget(fs, b);
	err = cache_get(fs, gd->bg_block_bitmap, 0, &buf);
	if (err != ERR_OK)
		return err;
	if (!(buf->data[i >> 3] & (1u << (i & 7)))) {
		cache_put(buf);
		return fs_corrupt(fs, "freeing a block that is already free", b);
	}
	buf->data[i >> 3] &= ~(1u << (i & 7));
	cache_dirty(buf);
	cache_put(buf);
	gd->bg_free_blocks_count++;
	fs->sb.s_free_blocks_count++;
	fs->meta_dirty = 1;
	return ERR_OK;
}

int
alloc_inode(struct ext2_fs *fs, uint32_t parent, int is_dir, uint32_t *ino)
{
	struct ext2_buf *buf;
	uint32_t ipg = fs->sb.s_inodes_per_group;
	uint32_t g0 = parent ? (parent - 1) / ipg : 0;
	int err;

	if (fs->sb.s_free_inodes_count == 0)
		return ERR_DISK_FULL;
	for (uint32_t k = 0; k < fs->ngroups; k++) {
		uint32_t g = (g0 + k) % fs->ngroups;
		struct ext2_group *gd = &fs->groups[g];

		if (gd->bg_free_inodes_count == 0)
			continue;
		err = cache_get(fs, gd->bg_inode_bitmap, 0, &buf);
		if (err != ERR_OK)
			return err;
		/* Inodes below s_first_ino are the filesystem's own. */
		uint32_t from = g == 0 ? fs->sb.s_first_ino - 1 : 0;
		uint32_t i = bitmap_find(buf->data, from < ipg ? from : ipg, ipg);
		if (i == ipg) {
			cache_put(buf);
			continue;
		}
		buf->data[i >> 3] |= 1u << (i & 7);
		cache_dirty(buf);
		cache_put(buf);
		gd->bg_free_inodes_count--;
		if (is_dir)
			gd->bg_used_dirs_count++;
		fs->sb.s_free_inodes_count--;
		fs->meta_dirty = 1;
		*ino = g * ipg + i + 1;
		return ERR_OK;
	}
	return ERR_DISK_FULL;
}

int
free_inode(struct ext2_fs *fs, uint32_t ino, int was_dir)
{
	struct ext2_buf *buf;
	uint32_t ipg = fs->sb.s_inodes_per_group;
	uint32_t g = (ino - 1) / ipg, i = (ino - 1) % ipg;
	struct ext2_group *gd = &fs->groups[g];
	int err;

	err = cache_get(fs, gd->bg_inode_bitmap, 0, &buf);
	if (err != ERR_OK)
		return err;
	if (!(buf->data[i >> 3] & (1u << (i & 7)))) {
		cache_put(buf);
		return fs_corrupt(fs, "freeing an inode that is already free", ino);
	}
	buf->data[i >> 3] &= ~(1u << (i & 7));
	cache_dirty(buf);
	cache_put(buf);
	gd->bg_free_inodes_count++;
	if (was_dir && gd->bg_used_dirs_count)
		gd->bg_used_dirs_count--;
	fs->sb.s_free_inodes_count++;
	fs->meta_dirty = 1;
	return ERR_OK;
}
