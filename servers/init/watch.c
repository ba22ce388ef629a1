/*
 * watch.c - init as a process: pid 1 of the process server, parent of
 * the boot servers and of the shell, and the one who says when one of
 * them dies.
 *
 * Boot servers start before proc exists, so init enters them into proc's
 * table itself (proc adopt), and proc, which watches every process's
 * task port, tells init of each death through wait, with how it died.
 * Orphans (whose parent died first) come to init too, and are reaped.
 * The shell is started through proc like any program, with the console
 * as its standard ports; when it ends (exit, ^D), init starts a new one.
 */
#include "user/lib/ulib.h"
#include "servers/init/init.h"
#include "harbor/name_client.h"
#include "harbor/proc.h"
#include "harbor/proc_client.h"
#include "harbor/task_client.h"

static port_name_t init_proc;		/* proc's public port */
static port_name_t init_self;		/* our process port */
static int32_t init_pids[8];		/* the boot servers' pids, as servers[] */
static int32_t init_mem_pid, init_name_pid, init_shell_pid;

/* Enter one boot server as our child; its pid, or 0 (reported). */
static int32_t
init_adopt(port_name_t task, const char *name)
{
	int32_t pid = 0;
	int err = proc_adopt(init_self, task, name, &pid);

	if (err != ERR_OK)
		printf("init: proc would not adopt %s: %s\n", name, error_string(err));
	return err == ERR_OK ? pid : 0;
}

int
init_join_proc(struct init_server *servers, int n)
{
	int32_t pid;
	int err = name_lookup(init_name_server, "proc", 0, &init_proc);

	if (err == ERR_OK)
		err = proc_attach(init_proc, NAME_TASK_SELF, "init", &init_self, &pid);
	if (err != ERR_OK) {
		printf("init: cannot join the process server: %s\n", error_string(err));
		return err;
	}
	if (init_mem_task != NAME_NULL)
		init_mem_pid = init_adopt(init_mem_task, "mem");
	if (init_name_task != NAME_NULL)
		init_name_pid = init_adopt(init_name_task, "name");
	for (int i = 0; i < n && i < (int)ARRAY_SIZE(init_pids); i++)
		if (servers[i].task != NAME_NULL)
			init_pids[i] = init_adopt(servers[i].task, servers[i].name);
	return ERR_OK;
}

/* Start a shell through proc, on the console. */
static void
init_start_shell(void)
{
	static const char args[] = "sh";
	port_name_t console;
	int err = name_lookup(init_name_server, "console", 0, &console);

	if (err == ERR_OK) {
		err = proc_spawn(init_self, args, sizeof(args), console, console, console,
				 "/", &init_shell_pid);
		task_port_deallocate(NAME_TASK_SELF, console);
	}
	if (err != ERR_OK) {
		printf("init: cannot start the shell: %s\n", error_string(err));
		init_shell_pid = 0;
	}
}

static const char *
init_how(uint32_t how)
{
	if (how == PROC_KILLED)
		return "killed";
	if (how == PROC_FAULTED)
		return "killed by the kernel (a fault)";
	return "exited";
}

void
init_watch(struct init_server *servers, int n, int shell)
{
	int32_t child, status;
	uint32_t how;

	if (shell)
		init_start_shell();
	for (;;) {
		int err = proc_wait(init_self, PROC_ANY, 0, &child, &status, &how);
		const char *name = NULL;

		if (err == ERR_NOT_FOUND)
			return;		/* no child left to watch */
		if (err != ERR_OK) {
			printf("init: server proc died (%s): nobody watches the others now\n",
			       error_string(err));
			return;
		}
		if (child == init_shell_pid && shell) {
			printf("init: the shell ended (%s, status %d); starting a new one\n",
			       init_how(how), status);
			init_start_shell();
			continue;
		}
		if (child == init_mem_pid)
			name = "mem";
		if (child == init_name_pid)
			name = "name";
		for (int i = 0; i < n && i < (int)ARRAY_SIZE(init_pids); i++)
			if (child == init_pids[i])
				name = servers[i].name;
		if (name != NULL)
			printf("init: server %s (pid %d) died: %s, status %d\n", name, child,
			       init_how(how), status);
	}
}
