/*
 * ipc_ool.c - out-of-line memory: move, share, copy-on-write, between
 * tasks, malformed regions, and no frame lost on the way.
 */
#include "user/tests/tests.h"
#include "harbor/task_client.h"

#define PAGE	4096u

struct ool_msg {
	struct msg_header head;
	struct msg_body body;
	struct msg_ool_desc ool;
};

static int
send_ool(port_name_t dest, port_name_t reply, uint32_t addr, uint32_t size, uint32_t mode)
{
	struct ool_msg m = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, reply ? MSG_MAKE_SEND_ONCE : 0) |
				  MSG_BITS_COMPLEX,
			  .size = sizeof(m), .dest = dest, .reply = reply, .id = 50 },
		.body = { 1 },
		.ool = { .type = MSG_DESC_OOL, .mode = mode, .address = addr, .size = size },
	};
	return msg_send(&m.head, 0, 0);
}

static void
fill(uint32_t addr, uint32_t size, uint32_t seed)
{
	for (uint32_t i = 0; i < size / 4; i++)
		((uint32_t *)addr)[i] = seed + i;
}

static int
check(uint32_t addr, uint32_t size, uint32_t seed)
{
	for (uint32_t i = 0; i < size / 4; i++)
		if (((uint32_t *)addr)[i] != seed + i)
			return 0;
	return 1;
}

/*
 * Is the page at addr mapped in this task (or can its pager map it)? Ask
 * the kernel to read a message there: it answers ERR_BAD_ADDRESS for a
 * page it cannot have (and something else for the test pattern, which is
 * no valid header). The kernel's copies fault pages in, so a page of a
 * region of ours always can.
 */
static int
mapped(uint32_t addr)
{
	return msg_send((struct msg_header *)addr, MSG_OPT_TIMEOUT, 0) != ERR_BAD_ADDRESS;
}

static void
ool_move_takes_pages_away(void)
{
	struct counts base, now;
	port_name_t p;
	struct ool_msg in;
	uint32_t a;

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	EXPECT_OK("vm_allocate", vm_allocate(16 * PAGE, &a));
	fill(a, 16 * PAGE, 1);
	EXPECT_OK("send, moving 64 KiB", send_ool(p, NAME_NULL, a, 16 * PAGE, MSG_OOL_MOVE));
	/* Its region is still reserved: a touch finds a fresh zero page. */
	EXPECT_EQ("the sender lost the pages", 0, ((volatile uint32_t *)a)[5 * PAGE / 4 + 3]);
	EXPECT_OK("receive", msg_receive(&in.head, sizeof(in), p, 0, 0));
	EXPECT_EQ("size", 16 * PAGE, in.ool.size);
	EXPECT_TRUE("an address", in.ool.address != 0);
	EXPECT_EQ("contents arrived", 1, check(in.ool.address, 16 * PAGE, 1));
	EXPECT_OK("vm_deallocate", vm_deallocate(in.ool.address, 16 * PAGE));
	EXPECT_OK("give the region back", vm_deallocate(a, 16 * PAGE));
	drop_port(p);
	EXPECT_TRUE("frames back", counts_settle(&base, &now));
}

static void
ool_share_is_shared_both_ways(void)
{
	port_name_t p = make_port();
	struct ool_msg in;
	uint32_t a;

	EXPECT_OK("vm_allocate", vm_allocate(2 * PAGE, &a));
	fill(a, 2 * PAGE, 100);
	EXPECT_OK("send shared", send_ool(p, NAME_NULL, a, 2 * PAGE, MSG_OOL_SHARE));
	EXPECT_OK("receive", msg_receive(&in.head, sizeof(in), p, 0, 0));
	uint32_t *mine = (uint32_t *)a, *theirs = (uint32_t *)in.ool.address;
	EXPECT_TRUE("a second mapping", theirs != mine);
	EXPECT_EQ("same contents", 100, theirs[0]);
	theirs[5] = 0xabcd;
	EXPECT_EQ("the receiver's write shows in the sender", 0xabcd, mine[5]);
	mine[1030] = 0x1234;
	EXPECT_EQ("the sender's write shows in the receiver", 0x1234, theirs[1030]);
	vm_deallocate(in.ool.address, 2 * PAGE);
	vm_deallocate(a, 2 * PAGE);
	drop_port(p);
}

static void
ool_share_keeps_read_only_pages_read_only(void)
{
	port_name_t p = make_port();
	struct ool_msg in;
	uint32_t text = (uint32_t)(uintptr_t)ool_share_keeps_read_only_pages_read_only & ~(PAGE - 1);

	EXPECT_OK("share a page of our program text", send_ool(p, NAME_NULL, text, PAGE, MSG_OOL_SHARE));
	EXPECT_OK("receive", msg_receive(&in.head, sizeof(in), p, 0, 0));
	EXPECT_EQ("same bytes", 0, memcmp((void *)in.ool.address, (void *)text, PAGE));
	/* The kernel refuses to write into it (a receive is a write). */
	EXPECT_ERR("the shared mapping is read-only too", ERR_BAD_ADDRESS,
		   msg_receive((struct msg_header *)in.ool.address, 64, p, MSG_OPT_TIMEOUT, 0));
	vm_deallocate(in.ool.address, PAGE);
	drop_port(p);
}

static void
ool_copy_is_copy_on_write(void)
{
	struct counts base, now;
	port_name_t p;
	struct ool_msg in;
	uint32_t a;

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	EXPECT_OK("vm_allocate", vm_allocate(4 * PAGE, &a));
	fill(a, 4 * PAGE, 7);
	EXPECT_OK("send a copy", send_ool(p, NAME_NULL, a, 4 * PAGE, MSG_OOL_COPY));
	EXPECT_OK("receive", msg_receive(&in.head, sizeof(in), p, 0, 0));
	uint32_t *mine = (uint32_t *)a, *theirs = (uint32_t *)in.ool.address;
	EXPECT_EQ("same contents", 1, check(in.ool.address, 4 * PAGE, 7));
	theirs[0] = 0xdead;
	EXPECT_EQ("the receiver's write stays its own", 7, mine[0]);
	mine[2000] = 0xbeef;
	EXPECT_EQ("the sender's write stays its own", 7 + 2000, theirs[2000]);
	EXPECT_EQ("untouched pages still equal", 1, check(in.ool.address + 3 * PAGE, PAGE, 7 + 3 * 1024));
	vm_deallocate(in.ool.address, 4 * PAGE);
	vm_deallocate(a, 4 * PAGE);
	drop_port(p);
	EXPECT_TRUE("frames back", counts_settle(&base, &now));
}

static void
ool_moves_between_tasks_and_back(void)
{
	struct counts base, now;
	port_name_t task, service, reply;
	struct ool_msg in;
	uint32_t a;

	EXPECT_OK("counts", counts_get(&base));
	reply = make_port();
	EXPECT_OK("spawn a bouncer", spawn_child("bounce", &task, &service));
	EXPECT_OK("vm_allocate", vm_allocate(64 * PAGE, &a));
	fill(a, 64 * PAGE, 5000);
	EXPECT_OK("move 256 KiB to the child", send_ool(service, reply, a, 64 * PAGE, MSG_OOL_MOVE));
	EXPECT_OK("it comes back", msg_receive(&in.head, sizeof(in), reply, MSG_OPT_TIMEOUT, 2000));
	EXPECT_EQ("size", 64 * PAGE, in.ool.size);
	EXPECT_EQ("contents intact", 1, check(in.ool.address, 64 * PAGE, 5000));
	vm_deallocate(in.ool.address, 64 * PAGE);
	EXPECT_OK("terminate the child", task_terminate(task, 0));
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	drop_port(reply);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

static void
ool_unreceived_region_is_freed(void)
{
	struct counts base, now;
	port_name_t p;
	uint32_t a;

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	EXPECT_OK("vm_allocate", vm_allocate(8 * PAGE, &a));
	EXPECT_OK("send moved", send_ool(p, NAME_NULL, a, 8 * PAGE, MSG_OOL_MOVE));
	EXPECT_OK("vm_allocate", vm_allocate(8 * PAGE, &a));
	EXPECT_OK("send copied", send_ool(p, NAME_NULL, a, 8 * PAGE, MSG_OOL_COPY));
	vm_deallocate(a, 8 * PAGE);
	drop_port(p);	/* destroys both messages with their pages */
	EXPECT_TRUE("frames back", counts_settle(&base, &now));
}

static void
ool_bad_regions_rejected_whole(void)
{
	struct counts base, now;
	port_name_t p;
	uint32_t a;
	struct {
		struct msg_header head;
		struct msg_body body;
		struct msg_ool_desc ool[2];
	} m;

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	EXPECT_OK("vm_allocate", vm_allocate(4 * PAGE, &a));
	EXPECT_ERR("unaligned address", ERR_BAD_SIZE, send_ool(p, 0, a + 4, PAGE, MSG_OOL_MOVE));
	EXPECT_ERR("size not whole pages", ERR_BAD_SIZE, send_ool(p, 0, a, 100, MSG_OOL_MOVE));
	EXPECT_ERR("unmapped", ERR_BAD_ADDRESS, send_ool(p, 0, 0x1000, PAGE, MSG_OOL_MOVE));
	EXPECT_ERR("partly unmapped", ERR_BAD_ADDRESS, send_ool(p, 0, a, 64 * PAGE, MSG_OOL_MOVE));
	EXPECT_ERR("kernel memory", ERR_BAD_ADDRESS, send_ool(p, 0, 0xC0000000u, PAGE, MSG_OOL_COPY));
	EXPECT_ERR("wrapping", ERR_BAD_ADDRESS, send_ool(p, 0, 0xFFFFF000u, 2 * PAGE, MSG_OOL_SHARE));
	EXPECT_ERR("unknown mode", ERR_BAD_MESSAGE, send_ool(p, 0, a, PAGE, 9));
	EXPECT_ERR("too large", ERR_BAD_SIZE, send_ool(p, 0, a, 128u << 20, MSG_OOL_COPY));
	m = (typeof(m)){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX, .size = sizeof(m),
			  .dest = p, .id = 51 },
		.body = { 2 },
		.ool = { { .type = MSG_DESC_OOL, .mode = MSG_OOL_MOVE, .address = a, .size = 2 * PAGE },
			 { .type = MSG_DESC_OOL, .mode = MSG_OOL_COPY, .address = a + PAGE,
			   .size = PAGE } },
	};
	EXPECT_ERR("the same page moved and copied", ERR_BAD_MESSAGE, msg_send(&m.head, 0, 0));
	m.ool[1].address = a + 3 * PAGE;
	m.ool[1].mode = 0;
	EXPECT_ERR("a good region and a bad one", ERR_BAD_MESSAGE, msg_send(&m.head, 0, 0));
	EXPECT_EQ("the pages are all still ours", 1, mapped(a) && mapped(a + 3 * PAGE));
	vm_deallocate(a, 4 * PAGE);
	drop_port(p);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

static void
vm_allocate_rejects_bad_sizes(void)
{
	uint32_t a;

	EXPECT_ERR("size 0", ERR_BAD_SIZE, vm_allocate(0, &a));
	EXPECT_ERR("not whole pages", ERR_BAD_SIZE, vm_allocate(5000, &a));
	EXPECT_ERR("huge", ERR_BAD_SIZE, vm_allocate(0x80000000u, &a));
	EXPECT_ERR("deallocate kernel memory", ERR_BAD_ADDRESS,
		   vm_deallocate(0xC0000000u, PAGE));
	EXPECT_ERR("deallocate unaligned", ERR_BAD_SIZE,
		   vm_deallocate(0x10000010u, PAGE));
}

const struct test_case ool_cases[] = {
	{ "ool_move_takes_pages_away", ool_move_takes_pages_away },
	{ "ool_share_is_shared_both_ways", ool_share_is_shared_both_ways },
	{ "ool_share_keeps_read_only_pages_read_only", ool_share_keeps_read_only_pages_read_only },
	{ "ool_copy_is_copy_on_write", ool_copy_is_copy_on_write },
	{ "ool_moves_between_tasks_and_back", ool_moves_between_tasks_and_back },
	{ "ool_unreceived_region_is_freed", ool_unreceived_region_is_freed },
	{ "ool_bad_regions_rejected_whole", ool_bad_regions_rejected_whole },
	{ "vm_allocate_rejects_bad_sizes", vm_allocate_rejects_bad_sizes },
	{ NULL, NULL },
};
