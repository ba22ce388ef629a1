/*
 * name.h - the name server's state, shared by its start-up and loop
 * (main.c) and its table and handlers (table.c).
 */
#ifndef SERVERS_NAME_NAME_H
#define SERVERS_NAME_NAME_H

#include <stdint.h>
#include "harbor/defer.h"
#include "harbor/msg.h"

#define NAME_MAX_ENTRIES	64	/* names registered at once */
#define NAME_LEN_MAX		31	/* characters in a name (name.defs: string<=32) */
#define NAME_WAITERS		16	/* lookups waiting for their name at once */
#define NAME_WAIT_MAX_MS	60000u	/* the longest a lookup may wait */
#define NAME_TICK_MS		50u	/* how finely waits are timed */

struct name_entry {
	char name[NAME_LEN_MAX + 1];	/* "" when the slot is free */
	port_name_t service;		/* our send right to the service */
	port_name_t key;		/* add_with_key: our receive right to its key, or NAME_NULL */
};

struct name_server {
	struct name_entry entries[NAME_MAX_ENTRIES];
	struct defer_slot waiters[NAME_WAITERS];	/* when: ms left to wait */
	port_name_t service;	/* where requests come (ours: no service) */
	port_name_t notify;	/* receives dead-name notifications */
	port_name_t tick;	/* the ticker's ticks */
	int deferring;		/* set by lookup's handler: keep this request */
	uint32_t defer_ms;	/* set with deferring: how long it may wait */
	int replaying;		/* set while a kept lookup is replayed */
	int expired;		/* set while replaying a lookup whose time is up */
};

/*
 * name_forget_port - drop every name registered for the service we hold
 * under name `service` (a dead-name notification said it died), and the
 * right itself. Unknown names are ignored.
 */
void name_forget_port(struct name_server *ns, port_name_t service);

/*
 * name_answer_waiters - answer every waiting lookup whose name is now
 * registered (after an add), or whose time is up.
 */
void name_answer_waiters(struct name_server *ns);

#endif /* SERVERS_NAME_NAME_H */
