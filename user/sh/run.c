/*
 * run.c - starting programs and waiting for them.
 *
 * A program is a child of the shell in the process server, with the
 * shell's own standard ports. In the foreground the shell makes it the
 * program ^C kills (set_foreground), waits for it, and says how it ended
 * if that was not a plain exit; in the background it prints its pid and
 * reports it at a later prompt.
 */
#include "user/sh/sh.h"
#include "harbor/process.h"

/* Say how a child ended, when there is something to say; its $? value. */
static int
sh_report(const char *name, int32_t pid, int status, uint32_t how, int background)
{
	if (how == PROC_KILLED)
		printf("%s (pid %d): killed\n", name, pid);
	else if (how == PROC_FAULTED)
		printf("%s (pid %d): died of a fault\n", name, pid);
	else if (background)
		printf("[%d] done, status %d\n", pid, status);
	return proc_status_code(status, how);
}

void
sh_run(const struct sh_command *c)
{
	int32_t pid, child;
	int status, err;
	uint32_t how;

	err = spawn((const char *const *)c->argv, NULL, &pid);
	if (err == ERR_NOT_FOUND) {
		printf("sh: %s: no such program (type help for the list)\n", c->argv[0]);
		sh_status = 127;
		return;
	}
	if (err != ERR_OK) {
		printf("sh: %s: cannot start: %s\n", c->argv[0], error_string(err));
		sh_status = 126;
		return;
	}
	if (c->background) {
		printf("[%d]\n", pid);
		sh_status = 0;
		return;
	}
	set_foreground(pid);
	err = wait_child(pid, 0, &child, &status, &how);
	set_foreground(0);
	if (err != ERR_OK) {
		printf("sh: waiting for %s: %s\n", c->argv[0], error_string(err));
		sh_status = 126;
		return;
	}
	sh_status = sh_report(c->argv[0], pid, status, how, 0);
}

void
sh_reap(void)
{
	int32_t child;
	int status;
	uint32_t how;

	while (wait_child(PROC_ANY, PROC_WAIT_NOHANG, &child, &status, &how) == ERR_OK)
		sh_report("background job", child, status, how, 1);
}

void
sh_wait(int32_t pid)
{
	int32_t child;
	int status;
	uint32_t how;

	for (;;) {
		int err = wait_child(pid > 0 ? pid : PROC_ANY, 0, &child, &status, &how);
		if (err == ERR_NOT_FOUND && pid > 0) {
			printf("wait: %d: no such child\n", pid);
			sh_status = 127;
			return;
		}
		if (err != ERR_OK)
			return;		/* no children left */
		sh_status = sh_report("background job", child, status, how, 1);
		if (pid > 0)
			return;
	}
}
