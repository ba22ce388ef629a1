/*
 * table.c - the process table: a fixed array of slots, looked up by pid,
 * by task right or by process port.
 *
 * Sixty-four slots are plenty for a teaching system, and a linear scan of
 * them costs less than the message that asked. pids count up from 1 and
 * are never reused while proc runs, so a stale pid finds nothing instead
 * of someone else.
 */
#include "servers/proc/proc.h"
#include "harbor/task_client.h"

struct proc proc_table[PROC_TABLE_SIZE];
static int32_t proc_next_pid = 1;

struct proc *
proc_new(const char *name, int32_t parent)
{
	for (int i = 0; i < PROC_TABLE_SIZE; i++) {
		struct proc *p = &proc_table[i];
		if (p->pid != 0)
			continue;
		memset(p, 0, sizeof(*p));
		p->pid = proc_next_pid++;
		p->parent = parent;
		p->state = PROC_RUNNING;
		strlcpy(p->name, name, sizeof(p->name));
		return p;
	}
	return NULL;
}

void
proc_free(struct proc *p)
{
	/* The process port's receive right: the port dies, and with it any
	 * send right the process (or anyone) still holds. */
	if (p->self != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, p->self);
	/* The task right: by now a dead name (or the task lives on, when
	 * the slot is dropped on an error before the task was watched). */
	if (p->task != NAME_NULL && p->task != NAME_TASK_SELF)
		task_port_deallocate(NAME_TASK_SELF, p->task);
	for (int i = 0; i < 3; i++)
		if (p->std[i] != NAME_NULL)
			task_port_deallocate(NAME_TASK_SELF, p->std[i]);
	memset(p, 0, sizeof(*p));
}

struct proc *
proc_find(int32_t pid)
{
	if (pid <= 0)
		return NULL;
	for (int i = 0; i < PROC_TABLE_SIZE; i++)
		if (proc_table[i].pid == pid)
			return &proc_table[i];
	return NULL;
}

struct proc *
proc_by_task(port_name_t task)
{
	if (task == NAME_NULL || task == NAME_DEAD)
		return NULL;
	for (int i = 0; i < PROC_TABLE_SIZE; i++)
		if (proc_table[i].pid != 0 && proc_table[i].task == task)
			return &proc_table[i];
	return NULL;
}

/*
 * Every request comes in on its caller's process port, so finding the
 * process by port is on every call's path (getpid's included). A cache
 * slot per value of the name's low byte answers at once; each hit is
 * checked against the process itself, so the cache can only be stale,
 * never wrong, and a miss falls back to the walk of the table.
 */
static struct proc *proc_port_cache[256];

struct proc *
proc_by_port(port_name_t port)
{
	struct proc *p = proc_port_cache[port & 0xff];

	if (port == NAME_NULL)
		return NULL;
	if (p != NULL && p->pid != 0 && p->self == port)
		return p;
	for (int i = 0; i < PROC_TABLE_SIZE; i++)
		if (proc_table[i].pid != 0 && proc_table[i].self == port)
			return proc_port_cache[port & 0xff] = &proc_table[i];
	return NULL;
}

int
proc_give_port(struct proc *p, port_name_t set)
{
	port_name_t port;
	int err = task_port_allocate(NAME_TASK_SELF, &port);

	if (err != ERR_OK)
		return err;
	err = task_port_set_insert(NAME_TASK_SELF, port, set);
	if (err != ERR_OK) {
		task_port_deallocate(NAME_TASK_SELF, port);
		return err;
	}
	p->self = port;
	return ERR_OK;
}

int
proc_watch(struct proc *p, port_name_t notify)
{
	return task_port_request_notification(NAME_TASK_SELF, p->task, NOTIFY_DEAD_NAME, notify);
}
