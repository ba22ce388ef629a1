/*
 * ipc_names.c - one message that names the same right several times.
 *
 * The header's two names and every port descriptor may name the same
 * right, each with its own disposition. msg_copyin's first pass must see
 * the whole message's effect on each name before the second pass takes
 * anything: a message that would move a right away and then still use it
 * is refused whole, and one that can be carried out is carried out
 * exactly.
 */
#include "user/tests/tests.h"
#include "harbor/thread_client.h"

/* A message with a header reply and up to two port descriptors. */
struct names_msg {
	struct msg_header head;
	struct msg_body body;
	struct msg_port_desc port[2];
};

/* Send to dest (made send) a message with reply (reply_disp) and descriptors. */
static int
send_names(port_name_t dest, port_name_t reply, uint32_t reply_disp,
	   uint32_t n, const port_name_t *names, const uint32_t *disps)
{
	struct names_msg m = {
		.head = { .bits = MSG_BITS(MSG_MAKE_SEND, reply_disp) | MSG_BITS_COMPLEX,
			  .size = sizeof(struct msg_header) + sizeof(struct msg_body) +
				  n * sizeof(struct msg_port_desc),
			  .dest = dest, .reply = reply },
		.body = { .desc_count = n },
	};

	for (uint32_t i = 0; i < n; i++)
		m.port[i] = (struct msg_port_desc){ .type = MSG_DESC_PORT, .name = names[i],
						    .disposition = disps[i] };
	return msg_send(&m.head, MSG_OPT_TIMEOUT, 0);
}

/* Is the thread's own port still reachable through NAME_THREAD_SELF? */
static int
thread_self_works(void)
{
	uint32_t prio;

	return thread_get_priority(NAME_THREAD_SELF, &prio) == ERR_OK;
}

/* The reproducer the fuzzer found: the last reference moved as the reply, then copied. */
static void
names_move_last_then_copy_refused(void)
{
	port_name_t d = make_port();
	port_name_t self = NAME_THREAD_SELF;
	uint32_t copy = MSG_COPY_SEND;
	struct counts base, now;
	uint32_t seq;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_ERR("reply MOVE_SEND + descriptor COPY_SEND of one reference", ERR_BAD_RIGHT,
		   send_names(d, self, MSG_MOVE_SEND, 1, &self, &copy));
	EXPECT_TRUE("the thread port is still ours", thread_self_works());
	EXPECT_ERR("nothing was queued", ERR_TIMED_OUT, recv_seq(d, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_TRUE("counts unchanged", counts_settle(&base, &now));
	drop_port(d);
}

/* Every order of moving the last reference and copying it, header and descriptors. */
static void
names_move_and_copy_in_any_order_refused(void)
{
	port_name_t d = make_port();
	port_name_t self = NAME_THREAD_SELF;
	port_name_t two[2] = { self, self };
	uint32_t move_copy[2] = { MSG_MOVE_SEND, MSG_COPY_SEND };
	uint32_t copy_move[2] = { MSG_COPY_SEND, MSG_MOVE_SEND };
	uint32_t seq;

	EXPECT_ERR("descriptors: move, then copy", ERR_BAD_RIGHT,
		   send_names(d, NAME_NULL, 0, 2, two, move_copy));
	EXPECT_ERR("descriptors: copy, then move", ERR_BAD_RIGHT,
		   send_names(d, NAME_NULL, 0, 2, two, copy_move));
	EXPECT_ERR("reply copy, descriptor move", ERR_BAD_RIGHT,
		   send_names(d, self, MSG_COPY_SEND, 1, &self, &move_copy[0]));
	EXPECT_ERR("two moves of one reference", ERR_BAD_RIGHT,
		   send_names(d, self, MSG_MOVE_SEND, 1, &self, &move_copy[0]));
	EXPECT_TRUE("the thread port is still ours", thread_self_works());
	EXPECT_ERR("nothing was queued", ERR_TIMED_OUT, recv_seq(d, &seq, MSG_OPT_TIMEOUT, 0));
	drop_port(d);
}

/* Moving the destination's last reference while a descriptor copies it. */
static void
names_dest_moved_and_copied_refused(void)
{
	port_name_t d = make_port();
	port_name_t target = make_port();
	struct names_msg m = {
		.head = { .bits = MSG_BITS(MSG_MOVE_SEND, 0) | MSG_BITS_COMPLEX,
			  .size = sizeof(struct msg_header) + sizeof(struct msg_body) +
				  sizeof(struct msg_port_desc),
			  .dest = target },
		.body = { .desc_count = 1 },
		.port = { { .type = MSG_DESC_PORT, .name = target, .disposition = MSG_COPY_SEND } },
	};
	uint32_t seq;

	EXPECT_ERR("dest MOVE_SEND + descriptor COPY_SEND", ERR_BAD_RIGHT,
		   msg_send(&m.head, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("the send right is still there", send_seq(target, 7, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("and works", recv_seq(target, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("seq", 7, seq);
	drop_port(target);
	drop_port(d);
}

/* With a reference to spare, moving one and copying another is fine. */
static void
names_move_and_copy_with_two_references_work(void)
{
	port_name_t d = make_port();
	port_name_t p = make_port();
	port_name_t got, reply;
	uint32_t kind, copy = MSG_COPY_SEND;
	union {
		struct names_msg m;
		uint8_t bytes[128];
	} in;

	/* A second reference under p's name: send ourselves a made send right. */
	EXPECT_OK("make a send right", send_right(d, p, MSG_MAKE_SEND));
	EXPECT_OK("receive it", receive_right(d, &got, &kind));
	EXPECT_EQ("it merges into p's name", p, got);
	EXPECT_OK("reply MOVE_SEND + descriptor COPY_SEND of two references",
		  send_names(d, p, MSG_MOVE_SEND, 1, &p, &copy));
	EXPECT_OK("receive it", msg_receive(&in.m.head, sizeof(in), d, MSG_OPT_TIMEOUT, 0));
	reply = in.m.head.reply;
	EXPECT_EQ("the reply right arrives under p's name", p, reply);
	EXPECT_EQ("the descriptor too", p, in.m.port[0].name);
	EXPECT_EQ("as a send right", MSG_MOVE_SEND, in.m.port[0].disposition);
	drop_port(p);
	drop_port(d);
}

const struct test_case ipc_names_cases[] = {
	{ "names_move_last_then_copy_refused", names_move_last_then_copy_refused },
	{ "names_move_and_copy_in_any_order_refused", names_move_and_copy_in_any_order_refused },
	{ "names_dest_moved_and_copied_refused", names_dest_moved_and_copied_refused },
	{ "names_move_and_copy_with_two_references_work",
	  names_move_and_copy_with_two_references_work },
	{ NULL, NULL },
};
