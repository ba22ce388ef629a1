/*
 * harbor/process.h - processes: start a program, wait for it, kill it,
 * ask who you are. Calls to the process server (servers/proc, proc.defs)
 * through its generated stubs, made easy.
 *
 * Only a program that proc started (from the shell, or through spawn) is
 * a process: it learned its process port at start-up (user/lib/proc.c,
 * docs/servers.md "The startup protocol"). In any other program these
 * calls fail with ERR_NOT_FOUND ("not a process").
 */
#ifndef HARBOR_PROCESS_H
#define HARBOR_PROCESS_H

#include <stdint.h>
#include "harbor/error.h"
#include "harbor/msg.h"
#include "harbor/proc.h"

/*
 * getpid - the calling process's pid (a round trip to proc every time).
 * Returns the pid, or -1 with errno set: ERR_NOT_FOUND (not a process),
 * or the call's error (ERR_NO_REPLY: proc died).
 */
int32_t getpid(void);

/*
 * spawn - start program argv[0] with arguments argv (NULL-terminated, at
 * most PROC_ARGS_MAX, PROC_ARGS_BYTES in all) as a child of the caller.
 * std gives its standard ports 0, 1, 2 (send rights the caller keeps; a
 * NAME_NULL gives it none), or is NULL for the objects of the caller's
 * own descriptors 0, 1 and 2. *pid is the
 * child's pid. Returns ERR_OK, ERR_NOT_FOUND (no such program, or the
 * caller is not a process), ERR_BAD_ARGUMENT (no argv[0], too many or too
 * long arguments, a bad program name), ERR_NO_SPACE (proc's table is
 * full), or the call's error.
 */
int spawn(const char *const argv[], const port_name_t std[3], int32_t *pid);

/*
 * wait_child - wait for child pid (PROC_ANY: any child) to end, and reap
 * it. *child is its pid, *status its exit status, *how PROC_EXITED,
 * PROC_KILLED or PROC_FAULTED (any of the three may be NULL). options:
 * PROC_WAIT_NOHANG returns ERR_TIMED_OUT at once if none has ended.
 * Returns ERR_OK, ERR_NOT_FOUND (no such child), ERR_BUSY (proc has too
 * many waits), or the call's error.
 */
int wait_child(int32_t pid, uint32_t options, int32_t *child, int *status, uint32_t *how);

/*
 * kill - end process pid (Harbor has no signals: it just ends; its parent
 * sees PROC_KILLED). Returns ERR_OK, ERR_NOT_FOUND (no such process),
 * ERR_DENIED (a server, init, proc, or the caller itself).
 */
int kill(int32_t pid);

/*
 * set_foreground - make child pid the program ^C kills (0: none).
 * Returns ERR_OK, ERR_NOT_FOUND (not a live child of the caller, or the
 * caller is not a process), or the call's error.
 */
int set_foreground(int32_t pid);

/* proc_self_port - the caller's process port (NAME_NULL: not a process). */
port_name_t proc_self_port(void);

/* proc_server_port - proc's public port (NAME_NULL: not known). */
port_name_t proc_server_port(void);

/*
 * proc_status_code - the number a shell shows as $? for an ended child:
 * status if it exited, 128 + 9 if it was killed, 128 + 11 if it faulted.
 */
int proc_status_code(int status, uint32_t how);

#endif /* HARBOR_PROCESS_H */
