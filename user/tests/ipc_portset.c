/*
 * ipc_portset.c - port sets: receiving from any member.
 */
#include "user/tests/tests.h"
#include "harbor/task_client.h"

static void
portset_receives_from_any_member(void)
{
	port_name_t set, p[3];
	struct test_msg in;

	EXPECT_OK("port_set_allocate", task_port_set_allocate(NAME_TASK_SELF, &set));
	for (int i = 0; i < 3; i++) {
		p[i] = make_port();
		EXPECT_OK("insert", task_port_set_insert(NAME_TASK_SELF, p[i], set));
	}
	EXPECT_OK("send to the second member", send_seq(p[1], 21, 0, 0));
	EXPECT_OK("receive on the set", msg_receive(&in.head, sizeof(in), set, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("it came in on the second member", p[1], in.head.dest);
	EXPECT_EQ("seq", 21, in.seq);
	EXPECT_OK("send to the third", send_seq(p[2], 22, 0, 0));
	EXPECT_OK("send to the first", send_seq(p[0], 23, 0, 0));
	EXPECT_OK("receive", msg_receive(&in.head, sizeof(in), set, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("receive", msg_receive(&in.head, sizeof(in), set, MSG_OPT_TIMEOUT, 0));
	EXPECT_ERR("then nothing", ERR_TIMED_OUT,
		   msg_receive(&in.head, sizeof(in), set, MSG_OPT_TIMEOUT, 0));
	for (int i = 0; i < 3; i++)
		drop_port(p[i]);
	EXPECT_OK("drop the set", task_port_deallocate(NAME_TASK_SELF, set));
}

static port_name_t wait_set;
static volatile uint32_t set_seq, set_done;
static volatile int set_err;

static void
set_receiver(void *arg)
{
	struct test_msg in;

	set_err = msg_receive(&in.head, sizeof(in), wait_set, MSG_OPT_TIMEOUT, 3000);
	if (set_err == ERR_OK)
		set_seq = in.seq;
	set_done = 1;
}

static void
portset_receiver_wakes_for_any_member(void)
{
	port_name_t p = make_port(), q = make_port();

	set_done = set_seq = 0;
	EXPECT_OK("port_set_allocate", task_port_set_allocate(NAME_TASK_SELF, &wait_set));
	EXPECT_OK("insert", task_port_set_insert(NAME_TASK_SELF, p, wait_set));
	EXPECT_OK("insert", task_port_set_insert(NAME_TASK_SELF, q, wait_set));
	EXPECT_OK("thread_start", thread_start(set_receiver, NULL));
	sleep_ms(30);
	EXPECT_EQ("still waiting", 0, set_done);
	EXPECT_OK("send to a member", send_seq(q, 31, 0, 0));
	WAIT_UNTIL(set_done);
	EXPECT_ERR("the receiver got it", ERR_OK, set_err);
	EXPECT_EQ("seq", 31, set_seq);
	drop_port(p);
	drop_port(q);
	task_port_deallocate(NAME_TASK_SELF, wait_set);
}

static void
portset_port_is_in_one_set_at_most(void)
{
	port_name_t a, b, p = make_port();
	uint32_t seq;

	EXPECT_OK("set a", task_port_set_allocate(NAME_TASK_SELF, &a));
	EXPECT_OK("set b", task_port_set_allocate(NAME_TASK_SELF, &b));
	EXPECT_OK("into a", task_port_set_insert(NAME_TASK_SELF, p, a));
	EXPECT_OK("into b (out of a)", task_port_set_insert(NAME_TASK_SELF, p, b));
	EXPECT_OK("send", send_seq(p, 1, 0, 0));
	EXPECT_ERR("a has nothing", ERR_TIMED_OUT, recv_seq(a, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("b has it", recv_seq(b, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("remove", task_port_set_remove(NAME_TASK_SELF, p));
	EXPECT_ERR("remove again", ERR_NOT_FOUND, task_port_set_remove(NAME_TASK_SELF, p));
	EXPECT_OK("send", send_seq(p, 2, 0, 0));
	EXPECT_ERR("b has nothing now", ERR_TIMED_OUT, recv_seq(b, &seq, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("the port itself has it", recv_seq(p, &seq, MSG_OPT_TIMEOUT, 0));
	drop_port(p);
	task_port_deallocate(NAME_TASK_SELF, a);
	task_port_deallocate(NAME_TASK_SELF, b);
}

static void
portset_bad_names_rejected(void)
{
	port_name_t set, p = make_port();

	EXPECT_OK("port_set_allocate", task_port_set_allocate(NAME_TASK_SELF, &set));
	EXPECT_ERR("insert a send right", ERR_BAD_RIGHT,
		   task_port_set_insert(NAME_TASK_SELF, NAME_TASK_SELF, set));
	EXPECT_ERR("insert into a port", ERR_BAD_RIGHT, task_port_set_insert(NAME_TASK_SELF, p, p));
	EXPECT_ERR("insert into nothing", ERR_BAD_NAME,
		   task_port_set_insert(NAME_TASK_SELF, p, 0x777));
	EXPECT_ERR("send to a set", ERR_BAD_RIGHT, send_seq(set, 1, 0, 0));
	drop_port(p);
	task_port_deallocate(NAME_TASK_SELF, set);
}

static void
portset_destroyed_wakes_receivers(void)
{
	set_done = 0;
	EXPECT_OK("port_set_allocate", task_port_set_allocate(NAME_TASK_SELF, &wait_set));
	EXPECT_OK("thread_start", thread_start(set_receiver, NULL));
	sleep_ms(30);
	EXPECT_OK("destroy the set", task_port_deallocate(NAME_TASK_SELF, wait_set));
	WAIT_UNTIL(set_done);
	EXPECT_EQ("the receiver woke", 1, set_done);
	EXPECT_ERR("with an error", ERR_PORT_DEAD, set_err);
}

static port_name_t rv_member;
static volatile int rv_err, rv_done;

static void
rendezvous_sender(void *arg)
{
	rv_err = send_seq(rv_member, 41, MSG_OPT_TIMEOUT, 3000);
	rv_done = 1;
}

/* A sender blocked on a rendezvous member meets a receiver that waits on the set. */
static void
portset_rendezvous_member_meets_set_receiver(void)
{
	port_name_t set;
	struct test_msg in;

	rv_member = make_port();
	rv_done = 0;
	EXPECT_OK("limit 0", task_port_set_limit(NAME_TASK_SELF, rv_member, 0));
	EXPECT_OK("port_set_allocate", task_port_set_allocate(NAME_TASK_SELF, &set));
	EXPECT_OK("insert", task_port_set_insert(NAME_TASK_SELF, rv_member, set));
	EXPECT_OK("thread_start", thread_start(rendezvous_sender, NULL));
	sleep_ms(30);
	EXPECT_EQ("the sender waits for a receiver", 0, rv_done);
	EXPECT_OK("receive on the set", msg_receive(&in.head, sizeof(in), set, MSG_OPT_TIMEOUT, 2000));
	EXPECT_EQ("its message", 41, in.seq);
	WAIT_UNTIL(rv_done);
	EXPECT_ERR("the sender went on", ERR_OK, rv_err);
	drop_port(rv_member);
	task_port_deallocate(NAME_TASK_SELF, set);
}

const struct test_case portset_cases[] = {
	{ "portset_rendezvous_member_meets_set_receiver", portset_rendezvous_member_meets_set_receiver },
	{ "portset_receives_from_any_member", portset_receives_from_any_member },
	{ "portset_receiver_wakes_for_any_member", portset_receiver_wakes_for_any_member },
	{ "portset_port_is_in_one_set_at_most", portset_port_is_in_one_set_at_most },
	{ "portset_bad_names_rejected", portset_bad_names_rejected },
	{ "portset_destroyed_wakes_receivers", portset_destroyed_wakes_receivers },
	{ NULL, NULL },
};
