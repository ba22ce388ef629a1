/*
 * bench.h - the IPC benchmark's shared pieces: the case table's shape,
 * the requests its servers understand, and the message buffers.
 *
 * The benchmark is one program in two roles. Started by init (mode=bench)
 * it is the client: it runs every case in main.c's table and prints one
 * line per case. Started as "bench server" it is the server task the
 * cross-task cases call (server.c). The same serve loop also runs in a
 * thread of the client for the same-task cases.
 */
#ifndef USER_BENCH_BENCH_H
#define USER_BENCH_BENCH_H

#include "user/lib/ulib.h"

/*
 * One benchmark. setup prepares it (arg is the case's parameter: a byte
 * count for the sized cases) and returns NULL, or a reason to skip it.
 * iterate is one timed iteration: it does `per` operations and returns
 * ERR_OK or the error that stopped it. teardown (may be NULL) undoes setup.
 */
struct bench_case {
	const char *name;
	const char *(*setup)(uint32_t arg);
	int (*iterate)(void);
	void (*teardown)(void);
	uint32_t arg;
	uint32_t warmup;	/* untimed iterations first */
	uint32_t iterations;	/* timed iterations, at most BENCH_SAMPLES_MAX */
	uint32_t per;		/* operations per iteration; the figure is per one */
};

#define BENCH_SAMPLES_MAX	10000u

/* Request ids the bench servers understand; replies carry MSG_REPLY_ID(id). */
enum bench_request {
	BENCH_REQ_ECHO = 500,	/* send the body back (out-of-line regions moved back) */
	BENCH_REQ_RELEASE,	/* give back the out-of-line regions; reply with a retcode */
	BENCH_REQ_QUIT,		/* stop serving; no reply */
};

/* A buffer that holds any message. */
union bench_buf {
	struct msg_header head;
	uint8_t bytes[MSG_SIZE_MAX];
};

/* A complex message with one out-of-line region. */
struct bench_ool_msg {
	struct msg_header head;
	struct msg_body body;
	struct msg_ool_desc ool;
};

/* Every case, in the order they run (cases.c, ool.c, libc.c, console.c, mem.c, proc.c, pipe.c, fs.c). */
extern const struct bench_case bench_ipc_cases[], bench_ool_cases[], bench_libc_cases[],
	bench_console_cases[], bench_mem_cases[], bench_proc_cases[], bench_pipe_cases[],
	bench_fs_cases[];

/* bench_pipe_sink - "bench pipe_sink": read the pipe end at NAME_BOOTSTRAP
 * until its end (pipe.c); returns the exit status, 0. */
int bench_pipe_sink(void);

/*
 * bench_why - a skip reason "what: <error name>" (in a static buffer,
 * good until the next call).
 */
const char *bench_why(const char *what, int err);

/*
 * bench_serve - answer requests on port (a receive right) until a
 * BENCH_REQ_QUIT arrives; buf is the loop's own message buffer.
 */
void bench_serve(port_name_t port, union bench_buf *buf);

/*
 * bench_server_task - the server role: make a port, send a send right
 * for it to NAME_BOOTSTRAP, serve it. Returns the exit status.
 */
int bench_server_task(void);

/*
 * bench_task_server - a send right to the server task's port, spawning
 * the task on first use. Returns NAME_NULL (and prints why) on failure.
 */
port_name_t bench_task_server(void);

/*
 * bench_thread_server - a send right to a port served by a thread of this
 * task, started on first use. Returns NAME_NULL (and prints why) on failure.
 */
port_name_t bench_thread_server(void);

/* bench_servers_stop - send BENCH_REQ_QUIT to every server started. */
void bench_servers_stop(void);

/*
 * bench_vm_release - give back a region that arrived out of line, with
 * vm_deallocate (through the memory server). Returns its result.
 */
int bench_vm_release(uint32_t address, uint32_t size);

#endif /* USER_BENCH_BENCH_H */
