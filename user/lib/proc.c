/*
 * proc.c - the library's side of the process server: the startup
 * protocol, and the calls of <harbor/process.h>.
 *
 * The startup protocol: proc starts a program with PROC_START_NAMED or
 * PROC_START_DIRECT as its argument word (task_arg). Before main, start.c
 * calls proc_startup_self: it finds proc (looked up as "proc" at the name
 * server, NAME_BOOTSTRAP, or NAME_BOOTSTRAP itself for DIRECT), and calls
 * startup with a copy of its own task port, which proves to proc who it
 * is. The answer carries the program's process port (its handle for
 * every later call), its pid, its arguments, its standard ports, which
 * become file descriptors 0, 1 and 2 (fd_install), and the current
 * directory of the process that spawned it (spawn sends ours along). A program started some other way (init's servers, the tests'
 * helpers) makes no call and keeps the kernel's argument string.
 */
#include "user/lib/ulib.h"
#include "harbor/process.h"
#include "harbor/name_client.h"
#include "harbor/proc_client.h"
#include <unistd.h>
#include "user/lib/proc_start.h"
#include "user/lib/file.h"

static port_name_t proc_public = NAME_NULL;	/* proc's public port */
static port_name_t proc_self = NAME_NULL;	/* our process port */

/* Find proc's public port, as the argument word says. */
static port_name_t
proc_find(void)
{
	port_name_t proc = NAME_NULL;

	if (task_arg == PROC_START_DIRECT)
		return NAME_BOOTSTRAP;
	/* proc registered before it started us: no need to wait long. */
	if (name_lookup(NAME_BOOTSTRAP, "proc", 1000, &proc) != ERR_OK)
		return NAME_NULL;
	return proc;
}

int
proc_startup_self(char *args, uint32_t cap, uint32_t *len)
{
	port_name_t std[3];
	char cwd[FS_PATH_MAX];
	int32_t pid;
	int err;

	if (task_arg != PROC_START_NAMED && task_arg != PROC_START_DIRECT)
		return ERR_NOT_FOUND;
	proc_public = proc_find();
	if (proc_public == NAME_NULL)
		return ERR_NOT_FOUND;
	err = proc_startup(proc_public, NAME_TASK_SELF, &proc_self, &pid, args, cap, len,
			   &std[0], &std[1], &std[2], cwd, sizeof(cwd));
	if (err != ERR_OK) {
		proc_self = NAME_NULL;
		return err;
	}
	/* The standard ports become file descriptors 0, 1 and 2, which
	 * stdio writes and reads through (user/lib/fd.c). */
	for (int i = 0; i < 3; i++)
		if (std[i] != NAME_NULL)
			fd_install(i, std[i]);
	file_cwd_start(cwd);	/* the directory our spawner was in */
	return ERR_OK;
}

int
proc_exit_self(int status)
{
	return proc_self != NAME_NULL && proc_exit(proc_self, status) == ERR_OK;
}

port_name_t
proc_self_port(void)
{
	return proc_self;
}

port_name_t
proc_server_port(void)
{
	return proc_public;
}

int32_t
getpid(void)
{
	int32_t pid;
	int err = proc_self == NAME_NULL ? ERR_NOT_FOUND : proc_getpid(proc_self, &pid);

	if (err != ERR_OK) {
		errno = err;
		return -1;
	}
	return pid;
}

int
spawn(const char *const argv[], const port_name_t std[3], int32_t *pid)
{
	char args[PROC_ARGS_BYTES];
	char cwd[FS_PATH_MAX];
	port_name_t own[3] = { fd_port(0), fd_port(1), fd_port(2) };
	uint32_t len = 0;

	if (proc_self == NAME_NULL)
		return ERR_NOT_FOUND;
	if (argv == NULL || argv[0] == NULL)
		return ERR_BAD_ARGUMENT;
	for (int i = 0; argv[i] != NULL; i++) {
		uint32_t n = strlen(argv[i]) + 1;
		if (i == PROC_ARGS_MAX || len + n > sizeof(args))
			return ERR_BAD_ARGUMENT;
		memcpy(args + len, argv[i], n);
		len += n;
	}
	if (std == NULL)
		std = own;
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		cwd[0] = '\0';		/* cannot happen: cwd is never longer */
	return proc_spawn(proc_self, args, len, std[0], std[1], std[2], cwd, pid);
}

int
wait_child(int32_t pid, uint32_t options, int32_t *child, int *status, uint32_t *how)
{
	int32_t c, st;
	uint32_t h;
	int err;

	if (proc_self == NAME_NULL)
		return ERR_NOT_FOUND;
	err = proc_wait(proc_self, pid, options, &c, &st, &h);
	if (err != ERR_OK)
		return err;
	if (child)
		*child = c;
	if (status)
		*status = st;
	if (how)
		*how = h;
	return ERR_OK;
}

int
kill(int32_t pid)
{
	if (proc_self == NAME_NULL)
		return ERR_NOT_FOUND;
	return proc_kill(proc_self, pid);
}

int
set_foreground(int32_t pid)
{
	if (proc_self == NAME_NULL)
		return ERR_NOT_FOUND;
	return proc_foreground(proc_self, pid);
}

int
proc_status_code(int status, uint32_t how)
{
	if (how == PROC_KILLED)
		return 128 + 9;
	if (how == PROC_FAULTED)
		return 128 + 11;
	return status;
}
