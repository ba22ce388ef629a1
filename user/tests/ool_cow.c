/*
 * ool_cow.c - a copy keeps the bytes it was given, whoever else maps the
 * frame.
 *
 * A MSG_OOL_COPY receiver must see exactly the bytes the sender had at
 * send time until it writes them itself; no later write by the sender or
 * by anyone else who maps the same frame may reach it. These cases give a
 * page holders of every kind - shared writable, shared read-only, copied,
 * moved, copied again - in helper tasks (user/tchild in mode `mem`,
 * include/harbor/testmem.defs), write through each, and check every copy.
 * Each ends by ending its helpers and checking that every frame came back.
 */
#include "user/tests/tests.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"
#include "harbor/testmem_client.h"

#define PAGE	4096u

/* A helper task that keeps one region for us. */
struct peer {
	port_name_t task, service;
};

static int
peer_start(struct peer *p)
{
	return spawn_child("mem", &p->task, &p->service);
}

static void
peer_end(struct peer *p)
{
	task_terminate(p->task, 0);
	task_port_deallocate(NAME_TASK_SELF, p->task);
	task_port_deallocate(NAME_TASK_SELF, p->service);
}

/* The word a peer's region holds at offset (~0 if it could not be read). */
static uint32_t
peek(struct peer *p, uint32_t offset)
{
	uint32_t v = ~0u;

	if (testmem_peek(p->service, offset, &v) != ERR_OK)
		return ~0u;
	return v;
}

static void
fill(uint32_t addr, uint32_t size, uint32_t seed)
{
	for (uint32_t i = 0; i < size / 4; i++)
		((volatile uint32_t *)addr)[i] = seed + i;
}

static uint32_t
at(uint32_t addr, uint32_t offset)
{
	return ((volatile uint32_t *)addr)[offset / 4];
}

static void
put(uint32_t addr, uint32_t offset, uint32_t value)
{
	((volatile uint32_t *)addr)[offset / 4] = value;
}

/* A message with up to two out-of-line regions. */
struct two_ool_msg {
	struct msg_header head;
	struct msg_body body;
	struct msg_ool_desc ool[2];
};

static int
send_regions(port_name_t dest, uint32_t addr, uint32_t size, uint32_t mode0, uint32_t mode1)
{
	struct two_ool_msg m = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX,
			  .size = sizeof(m), .dest = dest, .id = 52 },
		.body = { mode1 ? 2 : 1 },
		.ool = { { .type = MSG_DESC_OOL, .mode = mode0, .address = addr, .size = size },
			 { .type = MSG_DESC_OOL, .mode = mode1, .address = addr, .size = size } },
	};

	if (mode1 == 0)
		m.head.size = sizeof(m) - sizeof(m.ool[1]);
	return msg_send(&m.head, 0, 0);
}

/*
 * Can this task write the page at addr? Ask the kernel to receive into it
 * from an empty port: it refuses a read-only page with ERR_BAD_ADDRESS
 * before it looks for a message. (A copy-on-write page would get copied:
 * ask only about pages meant to be shared.)
 */
static int
writable(uint32_t addr, port_name_t empty)
{
	return msg_receive((struct msg_header *)addr, 64, empty, MSG_OPT_TIMEOUT, 0) !=
	       ERR_BAD_ADDRESS;
}

/*
 * The finding: A and B share a page, A sends a copy to C, then B writes.
 * Taking the copy used to write-protect A's mapping only, so B's write
 * went straight into the frame C was given.
 */
static void
ool_cow_copy_keeps_its_bytes_when_another_sharer_writes(void)
{
	struct counts base, now;
	struct peer b, c;
	uint32_t a, sender_sees, copy0, copy1, sharer_sees;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("vm_allocate", vm_allocate(2 * PAGE, &a));
	fill(a, 2 * PAGE, 300);
	EXPECT_OK("start the sharer", peer_start(&b));
	EXPECT_OK("start the copier", peer_start(&c));
	EXPECT_OK("share with B", testmem_take_share(b.service, a, 2 * PAGE));
	EXPECT_OK("copy to C", testmem_take_copy(c.service, a, 2 * PAGE));
	EXPECT_OK("B writes", testmem_poke(b.service, 0, 0xb0b0));
	EXPECT_OK("B writes the second page", testmem_poke(b.service, PAGE + 8, 0xb1b1));
	sender_sees = at(a, 0);
	copy0 = peek(&c, 0);
	copy1 = peek(&c, PAGE + 8);
	EXPECT_OK("C writes its copy", testmem_poke(c.service, 4, 0xc0c0));
	sharer_sees = peek(&b, 4);
	peer_end(&b);
	peer_end(&c);
	EXPECT_EQ("the sender sees the sharer's write", 0xb0b0, sender_sees);
	EXPECT_EQ("the copy keeps its bytes", 300, copy0);
	EXPECT_EQ("the copy keeps its second page", 300 + 1024 + 2, copy1);
	EXPECT_EQ("the copier's write stays its own", 301, sharer_sees);
	EXPECT_EQ("... and the sender's", 301, at(a, 4));
	vm_deallocate(a, 2 * PAGE);
	EXPECT_TRUE("every frame back", counts_settle(&base, &now));
}

/* The same, with the sender writing: the sharer must see it, the copy not. */
static void
ool_cow_copy_keeps_its_bytes_when_the_sender_writes_a_shared_page(void)
{
	struct counts base, now;
	struct peer b, c;
	uint32_t a, sharer_sees, copy_sees, sender_sees;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("vm_allocate", vm_allocate(PAGE, &a));
	fill(a, PAGE, 400);
	EXPECT_OK("start the sharer", peer_start(&b));
	EXPECT_OK("start the copier", peer_start(&c));
	EXPECT_OK("share with B", testmem_take_share(b.service, a, PAGE));
	EXPECT_OK("copy to C", testmem_take_copy(c.service, a, PAGE));
	put(a, 12, 0xa0a0);
	sharer_sees = peek(&b, 12);
	copy_sees = peek(&c, 12);
	EXPECT_OK("B writes after the sender", testmem_poke(b.service, 16, 0xb0b0));
	sender_sees = at(a, 16);
	peer_end(&b);
	peer_end(&c);
	EXPECT_EQ("the sharer sees the sender's write", 0xa0a0, sharer_sees);
	EXPECT_EQ("the copy does not", 403, copy_sees);
	EXPECT_EQ("the sender still sees the sharer's writes", 0xb0b0, sender_sees);
	vm_deallocate(a, PAGE);
	EXPECT_TRUE("every frame back", counts_settle(&base, &now));
}

/* B receives a page of our program text read-only and copies it back to us. */
static void
ool_cow_copy_of_a_read_only_share_keeps_its_bytes(void)
{
	struct counts base, now;
	struct peer b;
	uint32_t text = (uint32_t)(uintptr_t)ool_cow_copy_of_a_read_only_share_keeps_its_bytes &
			~(PAGE - 1);
	uint32_t q = 0, qsize = 0, first = at(text, 0), same, sharer_sees;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("start the sharer", peer_start(&b));
	EXPECT_OK("share our text with B (read-only)", testmem_take_share(b.service, text, PAGE));
	EXPECT_OK("B gives us a copy", testmem_give_copy(b.service, &q, &qsize));
	same = qsize == PAGE && memcmp((void *)q, (void *)text, PAGE) == 0;
	if (qsize == PAGE)
		put(q, 0, first ^ 0xffffffffu);	/* our copy is ours to write */
	sharer_sees = peek(&b, 0);
	peer_end(&b);
	EXPECT_EQ("the copy has the text's bytes", 1, same);
	EXPECT_EQ("writing the copy leaves the text alone", first, at(text, 0));
	EXPECT_EQ("... and B's read-only mapping", first, sharer_sees);
	vm_deallocate(q, qsize);
	EXPECT_TRUE("every frame back", counts_settle(&base, &now));
}

/*
 * B shares a page it received copy-on-write; we, now sharing it with B,
 * copy it on to C, and B writes.
 */
static void
ool_cow_share_of_a_received_copy_then_copied(void)
{
	struct counts base, now;
	struct peer b, c;
	uint32_t a, s = 0, ssize = 0, b_after_sender, s_after_sender, b_after_ours, copy_sees;
	uint32_t s_after_b, copy_after_ours;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("vm_allocate", vm_allocate(PAGE, &a));
	fill(a, PAGE, 500);
	EXPECT_OK("start B", peer_start(&b));
	EXPECT_OK("start C", peer_start(&c));
	EXPECT_OK("copy to B", testmem_take_copy(b.service, a, PAGE));
	EXPECT_OK("B shares its copy with us", testmem_give_share(b.service, &s, &ssize));
	EXPECT_EQ("size", PAGE, ssize);
	put(a, 0, 0xa1a1);		/* the first sender writes its original */
	b_after_sender = peek(&b, 0);
	s_after_sender = at(s, 0);
	put(s, 4, 0x5151);		/* we write the page we share with B */
	b_after_ours = peek(&b, 4);
	EXPECT_OK("copy the shared page to C", testmem_take_copy(c.service, s, PAGE));
	EXPECT_OK("B writes", testmem_poke(b.service, 8, 0xb2b2));
	s_after_b = at(s, 8);
	copy_sees = peek(&c, 8);
	put(s, 12, 0x5353);
	copy_after_ours = peek(&c, 12);
	peer_end(&b);
	peer_end(&c);
	EXPECT_EQ("B's copy ignores the first sender's write", 500, b_after_sender);
	EXPECT_EQ("... and so does our share of it", 500, s_after_sender);
	EXPECT_EQ("B sees our write to the page we share", 0x5151, b_after_ours);
	EXPECT_EQ("we see B's write", 0xb2b2, s_after_b);
	EXPECT_EQ("C's copy ignores B's write", 502, copy_sees);
	EXPECT_EQ("C's copy ignores ours", 503, copy_after_ours);
	vm_deallocate(s, ssize);
	vm_deallocate(a, PAGE);
	EXPECT_TRUE("every frame back", counts_settle(&base, &now));
}

/* We share a page with B, then move it to C: C and B share it; C copies it to us. */
static void
ool_cow_copy_of_a_moved_shared_page_keeps_its_bytes(void)
{
	struct counts base, now;
	struct peer b, c;
	uint32_t a, q = 0, qsize = 0, c_sees, b_sees, q_after_b, q_after_c;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("vm_allocate", vm_allocate(PAGE, &a));
	fill(a, PAGE, 700);
	EXPECT_OK("start B", peer_start(&b));
	EXPECT_OK("start C", peer_start(&c));
	EXPECT_OK("share with B", testmem_take_share(b.service, a, PAGE));
	EXPECT_OK("move to C", testmem_take_move(c.service, a, PAGE));
	EXPECT_OK("C gives us a copy", testmem_give_copy(c.service, &q, &qsize));
	EXPECT_EQ("size", PAGE, qsize);
	EXPECT_OK("B writes", testmem_poke(b.service, 0, 0xb3b3));
	c_sees = peek(&c, 0);
	q_after_b = at(q, 0);
	EXPECT_OK("C writes", testmem_poke(c.service, 4, 0xc4c4));
	b_sees = peek(&b, 4);
	q_after_c = at(q, 4);
	peer_end(&b);
	peer_end(&c);
	EXPECT_EQ("C shares with B now", 0xb3b3, c_sees);
	EXPECT_EQ("... both ways", 0xc4c4, b_sees);
	EXPECT_EQ("our copy ignores B's write", 700, q_after_b);
	EXPECT_EQ("our copy ignores C's write", 701, q_after_c);
	vm_deallocate(q, qsize);
	EXPECT_TRUE("every frame back", counts_settle(&base, &now));
}

/* A copy of a copy of a copy: every holder writes, and every copy keeps its bytes. */
static void
ool_cow_copies_of_copies_keep_their_bytes(void)
{
	struct counts base, now;
	struct peer b, c;
	uint32_t a, q = 0, qsize = 0, seen[6];

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("vm_allocate", vm_allocate(2 * PAGE, &a));
	fill(a, 2 * PAGE, 900);
	EXPECT_OK("start B", peer_start(&b));
	EXPECT_OK("start C", peer_start(&c));
	EXPECT_OK("copy to B", testmem_take_copy(b.service, a, 2 * PAGE));
	EXPECT_OK("B copies back to us", testmem_give_copy(b.service, &q, &qsize));
	EXPECT_EQ("size", 2 * PAGE, qsize);
	EXPECT_OK("we copy that to C", testmem_take_copy(c.service, q, 2 * PAGE));
	put(a, 0, 0xa0a0);
	EXPECT_OK("B writes", testmem_poke(b.service, 4, 0xb0b0));
	put(q, 8, 0x9090);
	EXPECT_OK("C writes", testmem_poke(c.service, PAGE, 0xc0c0));
	seen[0] = peek(&b, 0);
	seen[1] = at(q, 0);
	seen[2] = peek(&c, 4);
	seen[3] = peek(&b, 8);
	seen[4] = at(a, PAGE);
	seen[5] = at(q, PAGE);
	peer_end(&b);
	peer_end(&c);
	EXPECT_EQ("B ignores the first sender", 900, seen[0]);
	EXPECT_EQ("our second copy ignores it too", 900, seen[1]);
	EXPECT_EQ("C ignores B", 901, seen[2]);
	EXPECT_EQ("B ignores our second copy", 902, seen[3]);
	EXPECT_EQ("the first sender ignores C", 900 + 1024, seen[4]);
	EXPECT_EQ("our second copy ignores C", 900 + 1024, seen[5]);
	vm_deallocate(q, qsize);
	vm_deallocate(a, 2 * PAGE);
	EXPECT_TRUE("every frame back", counts_settle(&base, &now));
}

/*
 * One message both shares and copies the same page, in either order: the
 * shared mapping stays writable and shared, and the copy keeps its bytes.
 */
static void
ool_cow_one_message_shares_and_copies_a_page(void)
{
	struct counts base, now;
	port_name_t p, empty;
	struct two_ool_msg in;
	uint32_t a;

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	empty = make_port();
	EXPECT_OK("vm_allocate", vm_allocate(PAGE, &a));
	for (int copy_first = 0; copy_first < 2; copy_first++) {
		uint32_t share_mode = MSG_OOL_SHARE, copy_mode = MSG_OOL_COPY, s, c;

		fill(a, PAGE, 1100);
		EXPECT_OK("send", copy_first ? send_regions(p, a, PAGE, copy_mode, share_mode) :
						  send_regions(p, a, PAGE, share_mode, copy_mode));
		EXPECT_OK("receive", msg_receive(&in.head, sizeof(in), p, 0, 0));
		s = in.ool[copy_first ? 1 : 0].address;
		c = in.ool[copy_first ? 0 : 1].address;
		EXPECT_TRUE("both regions arrived", s != 0 && c != 0);
		EXPECT_TRUE("the shared mapping is writable", writable(s, empty));
		put(s, 0, 0x5a5a);
		put(a, 4, 0xa5a5);
		EXPECT_EQ("the sender sees the share's write", 0x5a5a, at(a, 0));
		EXPECT_EQ("the share sees the sender's write", 0xa5a5, at(s, 4));
		EXPECT_EQ("the copy ignores the share's write", 1100, at(c, 0));
		EXPECT_EQ("the copy ignores the sender's write", 1101, at(c, 4));
		vm_deallocate(s, PAGE);
		vm_deallocate(c, PAGE);
	}
	vm_deallocate(a, PAGE);
	drop_port(empty);
	drop_port(p);
	EXPECT_TRUE("every frame back", counts_settle(&base, &now));
}

/*
 * The common case stays lazy: a copy of pages only the sender maps takes
 * no frame when sent; in a region that mixes them with pages someone else
 * may write, just those take a frame at once - and every page of the copy
 * keeps its bytes.
 */
static void
ool_cow_only_pages_others_can_write_are_copied_at_send(void)
{
	struct counts base, before, after_private, after_mixed, now;
	struct two_ool_msg in;
	port_name_t p;
	uint32_t a, s, c, seen[4];

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	EXPECT_OK("vm_allocate", vm_allocate(4 * PAGE, &a));
	fill(a, 4 * PAGE, 1300);
	EXPECT_OK("share pages 1 and 2 with ourselves",
		  send_regions(p, a + PAGE, 2 * PAGE, MSG_OOL_SHARE, 0));
	EXPECT_OK("receive the share", msg_receive(&in.head, sizeof(in), p, 0, 0));
	s = in.ool[0].address;
	EXPECT_OK("counts", counts_get(&before));
	EXPECT_OK("copy private page 0", send_regions(p, a, PAGE, MSG_OOL_COPY, 0));
	EXPECT_OK("counts", counts_get(&after_private));
	EXPECT_OK("copy all four", send_regions(p, a, 4 * PAGE, MSG_OOL_COPY, 0));
	EXPECT_OK("counts", counts_get(&after_mixed));
	EXPECT_OK("receive the first copy", msg_receive(&in.head, sizeof(in), p, 0, 0));
	vm_deallocate(in.ool[0].address, PAGE);
	EXPECT_OK("receive the second", msg_receive(&in.head, sizeof(in), p, 0, 0));
	c = in.ool[0].address;
	for (uint32_t i = 0; i < 4; i++)
		put(i == 1 || i == 2 ? s + (i - 1) * PAGE : a + i * PAGE, 0, 0xeeee);
	for (uint32_t i = 0; i < 4; i++)
		seen[i] = at(c, i * PAGE);
	EXPECT_EQ("the other mapping sees the writes", 0xeeee, at(a, PAGE));
	vm_deallocate(c, 4 * PAGE);
	vm_deallocate(s, 2 * PAGE);
	vm_deallocate(a, 4 * PAGE);
	drop_port(p);
	EXPECT_EQ("a private page: no frame taken", before.frames_free, after_private.frames_free);
	EXPECT_EQ("two shared pages: a frame each", after_private.frames_free - 2,
		  after_mixed.frames_free);
	for (uint32_t i = 0; i < 4; i++)
		EXPECT_EQ("every page of the copy keeps its bytes", 1300 + i * 1024, seen[i]);
	EXPECT_TRUE("every frame back", counts_settle(&base, &now));
}

/* A copy refused after some of its pages were copied gives those frames back. */
static void
ool_cow_refused_copy_gives_its_frames_back(void)
{
	struct counts base, now;
	struct two_ool_msg in;
	port_name_t p;
	uint32_t a, s, free_before;
	struct {
		struct msg_header head;
		struct msg_body body;
		struct msg_ool_desc ool[2];
	} m;

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	EXPECT_OK("vm_allocate", vm_allocate(2 * PAGE, &a));
	EXPECT_OK("share page 0 with ourselves", send_regions(p, a, PAGE, MSG_OOL_SHARE, 0));
	EXPECT_OK("receive the share", msg_receive(&in.head, sizeof(in), p, 0, 0));
	s = in.ool[0].address;
	EXPECT_OK("counts", counts_get(&now));
	free_before = now.frames_free;
	m = (typeof(m)){
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX, .size = sizeof(m),
			  .dest = p, .id = 53 },
		.body = { 2 },
		.ool = { { .type = MSG_DESC_OOL, .mode = MSG_OOL_COPY, .address = a, .size = PAGE },
			 { .type = MSG_DESC_OOL, .mode = 9, .address = a + PAGE, .size = PAGE } },
	};
	EXPECT_ERR("a copy, then a bad region", ERR_BAD_MESSAGE, msg_send(&m.head, 0, 0));
	EXPECT_OK("counts", counts_get(&now));
	EXPECT_EQ("its copied page given back", free_before, now.frames_free);
	EXPECT_OK("unmap page 1", vm_deallocate(a + PAGE, PAGE));
	EXPECT_OK("counts", counts_get(&now));
	free_before = now.frames_free;
	EXPECT_ERR("a copy running into an unmapped page", ERR_BAD_ADDRESS,
		   send_regions(p, a, 2 * PAGE, MSG_OOL_COPY, 0));
	EXPECT_OK("counts", counts_get(&now));
	EXPECT_EQ("its copied page given back again", free_before, now.frames_free);
	vm_deallocate(s, PAGE);
	vm_deallocate(a, PAGE);
	drop_port(p);
	EXPECT_TRUE("every frame back", counts_settle(&base, &now));
}

/* Device memory is no RAM frame: it cannot be copied, shared or moved out of line. */
static void
ool_cow_device_memory_is_never_copied(void)
{
	port_name_t p = make_port();
	uint32_t a;

	/* Page 1 of text memory: the console holds page 0. */
	EXPECT_OK("map VGA text memory", host_device_map(NAME_HOST, NAME_TASK_SELF, 0xB9000, PAGE, &a));
	EXPECT_ERR("copy it", ERR_BAD_ADDRESS, send_regions(p, a, PAGE, MSG_OOL_COPY, 0));
	EXPECT_ERR("share it", ERR_BAD_ADDRESS, send_regions(p, a, PAGE, MSG_OOL_SHARE, 0));
	EXPECT_ERR("move it", ERR_BAD_ADDRESS, send_regions(p, a, PAGE, MSG_OOL_MOVE, 0));
	vm_deallocate(a, PAGE);
	drop_port(p);
}

const struct test_case ool_cow_cases[] = {
	{ "ool_cow_copy_keeps_its_bytes_when_another_sharer_writes",
	  ool_cow_copy_keeps_its_bytes_when_another_sharer_writes },
	{ "ool_cow_copy_keeps_its_bytes_when_the_sender_writes_a_shared_page",
	  ool_cow_copy_keeps_its_bytes_when_the_sender_writes_a_shared_page },
	{ "ool_cow_copy_of_a_read_only_share_keeps_its_bytes",
	  ool_cow_copy_of_a_read_only_share_keeps_its_bytes },
	{ "ool_cow_share_of_a_received_copy_then_copied", ool_cow_share_of_a_received_copy_then_copied },
	{ "ool_cow_copy_of_a_moved_shared_page_keeps_its_bytes",
	  ool_cow_copy_of_a_moved_shared_page_keeps_its_bytes },
	{ "ool_cow_copies_of_copies_keep_their_bytes", ool_cow_copies_of_copies_keep_their_bytes },
	{ "ool_cow_one_message_shares_and_copies_a_page", ool_cow_one_message_shares_and_copies_a_page },
	{ "ool_cow_only_pages_others_can_write_are_copied_at_send",
	  ool_cow_only_pages_others_can_write_are_copied_at_send },
	{ "ool_cow_refused_copy_gives_its_frames_back", ool_cow_refused_copy_gives_its_frames_back },
	{ "ool_cow_device_memory_is_never_copied", ool_cow_device_memory_is_never_copied },
	{ NULL, NULL },
};
