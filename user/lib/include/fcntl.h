/*
 * <fcntl.h> - open and its flags. Files live in the filesystem server
 * (servers/fs); open asks it for the file and gives back the lowest free
 * file descriptor (user/lib/file.c). The flag values are the ext2 core's
 * (EXT2_O_*), so they pass to the server unchanged. docs/libc.md.
 */
#ifndef USER_LIB_INCLUDE_FCNTL_H
#define USER_LIB_INCLUDE_FCNTL_H

#define O_RDONLY	0x0
#define O_WRONLY	0x1
#define O_RDWR		0x2
#define O_ACCMODE	0x3
#define O_CREAT		0x40	/* make the file if it is not there (mode: its permission bits) */
#define O_EXCL		0x80	/* with O_CREAT: fail if it is there */
#define O_TRUNC		0x200	/* cut it to 0 bytes (opened for writing) */
#define O_APPEND	0x400	/* every write goes at the end */

/*
 * open - open path (relative ones from the current directory) with flags;
 * with O_CREAT the third argument (an int) is the new file's permission
 * bits. Returns the lowest free descriptor, or -1 with errno:
 * ERR_NOT_FOUND, ERR_EXISTS (O_CREAT|O_EXCL), ERR_NOT_DIR, ERR_IS_DIR (a
 * directory for writing), ERR_DENIED (permission bits), ERR_NAME_TOO_LONG
 * (a component, or the whole path past 255), ERR_SYMLINK_LOOP,
 * ERR_READ_ONLY, ERR_DISK_FULL, ERR_NO_SPACE (FD_MAX descriptors open, or
 * the server's share for this task, FS_CLIENT_FILES, used up),
 * ERR_BAD_ARGUMENT (bad flags, empty path), ERR_CORRUPT, ERR_IO,
 * ERR_NOT_FOUND also when there is no filesystem server.
 */
int open(const char *path, int flags, ...);

#endif /* USER_LIB_INCLUDE_FCNTL_H */
