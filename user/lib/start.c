/*
 * start.c - from the kernel's entry to main(argc, argv), and exit.
 *
 * The kernel leaves the task's argument string at USER_ARGS_ADDR (the top
 * of the main stack); we split it at spaces into argv. argv[0] is the
 * program's name.
 */
#include "user/lib/ulib.h"
#include "user/lib/uthread.h"
#include "harbor/layout.h"
#include "harbor/task_client.h"

#define ARGV_MAX 16

uint32_t task_arg;

int main(int argc, char **argv);
void libc_start(uint32_t arg) __attribute__((noreturn));

void
libc_start(uint32_t arg)
{
	static char args[USER_ARGS_MAX];
	static char *argv[ARGV_MAX + 1];
	int argc = 0;

	task_arg = arg;
	uthread_init_main();
	mem_start();
	memcpy(args, (const char *)USER_ARGS_ADDR, USER_ARGS_MAX);
	args[USER_ARGS_MAX - 1] = '\0';
	for (char *p = args; *p && argc < ARGV_MAX;) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ')
			p++;
	}
	argv[argc] = NULL;
	exit(main(argc, argv));
}

void
exit(int status)
{
	task_terminate(NAME_TASK_SELF, status);
	/* Still here: the task gave away its own task port or reply port.
	 * An illegal instruction is the one way left to end it. */
	for (;;)
		__asm__ volatile("ud2");
}
