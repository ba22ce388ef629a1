/*
 * console.c - the benchmark of the console server: one 64-byte write
 * through io.defs (the generated io_write stub, a msg_rpc to the
 * console, its handler putting 64 bytes on the VGA screen and the serial
 * line, the reply). The line written is 63 dots and a newline, so the
 * serial log stays readable and each figure line starts a line of its own.
 */
#include "user/bench/bench.h"
#include "harbor/io_client.h"
#include "harbor/name_client.h"

static port_name_t console;
static char line[64];

static const char *
console_setup(uint32_t size)
{
	uint32_t written = 0;
	int err = name_lookup(NAME_BOOTSTRAP, "console", 2000, &console);

	if (err != ERR_OK)
		return bench_why("no console", err);
	memset(line, '.', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	err = io_write(console, line, size, &written);
	if (err != ERR_OK)
		return bench_why("first write", err);
	return written == size ? NULL : "the console took fewer bytes";
}

static int
console_write_64_iterate(void)
{
	uint32_t written;

	return io_write(console, line, sizeof(line), &written);
}

const struct bench_case bench_console_cases[] = {
	{ "console_write_64", console_setup, console_write_64_iterate, NULL, 64, 20, 1000, 1 },
	{ NULL, NULL, NULL, NULL, 0, 0, 0, 0 },
};
