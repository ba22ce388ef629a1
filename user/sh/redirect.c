/*
 * redirect.c - what a redirection (< > >> 2>) points a standard port at:
 * a file, opened as an io.defs object of the filesystem.
 *
 * libc's open does not exist yet (the filesystem serves its own fs.defs
 * descriptors, not io.defs objects), so this is the one place to change
 * when it does: open the path with O_RDONLY (<), O_WRONLY|O_CREAT|O_TRUNC
 * (> and 2>) or O_WRONLY|O_CREAT|O_APPEND (>>), and hand the descriptor's
 * send right over (fd_port, then let the descriptor go without closing
 * the object). docs/servers.md, "The shell".
 */
#include "user/sh/sh.h"

int
sh_redirect_open(const char *path, enum sh_redirect_kind kind, port_name_t *port)
{
	(void)path;
	(void)kind;
	*port = NAME_NULL;
	return ERR_BAD_OPERATION;
}
