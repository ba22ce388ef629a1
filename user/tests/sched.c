/*
 * sched.c - the scheduler: preemption and priorities.
 */
#include "user/tests/tests.h"
#include "harbor/thread_client.h"

static volatile uint32_t flag;

static void
set_flag(void *arg)
{
	flag = 1;
}

static void
sched_preempts_a_spinning_thread(void)
{
	uint32_t spins = 0;

	flag = 0;
	EXPECT_OK("thread_start", thread_start(set_flag, NULL));
	/* We never block: only the timer can let the other thread run. */
	while (!flag && spins < 2000000000u)
		spins++;
	EXPECT_EQ("the other thread ran while we spun", 1, flag);
}

static volatile uint32_t order[2], order_n;

static void
note_order(void *arg)
{
	order[order_n++] = (uint32_t)arg;
}

static void
sched_higher_priority_runs_first(void)
{
	flag = 0;
	order_n = 0;
	EXPECT_OK("raise our priority", thread_set_priority(thread_self(), 20));
	EXPECT_OK("thread_start", thread_start(note_order, (void *)1));
	order[order_n++] = 2;	/* we are higher: we get here first */
	EXPECT_OK("back to normal", thread_set_priority(thread_self(), 16));
	for (int i = 0; i < 50 && order_n < 2; i++)
		sleep_ms(10);
	EXPECT_EQ("both ran", 2, order_n);
	EXPECT_EQ("the higher priority thread first", 2, order[0]);
	EXPECT_EQ("then the other", 1, order[1]);
}

static void
sched_bad_priorities_rejected(void)
{
	EXPECT_ERR("priority 0 (idle)", ERR_BAD_ARGUMENT, thread_set_priority(thread_self(), 0));
	EXPECT_ERR("priority 32", ERR_BAD_ARGUMENT, thread_set_priority(thread_self(), 32));
	EXPECT_ERR("priority on a task port", ERR_BAD_OPERATION,
		  thread_set_priority(NAME_TASK_SELF, 10));
}

const struct test_case sched_cases[] = {
	{ "sched_preempts_a_spinning_thread", sched_preempts_a_spinning_thread },
	{ "sched_higher_priority_runs_first", sched_higher_priority_runs_first },
	{ "sched_bad_priorities_rejected", sched_bad_priorities_rejected },
	{ NULL, NULL },
};
