/*
 * sh.h - the shell's pieces: reading a command line into words
 * (parse.c), the builtins (builtin.c), running programs (run.c).
 */
#ifndef USER_SH_SH_H
#define USER_SH_SH_H

#include "user/lib/ulib.h"
#include "harbor/proc.h"

#define SH_LINE_MAX	256		/* a command line, with its newline */
#define SH_WORDS_MAX	PROC_ARGS_MAX	/* words in one command */

/* One command: its words, and whether it ends in & (run in the background). */
struct sh_command {
	int argc;
	char *argv[SH_WORDS_MAX + 1];
	int background;
};

/* The status of the last foreground command: what $? stands for. */
extern int sh_status;

/*
 * sh_parse - split line (changed in place) into words at spaces and
 * tabs, a trailing & meaning background, each word "$?" replaced by
 * sh_status (written into numbuf). Returns 0 for an empty line, 1 for a
 * command, -1 (said on stderr) for too many words.
 */
int sh_parse(char *line, struct sh_command *c, char *numbuf, size_t numcap);

/*
 * sh_builtin - run c if it is a builtin (exit, help, wait). Returns 1 if
 * it was one, 0 if not. exit does not return.
 */
int sh_builtin(const struct sh_command *c);

/* sh_run - start program c->argv[0]; wait for it unless in the background. */
void sh_run(const struct sh_command *c);

/* sh_reap - report background programs that have ended (no waiting). */
void sh_reap(void);

/* sh_wait_all - wait for every child (the wait builtin); pid 0 means all. */
void sh_wait(int32_t pid);

#endif /* USER_SH_SH_H */
