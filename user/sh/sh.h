/*
 * sh.h - the shell's pieces: reading a command line into programs,
 * words and redirections (parse.c), the builtins (builtin.c), running
 * pipelines (run.c), opening what a redirection names (redirect.c).
 */
#ifndef USER_SH_SH_H
#define USER_SH_SH_H

#include "user/lib/ulib.h"
#include "harbor/proc.h"

#define SH_LINE_MAX	256		/* a command line, with its newline */
#define SH_WORDS_MAX	PROC_ARGS_MAX	/* words in one command */

#define SH_STAGES_MAX	8		/* programs in one pipeline */

/* Where a redirection points a standard port (redirect.c). */
enum sh_redirect_kind {
	SH_REDIRECT_IN,		/* < path: standard input from path */
	SH_REDIRECT_OUT,	/* > path: standard output to path, made empty */
	SH_REDIRECT_APPEND,	/* >> path: standard output to the end of path */
	SH_REDIRECT_ERR,	/* 2> path: standard error to path, made empty */
};

/* One program of a pipeline: its words and its redirections (NULL: none). */
struct sh_stage {
	int argc;
	char *argv[SH_WORDS_MAX + 1];
	char *in, *out, *err;	/* the paths after <, > or >>, 2> */
	int append;		/* out came with >> */
};

/* One command line: stages joined by |, and whether it ends in &. */
struct sh_command {
	int nstages;
	struct sh_stage stages[SH_STAGES_MAX];
	int background;
	char words[2 * SH_LINE_MAX];	/* the words, each NUL-terminated */
};

/* The status of the last foreground command: what $? stands for. */
extern int sh_status;

/*
 * sh_parse - split line into c: words at spaces and tabs; | between
 * programs; < path, > path, >> path and 2> path (written apart from the
 * words or glued to them); a last & for the background; each word "$?"
 * replaced by sh_status. Returns 0 for an empty line, 1 for a command,
 * -1 (said on stderr) for a mistake: too many words or programs, a | or a
 * redirection with nothing after it, a | with no program before it.
 */
int sh_parse(const char *line, struct sh_command *c, char *numbuf, size_t numcap);

/*
 * sh_builtin - run c if it is a builtin (cd, exit, help, pwd, wait). Returns 1 if
 * it was one, 0 if not. exit does not return.
 */
int sh_builtin(const struct sh_command *c);

/*
 * sh_run - start every program of c, each one's standard output the next
 * one's standard input through a pipe, with its redirections; wait for
 * them unless in the background. $? is the last program's status.
 */
void sh_run(const struct sh_command *c);

/*
 * sh_redirect_open - open path for a redirection of kind: a send right to
 * the open file (an io.defs object of fs) in *port, the caller's to drop
 * once the child has it. Returns ERR_OK, or open's error (ERR_NOT_FOUND,
 * ERR_IS_DIR, ERR_DENIED, ERR_NOT_DIR, ERR_NAME_TOO_LONG, ERR_NO_SPACE,
 * ERR_READ_ONLY, ERR_DISK_FULL, ...); ERR_BAD_ARGUMENT for an unknown kind.
 */
int sh_redirect_open(const char *path, enum sh_redirect_kind kind, port_name_t *port);

/* sh_reap - report background programs that have ended (no waiting). */
void sh_reap(void);

/* sh_wait_all - wait for every child (the wait builtin); pid 0 means all. */
void sh_wait(int32_t pid);

#endif /* USER_SH_SH_H */
