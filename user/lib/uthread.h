/*
 * uthread.h - per-thread data of the user library.
 *
 * Every thread's stack is USER_STACK_SIZE bytes, aligned to its size, and
 * its lowest bytes hold a struct uthread: so any code finds its thread's
 * data from the stack pointer alone, with no kernel help.
 */
#ifndef USER_LIB_UTHREAD_H
#define USER_LIB_UTHREAD_H

#include <stdint.h>
#include "harbor/msg.h"

#define UTHREAD_MAGIC	0x54485244u	/* "THRD": marks a live slot, for a reader in GDB */
#define THREAD_PRIO_DEFAULT	16u	/* the kernel's THREAD_PRIO_USER */

/* A slot's state (uthread.in_use). */
enum uthread_state {
	UTHREAD_FREE = 0,
	UTHREAD_STARTING,	/* claimed by thread_start, port name not yet stored */
	UTHREAD_RUNNING,
	UTHREAD_EXITING,	/* its thread called thread_exit */
};

struct uthread {
	uint32_t magic;
	port_name_t reply_port;		/* this thread's reply port (receive right) */
	port_name_t spare_port;		/* its replacement, made while it was clean (call.c) */
	uint32_t call_timeout;		/* ms a stub call may take; 0: no limit */
	port_name_t thread_port;	/* send right to this thread's port */
	void (*fn)(void *);
	void *arg;
	int in_use;
	struct msg_header *answer_from;		/* server_answer_from: server_loop's next reply */
};

/*
 * uthread_self - the calling thread's data, or NULL for a thread that is
 * not on one of the library's stacks (made with the raw task_thread_create):
 * such a thread has no slot, and so no reply port.
 */
struct uthread *uthread_self(void);

/* uthread_init_main - set up the main thread's data (before anything else runs). */
void uthread_init_main(void);

/*
 * uthread_port_destroy - destroy the port whose receive right port names,
 * dropping every right under the name first (call.c).
 */
void uthread_port_destroy(port_name_t port);

#endif /* USER_LIB_UTHREAD_H */
