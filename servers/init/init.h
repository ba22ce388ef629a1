/*
 * init.h - init's start-up steps (start.c), called in order by main.c.
 */
#ifndef SERVERS_INIT_INIT_H
#define SERVERS_INIT_INIT_H

#include "harbor/msg.h"

/* Our send right to the name server (NAME_NULL until init_start_name),
 * and to its task port (for proc to watch). */
extern port_name_t init_name_server, init_name_task;

/* The memory server's task port (mem.c), for proc to watch. */
extern port_name_t init_mem_task;

/*
 * init_spawn - start boot module `name` (its first word; the whole string
 * is its arguments) with bootstrap and host rights (either NAME_NULL).
 * Returns a send right to its task port, or NAME_NULL (reported).
 */
port_name_t init_spawn(const char *name, port_name_t bootstrap, port_name_t host);

/*
 * init_start_mem - start the memory server (mem.c) and make it init's
 * pager, so every task started afterwards inherits it. Returns ERR_OK;
 * ERR_NOT_FOUND (no module), or the error of waiting for it (ERR_TIMED_OUT
 * after 5 s), all reported.
 */
int init_start_mem(void);

/*
 * init_start_name - start the name server and take its service port into
 * init_name_server. Returns ERR_OK; ERR_NOT_FOUND (no module), or the
 * error of waiting for it (ERR_TIMED_OUT after 5 s), all reported.
 */
int init_start_name(void);

/*
 * init_start_server - start a server (args: its module name and
 * arguments) with the name server as its bootstrap and host (or
 * NAME_NULL), and wait up to 5 s for it to register under `name`.
 * *task_out (if not NULL) gets a send right to its task port. Returns
 * ERR_OK, ERR_NOT_FOUND (no such module, or it never registered),
 * reported on the debug line.
 */
int init_start_server(const char *args, const char *name, port_name_t host,
		      port_name_t *task_out);

/* halt.c: the clean shutdown, init.defs. */

/*
 * The code init gives the host's shutdown for a halt: QEMU exits with
 * status (4 << 1) | 1 = 9, which the Makefile's QEMU_HALTED takes as a
 * normal end of make qemu. Apart from the suites' 0 and 2 and a panic's
 * 3, so a halt in a test boot cannot pass for a suite's end.
 */
#define INIT_HALT_CODE	4

/*
 * init_halt_start - serve init.defs (halt) on a new port, on a thread of
 * its own, and register it with the name server as "init". Returns
 * ERR_OK, or the error (reported): no port or thread, or the name server's
 * refusal (ERR_EXISTS: a task took the name first).
 */
int init_halt_start(void);

/* watch.c: init as a process of proc. */

/* One boot server: how init starts it, and what proc calls it. */
struct init_server {
	const char *args;	/* module name and arguments */
	const char *name;	/* the name it registers, and its name in ps */
	int host;		/* it needs the host port */
	port_name_t task;	/* its task port, once started */
};

/*
 * init_join_proc - become pid 1 of the process server and enter the boot
 * servers started so far (the memory server, the name server, then servers[0..n-1] that
 * started) as init's children, so that their deaths are reported.
 * Returns ERR_OK, or the error (reported): no proc, or its refusal.
 */
int init_join_proc(struct init_server *servers, int n);

/*
 * init_watch - for ever: wait for any child of init to end and say so on
 * the console: a boot server with its name and how it died, the shell
 * (then start a new one, when shell is set); orphans proc handed to init
 * are reaped quietly. Returns only if proc itself dies (reported).
 */
void init_watch(struct init_server *servers, int n, int shell);

#endif /* SERVERS_INIT_INIT_H */
