/*
 * thread.c - threads of a user task, on stacks from a fixed pool.
 *
 * Until the memory server exists, a task's memory is what its ELF file
 * and its main stack give it, so thread stacks live in this file's bss.
 * Each stack slot keeps its reply ports (call.c) and the name of the last
 * thread that ran on it, so a thread that ends leaves nothing behind: the
 * next thread on the slot reuses the ports and drops the old (now dead)
 * name. The new thread's reply port is made here, by its creator: making
 * a port is a call, and a call needs a reply port to begin with.
 */
#include "user/lib/ulib.h"
#include "user/lib/uthread.h"
#include "harbor/layout.h"
#include "harbor/task_client.h"
#include "harbor/thread_client.h"

static uint8_t stacks[THREAD_MAX][USER_STACK_SIZE] __attribute__((aligned(USER_STACK_SIZE)));

struct uthread *
uthread_self(void)
{
	uint32_t sp, base;

	__asm__ volatile("movl %%esp, %0" : "=r"(sp));
	base = sp & ~(USER_STACK_SIZE - 1);
	/* Only our own stacks have a slot at their base; anywhere else those
	 * bytes are somebody's data. */
	if (base == USER_STACK_TOP - USER_STACK_SIZE || base - (uint32_t)stacks < sizeof(stacks))
		return (struct uthread *)base;
	return NULL;
}

void
uthread_init_main(void)
{
	struct uthread *u = (struct uthread *)(USER_STACK_TOP - USER_STACK_SIZE);

	*u = (struct uthread){ .magic = UTHREAD_MAGIC, .in_use = UTHREAD_RUNNING,
			       .reply_port = NAME_REPLY, .thread_port = NAME_THREAD_SELF };
}

/* Where new threads begin: %eax (the kernel's arg) holds their uthread. */
void uthread_entry(void);
__asm__(".globl uthread_entry\n"
	"uthread_entry:\n"
	"	xorl %ebp, %ebp\n"
	"	pushl %eax\n"
	"	call uthread_run\n");

void uthread_run(struct uthread *u) __attribute__((noreturn));

void
uthread_run(struct uthread *u)
{
	/* A thread of higher priority runs before thread_start has stored
	 * its port name: wait for it (a tick at most). */
	while (*(volatile int *)&u->in_use == UTHREAD_STARTING)
		sleep_ms(1);
	u->fn(u->arg);
	thread_exit();
}

/*
 * Claim slot u for a new thread: 1 if it is ours now (UTHREAD_STARTING),
 * with *was its state before, 0 if it is in use or another thread got it
 * first. A slot is free when no thread ever ran on it, or when its last
 * thread is dead: a thread that is exiting may still be on its way into
 * the kernel, and one may have been terminated from outside, so its stack
 * is free only once its thread port is dead. A slot another thread_start
 * has claimed is never free: until that one drops the old name, the dead
 * name still in the slot would let us take it a second time, and two
 * threads would start on one stack. The claim swaps from the state we
 * looked at; and the name must still be the one we found dead, since the
 * slot may have been claimed, started and be running again since we
 * looked (the same state again).
 */
static int
uthread_claim(struct uthread *u, int *was)
{
	int state = *(volatile int *)&u->in_use;
	port_name_t name = *(volatile port_name_t *)&u->thread_port;
	uint32_t prio;

	if (state == UTHREAD_STARTING)
		return 0;
	if (state != UTHREAD_FREE && thread_get_priority(name, &prio) != ERR_PORT_DEAD)
		return 0;
	if (!__sync_bool_compare_and_swap(&u->in_use, state, UTHREAD_STARTING))
		return 0;
	if (*(volatile port_name_t *)&u->thread_port != name) {
		/* Started again since we looked: give it back (unless its new
		 * thread is exiting already, which says so itself). */
		__sync_bool_compare_and_swap(&u->in_use, UTHREAD_STARTING, state);
		return 0;
	}
	*was = state;
	return 1;
}

int
thread_start(void (*fn)(void *), void *arg)
{
	for (int i = 0; i < THREAD_MAX; i++) {
		struct uthread *u = (struct uthread *)stacks[i];
		port_name_t port = NAME_NULL;
		int err, was, killed;

		if (!uthread_claim(u, &was))
			continue;
		killed = was == UTHREAD_RUNNING;
		if (u->thread_port != NAME_NULL)
			task_port_deallocate(NAME_TASK_SELF, u->thread_port);
		u->thread_port = NAME_NULL;
		/* A thread killed in a call may have an answer still coming, and
		 * may have been stopped halfway through swapping its ports: its
		 * successor gets a fresh reply port, never that answer. */
		if (killed) {
			uthread_port_destroy(u->reply_port);
			uthread_port_destroy(u->spare_port);
			u->reply_port = u->spare_port = NAME_NULL;
		}
		u->call_timeout = 0;
		if (u->reply_port == NAME_NULL) {
			err = task_port_allocate(NAME_TASK_SELF, &u->reply_port);
			if (err != ERR_OK) {
				u->in_use = UTHREAD_FREE;
				return err;
			}
		}
		u->magic = UTHREAD_MAGIC;
		u->fn = fn;
		u->arg = arg;
		err = task_thread_create(NAME_TASK_SELF, (uint32_t)uthread_entry,
					 (uint32_t)(stacks[i] + USER_STACK_SIZE - 16),
					 (uint32_t)u, &port);
		/* The new thread waits in uthread_run until it knows its port;
		 * another thread_start looks at the name only after the state. */
		u->thread_port = err == ERR_OK ? port : NAME_NULL;
		__sync_synchronize();
		u->in_use = err == ERR_OK ? UTHREAD_RUNNING : UTHREAD_FREE;
		return err;
	}
	return ERR_NO_SPACE;
}

port_name_t
thread_self(void)
{
	struct uthread *u = uthread_self();

	return u != NULL ? u->thread_port : NAME_NULL;
}

void
thread_exit(void)
{
	struct uthread *u = uthread_self();

	if (u != NULL) {
		u->in_use = UTHREAD_EXITING;	/* free once our port is dead */
		thread_terminate(u->thread_port);
	}
	/* Still here: the task gave away this thread's port, or this is not a
	 * thread_start thread, whose port we do not know. An illegal
	 * instruction ends the task, which beats spinning forever. */
	for (;;)
		__asm__ volatile("ud2");
}
