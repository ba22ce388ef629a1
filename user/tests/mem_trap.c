/*
 * mem_trap.c - the kernel's own copies fault pages in: a receive buffer,
 * a message or an out-of-line region in a page the task has not touched
 * yet (a fresh stack page below the stack, a region reserved lazily) is
 * faulted in through the task's pager, as a touch would be, and the trap
 * goes on; an address the pager refuses is still ERR_BAD_ADDRESS from the
 * trap, and the task lives. (ipc_trap_faulted and pager_fault_range in
 * the kernel; docs/architecture.md, "Page faults and the memory server".)
 * And a fault the memory server serves takes the fault's fast paths.
 */
#include "user/tests/tests.h"
#include "harbor/host_client.h"
#include "harbor/mem.h"
#include "harbor/mem_client.h"

#define PAGE	PAGE_SIZE

/*
 * A page of the main thread's stack zone far below anything the suite
 * uses (the zone grows to USER_STACK_LIMIT): untouched until a case
 * touches it. Each case takes its own.
 */
#define FRESH_STACK_PAGE(i)	(USER_STACK_LIMIT + (i) * PAGE)

/* The kernel's free frames now (host_object_counts). */
static uint32_t
frames_free(void)
{
	struct counts c;

	counts_get(&c);
	return c.frames_free;
}

/* A 40-byte message with body word seq, to port. */
static int
send_word(port_name_t port, uint32_t seq)
{
	struct test_msg m = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = 24, .dest = port, .id = 7 },
		.seq = seq,
	};

	return msg_send(&m.head, 0, 0);
}

/* msg_receive into a stack page never touched: the kernel faults it in. */
static void
trap_receive_into_untouched_stack_page(void)
{
	port_name_t p = make_port();
	struct test_msg *m = (struct test_msg *)FRESH_STACK_PAGE(1);
	uint32_t f0;

	EXPECT_OK("queue a message", send_word(p, 41));
	f0 = frames_free();
	EXPECT_OK("receive into a fresh stack page", msg_receive(&m->head, PAGE, p, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("the message is there", 41, m->seq);
	EXPECT_EQ("one frame taken for it", f0 - 1, frames_free());
	drop_port(p);
}

/* msg_receive into a region reserved lazily, across two untouched pages. */
static void
trap_receive_into_fresh_region(void)
{
	port_name_t p = make_port();
	uint32_t a, f0;
	struct test_msg *m;

	EXPECT_OK("reserve 4 pages lazily", mem_allocate(mem_port, 4 * PAGE, 0, &a));
	m = (struct test_msg *)(a + PAGE);
	EXPECT_OK("queue a message", send_word(p, 42));
	f0 = frames_free();
	EXPECT_OK("receive into it (a buffer of two pages)",
		  msg_receive(&m->head, 2 * PAGE, p, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("the message is there", 42, m->seq);
	EXPECT_EQ("the buffer's two pages taken", f0 - 2, frames_free());
	EXPECT_OK("free it", mem_deallocate(mem_port, a, 4 * PAGE));
	EXPECT_EQ("the frames back", f0, frames_free());
	drop_port(p);
}

/* msg_send of a message whose body lies in a page not touched yet (zeros). */
static void
trap_send_from_fresh_region(void)
{
	port_name_t p = make_port();
	uint32_t a, seq = 1;
	struct msg_header *h;

	EXPECT_OK("reserve 2 pages lazily", mem_allocate(mem_port, 2 * PAGE, 0, &a));
	h = (struct msg_header *)(a + PAGE - sizeof(*h));	/* the header ends the first page */
	*h = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, 0),
				  .size = sizeof(struct test_msg), .dest = p, .id = 42 };
	EXPECT_OK("send it: the body's page is faulted in", msg_send(h, 0, 0));
	EXPECT_OK("it arrives", recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("with the fresh page's zero", 0, seq);
	EXPECT_OK("free it", mem_deallocate(mem_port, a, 2 * PAGE));
	drop_port(p);
}

/* msg_rpc whose buffer (send and receive) ends in an untouched stack page. */
static void
trap_rpc_into_untouched_stack_page(void)
{
	port_name_t p = make_port();
	struct test_msg *m = (struct test_msg *)(FRESH_STACK_PAGE(3) - sizeof(struct msg_header));

	m->head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = 24, .dest = p,
				       .id = 7 };
	EXPECT_OK("rpc to ourselves: the buffer's second page faulted in",
		  msg_rpc(&m->head, 64, p, MSG_OPT_TIMEOUT, 1000));
	EXPECT_EQ("our own message came back", 24, m->head.size);
	EXPECT_EQ("with the fresh page's zero", 0, m->seq);
	drop_port(p);
}

struct ool_msg {
	struct msg_header head;
	struct msg_body body;
	struct msg_ool_desc ool;
};

/* An out-of-line copy and move of a region never touched. */
static void
trap_ool_send_of_untouched_region(void)
{
	static const uint32_t modes[] = { MSG_OOL_COPY, MSG_OOL_MOVE, MSG_OOL_SHARE };
	port_name_t p = make_port();

	for (uint32_t i = 0; i < 3; i++) {
		uint32_t a, zero = 1;
		struct ool_msg m = {
			.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX,
				  .size = sizeof(m), .dest = p, .id = 50 },
			.body = { 1 },
			.ool = { .type = MSG_DESC_OOL, .mode = modes[i], .size = 3 * PAGE },
		};

		EXPECT_OK("reserve 3 pages lazily", mem_allocate(mem_port, 3 * PAGE, 0, &a));
		m.ool.address = a;
		EXPECT_OK("send them out of line", msg_send(&m.head, 0, 0));
		EXPECT_OK("receive them", msg_receive(&m.head, sizeof(m), p, MSG_OPT_TIMEOUT, 0));
		EXPECT_EQ("all of them", 3 * PAGE, m.ool.size);
		if (m.ool.size == 3 * PAGE) {
			zero = ((volatile uint32_t *)m.ool.address)[0] |
			       ((volatile uint32_t *)m.ool.address)[2 * PAGE / 4 + 7];
			vm_deallocate(m.ool.address, m.ool.size);
		}
		EXPECT_EQ("zero-filled", 0, zero);
		EXPECT_OK("free the region", mem_deallocate(mem_port, a, 3 * PAGE));
	}
	drop_port(p);
}

/* What the pager refuses is still ERR_BAD_ADDRESS, and the task lives. */
static void
trap_bad_address_still_refused(void)
{
	port_name_t p;
	uint32_t a = 0x7fffe000u;	/* the area's last page but one: the last stays free */
	struct counts base, now;
	struct ool_msg m = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX, .size = sizeof(m),
			  .id = 50 },
		.body = { 1 },
		.ool = { .type = MSG_DESC_OOL, .mode = MSG_OOL_COPY, .size = 2 * PAGE },
	};

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	EXPECT_OK("reserve a page lazily, with none after it", mem_allocate_fixed(mem_port, a, PAGE, 0));
	EXPECT_OK("queue a message", send_word(p, 43));
	EXPECT_ERR("receive into no region", ERR_BAD_ADDRESS,
		   msg_receive((struct msg_header *)0x7ff00000u, PAGE, p, MSG_OPT_TIMEOUT, 0));
	EXPECT_ERR("receive into the stack's guard zone", ERR_BAD_ADDRESS,
		   msg_receive((struct msg_header *)(USER_STACK_LIMIT - PAGE), PAGE, p,
			       MSG_OPT_TIMEOUT, 0));
	EXPECT_ERR("a buffer running past the region", ERR_BAD_ADDRESS,
		   msg_receive((struct msg_header *)a, 2 * PAGE, p, MSG_OPT_TIMEOUT, 0));
	m.head.dest = p;
	m.ool.address = a;
	EXPECT_ERR("an out-of-line region running past it", ERR_BAD_ADDRESS, msg_send(&m.head, 0, 0));
	EXPECT_ERR("send from the guard zone", ERR_BAD_ADDRESS,
		   msg_send((struct msg_header *)(USER_STACK_LIMIT - PAGE), 0, 0));
	EXPECT_ERR("a kernel address, as ever", ERR_BAD_ADDRESS,
		   msg_receive((struct msg_header *)0xC0100000u, PAGE, p, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("the message is still queued", recv_seq(p, &(uint32_t){ 0 }, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("free the region", mem_deallocate(mem_port, a, PAGE));
	drop_port(p);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

/*
 * A page fault the memory server serves takes both fast paths (pager.c):
 * the fault is written straight into the waiting server's buffer, and
 * its answer is taken straight from the server's msg_rpc.
 */
static void
fault_takes_the_fast_paths(void)
{
	uint32_t a, b[4], c[4];

	EXPECT_OK("reserve 8 pages lazily", mem_allocate(mem_port, 8 * PAGE, 0, &a));
	EXPECT_OK("counts before", host_pager_counts(NAME_HOST, &b[0], &b[1], &b[2], &b[3]));
	for (uint32_t i = 0; i < 8; i++)
		((volatile uint32_t *)a)[i * PAGE / 4] = i;
	EXPECT_OK("counts after", host_pager_counts(NAME_HOST, &c[0], &c[1], &c[2], &c[3]));
	EXPECT_EQ("8 faults written straight into the server's buffer", 8, c[0] - b[0]);
	EXPECT_EQ("8 answers taken straight from its send", 8, c[2] - b[2]);
	EXPECT_EQ("none queued", 0, c[1] - b[1]);
	EXPECT_EQ("none answered the slow way", 0, c[3] - b[3]);
	EXPECT_OK("free it", mem_deallocate(mem_port, a, 8 * PAGE));
}

const struct test_case mem_trap_cases[] = {
	{ "fault_takes_the_fast_paths", fault_takes_the_fast_paths },
	{ "trap_receive_into_untouched_stack_page", trap_receive_into_untouched_stack_page },
	{ "trap_receive_into_fresh_region", trap_receive_into_fresh_region },
	{ "trap_send_from_fresh_region", trap_send_from_fresh_region },
	{ "trap_rpc_into_untouched_stack_page", trap_rpc_into_untouched_stack_page },
	{ "trap_ool_send_of_untouched_region", trap_ool_send_of_untouched_region },
	{ "trap_bad_address_still_refused", trap_bad_address_still_refused },
	{ NULL, NULL },
};
