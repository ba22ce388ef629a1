/*
 * error.c - the message for each error code (harbor/error.h): the one
 * table behind both error_string and C's strerror.
 */
#include <string.h>
#include "harbor/error.h"

static const char *const error_names[ERR_COUNT] = {
	[ERR_OK] = "success",
	[ERR_BAD_ADDRESS] = "bad address",
	[ERR_BAD_SIZE] = "bad size",
	[ERR_BAD_NAME] = "no such name",
	[ERR_BAD_RIGHT] = "name lacks the needed right",
	[ERR_BAD_DISPOSITION] = "bad right disposition",
	[ERR_BAD_OPERATION] = "unknown operation",
	[ERR_BAD_MESSAGE] = "malformed message",
	[ERR_BAD_ARGUMENT] = "bad argument",
	[ERR_TIMED_OUT] = "timed out",
	[ERR_TOO_LARGE] = "receive buffer too small",
	[ERR_PORT_DEAD] = "port is dead",
	[ERR_NO_MEMORY] = "out of memory",
	[ERR_NO_SPACE] = "table full",
	[ERR_NO_REPLY] = "no reply: the reply right was destroyed",
	[ERR_BAD_REPLY] = "malformed reply",
	[ERR_DENIED] = "permission denied",
	[ERR_EXISTS] = "already exists",
	[ERR_NOT_FOUND] = "not found",
	[ERR_BUSY] = "in use by another task",
	[ERR_NO_REPLY_PORT] = "no reply port: the thread was not started by thread_start",
	[ERR_RANGE] = "result out of range",
	[ERR_STACK_OVERFLOW] = "stack overflow",
	[ERR_IO] = "input/output error",
	[ERR_NOT_DIR] = "not a directory",
	[ERR_IS_DIR] = "is a directory",
	[ERR_NOT_EMPTY] = "directory not empty",
	[ERR_DISK_FULL] = "no space left on device",
	[ERR_NAME_TOO_LONG] = "file name too long",
	[ERR_TOO_MANY_LINKS] = "too many links",
	[ERR_BAD_FD] = "bad file descriptor",
	[ERR_READ_ONLY] = "read-only file system",
	[ERR_SYMLINK_LOOP] = "too many levels of symbolic links",
	[ERR_CORRUPT] = "filesystem corrupt",
	[ERR_FILE_TOO_LARGE] = "file too large",
	[ERR_PIPE_CLOSED] = "broken pipe: no reader is left",
};

const char *
error_string(int code)
{
	if (code < 0 || code >= ERR_COUNT || error_names[code] == 0)
		return "unknown error";
	return error_names[code];
}

char *
strerror(int code)
{
	/* C's type is char *, but the text must not be changed: it is shared. */
	return (char *)error_string(code);
}
