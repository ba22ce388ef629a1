/*
 * ext2_fs.h - what the ext2 core's files share (not for its users): the
 * mounted filesystem, the block cache, the inode and directory helpers.
 *
 * An inode is worked on as a struct ext2_node: a copy of its on-disk
 * image with its number, read with node_get and written back with
 * node_put. Blocks are reached through the cache: cache_get pins a block
 * (reading it unless told it is new), cache_dirty marks it changed,
 * cache_put unpins it. Dirty blocks reach the disk when evicted or at
 * ext2_sync.
 */
#ifndef SERVERS_FS_EXT2_FS_H
#define SERVERS_FS_EXT2_FS_H

#include <stdint.h>
#include "harbor/error.h"
#include "servers/fs/ext2/ext2.h"
#include "servers/fs/ext2/ext2_disk.h"

#define EXT2_CACHE_HINTS	256	/* a power of two */

struct ext2_buf {
	uint32_t block;
	uint32_t used;		/* last use, for LRU */
	uint16_t pins;
	uint8_t valid, dirty;
	uint8_t *data;
};

/* A kept page of a file (ext2_pages.c); ino 0: empty. */
#define EXT2_PAGES	16	/* a power of two: a page's slot is (ino + index) mod EXT2_PAGES */
struct ext2_page {
	uint32_t ino, index;
	uint8_t room[EXT2_PAGE_ROOM];
	uint8_t data[EXT2_PAGE_SIZE];
};

struct ext2_file {
	uint32_t ino;		/* 0: the slot is free */
	int flags;
	uint64_t pos;
};

/* Inodes whose last link went while open: freed at their last close. */
struct ext2_fs {
	struct ext2_dev dev;
	struct ext2_super sb;
	struct ext2_group *groups;
	uint32_t ngroups, gdt_blocks;
	uint32_t block_size, sectors_per_block, ptrs;	/* ptrs: block numbers per block */
	uint32_t block_shift, ptr_shift;	/* log2 of block_size and ptrs: 64-bit
						 * offsets are shifted, never divided */
	uint32_t inode_size;
	uint32_t itable_blocks;		/* blocks of one group's inode table */
	uint64_t max_file_blocks;	/* what 12 + ptrs + ptrs^2 + ptrs^3 can map */
	int read_only;
	int meta_dirty;			/* superblock or descriptors changed */
	struct ext2_buf cache[EXT2_CACHE_BLOCKS];
	/* Where block b was last seen: cache_hint[b % EXT2_CACHE_HINTS] is a
	 * buffer index + 1 (0: none). Only a hint: checked before use. */
	uint8_t cache_hint[EXT2_CACHE_HINTS];
	struct ext2_page *pages;	/* EXT2_PAGES of them (pages_forget) */
	uint32_t clock;
	struct ext2_file files[EXT2_FD_MAX];
	uint32_t orphans[EXT2_FD_MAX];	/* unlinked inodes still open */
	uint8_t *zero;			/* a block of zeros */
};

struct ext2_node {
	uint32_t ino;
	struct ext2_inode i;
};

/*
 * Unless a comment says otherwise, each helper below returns ERR_OK or:
 * the device's error (ERR_IO, ...) from a cache miss or write-back;
 * ERR_CORRUPT when what it read from the disk does not hold (said in the
 * log, and the filesystem is read-only from then on); ERR_READ_ONLY for
 * a change to a read-only filesystem; ERR_NO_MEMORY (malloc failed, or
 * every cache buffer pinned: a bug in the core).
 */

/* --- ext2_super.c ------------------------------------------------------ */
/* fs_corrupt - log what is wrong, turn the filesystem read-only; returns ERR_CORRUPT. */
int fs_corrupt(struct ext2_fs *fs, const char *what, uint32_t number);
/* fs_log - one line to the device's log, if it has one. */
void fs_log(struct ext2_fs *fs, const char *line);
/* fs_now - seconds for timestamps: the device's clock, or the last superblock write. */
uint32_t fs_now(struct ext2_fs *fs);
/* fs_block_ok - may a file or directory point at block b? (1 or 0) */
int fs_block_ok(struct ext2_fs *fs, uint32_t b);

/* --- ext2_cache.c ------------------------------------------------------ */
/*
 * pages_forget - drop the kept pages of inode ino: its data is about to
 * change (a write, a truncation, the inode freed). Every change to a
 * file's bytes goes through node_write, node_truncate or node_free.
 */
void pages_forget(struct ext2_fs *fs, uint32_t ino);

/* cache_init, cache_free - the buffers and the kept pages (ERR_NO_MEMORY). */
int cache_init(struct ext2_fs *fs);
void cache_free(struct ext2_fs *fs);
/* cache_get - pin block b; fresh: do not read it, start from zeros. */
int cache_get(struct ext2_fs *fs, uint32_t b, int fresh, struct ext2_buf **out);
/* cache_dirty - buf changed: write it back some time. */
void cache_dirty(struct ext2_buf *buf);
/* cache_put - unpin (NULL is fine). */
void cache_put(struct ext2_buf *buf);
/* cache_forget - drop block b from the cache without writing it (it was freed). */
void cache_forget(struct ext2_fs *fs, uint32_t b);
/* cache_flush - write every dirty buffer; the first device error. */
int cache_flush(struct ext2_fs *fs);
/* dev_read, dev_write - one whole block, past the cache; the device's error. */
int dev_read(struct ext2_fs *fs, uint32_t block, void *buf);
int dev_write(struct ext2_fs *fs, uint32_t block, const void *buf);

/* --- ext2_alloc.c ------------------------------------------------------ */
/* alloc_block - a free block, the first at or after goal's place in its group; ERR_DISK_FULL. */
int alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *b);
/* free_block - give b back (ERR_CORRUPT if it is not a data block, or already free). */
int free_block(struct ext2_fs *fs, uint32_t b);
/* alloc_inode - a free inode, in parent's group if it can; ERR_DISK_FULL. */
int alloc_inode(struct ext2_fs *fs, uint32_t parent, int is_dir, uint32_t *ino);
/* free_inode - give ino back (ERR_CORRUPT if it is already free). */
int free_inode(struct ext2_fs *fs, uint32_t ino, int was_dir);

/* --- ext2_inode.c ------------------------------------------------------ */
/* node_get - read inode ino (ERR_CORRUPT if out of range); node_put - write it back. */
int node_get(struct ext2_fs *fs, uint32_t ino, struct ext2_node *n);
int node_put(struct ext2_fs *fs, struct ext2_node *n);
/* node_size, node_set_size - the 64-bit size (the high word only for regular files). */
uint64_t node_size(const struct ext2_node *n);
void node_set_size(struct ext2_node *n, uint64_t size);
/*
 * node_bmap - the disk block of file block lblk in *b; 0 for a hole, or
 * with alloc a new zeroed block (and indirect blocks on the way; the
 * caller writes n back). ERR_FILE_TOO_LARGE past the triple-indirect
 * range, ERR_DISK_FULL.
 */
int node_bmap(struct ext2_fs *fs, struct ext2_node *n, uint64_t lblk, int alloc, uint32_t *b);
/* node_truncate - set n's size, freeing every block past it; writes n. ERR_FILE_TOO_LARGE. */
int node_truncate(struct ext2_fs *fs, struct ext2_node *n, uint64_t size);
/* node_read - up to len bytes at pos (holes as zeros); *got is 0 at the end. */
int node_read(struct ext2_fs *fs, struct ext2_node *n, uint64_t pos, void *buf, uint32_t len,
	      uint32_t *got);
/*
 * node_write - len bytes at pos, growing n; writes n. *put short of len
 * (with ERR_OK) when the disk filled part way; ERR_DISK_FULL if nothing
 * fit; ERR_FILE_TOO_LARGE.
 */
int node_write(struct ext2_fs *fs, struct ext2_node *n, uint64_t pos, const void *buf,
	       uint32_t len, uint32_t *put);
/* node_drop_link - one link fewer; frees the inode when no link or descriptor holds it. */
int node_drop_link(struct ext2_fs *fs, struct ext2_node *n);
/* node_is_open - does a descriptor hold ino? (1 or 0) */
int node_is_open(struct ext2_fs *fs, uint32_t ino);
/* node_free - free n's blocks and n itself (dtime set). */
int node_free(struct ext2_fs *fs, struct ext2_node *n);

/* --- ext2_dir.c -------------------------------------------------------- */
/* dir_lookup - the inode name[0..len) names in dir; ERR_NOT_FOUND. */
int dir_lookup(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len,
	       uint32_t *ino);
/* dir_add - a new entry (the caller made sure the name is not there); writes dir. ERR_DISK_FULL. */
int dir_add(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len,
	    uint32_t ino, uint32_t type);
/* dir_remove - remove the entry name; writes dir. ERR_NOT_FOUND. */
int dir_remove(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len);
/* dir_set - point the existing entry name at ino (rename over, ".."); writes dir. ERR_NOT_FOUND. */
int dir_set(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len,
	    uint32_t ino, uint32_t type);
/* dir_is_empty - ERR_OK if dir has only "." and ".."; ERR_NOT_EMPTY. */
int dir_is_empty(struct ext2_fs *fs, struct ext2_node *dir);
/* dir_next - the entry at byte *pos or after it, *pos moved past it; name "" at the end. */
int dir_next(struct ext2_fs *fs, struct ext2_node *dir, uint64_t *pos, struct ext2_dirent *d);
/* mode_to_ft - the directory entry type of an inode mode. */
uint32_t mode_to_ft(uint32_t mode);

/* --- ext2_file.c ------------------------------------------------------- */
/* file_create - a fresh inode of mode (type and bits), linked as name in dir. ERR_DISK_FULL. */
int file_create(struct ext2_fs *fs, struct ext2_node *dir, const char *name, uint32_t len,
		uint32_t mode, struct ext2_node *n);

/* --- ext2_path.c ------------------------------------------------------- */
/*
 * path_walk - the inode path names (follow: a final symbolic link too).
 * ERR_BAD_ARGUMENT (empty), ERR_NOT_FOUND, ERR_NOT_DIR, ERR_NAME_TOO_LONG,
 * ERR_SYMLINK_LOOP.
 */
int path_walk(struct ext2_fs *fs, const char *path, int follow, struct ext2_node *out);
/*
 * path_parent - the directory that would hold path's last component,
 * and that component (name, len). ERR_BAD_ARGUMENT if there is none
 * ("/", ""); otherwise as path_walk.
 */
int path_parent(struct ext2_fs *fs, const char *path, struct ext2_node *dir,
		const char **name, uint32_t *len);
/* link_target - the symbolic link n's target as a new (malloc) NUL-terminated string. */
int link_target(struct ext2_fs *fs, struct ext2_node *n, char **out);

#endif /* SERVERS_FS_EXT2_FS_H */
