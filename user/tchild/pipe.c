/*
 * pipe.c - tchild's modes for the pipe cases (user/tests/pipe.c). The
 * test suite's own proc starts tchild with these as its arguments and a
 * pipe end as standard input or output; each mode answers through its
 * exit status:
 *   pipe_write N   write N bytes (byte i is 'a' + i % 26) to fd 1, in
 *                  pieces of 1000 (or one piece with "pipe_write N whole");
 *                  exit 0, or 100 + the error code of a failed write
 *   pipe_cat       copy fd 0 to fd 1 until the end; exit 0, or 100 + error
 *   pipe_count     read fd 0 until the end, checking the pattern above;
 *                  exit with the number of bytes, or -1 on a wrong byte
 *   pipe_read_once read fd 0 once (to be killed while it waits); exit 0
 *   pipe_fifo_write PATH N   open the named pipe PATH for writing (libc's
 *                  open, through fs: started with the name server as its
 *                  bootstrap, not by proc) and write N bytes as pipe_write
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "user/lib/ulib.h"
#include "user/tchild/tchild.h"

static char pipe_buf[8192];

static int
pipe_write_mode(int fd, uint32_t n, int whole)
{
	static char big[100000];
	uint32_t piece = whole ? n : 1000;

	if (n > sizeof(big))
		return 99;
	for (uint32_t i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	for (uint32_t done = 0; done < n; done += piece) {
		uint32_t len = n - done < piece ? n - done : piece;
		if (write(fd, big + done, len) != (ssize_t)len)
			return 100 + errno;
	}
	return 0;
}

static int
pipe_count_mode(void)
{
	int total = 0;
	ssize_t got;

	while ((got = read(0, pipe_buf, sizeof(pipe_buf))) > 0) {
		for (ssize_t i = 0; i < got; i++)
			if (pipe_buf[i] != (char)('a' + (total + i) % 26))
				return -1;
		total += got;
	}
	return got < 0 ? -2 : total;
}

int
pipe_child(int argc, char **argv)
{
	const char *mode = argv[1];
	ssize_t got;

	if (strcmp(mode, "pipe_write") == 0 && argc > 2)
		return pipe_write_mode(1, (uint32_t)atoi(argv[2]),
				       argc > 3 && strcmp(argv[3], "whole") == 0);
	if (strcmp(mode, "pipe_fifo_write") == 0 && argc > 3) {
		int fd = open(argv[2], O_WRONLY);
		if (fd < 0)
			return 100 + errno;
		return pipe_write_mode(fd, (uint32_t)atoi(argv[3]), 0);
	}
	if (strcmp(mode, "pipe_count") == 0)
		return pipe_count_mode();
	if (strcmp(mode, "pipe_cat") == 0) {
		while ((got = read(0, pipe_buf, sizeof(pipe_buf))) > 0)
			if (write(1, pipe_buf, (size_t)got) != got)
				return 100 + errno;
		return got < 0 ? 100 + errno : 0;
	}
	if (strcmp(mode, "pipe_read_once") == 0) {
		read(0, pipe_buf, 100);
		return 0;
	}
	return 20;
}
