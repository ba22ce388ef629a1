/*
 * ulib.h - the user library: what every Harbor program can call.
 *
 * The C library has the standard headers (<string.h>, <stdio.h>,
 * <stdlib.h>, <ctype.h>, <errno.h>, <limits.h>, <assert.h>, in
 * user/lib/include/, docs/libc.md); this header includes them all, plus
 * the harbor ones (<harbor/sync.h>: mutexes and semaphores;
 * <harbor/malloc.h>: the allocator's statistics), and declares Harbor's
 * own: threads, the server loop, sleeping. IPC itself is in
 * harbor/msg.h; the kernel objects' operations are the generated stubs
 * in harbor/{task,thread,host}_client.h.
 */
#ifndef USER_LIB_ULIB_H
#define USER_LIB_ULIB_H

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harbor/error.h"
#include "harbor/malloc.h"
#include "harbor/msg.h"
#include "harbor/sync.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * msg_trap_raw - the trap with any operation number op (1 to MSG_TRAP_LAST
 * are msg_send, msg_receive and msg_rpc) and five raw arguments, for the
 * tests and benchmarks of bad operations (user/lib/trap.S). Returns what
 * the kernel returns: ERR_BAD_OPERATION for an unknown op.
 */
int msg_trap_raw(uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5);

/*
 * thread_start - run fn(arg) in a new thread of this task, on one of
 * THREAD_MAX library stacks. Returns ERR_OK, ERR_NO_SPACE (no free
 * stack) or the kernel's error. When fn returns, the thread ends and its
 * stack is free again (also when the thread is terminated from outside).
 * Any thread may call it.
 */
#define THREAD_MAX 8
int thread_start(void (*fn)(void *), void *arg);

/*
 * thread_self - a send right to the calling thread's port; NAME_NULL in a
 * thread made with the raw task_thread_create, which the library does not
 * know. Such a thread cannot make calls through stubs either (they return
 * ERR_NO_REPLY_PORT): use thread_start.
 */
port_name_t thread_self(void);

/* thread_exit - end the calling thread (a thread_start one: in any other,
 * it ends the task). Never returns. */
void thread_exit(void) __attribute__((noreturn));

/* The argument word the spawner passed (host module_spawn's arg). */
extern uint32_t task_arg;

/*
 * server_loop - serve requests on port forever: receive, call dispatch
 * (an idlc-generated <iface>_dispatch, with ctx), send its reply. The
 * rights and pages of a request dispatch refuses (unknown, malformed, or
 * its handler returned an error) are let go: a handler that fails must not
 * keep them. Ends the task if port stops being a port it can receive from.
 */
typedef int (*server_dispatch_fn)(void *ctx, const struct msg_header *req,
				  struct msg_header *reply);
void server_loop(port_name_t port, server_dispatch_fn dispatch, void *ctx)
	__attribute__((noreturn));

/*
 * server_answer_from - called by a handler under server_loop: send m as
 * this request's reply instead of the reply buffer dispatch filled (m a
 * complete reply, built where its data lies, e.g. a cache page with room
 * for the header in front; server_loop receives the next request in its
 * own buffer, with msg_rpc_into). For this thread's current request only.
 */
void server_answer_from(struct msg_header *m);

/*
 * server_refused - did dispatch refuse the request whose reply it built
 * (a bare error reply: no handler ran, so the request's rights and pages
 * are still the server's to let go)?
 */
int server_refused(const struct msg_header *reply);

/*
 * server_settle - after dispatch of req built reply (answer: what dispatch
 * returned), let go of what the request holds that the answer will not
 * carry: a refused request's rights and pages, an unused reply right;
 * and, when there is no answer to send (a one-way request), of what the
 * reply built anyway would have moved. What server_loop and server_answer
 * do before sending.
 */
void server_settle(struct msg_header *req, struct msg_header *reply, int answer);

/*
 * server_answer - finish one request the way server_loop does, for a
 * server with a receive loop of its own: answer is what dispatch
 * returned for req, reply what it built (reply->size set to 0 before
 * dispatch). server_settle, then the reply (if answer) is sent trying
 * once; a reply that cannot go is dropped with what it would have moved
 * (msg_destroy_unsent). Returns 1 if an answer went, 0 if none did.
 */
int server_answer(struct msg_header *req, struct msg_header *reply, int answer);

/*
 * msg_destroy - let go of everything a received message m carries: its
 * reply right, the rights in its port descriptors, its out-of-line pages.
 * For a request a server refuses, or an answer a stub refuses.
 */
void msg_destroy(struct msg_header *m);

/*
 * msg_destroy_unsent - let go of what message m, built to be sent, would
 * have given away, after its send failed (the client died, or its queue
 * is full for good): the destination and reply rights it moves, the rights
 * its port descriptors move, the regions it moves out of line. Rights it
 * copies or makes, and regions it shares or copies, stay.
 */
void msg_destroy_unsent(struct msg_header *m);

/* sleep_ms - wait ms milliseconds (a timed receive on a private port). */
void sleep_ms(uint32_t ms);

/*
 * The memory server (servers/mem, user/lib/mem.c). mem_port is this
 * task's pager right, which is also its own port at the memory server
 * (mem.defs requests go there); NAME_NULL when the task has no memory
 * server (init, the server itself). The library says hello before main.
 */
extern port_name_t mem_port;

/* mem_start - say hello to the pager this task inherited; sets mem_port. */
void mem_start(void);

/*
 * vm_allocate - size bytes (whole pages) of zeroed, writable memory
 * from the memory server, zero-filled on demand: each page gets its frame
 * when it is first touched, by the task or by the kernel's copies in and
 * out of it (a receive buffer, a message, an out-of-line region), which
 * fault pages in as the task would. Returns ERR_OK and
 * *addr, the server's errors (mem.defs allocate), or ERR_NOT_FOUND when
 * the task has no memory server.
 */
int vm_allocate(uint32_t size, uint32_t *addr);

/*
 * vm_deallocate - give back [addr, addr+size): memory from vm_allocate
 * or mem_allocate, or received out of line. Returns ERR_OK, the
 * server's errors (mem.defs deallocate), or ERR_NOT_FOUND when the task
 * has no memory server.
 */
int vm_deallocate(uint32_t addr, uint32_t size);

/* In the memory server itself, which cannot call itself: unmaps for vm_deallocate. */
extern int (*mem_self_unmap)(uint32_t addr, uint32_t size);

#endif /* USER_LIB_ULIB_H */
