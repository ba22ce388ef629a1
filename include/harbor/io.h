/*
 * io.h - the numbers that go with io.defs, the one I/O interface.
 *
 * io.defs cannot declare constants, so its bounds and the kinds of
 * object that stat reports live here, for servers and libc alike.
 */
#ifndef HARBOR_IO_H
#define HARBOR_IO_H

#define IO_INLINE_MAX	4096u		/* read/write carry at most this inline */
#define IO_OOL_MAX	(1024u * 1024u)	/* read_ool/write_ool carry at most this */

/* What io stat's kind says an object is. */
enum io_kind {
	IO_KIND_CONSOLE = 1,	/* a console session (servers/console) */
	IO_KIND_FILE = 2,	/* a regular file (the filesystem, later) */
	IO_KIND_DIR = 3,	/* a directory (later) */
	IO_KIND_PIPE = 4,	/* a pipe (later) */
};

#endif /* HARBOR_IO_H */
