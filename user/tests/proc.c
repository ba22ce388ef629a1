/*
 * proc.c - the process server's cases (servers/proc).
 *
 * The suite starts a proc of its own (PROC_ARG_PRIVATE: it hands us its
 * public port with testlink hello, and gives its programs its public port
 * as their bootstrap, PROC_START_DIRECT), attaches itself as pid 1, and
 * starts tchild's proc_* modes through it (user/tchild/proc.c), which
 * answer through their exit status. The last case kills that proc in the
 * middle of a wait.
 */
#include "user/tests/tests.h"
#include "harbor/host_client.h"
#include "harbor/fs.h"
#include "harbor/proc.h"
#include "harbor/proc_client.h"
#include "harbor/task_client.h"
#include "harbor/testlink_server.h"

static port_name_t proc_task, proc_public, proc_me;	/* our proc, its port, our process port */
static int32_t my_pid;

/* Start our own proc and attach to it (once). */
static int
proc_up(void)
{
	static union {
		struct msg_header head;
		uint8_t bytes[TESTLINK_REQUEST_MAX];
	} req;
	static union {
		struct msg_header head;
		uint8_t bytes[TESTLINK_REPLY_MAX];
	} reply;
	port_name_t link;
	int err;

	if (proc_public != NAME_NULL)
		return ERR_OK;
	link = make_port();
	err = host_module_spawn(NAME_HOST, "proc", link, NAME_HOST, PROC_ARG_PRIVATE, &proc_task);
	if (err == ERR_OK)
		err = msg_receive(&req.head, sizeof(req), link, MSG_OPT_TIMEOUT, 2000);
	if (err == ERR_OK && req.head.id == TESTLINK_HELLO_ID && req.head.size > sizeof(req.head)) {
		/* testlink's request: header, body, one port descriptor. */
		struct { struct msg_header h; struct msg_body b; struct msg_port_desc p; } *m =
			(void *)&req;
		proc_public = m->p.name;
		if (testlink_dispatch(NULL, &req.head, &reply.head))
			msg_send(&reply.head, 0, 0);
	}
	drop_port(link);
	if (err != ERR_OK)
		return err;
	if (proc_public == NAME_NULL)
		return ERR_BAD_MESSAGE;
	return proc_attach(proc_public, NAME_TASK_SELF, "tests", &proc_me, &my_pid);
}

/* Build a spawn's argument block from words; returns its length. */
static uint32_t
pack(char *out, const char *const words[])
{
	uint32_t n = 0;

	for (int i = 0; words[i]; i++) {
		strcpy(out + n, words[i]);
		n += strlen(words[i]) + 1;
	}
	return n;
}

/* Spawn words through our proc; the child's pid. */
static int
start(const char *const words[], int32_t *pid)
{
	char args[PROC_ARGS_BYTES];

	return proc_spawn(proc_me, args, pack(args, words), NAME_NULL, NAME_NULL, NAME_NULL, "", pid);
}

int
tests_proc_spawn(const char *const words[], const port_name_t std[3], int32_t *pid)
{
	char args[PROC_ARGS_BYTES];
	int err = proc_up();

	if (err != ERR_OK)
		return err;
	return proc_spawn(proc_me, args, pack(args, words), std[0], std[1], std[2], "", pid);
}

int
tests_proc_wait(int32_t pid, int32_t *status, uint32_t *how)
{
	int32_t child;

	return proc_wait(proc_me, pid, 0, &child, status, how);
}

int
tests_proc_kill(int32_t pid)
{
	return proc_kill(proc_me, pid);
}

/* Spawn, then wait for that child: its status and how it ended. */
static int
run(const char *const words[], int32_t *status, uint32_t *how)
{
	int32_t pid, child;
	int err = start(words, &pid);

	if (err == ERR_OK)
		err = proc_wait(proc_me, pid, 0, &child, status, how);
	if (err == ERR_OK && child != pid)
		err = ERR_BAD_REPLY;
	return err;
}

static void
proc_spawn_wait_exit_status(void)
{
	static const char *const w[] = { "tchild", "proc_exit", "7", NULL };
	int32_t status;
	uint32_t how;

	EXPECT_OK("start our proc", proc_up());
	EXPECT_EQ("our pid", 1, my_pid);
	EXPECT_OK("run tchild proc_exit 7", run(w, &status, &how));
	EXPECT_EQ("how", PROC_EXITED, how);
	EXPECT_EQ("status", 7, status);
}

static void
proc_args_reach_the_program(void)
{
	static char longword[201];
	static const char *w[] = { "tchild", "proc_args", "a b", "cc", longword, NULL };
	int32_t status;
	uint32_t how;

	memset(longword, 'x', 200);
	EXPECT_OK("start our proc", proc_up());
	EXPECT_OK("run tchild proc_args", run(w, &status, &how));
	EXPECT_EQ("how", PROC_EXITED, how);
	/* five strings, "a b" keeps its space, and 200 bytes came through */
	EXPECT_EQ("argc * 100 + lengths", 500 + 3 + 2 + 200, status);
}

static void
proc_getpid_is_the_spawned_pid(void)
{
	static const char *const w[] = { "tchild", "proc_pid", NULL };
	int32_t pid, child, status, me;
	uint32_t how;

	EXPECT_OK("start our proc", proc_up());
	EXPECT_OK("getpid on our process port", proc_getpid(proc_me, &me));
	EXPECT_EQ("our pid", my_pid, me);
	EXPECT_OK("spawn", start(w, &pid));
	EXPECT_OK("wait", proc_wait(proc_me, PROC_ANY, 0, &child, &status, &how));
	EXPECT_EQ("child", pid, child);
	EXPECT_EQ("its getpid", pid, status);
}

static void
proc_kill_reports_killed(void)
{
	static const char *const w[] = { "tchild", "spin", NULL };
	int32_t pid, child, status;
	uint32_t how;

	EXPECT_OK("start our proc", proc_up());
	EXPECT_OK("spawn", start(w, &pid));
	EXPECT_ERR("not ended yet", ERR_TIMED_OUT,
		   proc_wait(proc_me, pid, PROC_WAIT_NOHANG, &child, &status, &how));
	EXPECT_OK("kill", proc_kill(proc_me, pid));
	EXPECT_OK("wait", proc_wait(proc_me, pid, 0, &child, &status, &how));
	EXPECT_EQ("how", PROC_KILLED, how);
	EXPECT_ERR("kill it again", ERR_NOT_FOUND, proc_kill(proc_me, pid));
	EXPECT_ERR("wait again", ERR_NOT_FOUND, proc_wait(proc_me, pid, 0, &child, &status, &how));
	EXPECT_ERR("kill ourselves", ERR_DENIED, proc_kill(proc_me, my_pid));
	EXPECT_ERR("kill pid 9999", ERR_NOT_FOUND, proc_kill(proc_me, 9999));
}

static void
proc_fault_reports_faulted(void)
{
	static const char *const w[] = { "tchild", "fault", NULL };
	int32_t status;
	uint32_t how;

	EXPECT_OK("start our proc", proc_up());
	EXPECT_OK("run tchild fault", run(w, &status, &how));
	EXPECT_EQ("how", PROC_FAULTED, how);
}

static void
proc_spawn_refuses_bad_programs(void)
{
	static const char *const none[] = { "no_such_program", NULL };
	static const char *const spaced[] = { "tchild spin", NULL };
	int32_t pid, child, status;
	uint32_t how;
	char bad[4] = { 't', 'c', 'h', 'x' };	/* no NUL at the end */

	EXPECT_OK("start our proc", proc_up());
	EXPECT_ERR("unknown program", ERR_NOT_FOUND, start(none, &pid));
	EXPECT_ERR("a name with a space", ERR_BAD_ARGUMENT, start(spaced, &pid));
	EXPECT_ERR("unterminated", ERR_BAD_ARGUMENT,
		   proc_spawn(proc_me, bad, sizeof(bad), NAME_NULL, NAME_NULL, NAME_NULL, "", &pid));
	EXPECT_ERR("empty", ERR_BAD_ARGUMENT,
		   proc_spawn(proc_me, bad, 0, NAME_NULL, NAME_NULL, NAME_NULL, "", &pid));
	EXPECT_ERR("a relative directory", ERR_BAD_ARGUMENT,
		   proc_spawn(proc_me, "tchild", 7, NAME_NULL, NAME_NULL, NAME_NULL, "bin", &pid));
	EXPECT_ERR("no children left", ERR_NOT_FOUND,
		   proc_wait(proc_me, PROC_ANY, 0, &child, &status, &how));
}

static void
proc_public_port_refuses_caller_routines(void)
{
	static const char *const w[] = { "tchild", "spin", NULL };
	char args[32];
	int32_t pid, child, status;
	uint32_t how;
	port_name_t self;
	char cwdbuf[FS_PATH_MAX];

	EXPECT_OK("start our proc", proc_up());
	EXPECT_ERR("getpid", ERR_DENIED, proc_getpid(proc_public, &pid));
	EXPECT_ERR("spawn", ERR_DENIED, proc_spawn(proc_public, args, pack(args, w), NAME_NULL,
						   NAME_NULL, NAME_NULL, "", &pid));
	EXPECT_ERR("wait", ERR_DENIED, proc_wait(proc_public, PROC_ANY, 0, &child, &status, &how));
	EXPECT_ERR("kill", ERR_DENIED, proc_kill(proc_public, 1));
	EXPECT_ERR("exit", ERR_DENIED, proc_exit(proc_public, 3));
	/* startup is for programs proc started, once: not for us. */
	EXPECT_ERR("startup", ERR_NOT_FOUND, proc_startup(proc_public, NAME_TASK_SELF, &self, &pid,
							  args, sizeof(args), &how, &self, &self,
							  &self, cwdbuf, sizeof(cwdbuf)));
	EXPECT_ERR("attach twice", ERR_EXISTS,
		   proc_attach(proc_public, NAME_TASK_SELF, "tests", &self, &pid));
}

/* Find pid in proc's list: its parent and state. */
static int
listed(int32_t pid, int32_t *parent, uint32_t *state, char *name)
{
	int32_t p;
	int err = proc_list(proc_public, pid, &p, parent, state, name, PROC_NAME_MAX);

	if (err == ERR_OK && p != pid)
		err = ERR_NOT_FOUND;
	return err;
}

static void
proc_orphans_go_to_init(void)
{
	static const char *const w[] = { "tchild", "proc_orphan", NULL };
	int32_t status, parent, orphan, child;
	uint32_t how, state;
	char name[PROC_NAME_MAX];

	EXPECT_OK("start our proc", proc_up());
	EXPECT_OK("run tchild proc_orphan", run(w, &status, &how));
	EXPECT_EQ("how", PROC_EXITED, how);
	EXPECT_EQ("status", 0, status);
	/* The orphan is the process after its parent: the table walk finds it. */
	EXPECT_OK("list pid 1", listed(my_pid, &parent, &state, name));
	EXPECT_EQ("pid 1 is us", 0, strcmp(name, "tests"));
	EXPECT_EQ("pid 1 has no parent", 0, parent);
	EXPECT_OK("list after pid 1", proc_list(proc_public, my_pid + 1, &orphan, &parent, &state,
						name, sizeof(name)));
	EXPECT_EQ("its parent is init (us)", my_pid, parent);
	EXPECT_EQ("it runs", PROC_RUNNING, state);
	EXPECT_EQ("its name", 0, strcmp(name, "tchild"));
	EXPECT_OK("kill the orphan", proc_kill(proc_me, orphan));
	EXPECT_OK("reap it", proc_wait(proc_me, orphan, 0, &child, &status, &how));
	EXPECT_EQ("how", PROC_KILLED, how);
}

static void
proc_interrupt_kills_the_foreground(void)
{
	static const char *const w[] = { "tchild", "spin", NULL };
	int32_t pid, killed, child, status;
	uint32_t how;

	EXPECT_OK("start our proc", proc_up());
	EXPECT_OK("interrupt with no foreground", proc_interrupt(proc_public, &killed));
	EXPECT_EQ("killed nobody", 0, killed);
	EXPECT_OK("spawn", start(w, &pid));
	EXPECT_ERR("foreground a stranger", ERR_NOT_FOUND, proc_foreground(proc_me, 9999));
	EXPECT_OK("foreground it", proc_foreground(proc_me, pid));
	EXPECT_OK("interrupt", proc_interrupt(proc_public, &killed));
	EXPECT_EQ("killed it", pid, killed);
	EXPECT_OK("wait", proc_wait(proc_me, pid, 0, &child, &status, &how));
	EXPECT_EQ("how", PROC_KILLED, how);
}

/*
 * A client that dies in the middle of a wait, and one that never reads
 * its answer, leave nothing behind in proc: the kernel's counts come back.
 */
static void
proc_dead_client_costs_nothing(void)
{
	static const char *const w[] = { "tchild", "proc_parent_wait", NULL };
	static const char *const e[] = { "tchild", "proc_exit", "3", NULL };
	struct counts base, now;
	int32_t pid, child, status, gpid;
	uint32_t how, state;
	char name[PROC_NAME_MAX];

	EXPECT_OK("start our proc", proc_up());
	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn a waiting parent", start(w, &pid));
	/* Its child shows up once it has started it and waits for it. */
	gpid = 0;
	for (int i = 0; i < 100 && gpid == 0; i++) {
		int32_t p, parent;
		if (proc_list(proc_public, pid + 1, &p, &parent, &state, name, sizeof(name)) ==
		    ERR_OK && parent == pid)
			gpid = p;
		else
			sleep_ms(10);
	}
	EXPECT_TRUE("its child appeared", gpid != 0);
	sleep_ms(50);	/* let it park its wait */
	EXPECT_OK("kill the waiting parent", proc_kill(proc_me, pid));
	EXPECT_OK("reap it", proc_wait(proc_me, pid, 0, &child, &status, &how));
	EXPECT_OK("kill the orphan", proc_kill(proc_me, gpid));
	EXPECT_OK("reap the orphan", proc_wait(proc_me, gpid, 0, &child, &status, &how));

	/* A wait whose answer nobody reads: a raw request whose reply port we drop. */
	EXPECT_OK("spawn", start(e, &pid));
	{
		struct {
			struct msg_header head;
			int32_t pid;
			uint32_t options;
		} m = { .head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
				  .size = sizeof(m), .dest = proc_me, .id = PROC_WAIT_ID },
			.pid = pid };
		port_name_t rp;
		EXPECT_OK("a reply port", task_port_allocate(NAME_TASK_SELF, &rp));
		m.head.reply = rp;
		EXPECT_OK("send the wait", msg_send(&m.head, 0, 0));
		EXPECT_OK("drop the reply port", task_port_deallocate(NAME_TASK_SELF, rp));
	}
	/* The wait reaped the child: proc still answers, with nothing left. */
	WAIT_UNTIL(proc_wait(proc_me, PROC_ANY, PROC_WAIT_NOHANG, &child, &status, &how) ==
		   ERR_NOT_FOUND);
	EXPECT_ERR("no child left", ERR_NOT_FOUND,
		   proc_wait(proc_me, PROC_ANY, PROC_WAIT_NOHANG, &child, &status, &how));
	EXPECT_TRUE("kernel counts back where they were", counts_settle(&base, &now));
}

/*
 * A task proc did not start, adopted: listed as our child, not killable
 * through proc (a server), and when something else ends it, proc still
 * learns of it, as a death without exit.
 */
static void
proc_adopted_task_death_is_seen(void)
{
	port_name_t task;
	int32_t pid, child, status, parent;
	uint32_t how, state;
	char name[PROC_NAME_MAX];

	EXPECT_OK("start our proc", proc_up());
	EXPECT_OK("spawn tchild spin ourselves", spawn_child("spin", &task, NULL));
	EXPECT_OK("adopt it", proc_adopt(proc_me, task, "spinner", &pid));
	EXPECT_ERR("adopt it again", ERR_EXISTS, proc_adopt(proc_me, task, "spinner", &child));
	EXPECT_OK("list it", listed(pid, &parent, &state, name));
	EXPECT_EQ("its parent", my_pid, parent);
	EXPECT_EQ("its name", 0, strcmp(name, "spinner"));
	EXPECT_ERR("proc will not kill a server", ERR_DENIED, proc_kill(proc_me, pid));
	EXPECT_OK("end it ourselves", task_terminate(task, 0));
	task_port_deallocate(NAME_TASK_SELF, task);
	EXPECT_OK("wait", proc_wait(proc_me, pid, 0, &child, &status, &how));
	EXPECT_EQ("how: died without exit", PROC_FAULTED, how);
}

/*
 * adopt and attach take a task port. Any other right, entered as a
 * process, would never end, and proc would hold it for good: the server
 * fuzzer filled proc's table so, and kept fs files, pipe ends and a
 * console session open through such entries.
 */
static void
proc_adopt_and_attach_take_only_task_ports(void)
{
	struct counts base, now;
	port_name_t p, self = NAME_NULL;
	int32_t pid = 0;

	EXPECT_OK("start our proc", proc_up());
	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	EXPECT_ERR("adopt a port that is no task", ERR_BAD_ARGUMENT,
		   proc_adopt(proc_me, p, "notask", &pid));
	EXPECT_ERR("attach one", ERR_BAD_ARGUMENT,
		   proc_attach(proc_public, p, "notask", &self, &pid));
	EXPECT_ERR("adopt a thread's port", ERR_BAD_ARGUMENT,
		   proc_adopt(proc_me, NAME_THREAD_SELF, "thread", &pid));
	drop_port(p);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

/* A thread that waits on our proc for a child that never ends. */
static volatile int waiter_err = -1;

static void
waiter(void *arg)
{
	int32_t child, status;
	uint32_t how;

	waiter_err = proc_wait(proc_me, (int32_t)(uintptr_t)arg, 0, &child, &status, &how);
}

static void
proc_killed_mid_request_gives_no_reply(void)
{
	static const char *const w[] = { "tchild", "proc_until_proc_dies", NULL };
	struct counts base, now;
	int32_t pid, child, status;
	uint32_t how;

	EXPECT_OK("start our proc", proc_up());
	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn", start(w, &pid));
	EXPECT_OK("start a waiting thread", thread_start(waiter, (void *)(uintptr_t)pid));
	sleep_ms(50);
	EXPECT_EQ("it is waiting", -1, waiter_err);
	EXPECT_OK("kill proc", task_terminate(proc_task, 0));
	WAIT_UNTIL(waiter_err != -1);
	EXPECT_ERR("the waiter's answer", ERR_NO_REPLY, waiter_err);
	EXPECT_ERR("a later call", ERR_PORT_DEAD,
		   proc_wait(proc_me, pid, 0, &child, &status, &how));
	/* The child saw its process port die and ended too: proc and it are gone. */
	for (int i = 0; i < 100 && (counts_get(&now) != ERR_OK || now.tasks != base.tasks - 1); i++)
		sleep_ms(20);
	EXPECT_EQ("tasks: proc and its child gone", base.tasks - 1, now.tasks);
	task_port_deallocate(NAME_TASK_SELF, proc_task);
	task_port_deallocate(NAME_TASK_SELF, proc_me);
	task_port_deallocate(NAME_TASK_SELF, proc_public);
	proc_public = proc_me = proc_task = NAME_NULL;
}

const struct test_case proc_cases[] = {
	{ "proc_spawn_wait_exit_status", proc_spawn_wait_exit_status },
	{ "proc_args_reach_the_program", proc_args_reach_the_program },
	{ "proc_getpid_is_the_spawned_pid", proc_getpid_is_the_spawned_pid },
	{ "proc_kill_reports_killed", proc_kill_reports_killed },
	{ "proc_fault_reports_faulted", proc_fault_reports_faulted },
	{ "proc_spawn_refuses_bad_programs", proc_spawn_refuses_bad_programs },
	{ "proc_public_port_refuses_caller_routines", proc_public_port_refuses_caller_routines },
	{ "proc_orphans_go_to_init", proc_orphans_go_to_init },
	{ "proc_interrupt_kills_the_foreground", proc_interrupt_kills_the_foreground },
	{ "proc_adopted_task_death_is_seen", proc_adopted_task_death_is_seen },
	{ "proc_dead_client_costs_nothing", proc_dead_client_costs_nothing },
	{ "proc_adopt_and_attach_take_only_task_ports", proc_adopt_and_attach_take_only_task_ports },
	{ "proc_killed_mid_request_gives_no_reply", proc_killed_mid_request_gives_no_reply },
	{ NULL, NULL },
};
