/*
 * ool.c - round trips that carry a region of memory out of line.
 *
 * Written against the ABI in harbor/msg.h: a complex message with one
 * struct msg_ool_desc (page-aligned address, whole pages). The receiver
 * finds the region at an address the kernel picked, in the descriptor.
 *
 *   rpc_ool_move_*  the region is moved to the server, and the server
 *                   moves it back in its reply: one move each way. The
 *                   client sends it from wherever the reply put it.
 *   rpc_ool_cow_*   the region is sent copy-on-write; the server gives
 *                   its copy back (task_vm_deallocate) and replies with a
 *                   return code. No page is written, so none is copied.
 *
 * Until the kernel takes out-of-line memory, the first send fails with
 * ERR_BAD_MESSAGE and the case is reported as skipped.
 */
#include "user/bench/bench.h"

#define OOL_MAX	(1024u * 1024)

static uint8_t ool_region[OOL_MAX] __attribute__((aligned(4096)));

static union bench_buf ool_buf;
static port_name_t ool_dest, ool_reply;
static uint32_t ool_address;	/* where the region is now (move moves it) */
static uint32_t ool_size;

static int
ool_move_iterate(void)
{
	struct bench_ool_msg *m = (struct bench_ool_msg *)&ool_buf;
	int err;

	m->head = (struct msg_header){
		.bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE) | MSG_BITS_COMPLEX,
		.size = sizeof(*m), .dest = ool_dest, .reply = ool_reply, .id = BENCH_REQ_ECHO,
	};
	m->body.desc_count = 1;
	m->ool = (struct msg_ool_desc){ .type = MSG_DESC_OOL, .mode = MSG_OOL_MOVE,
					.address = ool_address, .size = ool_size };
	err = msg_rpc(&m->head, sizeof(ool_buf), ool_reply, 0, 0);
	if (err != ERR_OK)
		return err;
	if (!(m->head.bits & MSG_BITS_COMPLEX) || m->body.desc_count != 1 ||
	    m->ool.type != MSG_DESC_OOL || m->ool.size != ool_size)
		return ERR_BAD_REPLY;
	ool_address = m->ool.address;
	return ERR_OK;
}

static int
ool_cow_iterate(void)
{
	struct bench_ool_msg *m = (struct bench_ool_msg *)&ool_buf;
	struct msg_reply_header *r = (struct msg_reply_header *)&ool_buf;
	int err;

	m->head = (struct msg_header){
		.bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE) | MSG_BITS_COMPLEX,
		.size = sizeof(*m), .dest = ool_dest, .reply = ool_reply, .id = BENCH_REQ_RELEASE,
	};
	m->body.desc_count = 1;
	m->ool = (struct msg_ool_desc){ .type = MSG_DESC_OOL, .mode = MSG_OOL_COPY,
					.address = ool_address, .size = ool_size };
	err = msg_rpc(&m->head, sizeof(ool_buf), ool_reply, 0, 0);
	if (err != ERR_OK)
		return err;
	if (r->head.size != sizeof(*r) || r->head.id != MSG_REPLY_ID(BENCH_REQ_RELEASE))
		return ERR_BAD_REPLY;
	return r->retcode;
}

/* Aim at the server task with an arg-byte region; try one round trip. */
static const char *
ool_setup(uint32_t arg, int (*iterate)(void))
{
	int err;

	ool_dest = bench_task_server();
	if (ool_dest == NAME_NULL)
		return "no server";
	ool_reply = msg_reply_port();
	ool_size = arg;
	if (ool_address == 0) {
		ool_address = (uint32_t)ool_region;
		memset(ool_region, 0xa5, sizeof(ool_region));	/* every page present */
	}
	err = iterate();
	if (err == ERR_BAD_MESSAGE)
		return "the kernel rejects out-of-line memory (ERR_BAD_MESSAGE)";
	if (err == ERR_BAD_OPERATION)
		return "the server cannot give the region back (no task_vm_deallocate yet)";
	return err == ERR_OK ? NULL : bench_why("first call", err);
}

static const char *
ool_move_setup(uint32_t arg)
{
	return ool_setup(arg, ool_move_iterate);
}

static const char *
ool_cow_setup(uint32_t arg)
{
	return ool_setup(arg, ool_cow_iterate);
}

#define WARMUP	100u
#define ITER	10000u

const struct bench_case bench_ool_cases[] = {
	{ "rpc_ool_move_64k", ool_move_setup, ool_move_iterate, NULL, 64 * 1024, WARMUP, ITER, 1 },
	{ "rpc_ool_move_1m", ool_move_setup, ool_move_iterate, NULL, OOL_MAX, WARMUP, ITER, 1 },
	{ "rpc_ool_cow_64k", ool_cow_setup, ool_cow_iterate, NULL, 64 * 1024, WARMUP, ITER, 1 },
	{ "rpc_ool_cow_1m", ool_cow_setup, ool_cow_iterate, NULL, OOL_MAX, WARMUP, ITER, 1 },
	{ NULL },
};
