/*
 * stress.c - many tasks at once: a short run of the kernel fuzzer
 * (user/fuzz), 16 clients x 1000 RPCs to one server, and 8 tasks flooding
 * one small queue with MSG_OPT_NOTIFY sends. No message may be lost,
 * doubled or reordered, and every count must come back to where it was.
 */
#include "user/tests/tests.h"
#include "user/tests/flood.h"
#include "harbor/echo_client.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"

#define CLIENTS		16
#define CALLS		1000
#define FLOODERS	8
#define FLOOD_MSGS	200
/*
 * The fuzzer's short run: a fixed seed, its usual 4 tasks x 3 threads and
 * kills, 20000 traps (a few seconds). `make fuzz` makes long ones.
 */
#define FUZZ_ARGS	"fuzz run s=1 n=20000 t=4 h=3 k=500"
#define FUZZ_ID_RESULT	7004	/* user/fuzz/fuzz.h: the verdict it sends its bootstrap port */

/* Wait for a dead-name notification for each of n task ports. */
static int
wait_all_dead(port_name_t notify, int n)
{
	struct msg_notification note;

	for (int i = 0; i < n; i++)
		if (msg_receive(&note.head, sizeof(note), notify, MSG_OPT_TIMEOUT, 60000) != ERR_OK ||
		    note.head.id != MSG_ID_NOTIFY_DEAD_NAME)
			return 0;
	return 1;
}

static void
stress_16_tasks_x_1000_rpcs(void)
{
	struct counts base, now;
	port_name_t server, service, notify, tasks[CLIENTS];
	uint32_t adds = 0;

	EXPECT_OK("counts", counts_get(&base));
	notify = make_port();
	EXPECT_OK("start the server", spawn_child("echo", &server, &service));
	for (uint32_t i = 0; i < CLIENTS; i++) {
		EXPECT_OK("start a client", host_module_spawn(NAME_HOST, "tchild stress_client", service,
							      NAME_NULL, 1000 * i, &tasks[i]));
		EXPECT_OK("watch it", task_port_request_notification(NAME_TASK_SELF, tasks[i],
				NOTIFY_DEAD_NAME, notify));
	}
	EXPECT_TRUE("every client finished", wait_all_dead(notify, CLIENTS));
	EXPECT_OK("ask the server", echo_stats(service, &adds));
	EXPECT_EQ("calls served: all, once each (clients stop at a wrong sum)", CLIENTS * CALLS, adds);
	for (int i = 0; i < CLIENTS; i++)
		task_port_deallocate(NAME_TASK_SELF, tasks[i]);
	task_terminate(server, 0);
	task_port_deallocate(NAME_TASK_SELF, server);
	task_port_deallocate(NAME_TASK_SELF, service);
	drop_port(notify);
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
}

static void
stress_8_tasks_flood_one_port(void)
{
	struct counts base, now;
	port_name_t p, notify, tasks[FLOODERS];
	uint32_t next[FLOODERS] = { 0 };
	struct flood_msg m;
	char args[40];

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	notify = make_port();
	EXPECT_OK("a small queue", task_port_set_limit(NAME_TASK_SELF, p, 2));
	for (uint32_t i = 0; i < FLOODERS; i++) {
		snprintf(args, sizeof(args), "tchild flood %u %u", i, FLOOD_MSGS);
		EXPECT_OK("start a flooder", host_module_spawn(NAME_HOST, args, p, NAME_NULL, 0,
							       &tasks[i]));
		EXPECT_OK("watch it", task_port_request_notification(NAME_TASK_SELF, tasks[i],
				NOTIFY_DEAD_NAME, notify));
	}
	for (uint32_t got = 0; got < FLOODERS * FLOOD_MSGS; got++) {
		EXPECT_OK("receive", msg_receive(&m.head, sizeof(m), p, MSG_OPT_TIMEOUT, 10000));
		EXPECT_EQ("message id", FLOOD_ID, m.head.id);
		EXPECT_TRUE("a known sender", m.sender < FLOODERS);
		EXPECT_EQ("in order, none lost or doubled", next[m.sender], m.seq);
		next[m.sender]++;
	}
	EXPECT_ERR("nothing more", ERR_TIMED_OUT,
		   msg_receive(&m.head, sizeof(m), p, MSG_OPT_TIMEOUT, 50));
	EXPECT_TRUE("every flooder finished", wait_all_dead(notify, FLOODERS));
	for (int i = 0; i < FLOODERS; i++)
		task_port_deallocate(NAME_TASK_SELF, tasks[i]);
	drop_port(p);
	drop_port(notify);
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
}

/*
 * The kernel fuzzer, briefly (user/fuzz, docs/testing.md): its workers'
 * traps with junk in every register, checked bodies, reused names, kernel
 * object requests and kills must leave no finding - no register or x87
 * state changed, no data changed, no malformed kernel reply, no hang, no
 * leak - and no panic (tests/qemu/run.sh sees those). It sends its verdict
 * to its bootstrap port; its own findings are on the serial line above.
 */
static void
stress_fuzzer_short_run(void)
{
	struct counts base, now;
	port_name_t verdict, notify, task;
	struct {
		struct msg_header head;
		uint32_t findings, leaks, steps, traps;
	} res;

	EXPECT_OK("counts", counts_get(&base));
	verdict = make_port();
	notify = make_port();
	EXPECT_OK("start the fuzzer", host_module_spawn(NAME_HOST, FUZZ_ARGS, verdict, NAME_HOST, 0,
							&task));
	EXPECT_OK("watch it", task_port_request_notification(NAME_TASK_SELF, task,
			NOTIFY_DEAD_NAME, notify));
	EXPECT_OK("its verdict", msg_receive(&res.head, sizeof(res), verdict, MSG_OPT_TIMEOUT,
					     90000));
	EXPECT_EQ("a verdict", FUZZ_ID_RESULT, res.head.id);
	EXPECT_TRUE("it made its traps", res.traps >= 20000);
	EXPECT_EQ("leaks (kernel object counts that did not come back)", 0, res.leaks);
	EXPECT_EQ("findings (fuzz: FINDING lines above)", 0, res.findings);
	EXPECT_TRUE("it ended", wait_all_dead(notify, 1));
	task_port_deallocate(NAME_TASK_SELF, task);
	drop_port(verdict);
	drop_port(notify);
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
}

const struct test_case stress_cases[] = {
	{ "stress_fuzzer_short_run", stress_fuzzer_short_run },
	{ "stress_16_tasks_x_1000_rpcs", stress_16_tasks_x_1000_rpcs },
	{ "stress_8_tasks_flood_one_port", stress_8_tasks_flood_one_port },
	{ NULL, NULL },
};
