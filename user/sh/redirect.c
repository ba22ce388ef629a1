/*
 * redirect.c - what a redirection (< > >> 2>) points a standard port at:
 * a file, opened through libc's open as an io.defs object of the
 * filesystem server (docs/libc.md, "Files").
 *
 * The path is opened with O_RDONLY (<), O_WRONLY|O_CREAT|O_TRUNC (> and
 * 2>) or O_WRONLY|O_CREAT|O_APPEND (>>); the descriptor's send right is
 * then taken out of the table (fd_take) rather than closed, because
 * closing would close the open file the child is about to use. The shell
 * drops its right once the child has its own; fs closes the file when
 * the last right goes (no-senders). A relative path is the shell's
 * current directory's (cd). docs/servers.md, "The shell".
 */
#include "user/sh/sh.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define SH_REDIRECT_MODE	0644	/* a file a redirection makes: rw-r--r-- */

int
sh_redirect_open(const char *path, enum sh_redirect_kind kind, port_name_t *port)
{
	int flags, fd;

	*port = NAME_NULL;
	switch (kind) {
	case SH_REDIRECT_IN:
		flags = O_RDONLY;
		break;
	case SH_REDIRECT_APPEND:
		flags = O_WRONLY | O_CREAT | O_APPEND;
		break;
	case SH_REDIRECT_OUT:
	case SH_REDIRECT_ERR:
		flags = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	default:
		return ERR_BAD_ARGUMENT;
	}
	fd = open(path, flags, SH_REDIRECT_MODE);
	if (fd < 0)
		return errno;
	*port = fd_take(fd);
	return ERR_OK;
}
