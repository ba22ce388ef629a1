/*
 * ext2_disk.h - ext2 revision 1 as it lies on the disk: the superblock,
 * the block group descriptors, inodes and directory entries, and the
 * numbers that go with them. Everything is little-endian; so are the
 * i386 guest and the x86 host the tests run on, so the structures are
 * read and written as they are. docs/filesystem.md draws the layout.
 */
#ifndef SERVERS_FS_EXT2_DISK_H
#define SERVERS_FS_EXT2_DISK_H

#include <stddef.h>
#include <stdint.h>

#define EXT2_MAGIC		0xef53
#define EXT2_SUPER_OFFSET	1024	/* bytes from the start of the disk */
#define EXT2_SUPER_SIZE		1024
#define EXT2_DYNAMIC_REV	1
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_VALID_FS		1	/* s_state: cleanly unmounted */

/* Reserved inodes. */
#define EXT2_ROOT_INO		2

/* Features we know. Any other incompat feature: we cannot read the disk. */
#define EXT2_FEATURE_INCOMPAT_FILETYPE	0x0002
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE 0x0002
#define EXT2_INCOMPAT_KNOWN	EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_KNOWN	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
				 EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

struct ext2_super {
	uint32_t s_inodes_count;
	uint32_t s_blocks_count;
	uint32_t s_r_blocks_count;
	uint32_t s_free_blocks_count;
	uint32_t s_free_inodes_count;
	uint32_t s_first_data_block;
	uint32_t s_log_block_size;	/* block size = 1024 << this */
	uint32_t s_log_frag_size;
	uint32_t s_blocks_per_group;
	uint32_t s_frags_per_group;
	uint32_t s_inodes_per_group;
	uint32_t s_mtime;
	uint32_t s_wtime;
	uint16_t s_mnt_count;
	uint16_t s_max_mnt_count;
	uint16_t s_magic;
	uint16_t s_state;
	uint16_t s_errors;
	uint16_t s_minor_rev_level;
	uint32_t s_lastcheck;
	uint32_t s_checkinterval;
	uint32_t s_creator_os;
	uint32_t s_rev_level;
	uint16_t s_def_resuid;
	uint16_t s_def_resgid;
	uint32_t s_first_ino;		/* first inode a file may have */
	uint16_t s_inode_size;
	uint16_t s_block_group_nr;
	uint32_t s_feature_compat;
	uint32_t s_feature_incompat;
	uint32_t s_feature_ro_compat;
	uint8_t s_rest[EXT2_SUPER_SIZE - 104];
};
_Static_assert(sizeof(struct ext2_super) == EXT2_SUPER_SIZE, "superblock is 1 KiB");

struct ext2_group {
	uint32_t bg_block_bitmap;
	uint32_t bg_inode_bitmap;
	uint32_t bg_inode_table;
	uint16_t bg_free_blocks_count;
	uint16_t bg_free_inodes_count;
	uint16_t bg_used_dirs_count;
	uint16_t bg_pad;
	uint32_t bg_reserved[3];
};
_Static_assert(sizeof(struct ext2_group) == 32, "group descriptor is 32 bytes");

/* i_block: 12 direct blocks, then single, double and triple indirect. */
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15

struct ext2_inode {
	uint16_t i_mode;
	uint16_t i_uid;
	uint32_t i_size;		/* low 32 bits */
	uint32_t i_atime;
	uint32_t i_ctime;
	uint32_t i_mtime;
	uint32_t i_dtime;		/* when deleted; 0 while in use */
	uint16_t i_gid;
	uint16_t i_links_count;
	uint32_t i_blocks;		/* 512-byte units, data and indirect blocks */
	uint32_t i_flags;
	uint32_t i_osd1;
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_generation;
	uint32_t i_file_acl;
	uint32_t i_size_high;		/* regular files: high 32 bits of the size */
	uint32_t i_faddr;
	uint8_t i_osd2[12];
	/* With 256-byte inodes, more follows: */
	uint16_t i_extra_isize;
	uint16_t i_checksum_hi;
	uint8_t i_extra_rest[124];
};
#define EXT2_INODE_CORE	(offsetof(struct ext2_inode, i_extra_isize))
_Static_assert(sizeof(struct ext2_inode) == 256, "inode image is 256 bytes");

#define EXT2_INDEX_FL		0x00001000	/* hashed directory index (we do not keep it) */
#define EXT2_LINK_MAX		32000

/* i_mode: the type (high bits) and the permission bits. */
#define EXT2_S_IFMT		0xf000
#define EXT2_S_IFIFO		0x1000
#define EXT2_S_IFCHR		0x2000
#define EXT2_S_IFDIR		0x4000
#define EXT2_S_IFBLK		0x6000
#define EXT2_S_IFREG		0x8000
#define EXT2_S_IFLNK		0xa000
#define EXT2_S_IFSOCK		0xc000

/* A directory entry: rec_len covers it and the free room after it. */
struct ext2_dirent_disk {
	uint32_t inode;			/* 0: unused */
	uint16_t rec_len;
	uint8_t name_len;
	uint8_t file_type;
	char name[];
};
#define EXT2_DIRENT_HEAD	8
#define EXT2_NAME_LEN		255
#define EXT2_DIRENT_LEN(n)	((EXT2_DIRENT_HEAD + (n) + 3) & ~3u)

/* file_type values. */
#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7

/* A symbolic link shorter than this lives in i_block itself (a fast link). */
#define EXT2_FAST_LINK_MAX	(EXT2_N_BLOCKS * 4)

#endif /* SERVERS_FS_EXT2_DISK_H */
