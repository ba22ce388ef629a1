/*
 * sh - the shell: read a command line, run it, say how it ended.
 *
 * The prompt is "harbor$ ". A line is words separated by spaces: the
 * first names a program (a boot module, started through the process
 * server) or a builtin (exit, help, wait); a trailing & runs it in the
 * background; $? is the status of the last foreground command. ^C kills
 * the foreground program (the console tells proc, which kills the
 * process the shell made the foreground), never the shell; ^D at the
 * prompt ends the shell. docs/tutorial.md shows how to add a program.
 */
#include "user/sh/sh.h"
#include "harbor/process.h"

int sh_status;

int
main(int argc, char **argv)
{
	static char line[SH_LINE_MAX];
	char num[16];
	static struct sh_command c;

	if (proc_self_port() == NAME_NULL) {
		fprintf(stderr, "sh: not started by the process server: cannot run programs\n");
		return 1;
	}
	for (;;) {
		sh_reap();
		printf("harbor$ ");
		if (fgets(line, sizeof(line), stdin) == NULL) {
			printf("\n");
			return 0;	/* ^D: the end of the input */
		}
		if (sh_parse(line, &c, num, sizeof(num)) <= 0)
			continue;
		if (!sh_builtin(&c))
			sh_run(&c);
	}
}
