/*
 * errno.h - where library functions leave the reason they failed.
 *
 * Harbor has one list of error codes for the whole system (the ERR_
 * values of harbor/error.h), and errno holds one of them: so
 * strerror(errno) and error_string() read the same table. The usual
 * names below are those codes under their C names; compare errno with
 * either. errno is 0 (ERR_OK) until a function sets it, and no function
 * clears it.
 *
 * errno is one variable for the whole task, shared by its threads, until
 * threads get a slot of their own for it (errno_location is the one place
 * to change): read it right after the call that failed.
 */
#ifndef USER_LIB_INCLUDE_ERRNO_H
#define USER_LIB_INCLUDE_ERRNO_H

#include "harbor/error.h"

#define EINVAL	ERR_BAD_ARGUMENT	/* an argument is out of its domain (a bad base) */
#define ENOMEM	ERR_NO_MEMORY		/* no memory left */
#define ERANGE	ERR_RANGE		/* the result does not fit its type */
#define EBADF	ERR_BAD_FD		/* a file descriptor that stands for nothing */

/* errno_location - the address of errno. Never fails. */
int *errno_location(void);

#define errno	(*errno_location())

#endif /* USER_LIB_INCLUDE_ERRNO_H */
