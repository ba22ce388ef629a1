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
 *                   its copy back (vm_deallocate, through the memory server) and replies with a
 *                   return code. No page is written, so none is copied.
 *
 * Until the kernel takes out-of-line memory, the first send fails with
 * ERR_BAD_MESSAGE and the case is reported as skipped.
 */
#include "user/bench/bench.h"

#define OOL_64K	(64u * 1024)
#define OOL_1M	(1024u * 1024)

static uint8_t region_64k[OOL_64K] __attribute__((aligned(4096)));
static uint8_t region_1m[OOL_1M] __attribute__((aligned(4096)));

/*
 * The regions the cases send, one per size, looked up by size. A move
 * brings a region back at an address the kernel picks: `address` is
 * where it is now.
 */
static struct ool_region {
	uint8_t *base;
	uint32_t size;
	uint32_t address;
} ool_regions[] = {
	{ region_64k, OOL_64K, 0 },
	{ region_1m, OOL_1M, 0 },
};

static union bench_buf ool_buf;
static port_name_t ool_dest, ool_reply;
static struct ool_region *ool;	/* the running case's region */

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
					.address = ool->address, .size = ool->size };
	err = msg_rpc(&m->head, sizeof(ool_buf), ool_reply, 0, 0);
	if (err != ERR_OK)
		return err;
	if (!(m->head.bits & MSG_BITS_COMPLEX) || m->body.desc_count != 1 ||
	    m->ool.type != MSG_DESC_OOL || m->ool.size != ool->size)
		return ERR_BAD_REPLY;
	ool->address = m->ool.address;
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
					.address = ool->address, .size = ool->size };
	err = msg_rpc(&m->head, sizeof(ool_buf), ool_reply, 0, 0);
	if (err != ERR_OK)
		return err;
	if (r->head.size != sizeof(*r) || r->head.id != MSG_REPLY_ID(BENCH_REQ_RELEASE))
		return ERR_BAD_REPLY;
	return r->retcode;
}

/* Aim at the server task with the arg-byte region; try one round trip. */
static const char *
ool_setup(uint32_t arg, int (*iterate)(void))
{
	int err;

	ool = NULL;
	for (uint32_t i = 0; i < ARRAY_SIZE(ool_regions); i++)
		if (ool_regions[i].size == arg)
			ool = &ool_regions[i];
	if (ool == NULL)
		return "no region of that size";
	ool_dest = bench_task_server();
	if (ool_dest == NAME_NULL)
		return "no server";
	ool_reply = msg_reply_port();
	if (ool->address == 0) {
		ool->address = (uint32_t)ool->base;
		memset(ool->base, 0xa5, ool->size);	/* every page present */
	}
	err = iterate();
	if (err == ERR_BAD_MESSAGE)
		return "the kernel rejects out-of-line memory (ERR_BAD_MESSAGE)";
	if (err == ERR_BAD_OPERATION)
		return "the server cannot give the region back";
	if (err != ERR_OK)
		return bench_why("first call", err);
	if (((uint8_t *)ool->address)[0] != 0xa5 || ((uint8_t *)ool->address)[ool->size - 1] != 0xa5)
		return "the region's bytes changed on the way";
	return NULL;
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
	{ "rpc_ool_move_64k", ool_move_setup, ool_move_iterate, NULL, OOL_64K, WARMUP, ITER, 1 },
	{ "rpc_ool_move_1m", ool_move_setup, ool_move_iterate, NULL, OOL_1M, WARMUP, ITER, 1 },
	{ "rpc_ool_cow_64k", ool_cow_setup, ool_cow_iterate, NULL, OOL_64K, WARMUP, ITER, 1 },
	{ "rpc_ool_cow_1m", ool_cow_setup, ool_cow_iterate, NULL, OOL_1M, WARMUP, ITER, 1 },
	{ NULL },
};
