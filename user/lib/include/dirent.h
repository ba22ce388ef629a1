/*
 * <dirent.h> - reading directories: opendir, readdir, closedir
 * (user/lib/dir.c). A DIR is an open descriptor of the directory; each
 * readdir is one request to the filesystem server. docs/libc.md.
 */
#ifndef USER_LIB_INCLUDE_DIRENT_H
#define USER_LIB_INCLUDE_DIRENT_H

#include <stdint.h>

/* d_type's values (ext2's file types). */
#define DT_UNKNOWN	0
#define DT_REG		1
#define DT_DIR		2
#define DT_CHR		3
#define DT_BLK		4
#define DT_FIFO		5
#define DT_SOCK		6
#define DT_LNK		7

struct dirent {
	uint32_t d_ino;
	uint32_t d_type;	/* DT_* */
	char d_name[256];
};

typedef struct dir DIR;

/*
 * opendir - open directory path for reading. Returns the DIR, or NULL
 * with errno: ERR_NOT_DIR (a file, or a file on the way), ERR_NO_MEMORY,
 * and open's errors.
 */
DIR *opendir(const char *path);

/*
 * readdir - the next entry ("." and ".." included), or NULL at the end
 * (errno unchanged) or on an error (errno: ERR_CORRUPT, ERR_IO, ...). The
 * entry is the DIR's own, overwritten by the next call.
 */
struct dirent *readdir(DIR *d);

/* closedir - close d. 0, or -1 with errno ERR_BAD_ARGUMENT (d is NULL). */
int closedir(DIR *d);

#endif /* USER_LIB_INCLUDE_DIRENT_H */
