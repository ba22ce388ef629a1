/*
 * file.h - what the C library's file calls share (user/lib/file.c,
 * fsname.c, dir.c, cwd.c): the filesystem server's port and the making
 * of absolute paths from the current directory.
 */
#ifndef USER_LIB_FILE_H
#define USER_LIB_FILE_H

#include <stddef.h>
#include "harbor/fs.h"
#include "harbor/msg.h"

/*
 * file_server - a send right to the filesystem server ("fs" at the name
 * server), looked up once. Returns ERR_OK with *fs, or ERR_NOT_FOUND.
 */
int file_server(port_name_t *fs);

/*
 * file_path - path made absolute from the current directory into out
 * (FS_PATH_MAX bytes). Returns ERR_OK; ERR_BAD_ARGUMENT (NULL or empty),
 * ERR_NAME_TOO_LONG (past FS_PATH_MAX - 1).
 */
int file_path(const char *path, char *out);

/*
 * file_cwd_start - make path the current directory without asking fs (at
 * start-up: the directory our spawner had, which proc passed on). A path
 * that is not absolute or too long leaves "/".
 */
void file_cwd_start(const char *path);

/* file_fail - set errno to err and return -1 (err is never ERR_OK). */
int file_fail(int err);

#endif /* USER_LIB_FILE_H */
