/*
 * handlers.c - proc's answers to the routines of proc.defs.
 *
 * generated dispatch (build/gen/harbor/proc_server.c) has checked every
 * request's shape before a handler runs; what is left is to check what it
 * means. s->caller is the process whose process port the request came on
 * (NULL on the public port): the routines that act for the caller refuse
 * the public port with ERR_DENIED. A handler that returns an error keeps
 * none of the request's rights (the loop releases them); one that
 * succeeds owns them.
 */
#include "servers/proc/proc.h"
#include "harbor/host_client.h"
#include "harbor/proc_server.h"
#include "harbor/task_client.h"

/* Handlers return this, with s->park set, for a wait to be answered later. */
#define PROC_PARKED	ERR_BUSY

int
proc_startup_handler(void *ctx, uint32_t task, uint32_t *self, int32_t *pid, void *args,
		     uint32_t *args_len, uint32_t *input, uint32_t *output, uint32_t *errors,
		     char *cwd)
{
	/* The task right came in merged with ours, under the same name: that
	 * is how we know the caller is the task we started. */
	struct proc *p = proc_by_task(task);

	if (p == NULL || p->state != PROC_RUNNING || p->started || p->self == NAME_NULL)
		return ERR_NOT_FOUND;
	task_port_deallocate(NAME_TASK_SELF, task);	/* the reference it brought */
	p->started = 1;
	*self = p->self;
	*pid = p->pid;
	memcpy(args, p->args, p->args_len);
	*args_len = p->args_len;
	*input = p->std[0];
	*output = p->std[1];
	*errors = p->std[2];
	strlcpy(cwd, p->cwd[0] ? p->cwd : "/", FS_PATH_MAX);
	/* The reply moves the standard ports to the process. */
	p->std[0] = p->std[1] = p->std[2] = NAME_NULL;
	return ERR_OK;
}

int
proc_getpid_handler(void *ctx, int32_t *pid)
{
	struct proc_server *s = ctx;

	if (s->caller == NULL)
		return ERR_DENIED;
	*pid = s->caller->pid;
	return ERR_OK;
}

int
proc_exit_handler(void *ctx, int32_t status)
{
	struct proc_server *s = ctx;

	if (s->caller == NULL)
		return ERR_DENIED;
	s->caller->said_exit = 1;
	s->caller->status = status;
	return ERR_OK;
}

/*
 * Check a spawn's argument block: 1 to PROC_ARGS_MAX strings, the last
 * byte a NUL, no empty first string. Returns how many strings.
 */
static int
proc_count_args(const char *args, uint32_t len)
{
	int n = 0;

	if (len == 0 || args[len - 1] != '\0' || args[0] == '\0')
		return 0;
	for (uint32_t i = 0; i < len; i++)
		if (args[i] == '\0')
			n++;
	return n <= PROC_ARGS_MAX ? n : 0;
}

/*
 * The kernel's argument string for a program: its words joined by spaces
 * when they fit host module_spawn's (and image_spawn's) 63 characters, else its name alone
 * (libc takes the real arguments from startup; this is what a program
 * that never asks, and the kernel's fault reports, see).
 */
static void
proc_kernel_args(const char *args, uint32_t len, char *out, uint32_t cap)
{
	uint32_t n = strlcpy(out, args, cap);

	for (uint32_t i = n + 1; i < len && n < cap; ) {
		uint32_t w = strlen(args + i);
		if (n + 1 + w >= cap) {
			out[strlen(args)] = '\0';
			return;
		}
		out[n++] = ' ';
		memcpy(out + n, args + i, w + 1);
		n += w;
		i += w + 1;
	}
}

int
proc_spawn_handler(void *ctx, const void *args, uint32_t args_len, uint32_t input,
		   uint32_t output, uint32_t errors, const char *cwd, int32_t *pid)
{
	struct proc_server *s = ctx;
	char kargs[64];
	port_name_t task;
	struct proc *p;
	int err;

	if (s->caller == NULL)
		return ERR_DENIED;
	if (proc_count_args(args, args_len) == 0 || strlen(args) >= PROC_NAME_MAX ||
	    strchr(args, ' ') != NULL)
		return ERR_BAD_ARGUMENT;
	/* The stub checked cwd fits and ends in a NUL; the child's libc takes
	 * it as its current directory, so it must at least be absolute. */
	if (cwd[0] != '\0' && cwd[0] != '/')
		return ERR_BAD_ARGUMENT;
	p = proc_new(args, s->caller->pid);
	if (p == NULL)
		return ERR_NO_SPACE;
	err = proc_give_port(p, s->set);
	if (err != ERR_OK) {
		proc_free(p);
		return err;
	}
	proc_kernel_args(args, args_len, kargs, sizeof(kargs));
	err = proc_load(s, args, kargs, &task);
	if (err != ERR_OK) {
		proc_free(p);
		return err;
	}
	p->task = task;
	err = proc_watch(p, s->notify_port);
	if (err != ERR_OK) {
		/* Unwatched, it could die unseen: do not let it run. */
		task_terminate(task, 0);
		proc_free(p);
		return err;
	}
	memcpy(p->args, args, args_len);
	p->args_len = args_len;
	p->std[0] = input;
	p->std[1] = output;
	p->std[2] = errors;
	strlcpy(p->cwd, cwd, sizeof(p->cwd));
	*pid = p->pid;
	return ERR_OK;
}

int
proc_wait_handler(void *ctx, int32_t pid, uint32_t options, int32_t *child, int32_t *status,
		  uint32_t *how)
{
	struct proc_server *s = ctx;
	struct proc *me = s->caller;
	int found = 0;

	if (me == NULL)
		return ERR_DENIED;
	for (int i = 0; i < PROC_TABLE_SIZE; i++) {
		struct proc *c = &proc_table[i];
		if (c->pid == 0 || c->parent != me->pid || (pid != PROC_ANY && c->pid != pid))
			continue;
		found = 1;
		if (c->state != PROC_ZOMBIE)
			continue;
		*child = c->pid;
		*status = c->status;
		*how = c->how;
		proc_free(c);
		return ERR_OK;
	}
	if (!found)
		return ERR_NOT_FOUND;
	if (options & PROC_WAIT_NOHANG)
		return ERR_TIMED_OUT;
	if (!s->replaying && !proc_parked_room())
		return ERR_BUSY;
	s->park = 1;
	return PROC_PARKED;
}

int
proc_kill_handler(void *ctx, int32_t pid)
{
	struct proc_server *s = ctx;
	struct proc *p = proc_find(pid);

	if (s->caller == NULL)
		return ERR_DENIED;
	if (p == NULL || p->state != PROC_RUNNING)
		return ERR_NOT_FOUND;
	if (p->server || p == s->caller)
		return ERR_DENIED;
	p->killed = 1;
	task_terminate(p->task, 0);
	/* Its dead-name notification finishes the job. */
	return ERR_OK;
}

int
proc_list_handler(void *ctx, int32_t from, int32_t *pid, int32_t *parent, uint32_t *state,
		  char *name)
{
	struct proc *best = NULL;

	for (int i = 0; i < PROC_TABLE_SIZE; i++) {
		struct proc *p = &proc_table[i];
		if (p->pid != 0 && p->pid >= from && (best == NULL || p->pid < best->pid))
			best = p;
	}
	if (best == NULL)
		return ERR_NOT_FOUND;
	*pid = best->pid;
	*parent = best->parent;
	*state = best->state;
	strlcpy(name, best->name, PROC_NAME_MAX);
	return ERR_OK;
}

/*
 * Is task a send right to a task port? Entered as a process, any other
 * right would never end, and we would hold it for good (a client's file
 * of fs, its pipe's end). The kernel answers a task port's requests
 * itself, during the send, so the question needs no wait; any other
 * port's receiver could keep it for ever, so the call waits 1 ms at most.
 */
static int
proc_is_task(port_name_t task)
{
	port_name_t pager = NAME_NULL;
	uint32_t old = msg_call_timeout(1);
	int err = task_get_pager(task, &pager);

	msg_call_timeout(old);
	if (err == ERR_OK)
		task_port_deallocate(NAME_TASK_SELF, pager);
	return err == ERR_OK || err == ERR_NOT_FOUND;	/* ERR_NOT_FOUND: it has no pager */
}

/* Enter a running task that proc did not start. */
static int
proc_enter(struct proc_server *s, uint32_t task, const char *name, int32_t parent,
	   struct proc **out)
{
	struct proc *p;
	int err;

	if (name[0] == '\0')
		return ERR_BAD_ARGUMENT;
	if (proc_by_task(task) != NULL)
		return ERR_EXISTS;
	if (!proc_is_task(task))
		return ERR_BAD_ARGUMENT;
	p = proc_new(name, parent);
	if (p == NULL)
		return ERR_NO_SPACE;
	p->task = task;
	p->server = 1;
	p->started = 1;
	err = proc_watch(p, s->notify_port);
	if (err != ERR_OK) {
		p->task = NAME_NULL;	/* the loop releases the request's right */
		proc_free(p);
		return err;
	}
	*out = p;
	return ERR_OK;
}

int
proc_adopt_handler(void *ctx, uint32_t task, const char *name, int32_t *pid)
{
	struct proc_server *s = ctx;
	struct proc *p;
	int err;

	if (s->caller == NULL)
		return ERR_DENIED;
	err = proc_enter(s, task, name, s->caller->pid, &p);
	if (err == ERR_OK)
		*pid = p->pid;
	return err;
}

int
proc_attach_handler(void *ctx, uint32_t task, const char *name, uint32_t *self, int32_t *pid)
{
	struct proc_server *s = ctx;
	struct proc *p;
	int err = proc_enter(s, task, name, 0, &p);

	if (err != ERR_OK)
		return err;
	err = proc_give_port(p, s->set);
	if (err != ERR_OK) {
		/* The loop releases the request's task right, and with it
		 * the watch. */
		p->task = NAME_NULL;
		proc_free(p);
		return err;
	}
	*self = p->self;
	*pid = p->pid;
	return ERR_OK;
}

int
proc_foreground_handler(void *ctx, int32_t pid)
{
	struct proc_server *s = ctx;
	struct proc *p = proc_find(pid);

	if (s->caller == NULL)
		return ERR_DENIED;
	if (pid == 0) {
		s->foreground = 0;
		return ERR_OK;
	}
	if (p == NULL || p->state != PROC_RUNNING || p->parent != s->caller->pid)
		return ERR_NOT_FOUND;
	s->foreground = pid;
	return ERR_OK;
}

int
proc_interrupt_handler(void *ctx, int32_t *killed)
{
	struct proc_server *s = ctx;
	struct proc *p = proc_find(s->foreground);

	*killed = 0;
	if (p == NULL || p->state != PROC_RUNNING || p->server)
		return ERR_OK;
	p->killed = 1;
	task_terminate(p->task, 0);
	*killed = p->pid;
	s->foreground = 0;
	return ERR_OK;
}

int
proc_uptime_handler(void *ctx, uint32_t *ms)
{
	return host_time(NAME_HOST, ms);
}

int
proc_kernel_counts_handler(void *ctx, uint32_t *tasks, uint32_t *threads, uint32_t *ports,
			   uint32_t *messages, uint32_t *notifications, uint32_t *pool_pages_free,
			   uint32_t *frames_free)
{
	return host_object_counts(NAME_HOST, tasks, threads, ports, messages, notifications,
				  pool_pages_free, frames_free);
}
