/*
 * ext2.h - the ext2 filesystem core: a library that reads and writes an
 * ext2 revision 1 filesystem through a block-device callback, with no
 * IPC in it. The fs server (servers/fs) links it over the ATA driver;
 * the host tests (tests/fs) link it over an image file and compare what
 * it does with e2fsck -fn. docs/filesystem.md.
 *
 * It never trusts the disk: a superblock it cannot follow is refused at
 * mount, features it does not keep force a read-only mount, and bad
 * block or inode numbers, absurd sizes and broken directories met later
 * are ERR_CORRUPT (and the filesystem turns read-only), never a crash.
 * Every call returns ERR_OK or an error code from harbor/error.h.
 *
 * Paths are absolute or relative to the root ("a/b" = "/a/b"); "." and
 * ".." work, empty components are skipped. Symbolic links are followed
 * in every component and, except where a call says otherwise, at the end,
 * EXT2_SYMLINK_DEPTH at most.
 */
#ifndef SERVERS_FS_EXT2_EXT2_H
#define SERVERS_FS_EXT2_EXT2_H

#include <stdint.h>

/* The block device the filesystem lives on: 512-byte sectors. */
struct ext2_dev {
	void *ctx;
	uint32_t sectors;	/* the device's size */
	/* Move count sectors; return ERR_OK or an error (ERR_IO, ...). */
	int (*read)(void *ctx, uint32_t sector, uint32_t count, void *buf);
	int (*write)(void *ctx, uint32_t sector, uint32_t count, const void *buf);
	/* Seconds since 1970 for timestamps; NULL: keep the superblock's last write time. */
	uint32_t (*now)(void *ctx);
	/* Where the filesystem's complaints go (one line each, no newline); may be NULL. */
	void (*log)(void *ctx, const char *line);
};

struct ext2_fs;

#define EXT2_SYMLINK_DEPTH	8
#define EXT2_FD_MAX		1024	/* open files, all clients of the fs server together */
#define EXT2_CACHE_BLOCKS	64

/* ext2_open flags (any one access mode, then options). */
#define EXT2_O_RDONLY	0x0
#define EXT2_O_WRONLY	0x1
#define EXT2_O_RDWR	0x2
#define EXT2_O_ACCMODE	0x3
#define EXT2_O_CREAT	0x40
#define EXT2_O_EXCL	0x80
#define EXT2_O_TRUNC	0x200
#define EXT2_O_APPEND	0x400

#define EXT2_SEEK_SET	0
#define EXT2_SEEK_CUR	1
#define EXT2_SEEK_END	2

/* What stat says of an inode. mode has the type bits of ext2_disk.h. */
struct ext2_stat {
	uint32_t ino;
	uint32_t mode;
	uint32_t links;
	uint32_t uid, gid;
	uint64_t size;
	uint32_t blocks;	/* 512-byte units in use, data and indirect */
	uint32_t atime, mtime, ctime;
};

struct ext2_dirent {
	uint32_t ino;
	uint32_t type;		/* EXT2_FT_* */
	char name[256];
};

struct ext2_statfs {
	uint32_t block_size;
	uint32_t blocks, free_blocks;
	uint32_t inodes, free_inodes;
	int read_only;
};

/*
 * ext2_mount - check dev's superblock and group descriptors and start
 * serving it; read_only asks for a read-only mount. A disk with a
 * read-only-compatible feature we do not keep (or not cleanly unmounted)
 * is mounted read-only anyway, with a line to dev->log saying why.
 * Returns ERR_OK with *out; ERR_CORRUPT (not ext2, not revision 1, a
 * feature we cannot read, numbers that do not add up: said in dev->log),
 * ERR_IO or the device's error, ERR_NO_MEMORY.
 */
int ext2_mount(const struct ext2_dev *dev, int read_only, struct ext2_fs **out);

/*
 * ext2_unmount - sync (ext2_sync's errors), then free everything, also
 * when the sync failed. Open descriptors are closed.
 */
int ext2_unmount(struct ext2_fs *fs);

/*
 * ext2_sync - write every dirty cached block, the group descriptors and
 * the superblock. Returns ERR_OK or the device's error (ERR_IO, ...).
 */
int ext2_sync(struct ext2_fs *fs);

/*
 * ext2_dirty - is anything waiting to be written back: a changed cached
 * block, or the superblock and group descriptors? 1 or 0 (no errors). It
 * only reads flags, so another thread may ask while the core is at work
 * (fs's periodic sync does: servers/fs/sync.c); the answer may then miss
 * the change being made, which the next call sees.
 */
int ext2_dirty(const struct ext2_fs *fs);

/* ext2_statfs - sizes and free counts. Always ERR_OK. */
int ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *st);

/*
 * ext2_open - open path with flags (EXT2_O_*); a created file gets the
 * permission bits of mode (& 07777). Directories open read-only only
 * (for ext2_readdir). The owner's r and w bits are checked against the
 * access asked for. Returns ERR_OK with *fd, or ERR_NOT_FOUND (no such
 * file and no EXT2_O_CREAT, or a missing directory on the way),
 * ERR_EXISTS (EXT2_O_CREAT|EXT2_O_EXCL on an existing name), ERR_NOT_DIR,
 * ERR_IS_DIR (a directory opened for writing), ERR_DENIED (mode bits),
 * ERR_NAME_TOO_LONG, ERR_SYMLINK_LOOP, ERR_READ_ONLY, ERR_DISK_FULL,
 * ERR_NO_SPACE (no free descriptor), ERR_BAD_ARGUMENT (bad flags, empty
 * path), ERR_CORRUPT, ERR_IO, ERR_BAD_OPERATION (a FIFO node: see
 * ext2_fifo_lookup).
 */
int ext2_open(struct ext2_fs *fs, const char *path, int flags, uint32_t mode, int *fd);

/* ext2_close - close fd. ERR_BAD_FD if it is not open. */
int ext2_close(struct ext2_fs *fs, int fd);

/*
 * ext2_read - read up to n bytes at fd's offset into buf; *got is 0 at
 * the end of the file. Holes read as zeros. ERR_BAD_FD (not open, or not
 * for reading), ERR_IS_DIR, ERR_CORRUPT, ERR_IO.
 */
int ext2_read(struct ext2_fs *fs, int fd, void *buf, uint32_t n, uint32_t *got);

/*
 * Whole pages of files, kept for reads (ext2_pages.c): the fs server
 * answers a 4 KiB read straight from one, with the reply's header written
 * in the EXT2_PAGE_ROOM bytes the page keeps free in front of its data.
 */
#define EXT2_PAGE_SIZE	4096u
#define EXT2_PAGE_ROOM	32u

/*
 * ext2_read_page - when fd's offset is a multiple of EXT2_PAGE_SIZE in a
 * regular file with a whole page from there, fd open for reading: the
 * page's data (kept, and read in on a miss), its offset moved past it;
 * the EXT2_PAGE_ROOM bytes before it are the caller's until its next call
 * into the core. Otherwise NULL, and nothing has changed: the caller
 * reads with ext2_read (which also reports every error).
 */
uint8_t *ext2_read_page(struct ext2_fs *fs, int fd);

/*
 * ext2_write - write n bytes from buf at fd's offset (at the end with
 * EXT2_O_APPEND), growing the file. *put may be less than n when the
 * disk filled up part way. ERR_BAD_FD, ERR_READ_ONLY, ERR_DISK_FULL
 * (nothing written), ERR_FILE_TOO_LARGE, ERR_CORRUPT, ERR_IO.
 */
int ext2_write(struct ext2_fs *fs, int fd, const void *buf, uint32_t n, uint32_t *put);

/*
 * ext2_seek - move fd's offset (EXT2_SEEK_SET/CUR/END); the new offset
 * in *pos. Seeking past the end is fine (a write there leaves a hole).
 * ERR_BAD_FD, ERR_BAD_ARGUMENT (bad whence, or a negative result).
 */
int ext2_seek(struct ext2_fs *fs, int fd, int64_t off, int whence, uint64_t *pos);

/* ext2_fstat - stat of fd's inode. ERR_BAD_FD, ERR_CORRUPT, ERR_IO. */
int ext2_fstat(struct ext2_fs *fs, int fd, struct ext2_stat *st);

/*
 * ext2_stat / ext2_lstat - stat of path (lstat: of a final symbolic link
 * itself). Errors as ext2_open's lookups: ERR_NOT_FOUND, ERR_NOT_DIR,
 * ERR_NAME_TOO_LONG, ERR_SYMLINK_LOOP, ERR_BAD_ARGUMENT, ERR_CORRUPT, ERR_IO.
 */
int ext2_stat(struct ext2_fs *fs, const char *path, struct ext2_stat *st);
int ext2_lstat(struct ext2_fs *fs, const char *path, struct ext2_stat *st);

/*
 * ext2_readdir - the next entry of the directory open as fd ("." and
 * ".." included); ERR_OK with d->name "" at the end. ERR_BAD_FD,
 * ERR_NOT_DIR, ERR_CORRUPT (a broken entry), ERR_IO.
 */
int ext2_readdir(struct ext2_fs *fs, int fd, struct ext2_dirent *d);

/*
 * ext2_mkdir - make directory path with permission bits mode. ERR_EXISTS,
 * ERR_NOT_FOUND (parent missing), ERR_NOT_DIR, ERR_NAME_TOO_LONG,
 * ERR_TOO_MANY_LINKS (the parent has EXT2_LINK_MAX links), ERR_READ_ONLY,
 * ERR_DISK_FULL, ERR_SYMLINK_LOOP, ERR_BAD_ARGUMENT ("/", ".", ".."),
 * ERR_CORRUPT, ERR_IO.
 */
int ext2_mkdir(struct ext2_fs *fs, const char *path, uint32_t mode);

/*
 * ext2_rmdir - remove the empty directory path. ERR_NOT_EMPTY,
 * ERR_NOT_DIR, ERR_NOT_FOUND, ERR_BUSY (the root, or open),
 * ERR_BAD_ARGUMENT ("." or ".." as the last component), ERR_READ_ONLY,
 * and the lookup errors.
 */
int ext2_rmdir(struct ext2_fs *fs, const char *path);

/*
 * ext2_unlink - remove the name path (not followed if a symbolic link);
 * the inode goes when its last link and descriptor do. ERR_IS_DIR,
 * ERR_NOT_FOUND, ERR_READ_ONLY, and the lookup errors.
 */
int ext2_unlink(struct ext2_fs *fs, const char *path);

/*
 * ext2_rename - give from's inode the name to, replacing what to named
 * (a file by a non-directory; an empty directory by a directory).
 * ERR_NOT_FOUND, ERR_IS_DIR (a directory over a file... the other way:
 * ERR_NOT_DIR), ERR_NOT_EMPTY, ERR_BAD_ARGUMENT (a directory into
 * itself or below itself, "." or ".."), ERR_TOO_MANY_LINKS,
 * ERR_READ_ONLY, ERR_DISK_FULL, and the lookup errors.
 */
int ext2_rename(struct ext2_fs *fs, const char *from, const char *to);

/*
 * ext2_link - a new name to for existing's inode (not followed if a
 * symbolic link). ERR_EXISTS, ERR_IS_DIR (no hard links to
 * directories), ERR_TOO_MANY_LINKS, ERR_READ_ONLY, ERR_DISK_FULL, and the
 * lookup errors.
 */
int ext2_link(struct ext2_fs *fs, const char *existing, const char *to);

/*
 * ext2_symlink - make path a symbolic link holding target (1 to block
 * size - 1 bytes). ERR_EXISTS, ERR_NAME_TOO_LONG (target too long),
 * ERR_BAD_ARGUMENT (empty target), ERR_READ_ONLY, ERR_DISK_FULL, and the
 * lookup errors.
 */
int ext2_symlink(struct ext2_fs *fs, const char *target, const char *path);

/*
 * ext2_mkfifo - make path a FIFO node (a named pipe) with permission bits
 * mode (ext2_fifo.c). ERR_EXISTS, ERR_READ_ONLY, ERR_DISK_FULL, and the
 * lookups' errors (ERR_NOT_FOUND, ERR_NOT_DIR, ERR_NAME_TOO_LONG, ...).
 */
int ext2_mkfifo(struct ext2_fs *fs, const char *path, uint32_t mode);

/*
 * ext2_fifo_lookup - whether an open of path with flags (EXT2_O_*) is an
 * open of a FIFO node: ERR_OK with *ino its inode number (the pipe
 * server's key) when it is and flags may open it, ERR_OK with *ino 0 when
 * path is anything else (or nothing: ext2_open says what is wrong). For a
 * FIFO: ERR_EXISTS (O_CREAT|O_EXCL), ERR_BAD_ARGUMENT (O_RDWR: an end
 * reads or writes), ERR_DENIED (the permission bits). O_TRUNC and
 * O_APPEND mean nothing to a pipe. ext2_open of a FIFO node is
 * ERR_BAD_OPERATION: its bytes are the pipe server's.
 */
int ext2_fifo_lookup(struct ext2_fs *fs, const char *path, int flags, uint32_t *ino);

/*
 * ext2_readlink - the target of the symbolic link path, NUL-terminated
 * in buf (cap bytes). ERR_BAD_ARGUMENT (not a link), ERR_RANGE (cap too
 * small), and the lookup errors.
 */
int ext2_readlink(struct ext2_fs *fs, const char *path, char *buf, uint32_t cap);

/* ext2_chmod - set path's permission bits (mode & 07777). ERR_READ_ONLY and the lookup errors. */
int ext2_chmod(struct ext2_fs *fs, const char *path, uint32_t mode);

/*
 * ext2_truncate - set the regular file path's size; what lies past it
 * is freed, growing leaves a hole. ERR_IS_DIR, ERR_DENIED (no w bit),
 * ERR_FILE_TOO_LARGE, ERR_READ_ONLY, and the lookup errors.
 */
int ext2_truncate(struct ext2_fs *fs, const char *path, uint64_t size);

/* ext2_ftruncate - the same for fd (open for writing: ERR_BAD_FD otherwise). */
int ext2_ftruncate(struct ext2_fs *fs, int fd, uint64_t size);

#endif /* SERVERS_FS_EXT2_EXT2_H */
