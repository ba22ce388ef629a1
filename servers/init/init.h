/*
 * init.h - init's start-up steps (start.c), called in order by main.c.
 */
#ifndef SERVERS_INIT_INIT_H
#define SERVERS_INIT_INIT_H

#include "harbor/msg.h"

/* Our send right to the name server (NAME_NULL until init_start_name). */
extern port_name_t init_name_server;

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
 * Returns ERR_OK, ERR_NOT_FOUND (no such module, or it never
 * registered), reported on the debug line.
 */
int init_start_server(const char *args, const char *name, port_name_t host);

/* init_start_console - start the console server (it needs the host port
 * for its devices); test lets the guest tests type (console inject). As
 * init_start_server. */
int init_start_console(int test);

#endif /* SERVERS_INIT_INIT_H */
