/*
 * proc.c - the process server's benchmark: getpid, a round trip to proc
 * through the generated stubs (proc_getpid on the caller's process port,
 * answered by proc's generated dispatch).
 *
 * The benchmark starts a proc of its own (PROC_ARG_PRIVATE: it hands back
 * its public port with testlink hello) and attaches itself to it, so it
 * has a process port, as every program the shell starts does.
 */
#include "user/bench/bench.h"
#include "harbor/host_client.h"
#include "harbor/proc.h"
#include "harbor/proc_client.h"
#include "harbor/task_client.h"
#include "harbor/testlink_server.h"

static port_name_t bench_proc_self;

/* The private proc's hello: its public port. */
static port_name_t bench_proc_public;

int
testlink_hello_handler(void *ctx, uint32_t service)
{
	bench_proc_public = service;
	return ERR_OK;
}

static const char *
getpid_setup(uint32_t arg)
{
	static union bench_buf req, reply;
	port_name_t link, task;
	int32_t pid;
	int err;

	if (bench_proc_self != NAME_NULL)
		return NULL;
	if (task_port_allocate(NAME_TASK_SELF, &link) != ERR_OK ||
	    task_port_make_send(NAME_TASK_SELF, link) != ERR_OK)
		return "no port";
	err = host_module_spawn(NAME_HOST, "proc", link, NAME_HOST, PROC_ARG_PRIVATE, &task);
	if (err != ERR_OK)
		return bench_why("start proc", err);
	err = msg_receive(&req.head, sizeof(req), link, MSG_OPT_TIMEOUT, 5000);
	if (err != ERR_OK)
		return bench_why("proc's hello", err);
	if (testlink_dispatch(NULL, &req.head, &reply.head))
		msg_send(&reply.head, MSG_OPT_TIMEOUT, 0);
	err = proc_attach(bench_proc_public, NAME_TASK_SELF, "bench", &bench_proc_self, &pid);
	if (err != ERR_OK)
		return bench_why("attach", err);
	return NULL;
}

static int
getpid_iterate(void)
{
	int32_t pid;

	return proc_getpid(bench_proc_self, &pid);
}

#define WARMUP	100u
#define ITER	2000u

const struct bench_case bench_proc_cases[] = {
	{ "getpid", getpid_setup, getpid_iterate, NULL, 0, WARMUP, ITER, 1 },
	{ NULL, NULL, NULL, NULL, 0, 0, 0, 0 },
};
