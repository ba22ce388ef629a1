/*
 * ext2_cache.c - the block cache: EXT2_CACHE_BLOCKS buffers of one block
 * each, least recently used first out, written back (not through): a
 * changed block reaches the disk when its buffer is wanted for another
 * block, or at ext2_sync. A block is pinned while a caller holds it, and
 * a pinned buffer is never taken; the core never holds more than a few
 * at once (an indirect chain and a data block).
 *
 * A hit is found through a small table of hints (the buffer a block was
 * last seen in, by block number modulo EXT2_CACHE_HINTS) before the scan
 * of every buffer, which only a miss or a stale hint needs: a cached 4 KiB
 * read asks for some six blocks, and the scans were most of its cost.
 *
 * ext2_dirty, at the end, tells fs's periodic sync (servers/fs/sync.c)
 * whether there is anything to write back.
 */
#include <stdlib.h>
#include <string.h>
#include "servers/fs/ext2/ext2_fs.h"

int
dev_read(struct ext2_fs *fs, uint32_t block, void *buf)
{
	return fs->dev.read(fs->dev.ctx, block * fs->sectors_per_block, fs->sectors_per_block, buf);
}

int
dev_write(struct ext2_fs *fs, uint32_t block, const void *buf)
{
	return fs->dev.write(fs->dev.ctx, block * fs->sectors_per_block, fs->sectors_per_block, buf);
}

int
cache_init(struct ext2_fs *fs)
{
	for (int i = 0; i < EXT2_CACHE_BLOCKS; i++) {
		fs->cache[i].data = malloc(fs->block_size);
		if (fs->cache[i].data == NULL)
			return ERR_NO_MEMORY;
	}
	fs->pages = calloc(EXT2_PAGES, sizeof(*fs->pages));
	return fs->pages ? ERR_OK : ERR_NO_MEMORY;
}

void
cache_free(struct ext2_fs *fs)
{
	for (int i = 0; i < EXT2_CACHE_BLOCKS; i++) {
		free(fs->cache[i].data);
		fs->cache[i].data = NULL;
	}
	free(fs->pages);
	fs->pages = NULL;
}

/* Write buf back if it changed. */
static int
cache_clean(struct ext2_fs *fs, struct ext2_buf *buf)
{
	int err;

	if (!buf->valid || !buf->dirty)
		return ERR_OK;
	err = dev_write(fs, buf->block, buf->data);
	if (err == ERR_OK)
		buf->dirty = 0;
	return err;
}

/* Take buffer c for a caller: pinned, just used. */
static struct ext2_buf *
cache_take(struct ext2_fs *fs, struct ext2_buf *c)
{
	c->pins++;
	c->used = ++fs->clock;
	return c;
}

int
cache_get(struct ext2_fs *fs, uint32_t b, int fresh, struct ext2_buf **out)
{
	uint8_t *hint = &fs->cache_hint[b & (EXT2_CACHE_HINTS - 1)];
	struct ext2_buf *victim = NULL, *c = *hint ? &fs->cache[*hint - 1] : NULL;
	int err;

	if (c != NULL && c->valid && c->block == b) {
		if (fresh)
			memset(c->data, 0, fs->block_size);
		*out = cache_take(fs, c);
		return ERR_OK;
	}
	for (int i = 0; i < EXT2_CACHE_BLOCKS; i++) {
		c = &fs->cache[i];
		if (c->valid && c->block == b) {
			*hint = (uint8_t)(i + 1);
			if (fresh)
				memset(c->data, 0, fs->block_size);
			*out = cache_take(fs, c);
			return ERR_OK;
		}
		if (c->pins == 0 && (victim == NULL || !c->valid ||
				     (victim->valid && c->used < victim->used)))
			victim = c;
	}
	if (victim == NULL)
		return ERR_NO_MEMORY;	/* every buffer pinned: a bug in the core */
	err = cache_clean(fs, victim);
	if (err != ERR_OK)
		return err;
	victim->valid = 0;
	if (fresh) {
		memset(victim->data, 0, fs->block_size);
	} else {
		err = dev_read(fs, b, victim->data);
		if (err != ERR_OK)
			return err;
	}
	victim->block = b;
	victim->valid = 1;
	victim->dirty = 0;
	victim->pins = 0;
	*hint = (uint8_t)(victim - fs->cache + 1);
	*out = cache_take(fs, victim);
	return ERR_OK;
}

void
cache_dirty(struct ext2_buf *buf)
{
	buf->dirty = 1;
}

void
cache_put(struct ext2_buf *buf)
{
	if (buf && buf->pins)
		buf->pins--;
}

void
cache_forget(struct ext2_fs *fs, uint32_t b)
{
	for (int i = 0; i < EXT2_CACHE_BLOCKS; i++)
		if (fs->cache[i].valid && fs->cache[i].block == b && fs->cache[i].pins == 0)
			fs->cache[i].valid = fs->cache[i].dirty = 0;
}

int
cache_flush(struct ext2_fs *fs)
{
	int first = ERR_OK;

	for (int i = 0; i < EXT2_CACHE_BLOCKS; i++) {
		int err = cache_clean(fs, &fs->cache[i]);

		if (err != ERR_OK && first == ERR_OK)
			first = err;
	}
	return first;
}

int
ext2_dirty(const struct ext2_fs *fs)
{
	/* volatile: another thread asks while the core may be changing these. */
	const volatile struct ext2_buf *c = fs->cache;

	if (*(const volatile int *)&fs->meta_dirty)
		return 1;
	for (int i = 0; i < EXT2_CACHE_BLOCKS; i++)
		if (c[i].valid && c[i].dirty)
			return 1;
	return 0;
}
