/*
 * tchild.h - the parts of the test suite's helper task in files of their own.
 */
#ifndef USER_TCHILD_TCHILD_H
#define USER_TCHILD_TCHILD_H

#include <stdint.h>
#include "harbor/msg.h"

/* The message io_after_terminate sends when its I/O grant still works. */
#define TCHILD_IO_OK	43

/* What the memory-server modes (pager.c) send to their bootstrap port. */
#define MEM_CHILD_MSG_ID	4400
#define MEM_CHILD_FAULT_ADDR	0x20000000u	/* in no region of a fresh task */
struct mem_child_msg {
	struct msg_header head;
	uint32_t word;
};

/* pager_child - run a memory-server mode (pager.c); returns its exit status. */
int pager_child(const char *mode);

/* mem_serve - keep a region for the test suite: serve testmem on service (mem.c). */
void mem_serve(port_name_t service);
/* The FPU modes (fpu.c): serve the FPU cases on service. Return an exit status. */
int fpu_partner(port_name_t service);
int fpu_fresh(port_name_t service);
int sse_partner(port_name_t service);

/* fpu_error - make an unmasked x87 error; never returns (fpu.c). */
void fpu_error(void) __attribute__((noreturn));
/*
 * The misbehaving servers and client of rpc.c (its opening comment says
 * what each does). The servers never return; tchild_quota_call neither.
 */
void tchild_late(port_name_t service, const char *how) __attribute__((noreturn));
void tchild_oversize(port_name_t service) __attribute__((noreturn));
void tchild_quota_call(void) __attribute__((noreturn));
/*
 * libc_child - the C library modes (libc.c): argv[1] is the mode. Returns
 * the exit status, unless the mode ends the task (a bad free aborts).
 */
int libc_child(int argc, char **argv);

/*
 * proc_child - the process server's modes (proc.c): argv[1] is the mode.
 * Returns the exit status that answers the test.
 */
int proc_child(int argc, char **argv);

/* pipe_child - the pipe cases' modes (pipe.c): argv[1] is the mode. */
int pipe_child(int argc, char **argv);

#endif /* USER_TCHILD_TCHILD_H */
