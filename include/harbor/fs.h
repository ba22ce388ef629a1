/*
 * fs.h - the numbers that go with fs.defs and file.defs, the filesystem
 * server's interfaces (servers/fs/, docs/filesystem.md).
 *
 * Open files are ports of the server's; each is charged to the task that
 * opened it, so one client filling its share leaves the others theirs.
 */
#ifndef HARBOR_FS_H
#define HARBOR_FS_H

#define FS_CLIENT_FILES	64	/* open files one task may have at once */
#define FS_CLIENTS_MAX	16	/* tasks with files open at once: 16 x 64 = FS_FILES_MAX */
#define FS_FILES_MAX	1024	/* open files in all (the ext2 core's EXT2_FD_MAX) */
#define FS_PATH_MAX	256	/* a path in a request, NUL included */

#endif /* HARBOR_FS_H */
