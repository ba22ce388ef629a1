/*
 * corrupt_test.c - the ext2 core facing damaged disks. Each case spoils
 * one thing in a fresh image made by mke2fs -d (a superblock field, a
 * group descriptor, a block pointer, a directory entry, a size) and
 * checks that the damage is refused at mount, or met later with
 * ERR_CORRUPT and a read-only filesystem, with a line in the log saying
 * what was wrong; then thousands of random bytes flipped in the metadata,
 * with the whole tree walked each time: no crash, no hang, no sanitizer
 * report.
 */
#include <stdlib.h>
#include <unistd.h>
#include "tests/fs/fstest.h"
#include "servers/fs/ext2/ext2_disk.h"

static struct fsimg img;
static struct ext2_fs *fs;

static struct ext2_super *
sb(void)
{
	return (struct ext2_super *)(img.data + EXT2_SUPER_OFFSET);
}

static uint32_t
bsize(void)
{
	return 1024u << sb()->s_log_block_size;
}

static uint8_t *
block(uint32_t b)
{
	return img.data + (size_t)b * bsize();
}

static struct ext2_group *
group(uint32_t g)
{
	return (struct ext2_group *)block(sb()->s_first_data_block + 1) + g;
}

static struct ext2_inode *
inode(uint32_t ino)
{
	uint32_t ipg = sb()->s_inodes_per_group, isz = sb()->s_inode_size;
	uint32_t byte = ((ino - 1) % ipg) * isz;

	return (struct ext2_inode *)(block(group((ino - 1) / ipg)->bg_inode_table) + byte);
}

/* The inode number of path (not following a last link), or 0. */
static uint32_t
ino_of(const char *path)
{
	struct ext2_fs *f;
	struct ext2_stat st;
	uint32_t ino = 0;

	if (fsimg_mount(&img, 1, &f) != ERR_OK)
		return 0;
	if (ext2_lstat(f, path, &st) == ERR_OK)
		ino = st.ino;
	ext2_unmount(f);
	return ino;
}

/* The superblock changes that mount must refuse. */
enum spoil { MAGIC, REV0, BLOCK_SIZE, BPG_ZERO, IPG_ZERO, INODES_COUNT, BLOCKS_COUNT,
	     FIRST_DATA, INODE_SIZE_SMALL, INODE_SIZE_HUGE, FIRST_INO, INCOMPAT, TABLE_PAST_END,
	     FREE_TOO_MANY, SPOIL_COUNT };

static void
spoil(enum spoil s)
{
	struct ext2_super *p = sb();

	switch (s) {
	case MAGIC: p->s_magic = 0x1234; break;
	case REV0: p->s_rev_level = 0; break;
	case BLOCK_SIZE: p->s_log_block_size = 7; break;
	case BPG_ZERO: p->s_blocks_per_group = 0; break;
	case IPG_ZERO: p->s_inodes_per_group = 0; break;
	case INODES_COUNT: p->s_inodes_count += 1; break;
	case BLOCKS_COUNT: p->s_blocks_count = 0xfffffff0u; break;
	case FIRST_DATA: p->s_first_data_block = 0; break;
	case INODE_SIZE_SMALL: p->s_inode_size = 100; break;
	case INODE_SIZE_HUGE: p->s_inode_size = 8192; break;
	case FIRST_INO: p->s_first_ino = 1; break;
	case INCOMPAT: p->s_feature_incompat |= 0x40; break;	/* extents */
	case TABLE_PAST_END: group(0)->bg_inode_table = p->s_blocks_count - 2; break;
	case FREE_TOO_MANY: p->s_free_blocks_count = p->s_blocks_count + 1; break;
	case SPOIL_COUNT: break;
	}
}

static int
bad_superblocks_refused(void)
{
	for (int s = 0; s < SPOIL_COUNT; s++) {
		EXPECT(0, fsimg_make(&img, 8, 1024));
		spoil((enum spoil)s);
		fs = NULL;
		int err = fsimg_mount(&img, 0, &fs);
		if (err != ERR_CORRUPT) {
			snprintf(check_why, sizeof check_why, "spoil %d: mount gave %s", s,
				 error_string(err));
			return 0;
		}
		EXPECT_TRUE(fs == NULL);
		EXPECT_TRUE(strstr(img.log, "cannot mount") != NULL);
		fsimg_free(&img);
	}
	EXPECT(0, fsimg_make(&img, 8, 1024));
	img.dev.sectors = 100;			/* a device smaller than the filesystem */
	EXPECT_ERR(ERR_CORRUPT, fsimg_mount(&img, 0, &fs));
	fsimg_free(&img);
	return 1;
}

static int
unknown_ro_feature_or_unclean_mounts_read_only(void)
{
	struct ext2_statfs st;
	char buf[32];
	int fd;
	uint32_t n;

	for (int k = 0; k < 2; k++) {
		EXPECT(0, fsimg_make(&img, 8, 1024));
		if (k == 0)
			sb()->s_feature_ro_compat |= 0x0400;	/* metadata checksums */
		else
			sb()->s_state &= ~EXT2_VALID_FS;
		EXPECT_OK(fsimg_mount(&img, 0, &fs));
		EXPECT_TRUE(strstr(img.log, "read-only") != NULL);
		EXPECT_OK(ext2_statfs(fs, &st));
		EXPECT(1, st.read_only);
		EXPECT_OK(ext2_open(fs, "/hello.txt", EXT2_O_RDONLY, 0, &fd));
		EXPECT_OK(ext2_read(fs, fd, buf, sizeof(buf), &n));
		EXPECT(12, n);
		EXPECT_OK(ext2_close(fs, fd));
		EXPECT_ERR(ERR_READ_ONLY, ext2_mkdir(fs, "/x", 0755));
		EXPECT_OK(ext2_unmount(fs));
		fsimg_free(&img);
	}
	return 1;
}

/* Open path and read n bytes at off: the error. */
static int
read_at(const char *path, uint64_t off, uint32_t n)
{
	static char buf[8192];
	uint64_t pos;
	uint32_t got;
	int fd, err;

	if ((err = ext2_open(fs, path, EXT2_O_RDONLY, 0, &fd)) != ERR_OK)
		return err;
	if ((err = ext2_seek(fs, fd, (int64_t)off, EXT2_SEEK_SET, &pos)) == ERR_OK)
		err = ext2_read(fs, fd, buf, n, &got);
	ext2_close(fs, fd);
	return err;
}

/* After corruption was met: a line about it, and no more writing. */
#define EXPECT_NOW_READ_ONLY() do {					\
	struct ext2_statfs sf_;						\
	EXPECT_TRUE(strstr(img.log, "corrupt") != NULL);		\
	EXPECT_OK(ext2_statfs(fs, &sf_));				\
	EXPECT(1, sf_.read_only);					\
} while (0)

static int
bad_block_pointers_refused(void)
{
	uint32_t hello, medium;

	EXPECT(0, fsimg_make(&img, 8, 1024));
	hello = ino_of("/hello.txt");
	medium = ino_of("/medium.txt");
	EXPECT_TRUE(hello && medium);
	inode(hello)->i_block[0] = sb()->s_blocks_count + 5;		/* past the end */
	EXPECT_OK(fsimg_mount(&img, 0, &fs));
	EXPECT_ERR(ERR_CORRUPT, read_at("/hello.txt", 0, 12));
	EXPECT_NOW_READ_ONLY();
	EXPECT_OK(ext2_unmount(fs));
	fsimg_free(&img);

	EXPECT(0, fsimg_make(&img, 8, 1024));
	inode(hello)->i_block[0] = group(0)->bg_inode_table + 1;	/* the inode table */
	EXPECT_OK(fsimg_mount(&img, 0, &fs));
	EXPECT_ERR(ERR_CORRUPT, read_at("/hello.txt", 0, 12));
	EXPECT_OK(ext2_unmount(fs));
	fsimg_free(&img);

	EXPECT(0, fsimg_make(&img, 8, 1024));
	memset(block(inode(medium)->i_block[EXT2_IND_BLOCK]), 0xff, bsize());
	EXPECT_OK(fsimg_mount(&img, 0, &fs));
	EXPECT_OK(read_at("/medium.txt", 0, 4096));			/* direct blocks fine */
	EXPECT_ERR(ERR_CORRUPT, read_at("/medium.txt", 20 * 1024, 100));
	EXPECT_NOW_READ_ONLY();
	EXPECT_OK(ext2_unmount(fs));
	fsimg_free(&img);
	return 1;
}

static int
absurd_sizes_refused(void)
{
	uint32_t big, link;
	struct ext2_stat st;

	EXPECT(0, fsimg_make(&img, 8, 1024));
	big = ino_of("/big.bin");
	link = ino_of("/link");
	inode(big)->i_size_high = 0xffffffffu;		/* ~16 EiB */
	inode(link)->i_size = 5000;			/* a link longer than a block */
	inode(EXT2_ROOT_INO + 0)->i_size += 0;
	EXPECT_OK(fsimg_mount(&img, 0, &fs));
	EXPECT_ERR(ERR_CORRUPT, read_at("/big.bin", 0, 10));
	EXPECT_ERR(ERR_CORRUPT, ext2_stat(fs, "/link", &st));
	EXPECT_NOW_READ_ONLY();
	EXPECT_OK(ext2_unmount(fs));
	fsimg_free(&img);

	EXPECT(0, fsimg_make(&img, 8, 1024));
	inode(EXT2_ROOT_INO)->i_size = 1000;		/* not whole blocks */
	EXPECT_OK(fsimg_mount(&img, 0, &fs));
	EXPECT_ERR(ERR_CORRUPT, ext2_stat(fs, "/hello.txt", &st));
	EXPECT_OK(ext2_unmount(fs));
	fsimg_free(&img);
	return 1;
}

/* The entry named name in the root directory's first block. */
static struct ext2_dirent_disk *
root_entry(const char *name)
{
	uint8_t *b = block(inode(EXT2_ROOT_INO)->i_block[0]);

	for (uint32_t off = 0; off < bsize();) {
		struct ext2_dirent_disk *e = (struct ext2_dirent_disk *)(b + off);
		if (e->rec_len < 8)
			return NULL;
		if (e->name_len == strlen(name) && memcmp(e->name, name, e->name_len) == 0)
			return e;
		off += e->rec_len;
	}
	return NULL;
}

static int
broken_directory_entries_refused(void)
{
	struct ext2_stat st;
	struct ext2_dirent d;
	struct ext2_dirent_disk *e;
	int fd, err = ERR_OK;

	for (int k = 0; k < 4; k++) {
		EXPECT(0, fsimg_make(&img, 8, 1024));
		e = root_entry("hello.txt");
		EXPECT_TRUE(e != NULL);
		if (k == 0)
			e->rec_len = 0;				/* would loop for ever */
		else if (k == 1)
			e->rec_len = 4000;			/* past the block */
		else if (k == 2)
			e->inode = sb()->s_inodes_count + 7;	/* no such inode */
		else
			e->inode = sb()->s_inodes_count - 3;	/* a free inode */
		EXPECT_OK(fsimg_mount(&img, 0, &fs));
		EXPECT_ERR(ERR_CORRUPT, ext2_stat(fs, "/hello.txt", &st));
		if (k < 2) {
			EXPECT_OK(ext2_open(fs, "/", EXT2_O_RDONLY, 0, &fd));
			for (int i = 0; i < 100; i++)
				if ((err = ext2_readdir(fs, fd, &d)) != ERR_OK || d.name[0] == 0)
					break;
			EXPECT_ERR(ERR_CORRUPT, err);
			EXPECT_OK(ext2_close(fs, fd));
		}
		EXPECT_NOW_READ_ONLY();
		EXPECT_OK(ext2_unmount(fs));
		fsimg_free(&img);
	}
	return 1;
}

static int
loops_end(void)
{
	struct ext2_stat st;
	uint32_t sub, dir;
	int fd;

	EXPECT(0, fsimg_make(&img, 8, 1024));
	sub = ino_of("/dir/sub");
	dir = ino_of("/dir");
	EXPECT_TRUE(sub && dir);
	/* sub's ".." names sub itself: a loop of directories. */
	struct ext2_dirent_disk *dd = (struct ext2_dirent_disk *)(block(inode(sub)->i_block[0]) + 12);
	EXPECT(2, dd->name_len);
	dd->inode = sub;
	EXPECT_OK(fsimg_mount(&img, 0, &fs));
	EXPECT_OK(ext2_stat(fs, "/dir/sub/../../../..", &st));
	EXPECT(sub, st.ino);
	EXPECT_ERR(ERR_CORRUPT, ext2_rename(fs, "/empty", "/dir/sub/x"));
	EXPECT_TRUE(strstr(img.log, "loop") != NULL);
	EXPECT_OK(ext2_unmount(fs));
	fsimg_free(&img);

	/* A link to itself, made by us and found again after a remount. */
	EXPECT(0, fsimg_make(&img, 8, 1024));
	EXPECT_OK(fsimg_mount(&img, 0, &fs));
	EXPECT_OK(ext2_symlink(fs, "/self", "/self"));
	EXPECT_OK(ext2_unmount(fs));
	EXPECT_OK(fsimg_mount(&img, 0, &fs));
	EXPECT_ERR(ERR_SYMLINK_LOOP, ext2_open(fs, "/self", EXT2_O_RDONLY, 0, &fd));
	EXPECT_ERR(ERR_SYMLINK_LOOP, ext2_stat(fs, "/self/a/b", &st));
	EXPECT_OK(ext2_unmount(fs));
	EXPECT_FSCK(&img);
	fsimg_free(&img);
	return 1;
}

static int
fsck_notices_damage(void)
{
	char why[256];

	EXPECT(0, fsimg_make(&img, 8, 1024));
	EXPECT_FSCK(&img);
	inode(ino_of("/medium.txt"))->i_links_count = 5;
	EXPECT(0, fsimg_fsck(&img, why, sizeof(why)));
	fsimg_free(&img);
	return 1;
}

static unsigned
rnd(void)
{
	static unsigned long long x = 0x9e3779b97f4a7c15ull;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (unsigned)(x >> 11);
}

/* Visit everything under path (depth, entries bounded), reading files and links. */
static void
walk(const char *path, int depth, uint32_t *visited)
{
	struct ext2_dirent d;
	struct ext2_stat st;
	char child[600], buf[2048];
	uint32_t got;
	int fd;

	if (depth > 6 || *visited > 3000)
		return;
	(*visited)++;
	if (ext2_lstat(fs, path, &st) != ERR_OK)
		return;
	if ((st.mode & EXT2_S_IFMT) == EXT2_S_IFLNK) {
		ext2_readlink(fs, path, buf, sizeof(buf));
		ext2_stat(fs, path, &st);
		return;
	}
	if (ext2_open(fs, path, EXT2_O_RDONLY, 0, &fd) != ERR_OK)
		return;
	if ((st.mode & EXT2_S_IFMT) != EXT2_S_IFDIR) {
		ext2_read(fs, fd, buf, sizeof(buf), &got);
		ext2_close(fs, fd);
		return;
	}
	for (int i = 0; i < 64 && ext2_readdir(fs, fd, &d) == ERR_OK && d.name[0]; i++) {
		if (strcmp(d.name, ".") == 0 || strcmp(d.name, "..") == 0)
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, d.name);
		walk(child, depth + 1, visited);
	}
	ext2_close(fs, fd);
}

/* Where damage hurts: the superblock, the descriptors, the first inodes, the directories. */
struct region {
	uint8_t *at;
	uint32_t len;
};

static int
damage_regions(struct region *r)
{
	uint32_t dirs[3] = { EXT2_ROOT_INO, ino_of("/dir"), ino_of("/dir/sub") };
	uint32_t medium = ino_of("/medium.txt");
	int n = 0;

	r[n++] = (struct region){ (uint8_t *)sb(), 104 };
	r[n++] = (struct region){ (uint8_t *)group(0), 32 };
	r[n++] = (struct region){ (uint8_t *)inode(1), 40 * sb()->s_inode_size };
	for (int i = 0; i < 3; i++)
		r[n++] = (struct region){ block(inode(dirs[i])->i_block[0]), bsize() };
	r[n++] = (struct region){ block(inode(medium)->i_block[EXT2_IND_BLOCK]), bsize() };
	return n;
}

static int
random_damage_never_crashes(void)
{
	int mounted = 0, rounds = 600;
	uint32_t visited = 0;
	struct region reg[8];

	for (int r = 0; r < rounds; r++) {
		EXPECT(0, fsimg_make(&img, 8, 1024));
		int nreg = damage_regions(reg);
		int flips = 1 + rnd() % 12;
		for (int i = 0; i < flips; i++) {
			struct region *g = &reg[rnd() % nreg];
			uint32_t at = rnd() % g->len;
			if (rnd() % 3 == 0)
				g->at[at] = (uint8_t)rnd();		/* any byte */
			else
				g->at[at] ^= (uint8_t)(1u << (rnd() % 8));
		}
		if (fsimg_mount(&img, 0, &fs) == ERR_OK) {
			int fd;
			uint32_t n, seen = 0;
			mounted++;
			walk("/", 0, &seen);
			if (ext2_open(fs, "/newfile", EXT2_O_RDWR | EXT2_O_CREAT, 0644, &fd) == ERR_OK) {
				ext2_write(fs, fd, "data", 4, &n);
				ext2_close(fs, fd);
			}
			ext2_mkdir(fs, "/newdir", 0755);
			ext2_mkdir(fs, "/dir/sub/newdir", 0755);
			ext2_unlink(fs, "/hello.txt");
			ext2_rename(fs, "/dir", "/empty");
			ext2_rename(fs, "/medium.txt", "/dir/sub/m");
			ext2_truncate(fs, "/medium.txt", 10);
			ext2_symlink(fs, "/dir/sub/leaf.txt", "/dir/l");
			walk("/", 0, &seen);
			ext2_unmount(fs);
			visited += seen;
		}
		fsimg_free(&img);
	}
	snprintf(check_why, sizeof check_why, "%d rounds, %d mounted, %u paths visited",
		 rounds, mounted, visited);
	return 1;
}

int
main(void)
{
	alarm(120);	/* a loop the core failed to bound ends the suite, not make test */
	RUN(bad_superblocks_refused);
	RUN(unknown_ro_feature_or_unclean_mounts_read_only);
	RUN(bad_block_pointers_refused);
	RUN(absurd_sizes_refused);
	RUN(broken_directory_entries_refused);
	RUN(loops_end);
	RUN(fsck_notices_damage);
	RUN(random_damage_never_crashes);
	fsimg_cleanup();
	return check_done();
}
