/*
 * call.c - the client side of an RPC: each thread's reply port, and how a
 * generated stub makes its call and turns away a message that is not its
 * answer.
 *
 * A stub sends its request with a send-once right to the calling thread's
 * reply port and takes the answer from there. A call that goes wrong
 * halfway (it timed out, its answer was too large to take, ...) may still
 * have an answer on its way, and the next call on that port would take it
 * for its own. So, as Mach's MIG stubs do, a call that does not end with
 * its own answer throws the reply port away: the kernel destroys what is
 * queued there with its rights, and an answer still coming finds the port
 * dead. The next call uses a fresh port.
 *
 * Making a port is itself a call, and a call needs a clean reply port. So
 * each thread keeps a spare, made while its reply port was clean, and
 * replacing the port is swapping the spare in: that cannot fail. The next
 * spare is made before the next call that could leave an answer behind;
 * if it cannot be made, that call is refused with nothing sent, and the
 * thread still has a clean port. A call to the task's own port
 * (NAME_TASK_SELF) needs no spare: the kernel answers it during the send,
 * before the receive begins, so it never leaves an answer behind. That is
 * how a spare is made and an old port destroyed.
 *
 * The ports live in the thread's library slot (uthread.h), which is found
 * from the stack pointer, with no call. A thread without a slot (made with
 * the raw task_thread_create) has no reply port: its calls fail with
 * ERR_NO_REPLY_PORT.
 */
#include "user/lib/ulib.h"
#include "user/lib/uthread.h"
#include "harbor/task_client.h"

void
uthread_port_destroy(port_name_t port)
{
	/* One right per call: send rights someone made under the name go
	 * first, then the receive right, and the port dies. */
	while (port != NAME_NULL && task_port_deallocate(NAME_TASK_SELF, port) == ERR_OK)
		;
}

/* Make u's spare port. u's reply port must be clean. */
static int
call_spare_make(struct uthread *u)
{
	port_name_t p;
	int err = task_port_allocate(NAME_TASK_SELF, &p);	/* our own task: no spare needed */

	if (err == ERR_OK)
		u->spare_port = p;
	return err;
}

/*
 * Throw u's reply port away and take the spare. Without a spare the call
 * that went wrong was to our own task port, which left nothing behind.
 */
static void
call_port_replace(struct uthread *u)
{
	port_name_t old = u->reply_port;

	if (u->spare_port == NAME_NULL)
		return;
	u->reply_port = u->spare_port;
	u->spare_port = NAME_NULL;
	uthread_port_destroy(old);
}

int
msg_call(struct msg_header *m, uint32_t size)
{
	struct uthread *u = uthread_self();
	int err;

	if (u == NULL)
		return ERR_NO_REPLY_PORT;
	if (u->spare_port == NAME_NULL && m->dest != NAME_TASK_SELF) {
		err = call_spare_make(u);
		if (err != ERR_OK)
			return err;
	}
	m->reply = u->reply_port;
	err = msg_rpc(m, size, u->reply_port, u->call_timeout ? MSG_OPT_TIMEOUT : 0,
		      u->call_timeout);
	if (err != ERR_OK)
		call_port_replace(u);
	return err;
}

void
msg_call_reject(struct msg_header *m)
{
	struct uthread *u = uthread_self();

	/* The port first: letting go of m's rights takes calls, on a clean port. */
	if (u != NULL)
		call_port_replace(u);
	msg_destroy(m);
}

uint32_t
msg_call_timeout(uint32_t ms)
{
	struct uthread *u = uthread_self();
	uint32_t old;

	if (u == NULL)
		return 0;
	old = u->call_timeout;
	u->call_timeout = ms;
	return old;
}

port_name_t
msg_reply_port(void)
{
	struct uthread *u = uthread_self();

	/* Hand-written code gets the port with a spare behind it, so that
	 * msg_reply_port_discard can always replace it. */
	if (u == NULL || (u->spare_port == NAME_NULL && call_spare_make(u) != ERR_OK))
		return NAME_NULL;
	return u->reply_port;
}

void
msg_reply_port_discard(void)
{
	struct uthread *u = uthread_self();

	if (u != NULL)
		call_port_replace(u);
}
