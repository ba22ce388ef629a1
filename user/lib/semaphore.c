/*
 * semaphore.c - counting semaphores as ports (contracts in
 * include/harbor/sync.h).
 *
 * The count is the number of tokens queued on the semaphore's port, and
 * the port's queue limit is the maximum count. A token is a header-only
 * message: signal sends one without waiting (a full queue means the count
 * is at its maximum), wait receives one, sleeping in the kernel while
 * there is none. The kernel wakes receivers in the order they came, and a
 * token sent while a thread waits goes straight to that thread: no
 * wake-up is ever lost or doubled, because the kernel's queue is the count.
 */
#include "harbor/sync.h"
#include "harbor/error.h"
#include "harbor/task_client.h"

#define SEMAPHORE_TOKEN_ID	0x53454d	/* "SEM": what a token's id says, for a reader in GDB */

static int
token_send(port_name_t port)
{
	struct msg_header m = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(m),
				.dest = port, .id = SEMAPHORE_TOKEN_ID };

	return msg_send(&m, MSG_OPT_TIMEOUT, 0);
}

/* Drop everything under name: the send right first, then the receive right. */
static void
port_drop(port_name_t port)
{
	while (task_port_deallocate(NAME_TASK_SELF, port) == ERR_OK)
		;
}

int
semaphore_init(struct semaphore *s, uint32_t value, uint32_t max)
{
	port_name_t port;
	int err;

	s->port = NAME_NULL;
	if (max == 0 || max > SEMAPHORE_MAX || value > max)
		return ERR_BAD_ARGUMENT;
	err = task_port_allocate(NAME_TASK_SELF, &port);
	if (err != ERR_OK)
		return err;
	err = task_port_set_limit(NAME_TASK_SELF, port, max);
	if (err == ERR_OK)
		err = task_port_make_send(NAME_TASK_SELF, port);
	for (uint32_t i = 0; err == ERR_OK && i < value; i++)
		err = token_send(port);
	if (err != ERR_OK) {
		port_drop(port);
		return err;
	}
	s->port = port;
	return ERR_OK;
}

int
semaphore_timedwait(struct semaphore *s, uint32_t ms)
{
	struct msg_header token;

	if (s->port == NAME_NULL)
		return ERR_BAD_NAME;
	return msg_receive(&token, sizeof(token), s->port, MSG_OPT_TIMEOUT, ms);
}

int
semaphore_wait(struct semaphore *s)
{
	struct msg_header token;

	if (s->port == NAME_NULL)
		return ERR_BAD_NAME;
	return msg_receive(&token, sizeof(token), s->port, 0, 0);
}

int
semaphore_signal(struct semaphore *s)
{
	int err;

	if (s->port == NAME_NULL)
		return ERR_BAD_NAME;
	err = token_send(s->port);
	return err == ERR_TIMED_OUT ? ERR_NO_SPACE : err;
}

int
semaphore_destroy(struct semaphore *s)
{
	if (s->port == NAME_NULL)
		return ERR_BAD_NAME;
	port_drop(s->port);
	s->port = NAME_NULL;
	return ERR_OK;
}
