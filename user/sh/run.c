/*
 * run.c - starting programs and pipelines, and waiting for them.
 *
 * A program is a child of the shell in the process server, with the
 * shell's own standard ports, but for a pipe between it and its
 * neighbours in a pipeline (a | b: a's output is b's input) and its
 * redirections. The shell closes its own pipe ends once the children
 * have theirs, so a reader sees the end when its writer ends, and a
 * writer whose reader ended is told (ERR_PIPE_CLOSED). The last program
 * of a pipeline is the foreground, and its status is $?; if ^C kills
 * it, the shell ends the others too. In the foreground the shell makes it the
 * program ^C kills (set_foreground), waits for it, and says how it ended
 * if that was not a plain exit; in the background it prints its pid and
 * reports it at a later prompt.
 */
#include "user/sh/sh.h"
#include <errno.h>
#include <unistd.h>
#include "harbor/process.h"
#include "harbor/task_client.h"

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

/* The standard ports of stage i: the pipes around it, its redirections, or the shell's own. */
static int
sh_stage_ports(const struct sh_stage *st, port_name_t std[3], port_name_t opened[3])
{
	const char *path[3] = { st->in, st->out, st->err };
	enum sh_redirect_kind kind[3] = { SH_REDIRECT_IN,
					  st->append ? SH_REDIRECT_APPEND : SH_REDIRECT_OUT,
					  SH_REDIRECT_ERR };

	for (int i = 0; i < 3; i++) {
		if (path[i] == NULL)
			continue;
		int err = sh_redirect_open(path[i], kind[i], &opened[i]);
		if (err != ERR_OK) {
			printf("sh: %s: %s\n", path[i], error_string(err));
			return err;
		}
		std[i] = opened[i];
	}
	return ERR_OK;
}

/* Start stage st with std; its pid, or 0 if it could not start (said, $? set). */
static int32_t
sh_start(const struct sh_stage *st, const port_name_t std[3])
{
	int32_t pid = 0;
	int err = spawn((const char *const *)st->argv, std, &pid);

	if (err == ERR_NOT_FOUND) {
		printf("sh: %s: no such program (type help for the list)\n", st->argv[0]);
		sh_status = 127;
		return 0;
	}
	if (err != ERR_OK) {
		printf("sh: %s: cannot start: %s\n", st->argv[0], error_string(err));
		sh_status = 126;
		return 0;
	}
	return pid;
}

/* Wait for the programs of a foreground pipeline; $? is the last one's. */
static void
sh_wait_stages(const struct sh_command *c, const int32_t pids[])
{
	int32_t child, last = pids[c->nstages - 1];
	int status, err;
	uint32_t how = PROC_EXITED;

	if (last != 0) {
		set_foreground(last);
		err = wait_child(last, 0, &child, &status, &how);
		set_foreground(0);
		if (err != ERR_OK) {
			printf("sh: waiting for %s: %s\n", c->stages[c->nstages - 1].argv[0],
			       error_string(err));
			sh_status = 126;
		} else {
			sh_status = sh_report(c->stages[c->nstages - 1].argv[0], last, status, how, 0);
		}
	}
	for (int i = 0; i < c->nstages - 1; i++) {
		if (pids[i] == 0)
			continue;
		/* ^C killed the last program: the ones before it go too (they
		 * might wait for ever on an input that has no end). */
		if (how == PROC_KILLED)
			kill(pids[i]);
		wait_child(pids[i], 0, &child, &status, &how);
	}
}

void
sh_run(const struct sh_command *c)
{
	int32_t pids[SH_STAGES_MAX] = { 0 };
	int next_in = -1;	/* the descriptor of the read end for the next stage */

	for (int i = 0; i < c->nstages; i++) {
		const struct sh_stage *st = &c->stages[i];
		port_name_t std[3] = { fd_port(0), fd_port(1), fd_port(2) };
		port_name_t opened[3] = { NAME_NULL, NAME_NULL, NAME_NULL };
		int fds[2] = { -1, -1 };

		if (next_in >= 0)
			std[0] = fd_port(next_in);
		if (i < c->nstages - 1) {
			if (pipe(fds) != 0) {
				printf("sh: cannot make a pipe: %s\n", error_string(errno));
				sh_status = 126;
				break;
			}
			std[1] = fd_port(fds[1]);
		}
		if (sh_stage_ports(st, std, opened) == ERR_OK)
			pids[i] = sh_start(st, std);
		else
			sh_status = 1;
		/* The children have their own rights now: the shell lets go of
		 * its ends, so each pipe's end is seen when its writer ends. */
		for (int k = 0; k < 3; k++)
			if (opened[k] != NAME_NULL)
				task_port_deallocate(NAME_TASK_SELF, opened[k]);
		if (next_in >= 0)
			close(next_in);
		next_in = fds[0];	/* kept for the next stage (-1: none) */
		if (fds[1] >= 0)
			close(fds[1]);
	}
	if (next_in >= 0)
		close(next_in);		/* the pipeline stopped early */
	if (c->background) {
		for (int i = 0; i < c->nstages; i++)
			if (pids[i] != 0)
				printf("[%d]\n", pids[i]);
		sh_status = 0;
		return;
	}
	sh_wait_stages(c, pids);
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
