/*
 * name.c - the name server (servers/name, name.defs), reached as every
 * task reaches it: through NAME_BOOTSTRAP. Also what a hostile or dying
 * client cannot do to it.
 */
#include "user/tests/tests.h"
#include "harbor/name_client.h"
#include "harbor/name_server.h"
#include "harbor/task_client.h"

#define NS	NAME_BOOTSTRAP

static void
name_add_then_lookup_gives_the_port(void)
{
	struct counts base, now;
	port_name_t p, q = NAME_NULL, key = NAME_NULL;

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	EXPECT_OK("add", name_add_with_key(NS, "t.one", p, &key));
	EXPECT_OK("lookup", name_lookup(NS, "t.one", 0, &q));
	EXPECT_EQ("the same port (one name for rights to one port)", p, q);
	task_port_deallocate(NAME_TASK_SELF, q);
	EXPECT_OK("remove", name_remove(NS, "t.one", key));
	task_port_deallocate(NAME_TASK_SELF, key);	/* a dead name now */
	drop_port(p);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

static void
name_refuses_a_second_add_and_bad_names(void)
{
	port_name_t p = make_port(), r = make_port(), q = NAME_NULL, key = NAME_NULL;

	EXPECT_OK("add", name_add_with_key(NS, "t.two", p, &key));
	EXPECT_ERR("the same name again", ERR_EXISTS, name_add(NS, "t.two", r));
	EXPECT_ERR("an empty name", ERR_BAD_ARGUMENT, name_add(NS, "", r));
	EXPECT_ERR("a space", ERR_BAD_ARGUMENT, name_add(NS, "a b", r));
	EXPECT_ERR("32 characters", ERR_BAD_ARGUMENT,
		   name_add(NS, "abcdefghijabcdefghijabcdefghijab", r));
	EXPECT_ERR("lookup of a missing name", ERR_NOT_FOUND, name_lookup(NS, "t.none", 0, &q));
	EXPECT_ERR("remove of a missing name", ERR_NOT_FOUND, name_remove(NS, "t.none", p));
	EXPECT_ERR("remove with another port", ERR_DENIED, name_remove(NS, "t.two", r));
	EXPECT_OK("remove with the key", name_remove(NS, "t.two", key));
	EXPECT_ERR("gone", ERR_NOT_FOUND, name_lookup(NS, "t.two", 0, &q));
	task_port_deallocate(NAME_TASK_SELF, key);
	drop_port(p);
	drop_port(r);
}

/*
 * Every lookup hands out a send right to the service, so such a right
 * proves nothing: it must not remove the name (the server fuzzer removed
 * "proc" that way, and then no program could start). A name added with
 * add stays until its service dies.
 */
static void
name_remove_needs_more_than_a_lookup(void)
{
	port_name_t p = make_port(), q = NAME_NULL;
	int err = ERR_OK;

	EXPECT_OK("add", name_add(NS, "t.kept", p));
	EXPECT_OK("a lookup, as any client may make", name_lookup(NS, "t.kept", 0, &q));
	EXPECT_ERR("remove with the right the lookup gave", ERR_DENIED,
		   name_remove(NS, "t.kept", q));
	EXPECT_OK("still there", name_lookup(NS, "t.kept", 0, &q));
	task_port_deallocate(NAME_TASK_SELF, q);
	drop_port(p);
	for (int i = 0; i < 200 && err == ERR_OK; i++) {
		err = name_lookup(NS, "t.kept", 0, &q);
		if (err == ERR_OK) {
			task_port_deallocate(NAME_TASK_SELF, q);
			sleep_ms(10);
		}
	}
	EXPECT_ERR("gone with its service", ERR_NOT_FOUND, err);
}

/* add_with_key: only the key removes the name; a key is no service. */
static void
name_key_alone_removes_its_name(void)
{
	struct counts base, now;
	port_name_t p, key = NAME_NULL, other = NAME_NULL;

	EXPECT_OK("counts", counts_get(&base));
	p = make_port();
	EXPECT_OK("add with a key", name_add_with_key(NS, "t.keyed", p, &key));
	EXPECT_TRUE("a key of its own", key != NAME_NULL && key != p);
	EXPECT_ERR("the service is no key", ERR_DENIED, name_remove(NS, "t.keyed", p));
	EXPECT_ERR("a key is no service", ERR_BAD_ARGUMENT, name_add(NS, "t.key2", key));
	EXPECT_ERR("nor with a key", ERR_BAD_ARGUMENT, name_add_with_key(NS, "t.key3", key, &other));
	EXPECT_OK("the key removes it", name_remove(NS, "t.keyed", key));
	EXPECT_ERR("the key died with it", ERR_PORT_DEAD, name_remove(NS, "t.keyed", key));
	task_port_deallocate(NAME_TASK_SELF, key);
	drop_port(p);
	EXPECT_TRUE("counts back (the key port died with its registration)",
		    counts_settle(&base, &now));
}

static port_name_t late_port, late_key;

static void
add_later(void *arg)
{
	sleep_ms(100);
	name_add_with_key(NS, "t.late", late_port, &late_key);
}

static void
name_lookup_waits_for_the_name(void)
{
	port_name_t q = NAME_NULL;

	late_port = make_port();
	EXPECT_OK("start the thread that adds it", thread_start(add_later, NULL));
	EXPECT_OK("lookup waits, then finds it", name_lookup(NS, "t.late", 5000, &q));
	EXPECT_EQ("the port added", late_port, q);
	task_port_deallocate(NAME_TASK_SELF, q);
	EXPECT_ERR("a wait that ends", ERR_NOT_FOUND, name_lookup(NS, "t.never", 150, &q));
	EXPECT_OK("remove", name_remove(NS, "t.late", late_key));
	task_port_deallocate(NAME_TASK_SELF, late_key);
	drop_port(late_port);
}

static void
name_drops_a_dead_service(void)
{
	struct counts base, now;
	port_name_t task, service, q = NAME_NULL;
	int err = ERR_OK;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn a service", spawn_child("echo", &task, &service));
	EXPECT_OK("add it", name_add(NS, "t.echo", service));
	EXPECT_OK("found", name_lookup(NS, "t.echo", 0, &q));
	task_port_deallocate(NAME_TASK_SELF, q);
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	for (int i = 0; i < 200 && err == ERR_OK; i++) {
		err = name_lookup(NS, "t.echo", 0, &q);
		if (err == ERR_OK) {
			task_port_deallocate(NAME_TASK_SELF, q);
			sleep_ms(10);
		}
	}
	EXPECT_ERR("the dead service dropped out", ERR_NOT_FOUND, err);
	task_port_deallocate(NAME_TASK_SELF, service);
	EXPECT_TRUE("counts back (the server let go of the dead name)", counts_settle(&base, &now));
}

/* A lookup request packed by hand, to send with rights of our choosing. */
struct lookup_msg {
	struct msg_header head;
	uint32_t wait_ms;
	uint32_t len;
	char name[12];
};

static int
send_lookup(const char *name, uint32_t wait_ms, port_name_t reply, uint32_t reply_disp)
{
	struct lookup_msg m = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, reply_disp), .size = sizeof(m),
			  .dest = NS, .reply = reply, .id = NAME_LOOKUP_ID },
		.wait_ms = wait_ms, .len = sizeof(m.name),
	};
	strlcpy(m.name, name, sizeof(m.name));
	return msg_send(&m.head, 0, 0);
}

static void
name_survives_garbage_dead_and_deaf_clients(void)
{
	struct counts base, now;
	port_name_t p, dead, deaf, q = NAME_NULL, key = NAME_NULL;
	struct msg_header h;

	EXPECT_OK("counts", counts_get(&base));
	/* Garbage: an unknown id, a truncated lookup, no reply right. */
	h = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = 20, .dest = NS,
				 .id = 77 };
	EXPECT_OK("unknown id", msg_send(&h, 0, 0));
	h.id = NAME_LOOKUP_ID;
	EXPECT_OK("truncated lookup", msg_send(&h, 0, 0));
	/* A client that waits for a name, then dies before the answer. */
	dead = make_port();
	EXPECT_OK("a waiting lookup", send_lookup("t.ghost", 5000, dead, MSG_MAKE_SEND_ONCE));
	drop_port(dead);
	/* A client that never reads: its reply right is a plain send right
	 * to a port with no room at all. */
	deaf = make_port();
	EXPECT_OK("limit 0", task_port_set_limit(NAME_TASK_SELF, deaf, 0));
	EXPECT_OK("a deaf lookup", send_lookup("t.ghost", 5000, deaf, MSG_MAKE_SEND));
	p = make_port();
	EXPECT_OK("the name they wait for appears", name_add_with_key(NS, "t.ghost", p, &key));
	EXPECT_OK("an honest client is served", name_lookup(NS, "t.ghost", 0, &q));
	task_port_deallocate(NAME_TASK_SELF, q);
	EXPECT_OK("remove", name_remove(NS, "t.ghost", key));
	task_port_deallocate(NAME_TASK_SELF, key);
	drop_port(p);
	drop_port(deaf);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

const struct test_case name_cases[] = {
	{ "name_add_then_lookup_gives_the_port", name_add_then_lookup_gives_the_port },
	{ "name_refuses_a_second_add_and_bad_names", name_refuses_a_second_add_and_bad_names },
	{ "name_remove_needs_more_than_a_lookup", name_remove_needs_more_than_a_lookup },
	{ "name_key_alone_removes_its_name", name_key_alone_removes_its_name },
	{ "name_lookup_waits_for_the_name", name_lookup_waits_for_the_name },
	{ "name_drops_a_dead_service", name_drops_a_dead_service },
	{ "name_survives_garbage_dead_and_deaf_clients", name_survives_garbage_dead_and_deaf_clients },
	{ NULL, NULL },
};
