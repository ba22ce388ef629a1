/*
 * proc.h - the process server's own declarations: the process table, the
 * server's state, and how its files call each other.
 *
 * main.c starts the server and runs its loop (receive on a port set,
 * notifications, dispatch, parked waits); table.c is the process table;
 * handlers.c answers the routines of proc.defs; load.c finds and starts
 * the program a spawn names; death.c is what happens when a process ends. docs/servers.md ("The process server").
 */
#ifndef SERVERS_PROC_PROC_H
#define SERVERS_PROC_PROC_H

#include "user/lib/ulib.h"
#include "harbor/proc.h"
#include "harbor/fs.h"

#define PROC_TABLE_SIZE	64	/* processes at once, zombies included */
#define PROC_PARKED_MAX	16	/* waits parked at once */
#define PROC_INIT_PID	1	/* who adopts orphans, while it lives */

/* One process: a running program, a boot server proc was told of, or a zombie. */
struct proc {
	int32_t pid;			/* 0: the slot is free */
	int32_t parent;			/* 0: none */
	uint32_t state;			/* PROC_RUNNING or PROC_ZOMBIE */
	char name[PROC_NAME_MAX];
	port_name_t task;		/* send right to its task port (dead name once it died) */
	port_name_t self;		/* receive right to its process port, or NAME_NULL */
	uint8_t server;			/* adopted or attached: kill refuses it */
	uint8_t started;		/* has had its startup (or never needs one) */
	uint8_t said_exit;		/* called exit: status is its own */
	uint8_t killed;			/* proc terminated it */
	int32_t status;			/* once a zombie: exit status (0 unless PROC_EXITED) */
	uint32_t how;			/* once a zombie: PROC_EXITED, PROC_KILLED, PROC_FAULTED */
	uint32_t args_len;		/* until startup: its arguments, as spawn gave them */
	char args[PROC_ARGS_BYTES];
	port_name_t std[3];		/* until startup: its standard ports (send rights) */
	char cwd[FS_PATH_MAX];		/* until startup: the directory spawn gave ("" for "/") */
};

/* A wait that could not be answered yet: the request, kept to be run again. */
struct proc_parked {
	int32_t owner;			/* the waiting process's pid; 0: slot free */
	union {
		struct msg_header head;
		uint8_t bytes[64];
	} req;
};

/* The server: its ports, and what the handler running now needs to know. */
struct proc_server {
	port_name_t public_port;	/* startup, attach, list, interrupt */
	port_name_t notify_port;	/* dead-name notifications for task ports */
	port_name_t set;		/* all of the above and every process port */
	port_name_t child_bootstrap;	/* NAME_BOOTSTRAP for the programs it starts */
	uint32_t child_start;		/* their argument word: PROC_START_NAMED or _DIRECT */
	int32_t foreground;		/* the pid ^C kills, or 0 */
	struct proc *caller;		/* whose process port the request came on, or NULL */
	int park;			/* set by a handler: keep the request, answer later */
	int replaying;			/* the request is a parked one, run again */
};

extern struct proc proc_table[PROC_TABLE_SIZE];
extern struct proc_parked proc_parked[PROC_PARKED_MAX];

/* table.c */

/*
 * proc_new - a free slot, cleared, with the next pid, state running and
 * the name (cut to fit). NULL if the table is full.
 */
struct proc *proc_new(const char *name, int32_t parent);

/* proc_free - forget p: release its process port and task right and mark the slot free. */
void proc_free(struct proc *p);

/* proc_find - the process with pid, or NULL. */
struct proc *proc_find(int32_t pid);

/* proc_by_task - the process whose task right has that name, or NULL. */
struct proc *proc_by_task(port_name_t task);

/* proc_by_port - the process whose process port has that name, or NULL. */
struct proc *proc_by_port(port_name_t port);

/*
 * proc_give_port - make p a process port in set. Returns ERR_OK, or the
 * kernel's error (ERR_NO_MEMORY, ERR_NO_SPACE).
 */
int proc_give_port(struct proc *p, port_name_t set);

/*
 * proc_watch - ask for a dead-name notification on p's task port, to
 * notify. Returns ERR_OK or the kernel's error.
 */
int proc_watch(struct proc *p, port_name_t notify);

/* death.c */

/*
 * proc_load - start program `name` as a new task with the kernel argument
 * string kargs, as s starts its programs (bootstrap, start word): from
 * /bin/NAME when the filesystem has it, else the boot module NAME.
 * *task is a send right to its task port. Errors: ERR_NOT_FOUND (neither
 * has it), ERR_BAD_ARGUMENT (the file is empty, over 4 MiB, not a regular
 * file or not a valid executable), ERR_IO, ERR_NO_MEMORY, ERR_NO_SPACE.
 */
int proc_load(struct proc_server *s, const char *name, const char *kargs, port_name_t *task);

/*
 * proc_died - p's task is gone: record how, hand its children to init,
 * drop its parked waits, and make it a zombie for its parent (or forget
 * it when no parent waits for it). Then run parked waits again.
 */
void proc_died(struct proc_server *s, struct proc *p);

/* proc_replay - run every parked wait again; answer those that can be answered. */
void proc_replay(struct proc_server *s);

/* proc_parked_room - is there a free slot to park a wait in? */
int proc_parked_room(void);

/* proc_send_reply - send a built reply once, never waiting; drop its right if it cannot go. */
void proc_send_reply(struct msg_header *reply);

#endif /* SERVERS_PROC_PROC_H */
