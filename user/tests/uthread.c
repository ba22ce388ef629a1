/*
 * uthread.c - the user library's thread slots (user/lib/thread.c).
 *
 * thread_start takes a stack slot that is free, or whose last thread is
 * dead (its thread port is a dead name). Between claiming a slot and
 * dropping the dead name it found there, it makes calls, and another
 * thread of the task may run its own thread_start: that one must not see
 * the old dead name and take the slot a second time. Two threads would
 * then start on one stack with one argument (the fuzzer saw one stream
 * run twice: register findings showing another step's registers).
 *
 * The case puts a slot in exactly that state - claimed, the dead name of
 * its killed thread still in it - rather than waiting for the scheduler
 * to make the race, so it is decided on every run.
 */
#include "user/tests/tests.h"
#include "user/lib/uthread.h"
#include "harbor/task_client.h"
#include "harbor/thread_client.h"

static struct uthread *volatile slot_seen;
static volatile int started;

/* Say which slot we run on, then wait where no one sends until we are killed. */
static void
note_slot(void *arg)
{
	port_name_t park = NAME_NULL;
	struct msg_header b;

	(void)arg;
	slot_seen = uthread_self();
	started = 1;
	if (task_port_allocate(NAME_TASK_SELF, &park) == ERR_OK)
		for (;;)
			msg_receive(&b, sizeof(b), park, 0, 0);
}

/* Start a thread running note_slot; *u: its slot, once it ran. */
static int
start_noting(struct uthread **u)
{
	int err;

	slot_seen = NULL;
	started = 0;
	err = thread_start(note_slot, NULL);
	if (err != ERR_OK)
		return err;
	WAIT_UNTIL(started);
	*u = slot_seen;
	return *u != NULL ? ERR_OK : ERR_TIMED_OUT;
}

static void
uthread_claimed_slot_not_taken_again(void)
{
	struct uthread *x = NULL, *y = NULL;
	port_name_t dead, yport;
	uint32_t prio;
	int err;

	/* A slot whose thread is dead: its port name is a dead name. */
	EXPECT_OK("start the first thread", start_noting(&x));
	dead = x->thread_port;
	EXPECT_OK("kill it", thread_terminate(dead));
	EXPECT_ERR("its port is dead", ERR_PORT_DEAD, thread_get_priority(dead, &prio));

	/* Another thread_start has just claimed it and not yet dropped the name. */
	x->in_use = UTHREAD_STARTING;
	err = start_noting(&y);
	yport = y ? y->thread_port : NAME_NULL;
	/* Hand the slot back before any check can end the case. */
	x->in_use = UTHREAD_RUNNING;
	EXPECT_OK("start a second thread", err);
	EXPECT_TRUE("the second thread runs on another slot", y != x);
	EXPECT_EQ("the claimed slot still holds the dead name", dead, x->thread_port);
	EXPECT_OK("kill the second thread", thread_terminate(yport));
}

const struct test_case uthread_cases[] = {
	{ "uthread_claimed_slot_not_taken_again", uthread_claimed_slot_not_taken_again },
	{ NULL, NULL },
};
