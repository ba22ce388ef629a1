/*
 * fd.c - libc's file descriptors (read, write, close, fd_install,
 * fd_port; include/unistd.h) against an I/O object served by a thread of
 * this task: it serves io.defs into a buffer, so the cases can see every
 * byte that went through, inline and out of line.
 */
#include <unistd.h>
#include "user/tests/tests.h"
#include "harbor/io.h"
#include "harbor/io_server.h"
#include "harbor/task_client.h"

#define FAKE_MAX	(3 * IO_INLINE_MAX)

static struct {
	char data[FAKE_MAX];	/* what was written; reads take from here too */
	uint32_t len, pos;
	int closes;
} fake;

int
io_read_handler(void *ctx, uint32_t count, void *data, uint32_t *data_len)
{
	uint32_t n = fake.len - fake.pos;

	if (count > IO_INLINE_MAX)
		return ERR_BAD_ARGUMENT;
	n = n < count ? n : count;
	memcpy(data, fake.data + fake.pos, n);
	fake.pos += n;
	*data_len = n;
	return ERR_OK;
}

int
io_write_handler(void *ctx, const void *data, uint32_t data_len, uint32_t *written)
{
	if (data_len > FAKE_MAX - fake.len)
		return ERR_NO_SPACE;
	memcpy(fake.data + fake.len, data, data_len);
	fake.len += data_len;
	*written = data_len;
	return ERR_OK;
}

int
io_read_ool_handler(void *ctx, uint32_t count, uint32_t *data_addr, uint32_t *data_size,
		    uint32_t *len)
{
	uint32_t n = fake.len - fake.pos, size;
	uint32_t addr = 0;
	int err;

	n = n < count ? n : count;
	size = (n + 4095) & ~4095u;
	if (size == 0)
		size = 4096;
	err = vm_allocate(size, &addr);
	if (err != ERR_OK)
		return err;
	memcpy((void *)(uintptr_t)addr, fake.data + fake.pos, n);
	fake.pos += n;
	*data_addr = addr;
	*data_size = size;
	*len = n;
	return ERR_OK;
}

int
io_write_ool_handler(void *ctx, uint32_t data_addr, uint32_t data_size, uint32_t len,
		     uint32_t *written)
{
	int err = ERR_OK;

	if (len > data_size)
		err = ERR_BAD_ARGUMENT;
	else
		err = io_write_handler(ctx, (const void *)(uintptr_t)data_addr, len, written);
	vm_deallocate(data_addr, data_size);
	return err;
}

int
io_close_handler(void *ctx)
{
	fake.closes++;
	return ERR_OK;
}

int
io_stat_handler(void *ctx, uint32_t *kind, uint32_t *size)
{
	*kind = IO_KIND_FILE;
	*size = fake.len;
	return ERR_OK;
}

static port_name_t fake_port;

static void
fake_serve(void *arg)
{
	server_loop(fake_port, io_dispatch, NULL);
}

/* The fake object's port (its server thread starts on first use). */
static port_name_t
fake_object(void)
{
	if (fake_port == NAME_NULL) {
		fake_port = make_port();
		if (thread_start(fake_serve, NULL) != ERR_OK)
			return NAME_NULL;
	}
	fake.len = fake.pos = 0;
	fake.closes = 0;
	task_port_make_send(NAME_TASK_SELF, fake_port);	/* one reference for the table */
	return fake_port;
}

static void
fd_write_read_close_inline(void)
{
	char buf[64];

	EXPECT_EQ("a closed fd", -1, write(5, "x", 1));
	EXPECT_ERR("errno EBADF", EBADF, errno);
	EXPECT_EQ("out of range", -1, fd_install(FD_MAX, NAME_NULL));
	EXPECT_EQ("install", 0, fd_install(5, fake_object()));
	EXPECT_EQ("fd_port", fake_port, fd_port(5));
	EXPECT_EQ("write", 5, write(5, "hello", 5));
	EXPECT_EQ("read", 5, read(5, buf, sizeof(buf)));
	EXPECT_EQ("the bytes", 0, memcmp(buf, "hello", 5));
	EXPECT_EQ("then the end", 0, read(5, buf, sizeof(buf)));
	EXPECT_EQ("close", 0, close(5));
	EXPECT_EQ("the object heard close", 1, fake.closes);
	EXPECT_EQ("closed now", NAME_NULL, fd_port(5));
	EXPECT_EQ("close again", -1, close(5));
	EXPECT_ERR("errno EBADF", EBADF, errno);
}

static void
fd_large_transfers_go_out_of_line(void)
{
	static char big[2 * IO_INLINE_MAX + 100], back[sizeof(big)];

	for (uint32_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + 1);
	EXPECT_EQ("install", 0, fd_install(6, fake_object()));
	EXPECT_EQ("a large write", (int)sizeof(big), write(6, big, sizeof(big)));
	EXPECT_EQ("one piece arrived whole", (int)sizeof(big), fake.len);
	EXPECT_EQ("a large read", (int)sizeof(back), read(6, back, sizeof(back)));
	EXPECT_EQ("the same bytes", 0, memcmp(big, back, sizeof(big)));
	EXPECT_EQ("close", 0, close(6));
}

static void
fd_stdout_goes_through_fd_1(void)
{
	int n;

	EXPECT_EQ("install fd 1", 0, fd_install(1, fake_object()));
	n = printf("to fd %d\n", 1);
	fd_install(1, NAME_NULL);	/* back to the debug line before any EXPECT prints */
	EXPECT_EQ("printf's count", 8, n);
	EXPECT_EQ("the object got it", 8, fake.len);
	EXPECT_EQ("the bytes", 0, memcmp(fake.data, "to fd 1\n", 8));
}

static void
fd_dead_object_is_an_error(void)
{
	port_name_t task, service;

	EXPECT_OK("spawn a child with a port", spawn_child("echo", &task, &service));
	EXPECT_EQ("install its port", 0, fd_install(7, service));
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	EXPECT_EQ("write fails", -1, write(7, "x", 1));
	EXPECT_ERR("errno", ERR_PORT_DEAD, errno);
	EXPECT_EQ("close still frees the fd", -1, close(7));
	EXPECT_EQ("closed", NAME_NULL, fd_port(7));
}

const struct test_case fd_cases[] = {
	{ "fd_write_read_close_inline", fd_write_read_close_inline },
	{ "fd_large_transfers_go_out_of_line", fd_large_transfers_go_out_of_line },
	{ "fd_stdout_goes_through_fd_1", fd_stdout_goes_through_fd_1 },
	{ "fd_dead_object_is_an_error", fd_dead_object_is_an_error },
	{ NULL, NULL },
};
