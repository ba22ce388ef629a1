/*
 * builtin.c - the commands the shell runs itself, because a program
 * could not: exit ends the shell, wait waits for its own children, cd
 * changes the shell's own current directory (which the programs it
 * starts inherit), pwd says it, help says what there is.
 */
#include "user/sh/sh.h"
#include <errno.h>
#include <unistd.h>
#include "harbor/fs.h"
#include "sh_programs.h"	/* generated from SHELL_PROGRAMS in user/Makefrag */

static void
sh_help(void)
{
	printf("Builtins: cd [dir], exit [status], help, pwd, wait [pid].\n");
	printf("Programs:");
	for (int i = 0; sh_programs[i] != NULL; i++)
		printf(" %s", sh_programs[i]);
	printf("\n");
	printf("Add & to run a program in the background; $? is the last status.\n");
	printf("a | b runs a and b with a's output as b's input (a pipe).\n");
	printf("< f reads from f; > f writes f, >> f adds to its end, 2> f takes errors.\n");
	printf("^C stops the program in the foreground; ^D at the prompt ends the shell.\n");
}

int
sh_builtin(const struct sh_command *cmd)
{
	const struct sh_stage *c = &cmd->stages[0];
	const char *name = c->argv[0];

	/* In a pipeline or redirected, a builtin's name is a program's. */
	if (cmd->nstages > 1 || c->in || c->out || c->err)
		return 0;
	if (strcmp(name, "exit") == 0) {
		exit(c->argc > 1 ? atoi(c->argv[1]) : sh_status);
	} else if (strcmp(name, "help") == 0) {
		sh_help();
		sh_status = 0;
	} else if (strcmp(name, "cd") == 0) {
		/* No home directory: cd alone goes to the root. */
		const char *dir = c->argc > 1 ? c->argv[1] : "/";
		if (chdir(dir) != 0) {
			printf("cd: %s: %s\n", dir, error_string(errno));
			sh_status = 1;
		} else {
			sh_status = 0;
		}
	} else if (strcmp(name, "pwd") == 0) {
		char buf[FS_PATH_MAX];
		printf("%s\n", getcwd(buf, sizeof(buf)) ? buf : "?");
		sh_status = 0;
	} else if (strcmp(name, "wait") == 0) {
		sh_wait(c->argc > 1 ? atoi(c->argv[1]) : 0);
	} else {
		return 0;
	}
	return 1;
}
