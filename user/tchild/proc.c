/*
 * proc.c - tchild's modes for the process server's cases
 * (user/tests/proc.c). The test suite's own proc starts tchild with these
 * as its arguments; each mode answers through its exit status:
 *   proc_args ...      exit with argc * 100 + the lengths of argv[2..]
 *   proc_pid           exit with getpid()
 *   proc_exit N        exit with N
 *   proc_parent_wait   start "tchild spin" and wait for it (for ever)
 *   proc_orphan        start "tchild spin", then exit 0, leaving it an orphan
 *   proc_until_proc_dies  wait for a dead-name notification on its process
 *                      port, then exit 0 (so a test can kill proc and leave
 *                      nothing running)
 */
#include "user/lib/ulib.h"
#include "user/tchild/tchild.h"
#include "harbor/process.h"
#include "harbor/task_client.h"

int
proc_child(int argc, char **argv)
{
	const char *mode = argv[1];
	static const char *const spin[] = { "tchild", "spin", NULL };
	int32_t pid;

	if (strcmp(mode, "proc_args") == 0) {
		int sum = argc * 100;
		for (int i = 2; i < argc; i++)
			sum += (int)strlen(argv[i]);
		return sum;
	}
	if (strcmp(mode, "proc_pid") == 0)
		return getpid();
	if (strcmp(mode, "proc_exit") == 0 && argc > 2)
		return atoi(argv[2]);
	if (strcmp(mode, "proc_parent_wait") == 0) {
		if (spawn(spin, NULL, &pid) != ERR_OK)
			return 30;
		wait_child(pid, 0, NULL, NULL, NULL);
		return 31;
	}
	if (strcmp(mode, "proc_until_proc_dies") == 0) {
		port_name_t port;
		struct msg_notification n;
		if (task_port_allocate(NAME_TASK_SELF, &port) != ERR_OK ||
		    task_port_request_notification(NAME_TASK_SELF, proc_self_port(), NOTIFY_DEAD_NAME,
						   port) != ERR_OK)
			return 33;
		msg_receive(&n.head, sizeof(n), port, 0, 0);
		return 0;
	}
	if (strcmp(mode, "proc_orphan") == 0)
		return spawn(spin, NULL, &pid) == ERR_OK ? 0 : 32;
	return 20;
}
