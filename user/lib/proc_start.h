/*
 * proc_start.h - the library-internal hooks between start-up, exit and
 * the process server (user/lib/proc.c); not for programs.
 */
#ifndef USER_LIB_PROC_START_H
#define USER_LIB_PROC_START_H

#include <stdint.h>

/*
 * proc_startup_self - if proc started us (task_arg), ask it for our
 * arguments (NUL-separated, into args of cap bytes; *len their length),
 * our process port and our standard ports. Returns ERR_OK, ERR_NOT_FOUND
 * (not started by proc, or proc did not know us), or the call's error;
 * then the caller falls back on the kernel's argument string.
 */
int proc_startup_self(char *args, uint32_t cap, uint32_t *len);

/*
 * proc_exit_self - tell proc how we end (from exit and abort). Returns 1
 * if proc took the status (our parent will see it), 0 if we are no
 * process or proc could not be told.
 */
int proc_exit_self(int status);

#endif /* USER_LIB_PROC_START_H */
