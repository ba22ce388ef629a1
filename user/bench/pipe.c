/*
 * pipe.c - the pipe server's benchmark: pipe_4k, 4 KiB through a pipe
 * from this task to another, per 4 KiB.
 *
 * Setup makes a pipe and starts "bench pipe_sink" with the read end as
 * its bootstrap port: it reads 4 KiB at a time until the end. Each
 * iteration is one 4 KiB io_write to the write end. With the buffer
 * (8 KiB) mostly full in the steady state, a write waits in the server
 * until the sink's read makes room, so the figure counts both sides: the
 * write's round trip, the read's, the server's two copies and the
 * kept request's replay. Teardown closes the write end; the sink sees
 * the end and exits.
 */
#include "user/bench/bench.h"
#include "harbor/host_client.h"
#include "harbor/io.h"
#include "harbor/io_client.h"
#include "harbor/name_client.h"
#include "harbor/pipe_client.h"
#include "harbor/task_client.h"

#define PIPE_BENCH_CHUNK	4096u

static port_name_t pipe_writer, pipe_sink_task;
static char chunk[PIPE_BENCH_CHUNK];

int
bench_pipe_sink(void)
{
	static char buf[PIPE_BENCH_CHUNK];
	uint32_t got = 0;

	while (io_read(NAME_BOOTSTRAP, sizeof(buf), buf, sizeof(buf), &got) == ERR_OK && got > 0)
		;
	return 0;
}

static const char *
pipe_setup(uint32_t arg)
{
	port_name_t server, reader = NAME_NULL;
	uint32_t written = 0;
	int err = name_lookup(NAME_BOOTSTRAP, "pipe", 2000, &server);

	if (err != ERR_OK)
		return bench_why("no pipe server", err);
	err = pipe_create(server, &reader, &pipe_writer);
	task_port_deallocate(NAME_TASK_SELF, server);
	if (err != ERR_OK)
		return bench_why("pipe create", err);
	err = host_module_spawn(NAME_HOST, "bench pipe_sink", reader, NAME_NULL, 0,
				&pipe_sink_task);
	task_port_deallocate(NAME_TASK_SELF, reader);	/* the sink has its own */
	if (err == ERR_OK)
		err = io_write(pipe_writer, chunk, sizeof(chunk), &written);
	if (err != ERR_OK) {
		task_port_deallocate(NAME_TASK_SELF, pipe_writer);
		return bench_why("start the sink", err);
	}
	return NULL;
}

static int
pipe_4k_iterate(void)
{
	uint32_t written = 0;

	return io_write(pipe_writer, chunk, sizeof(chunk), &written);
}

static void
pipe_teardown(void)
{
	task_port_deallocate(NAME_TASK_SELF, pipe_writer);	/* the sink sees the end */
	task_port_deallocate(NAME_TASK_SELF, pipe_sink_task);
}

const struct bench_case bench_pipe_cases[] = {
	{ "pipe_4k", pipe_setup, pipe_4k_iterate, pipe_teardown, 0, 20, 1000, 1 },
	{ NULL, NULL, NULL, NULL, 0, 0, 0, 0 },
};
