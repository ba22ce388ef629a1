/*
 * name - the name server: strings to send rights (name.defs).
 *
 * init starts it first, with a send right to a port of init's at
 * NAME_BOOTSTRAP; the server makes its service port and hands init a send
 * right to it (boot.defs ready). init then gives that right to every task
 * it starts, at NAME_BOOTSTRAP.
 *
 * One loop receives on a port set of three ports: the service port
 * (requests), the notify port (the kernel's dead-name notifications: a
 * service died) and the tick port (a helper thread's ticks, every
 * NAME_TICK_MS while lookups wait, so their waits can end: the server has
 * no clock of its own, and needs no host port for one).
 */
#include "user/lib/ulib.h"
#include "servers/name/name.h"
#include "harbor/boot_client.h"
#include "harbor/name_server.h"
#include "harbor/task_client.h"

#define NAME_TICK_ID	1	/* the tick message's id (only our thread sends to the tick port) */

static struct name_server ns;
static struct semaphore tick_go;	/* one token: tick once more */
static int ticking;			/* a tick is on its way */

static union {
	struct msg_header head;
	struct msg_notification note;
	uint8_t bytes[MSG_SIZE_MAX];
} req, reply;

/* The helper thread: when told, sleep one tick and say so. */
static void
ticker(void *arg)
{
	for (;;) {
		if (semaphore_wait(&tick_go) != ERR_OK)
			return;
		sleep_ms(NAME_TICK_MS);
		struct msg_header m = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(m),
					.dest = ns.tick, .id = NAME_TICK_ID };
		msg_send(&m, MSG_OPT_TIMEOUT, 0);
	}
}

static void
tick_start(void)
{
	if (!ticking && semaphore_signal(&tick_go) == ERR_OK)
		ticking = 1;
}

/* A tick: every waiting lookup has NAME_TICK_MS less to wait. */
static void
tick(void)
{
	int waiting = 0;

	ticking = 0;
	for (int i = 0; i < NAME_WAITERS; i++) {
		struct defer_slot *w = &ns.waiters[i];
		if (w->used)
			w->when = w->when > NAME_TICK_MS ? w->when - NAME_TICK_MS : 0;
	}
	name_answer_waiters(&ns);
	for (int i = 0; i < NAME_WAITERS; i++)
		waiting |= ns.waiters[i].used;
	if (waiting)
		tick_start();
}

/* One request on the service port. */
static void
serve(void)
{
	int answer;

	reply.head.size = 0;
	ns.deferring = 0;
	answer = name_dispatch(&ns, &req.head, &reply.head);
	if (ns.deferring) {
		ns.deferring = 0;
		for (int i = 0; i < NAME_WAITERS; i++) {
			if (ns.waiters[i].used)
				continue;
			if (defer_save(&ns.waiters[i], &req.head) == ERR_OK) {
				ns.waiters[i].when = ns.defer_ms;
				tick_start();
				return;		/* answered later, by name_answer_waiters */
			}
			break;
		}
	}
	server_answer(&req.head, &reply.head, answer);
	if (answer && (req.head.id == NAME_ADD_ID || req.head.id == NAME_ADD_WITH_KEY_ID))
		name_answer_waiters(&ns);	/* a new name: someone may wait for it */
}

/* Make a port of ours and put it in set. */
static port_name_t
port_in_set(port_name_t set)
{
	port_name_t p = NAME_NULL;

	if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK ||
	    task_port_set_insert(NAME_TASK_SELF, p, set) != ERR_OK) {
		printf("name: cannot make my ports\n");
		exit(1);
	}
	return p;
}

int
main(int argc, char **argv)
{
	port_name_t set = NAME_NULL;
	int err;

	if (task_port_set_allocate(NAME_TASK_SELF, &set) != ERR_OK) {
		printf("name: cannot make my port set\n");
		return 1;
	}
	ns.service = port_in_set(set);
	ns.notify = port_in_set(set);
	ns.tick = port_in_set(set);
	task_port_make_send(NAME_TASK_SELF, ns.tick);
	if (semaphore_init(&tick_go, 0, 1) != ERR_OK || thread_start(ticker, NULL) != ERR_OK) {
		printf("name: cannot start my ticker\n");
		return 1;
	}
	err = boot_ready(NAME_BOOTSTRAP, ns.service);
	if (err != ERR_OK) {
		printf("name: init did not take my port: %s\n", error_string(err));
		return 1;
	}
	task_port_deallocate(NAME_TASK_SELF, NAME_BOOTSTRAP);
	for (;;) {
		err = msg_receive(&req.head, sizeof(req), set, 0, 0);
		if (err != ERR_OK) {
			printf("name: receive failed: %s\n", error_string(err));
			return 1;
		}
		if (req.head.dest == ns.service)
			serve();
		else if (req.head.dest == ns.notify && req.head.id == MSG_ID_NOTIFY_DEAD_NAME &&
			 req.head.size == sizeof(req.note))
			name_forget_port(&ns, req.note.name);
		else if (req.head.dest == ns.tick)
			tick();
		else
			msg_destroy(&req.head);
	}
}
