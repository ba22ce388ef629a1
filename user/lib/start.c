/*
 * start.c - from the kernel's entry to main(argc, argv), and exit.
 *
 * A program the process server started asks it for its arguments and
 * standard ports first (user/lib/proc.c, the startup protocol); they come
 * as NUL-separated strings. Any other program takes the argument string
 * the kernel left at USER_ARGS_ADDR (the top of the main stack), split at
 * spaces. argv[0] is the program's name either way.
 */
#include "user/lib/ulib.h"
#include "user/lib/uthread.h"
#include "user/lib/proc_start.h"
#include "harbor/layout.h"
#include "harbor/proc.h"
#include "harbor/task_client.h"

#define ARGV_MAX PROC_ARGS_MAX

uint32_t task_arg;

int main(int argc, char **argv);
void libc_start(uint32_t arg) __attribute__((noreturn));

/* Split the kernel's argument string at spaces. */
static int
start_split_spaces(char *p, char **argv)
{
	int argc = 0;

	while (*p && argc < ARGV_MAX) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ')
			p++;
	}
	return argc;
}

/* Split proc's NUL-separated arguments. */
static int
start_split_nuls(char *p, uint32_t len, char **argv)
{
	int argc = 0;

	for (uint32_t i = 0; i < len && argc < ARGV_MAX; i += strlen(p + i) + 1)
		argv[argc++] = p + i;
	return argc;
}

void
libc_start(uint32_t arg)
{
	static char args[PROC_ARGS_BYTES];
	static char *argv[ARGV_MAX + 1];
	uint32_t len;
	int argc;

	task_arg = arg;
	uthread_init_main();
	mem_start();
	if (proc_startup_self(args, sizeof(args) - 1, &len) == ERR_OK && len > 0) {
		args[len] = '\0';
		argc = start_split_nuls(args, len, argv);
	} else {
		memcpy(args, (const char *)USER_ARGS_ADDR, USER_ARGS_MAX);
		args[USER_ARGS_MAX - 1] = '\0';
		argc = start_split_spaces(args, argv);
	}
	argv[argc] = NULL;
	exit(main(argc, argv));
}

void
exit(int status)
{
	/* A process's status goes to its parent through proc; the kernel
	 * prints a nonzero one on its debug line, which would only be noise
	 * on the console then. */
	task_terminate(NAME_TASK_SELF, proc_exit_self(status) ? 0 : status);
	/* Still here: the task gave away its own task port or reply port.
	 * An illegal instruction is the one way left to end it. */
	for (;;)
		__asm__ volatile("ud2");
}
