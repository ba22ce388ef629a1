/*
 * <sys/stat.h> - what a file is: stat, lstat, fstat, and mkdir.
 * The mode's type bits are ext2's (S_IFREG, S_IFDIR, S_IFLNK).
 * user/lib/file.c, user/lib/fsname.c; docs/libc.md.
 */
#ifndef USER_LIB_INCLUDE_SYS_STAT_H
#define USER_LIB_INCLUDE_SYS_STAT_H

#include <stdint.h>

typedef long long off_t;

#define S_IFMT		0xf000
#define S_IFIFO		0x1000
#define S_IFCHR		0x2000
#define S_IFDIR		0x4000
#define S_IFREG		0x8000
#define S_IFLNK		0xa000
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)

struct stat {
	uint32_t st_ino;	/* inode number (0 for objects that are not files) */
	uint32_t st_mode;	/* type and permission bits */
	uint32_t st_nlink;	/* hard links */
	off_t st_size;		/* bytes */
	uint32_t st_blocks;	/* 512-byte units in use */
	uint32_t st_mtime;	/* last change, seconds since 1970 (0: unknown) */
};

/*
 * stat / lstat - what path is (lstat: a final symbolic link itself).
 * Returns 0, or -1 with errno: ERR_NOT_FOUND, ERR_NOT_DIR,
 * ERR_NAME_TOO_LONG, ERR_SYMLINK_LOOP, ERR_BAD_ARGUMENT (empty path),
 * ERR_CORRUPT, ERR_IO.
 */
int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);

/*
 * fstat - what descriptor fd stands for. A file of the filesystem gets
 * everything; another object (the console: S_IFCHR, a pipe: S_IFIFO) its
 * type and size. Returns 0, or -1 with errno ERR_BAD_FD, or the server's
 * error.
 */
int fstat(int fd, struct stat *st);

/*
 * mkdir - make directory path with permission bits mode. Returns 0, or -1
 * with errno: ERR_EXISTS, ERR_NOT_FOUND (no parent), ERR_NOT_DIR,
 * ERR_NAME_TOO_LONG, ERR_TOO_MANY_LINKS, ERR_READ_ONLY, ERR_DISK_FULL,
 * ERR_SYMLINK_LOOP, ERR_BAD_ARGUMENT ("/", "." or ".."), ERR_CORRUPT, ERR_IO.
 */
int mkdir(const char *path, uint32_t mode);

/* chmod - set path's permission bits. 0, or -1 with errno: ERR_READ_ONLY and stat's errors. */
int chmod(const char *path, uint32_t mode);

#endif /* USER_LIB_INCLUDE_SYS_STAT_H */
