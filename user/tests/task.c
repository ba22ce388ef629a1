/*
 * task.c - tasks and threads: creation, exit, termination, faults, and
 * that everything a dead task held comes back.
 */
#include "user/tests/tests.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"

static void
task_exit_releases_ports_and_messages(void)
{
	struct counts base, now;
	port_name_t task;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn a child that fills 10 ports and exits", spawn_child("ports", &task, NULL));
	/* The child may still run; its task port dies with it either way. */
	EXPECT_OK("drop the task port", task_port_deallocate(NAME_TASK_SELF, task));
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
	EXPECT_EQ("tasks", base.tasks, now.tasks);
	EXPECT_EQ("ports", base.ports, now.ports);
	EXPECT_EQ("messages", base.messages, now.messages);
	EXPECT_EQ("frames", base.frames_free, now.frames_free);
}

static void
task_terminate_stops_another_task(void)
{
	struct counts base, now;
	port_name_t task;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn a spinning child", spawn_child("spin", &task, NULL));
	sleep_ms(30);
	EXPECT_OK("counts", counts_get(&now));
	EXPECT_EQ("one more task", base.tasks + 1, now.tasks);
	EXPECT_OK("terminate it", task_terminate(task, 0));
	EXPECT_ERR("its task port is dead", ERR_PORT_DEAD, task_terminate(task, 0));
	EXPECT_OK("drop the dead name", task_port_deallocate(NAME_TASK_SELF, task));
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
}

static void
task_fault_kills_only_that_task(void)
{
	struct counts base, now;
	port_name_t task;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn a child that writes through NULL", spawn_child("fault", &task, NULL));
	task_port_deallocate(NAME_TASK_SELF, task);
	EXPECT_TRUE("the child is gone, counts back", counts_settle(&base, &now));
}

static void
task_io_without_grant_faults(void)
{
	struct counts base, now;
	port_name_t task;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn a child that reads an I/O port", spawn_child("inb", &task, NULL));
	task_port_deallocate(NAME_TASK_SELF, task);
	EXPECT_TRUE("the child is gone, counts back", counts_settle(&base, &now));
}

static void
task_spawn_unknown_module_fails(void)
{
	port_name_t task;

	EXPECT_ERR("no such module", ERR_NOT_FOUND,
		  host_module_spawn(NAME_HOST, "no_such_program", NAME_NULL, NAME_NULL, 0, &task));
	EXPECT_ERR("empty name", ERR_NOT_FOUND,
		  host_module_spawn(NAME_HOST, "", NAME_NULL, NAME_NULL, 0, &task));
}

static volatile uint32_t counters[4];
static port_name_t count_port;

static void
counting_thread(void *arg)
{
	uint32_t i = (uint32_t)arg;

	for (int n = 0; n < 200; n++) {
		port_name_t p;
		/* Each iteration is a kernel RPC on this thread's own reply port. */
		if (task_port_allocate(NAME_TASK_SELF, &p) == ERR_OK &&
		    task_port_deallocate(NAME_TASK_SELF, p) == ERR_OK)
			counters[i]++;
	}
	send_seq(count_port, i, 0, 0);
}

static void
thread_several_in_one_task(void)
{
	struct counts base, now;
	uint32_t seq, seen = 0;

	EXPECT_OK("counts", counts_get(&base));
	count_port = make_port();
	for (uint32_t i = 0; i < 4; i++) {
		counters[i] = 0;
		EXPECT_OK("thread_start", thread_start(counting_thread, (void *)i));
	}
	for (int i = 0; i < 4; i++) {
		EXPECT_OK("a thread finished", recv_seq(count_port, &seq, MSG_OPT_TIMEOUT, 5000));
		seen |= 1u << seq;
	}
	EXPECT_EQ("all four reported", 0xf, seen);
	for (int i = 0; i < 4; i++)
		EXPECT_EQ("calls that succeeded", 200, counters[i]);
	drop_port(count_port);
	/* The threads' stacks keep their reply ports for the next thread. */
	EXPECT_OK("counts", counts_get(&now));
	for (int i = 0; i < 100 && now.threads != base.threads; i++) {
		sleep_ms(10);
		counts_get(&now);
	}
	EXPECT_EQ("threads back to baseline", base.threads, now.threads);
}

static void
task_port_names_are_not_reused_silently(void)
{
	port_name_t a, b;

	EXPECT_OK("allocate", task_port_allocate(NAME_TASK_SELF, &a));
	EXPECT_OK("deallocate", task_port_deallocate(NAME_TASK_SELF, a));
	EXPECT_OK("allocate again", task_port_allocate(NAME_TASK_SELF, &b));
	EXPECT_TRUE("a different name", a != b);
	EXPECT_ERR("the old name is dead", ERR_BAD_NAME, task_port_set_limit(NAME_TASK_SELF, a, 1));
	EXPECT_OK("deallocate", task_port_deallocate(NAME_TASK_SELF, b));
}

/*
 * A task that used up its kernel quota and spins can still be terminated
 * (requests to kernel objects are not charged to the object's task), and
 * we get the CPU back after a sleep beside it (its quantum keeps expiring).
 */
static void
task_terminate_a_task_at_its_quota(void)
{
	struct counts base, now;
	port_name_t task;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn a child that fills its quota and spins", spawn_child("hog", &task, NULL));
	sleep_ms(300);		/* several quanta: we must be woken and run again */
	EXPECT_OK("terminate it", task_terminate(task, 0));
	EXPECT_OK("drop its task port", task_port_deallocate(NAME_TASK_SELF, task));
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

const struct test_case task_cases[] = {
	{ "task_terminate_a_task_at_its_quota", task_terminate_a_task_at_its_quota },
	{ "task_exit_releases_ports_and_messages", task_exit_releases_ports_and_messages },
	{ "task_terminate_stops_another_task", task_terminate_stops_another_task },
	{ "task_fault_kills_only_that_task", task_fault_kills_only_that_task },
	{ "task_io_without_grant_faults", task_io_without_grant_faults },
	{ "task_spawn_unknown_module_fails", task_spawn_unknown_module_fails },
	{ "thread_several_in_one_task", thread_several_in_one_task },
	{ "task_port_names_are_not_reused_silently", task_port_names_are_not_reused_silently },
	{ NULL, NULL },
};
