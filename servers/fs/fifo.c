/*
 * fifo.c - an open of a named pipe: the node is the filesystem's, its
 * bytes the pipe server's.
 *
 * fs answers the open of a FIFO node with an end of the pipe server's
 * named pipe whose key is the node's inode number (pipe_fifo_open), not
 * with a file of its own: reads and writes then go to the pipe server
 * directly, and the open costs fs no file slot. The pipe server is looked
 * up ("pipe" at the name server) at the first such open; init starts it
 * before fs. docs/servers.md, "Named pipes".
 */
#include "user/lib/ulib.h"
#include "servers/fs/fs.h"
#include "harbor/name_client.h"
#include "harbor/pipe.h"
#include "harbor/pipe_client.h"

static port_name_t fifo_pipe = NAME_NULL;

int
fifo_open(uint32_t ino, uint32_t flags, port_name_t *end)
{
	uint32_t mode = (flags & EXT2_O_ACCMODE) == EXT2_O_RDONLY ? PIPE_FIFO_READ : PIPE_FIFO_WRITE;

	if (fifo_pipe == NAME_NULL && name_lookup(NAME_BOOTSTRAP, "pipe", 0, &fifo_pipe) != ERR_OK) {
		fifo_pipe = NAME_NULL;
		return ERR_NOT_FOUND;
	}
	return pipe_fifo_open(fifo_pipe, ino, mode, end);
}
