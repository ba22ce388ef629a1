/*
 * proc - the process server: starts programs, knows every process's pid,
 * parent and fate, and answers exit, wait, kill and ps.
 *
 * Start-up: make the public port, the port for notifications and a port
 * set holding both (and, later, every process port), then make the
 * public port known: register it with the name server as "proc", or, when
 * started with PROC_ARG_PRIVATE (the guest tests' own proc), hand it to
 * the spawner with testlink hello.
 *
 * It asks the console to send ^C to the public port (interrupt.defs).
 *
 * The loop: receive from the set; a dead-name notification is a death
 * (death.c); anything else is a request, dispatched with the process
 * whose port it came on as the caller (handlers.c). A wait that must
 * wait is kept, not answered. Replies are tried once and never waited
 * for, so no client can hold proc up; an answer to a send-once right goes
 * out in the msg_rpc that waits for the next message. docs/servers.md.
 */
#include "servers/proc/proc.h"
#include "harbor/console_client.h"
#include "harbor/interrupt_server.h"
#include "harbor/name_client.h"
#include "harbor/proc_server.h"
#include "harbor/task_client.h"
#include "harbor/testlink_client.h"

static struct proc_server proc_server;

static union {
	struct msg_header head;
	uint8_t bytes[MSG_SIZE_MAX];
} req, reply;

/* Keep a wait request to run again after the next death. */
static void
proc_park(struct proc_server *s, struct msg_header *m)
{
	for (int i = 0; i < PROC_PARKED_MAX; i++) {
		struct proc_parked *w = &proc_parked[i];
		if (w->owner != 0)
			continue;
		memcpy(w->req.bytes, m, m->size);
		w->owner = s->caller->pid;
		return;
	}
	/* Cannot happen: the handler parks only when proc_parked_room said yes. */
	msg_destroy(m);
}

/*
 * One message from the set: a notification or a request. Returns 1 when
 * out holds an answer for the caller to send, 0 when there is none (a
 * notification, a one-way request, a kept wait).
 */
static int
proc_serve(struct proc_server *s, struct msg_header *m, struct msg_header *out)
{
	if (m->dest == s->notify_port) {
		if (m->id == MSG_ID_NOTIFY_DEAD_NAME && m->size == sizeof(struct msg_notification)) {
			struct proc *p = proc_by_task(((struct msg_notification *)m)->name);
			if (p != NULL)
				proc_died(s, p);
		}
		/* Anything else here (a watch that ended unfired: id 64) needs nothing. */
		return 0;
	}
	s->caller = m->dest == s->public_port ? NULL : proc_by_port(m->dest);
	s->park = 0;
	out->size = 0;
	/* The console's ^C (interrupt.defs) comes to the public port too. */
	int answer = m->id - INTERRUPT_BASE < INTERRUPT_COUNT && s->caller == NULL ?
		interrupt_dispatch(s, m, out) : proc_dispatch(s, m, out);

	if (s->park && m->size <= sizeof(proc_parked[0].req)) {
		proc_park(s, m);
		s->caller = NULL;
		return 0;
	}
	s->caller = NULL;
	server_settle(m, out, answer);
	return answer;
}

/* Make the public port known: to the name server, or to the spawner. */
static void
proc_announce(struct proc_server *s)
{
	/* name add, module_spawn and console interrupt_port copy a send
	 * right: keep one under the port's name. */
	int err = task_port_make_send(NAME_TASK_SELF, s->public_port);

	if (err != ERR_OK)
		;
	else if (task_arg == PROC_ARG_PRIVATE) {
		err = testlink_hello(NAME_BOOTSTRAP, s->public_port);
		s->child_bootstrap = s->public_port;
		s->child_start = PROC_START_DIRECT;
	} else {
		err = name_add(NAME_BOOTSTRAP, "proc", s->public_port);
		s->child_bootstrap = NAME_BOOTSTRAP;
		s->child_start = PROC_START_NAMED;
	}
	if (err != ERR_OK) {
		printf("proc: cannot make its port known: %s\n", error_string(err));
		exit(1);
	}
}

/*
 * Ask the console to tell us of ^C (interrupt.defs key, on the public
 * port). Without a console (a private proc, a boot without one), ^C
 * just has nobody to stop.
 */
static void
proc_hear_interrupts(struct proc_server *s)
{
	port_name_t console;

	if (task_arg == PROC_ARG_PRIVATE ||
	    name_lookup(NAME_BOOTSTRAP, "console", 0, &console) != ERR_OK)
		return;
	console_interrupt_port(console, s->public_port);
	task_port_deallocate(NAME_TASK_SELF, console);
}

/* ^C from the console: end the foreground program, as interrupt does. */
int
interrupt_key_handler(void *ctx, uint32_t ch, uint32_t session)
{
	int32_t killed;

	return ch == 3 ? proc_interrupt_handler(ctx, &killed) : ERR_OK;
}

int
main(int argc, char **argv)
{
	struct proc_server *s = &proc_server;

	if (task_port_allocate(NAME_TASK_SELF, &s->public_port) != ERR_OK ||
	    task_port_allocate(NAME_TASK_SELF, &s->notify_port) != ERR_OK ||
	    task_port_set_allocate(NAME_TASK_SELF, &s->set) != ERR_OK ||
	    task_port_set_insert(NAME_TASK_SELF, s->public_port, s->set) != ERR_OK ||
	    task_port_set_insert(NAME_TASK_SELF, s->notify_port, s->set) != ERR_OK) {
		printf("proc: cannot make its ports\n");
		return 1;
	}
	proc_announce(s);
	proc_hear_interrupts(s);
	/*
	 * An answer to a send-once reply right goes out in the same msg_rpc
	 * that waits for the next message, so a caller's round trip takes
	 * the kernel's fast path both ways (to the set's waiting receiver,
	 * and back to the caller waiting for its answer). Every message is
	 * received into the answer buffer, then copied to the request buffer:
	 * one receive buffer, which the kernel then knows to be writable
	 * without checking it again (vm_check_receive_buffer), costs less
	 * than the check two buffers taking turns would cost on each call.
	 */
	struct msg_header *in = &req.head, *out = &reply.head;
	int err = msg_receive(out, MSG_SIZE_MAX, s->set, 0, 0);

	for (;;) {
		if (err != ERR_OK) {
			printf("proc: receive failed: %s\n", error_string(err));
			return 1;
		}
		memcpy(in, out, out->size);
		if (!proc_serve(s, in, out)) {
			err = msg_receive(out, MSG_SIZE_MAX, s->set, 0, 0);
			continue;
		}
		if (MSG_BITS_DEST(out->bits) != MSG_MOVE_SEND_ONCE) {
			proc_send_reply(out);	/* a plain send right: try once */
			err = msg_receive(out, MSG_SIZE_MAX, s->set, 0, 0);
			continue;
		}
		err = msg_rpc(out, MSG_SIZE_MAX, s->set, 0, 0);
		if (err != ERR_OK) {
			/* The answer could not go (its caller died): what it
			 * would have moved is still ours. Then wait anew; if the
			 * set is what failed, that says so. */
			msg_destroy_unsent(out);
			err = msg_receive(out, MSG_SIZE_MAX, s->set, 0, 0);
		}
	}
}
