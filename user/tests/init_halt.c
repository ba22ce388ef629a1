/*
 * init_halt.c - init's service to every program (servers/init/halt.c,
 * init.defs): registered as "init", one routine, halt, which writes the
 * disk back and powers off. A halt that init accepts would end this boot
 * (QEMU exits with status 9, which tests/qemu/run.sh reports as a
 * failure), so the cases send only what init must refuse: they check that
 * each gets an error answer, that what a request carried is let go, and
 * that init goes on serving. The halt itself is tested by
 * tests/disk/persist.py, which boots the shell and types `halt`.
 */
#include "user/tests/tests.h"
#include "harbor/init_server.h"
#include "harbor/name_client.h"
#include "harbor/task_client.h"

struct init_garbage {
	struct msg_header head;
	struct msg_body body;
	struct msg_port_desc port;
	uint32_t extra[2];
};

/* Send m to init with a send-once reply right to a port of ours; the
 * answer's retcode, or the error of sending or of waiting 2 s for it. */
static int
init_ask(port_name_t init, struct init_garbage *m)
{
	union {
		struct msg_reply_header r;
		uint8_t bytes[64];
	} ans;
	port_name_t reply = make_port();
	int err;

	m->head.dest = init;
	m->head.reply = reply;
	m->head.bits |= MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE);
	err = msg_send(&m->head, 0, 0);
	if (err == ERR_OK)
		err = msg_receive(&ans.r.head, sizeof(ans), reply, MSG_OPT_TIMEOUT, 2000);
	if (err == ERR_OK && ans.r.head.id != MSG_REPLY_ID(m->head.id))
		err = ERR_BAD_MESSAGE;	/* not init's answer: the case says so */
	if (err == ERR_OK)
		err = ans.r.retcode;
	drop_port(reply);
	return err;
}

static void
init_refuses_all_but_a_plain_halt(void)
{
	struct counts base, now;
	struct init_garbage m;
	port_name_t init = NAME_NULL, p;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("init's service is registered as \"init\"",
		  name_lookup(NAME_BOOTSTRAP, "init", 0, &init));
	m = (struct init_garbage){ .head = { .size = sizeof(struct msg_header), .id = INIT_BASE + 1 } };
	EXPECT_ERR("an id init does not serve", ERR_BAD_OPERATION, init_ask(init, &m));
	m = (struct init_garbage){ .head = { .size = sizeof(struct msg_header) + 8,
					     .id = INIT_HALT_ID } };
	EXPECT_ERR("a halt with arguments", ERR_BAD_MESSAGE, init_ask(init, &m));
	p = make_port();
	m = (struct init_garbage){
		.head = { .bits = MSG_BITS_COMPLEX, .id = INIT_HALT_ID,
			  .size = sizeof(struct msg_header) + sizeof(struct msg_body) +
				  sizeof(struct msg_port_desc) },
		.body = { 1 },
		.port = { .type = MSG_DESC_PORT, .disposition = MSG_MAKE_SEND, .name = p },
	};
	EXPECT_ERR("a halt carrying a right", ERR_BAD_MESSAGE, init_ask(init, &m));
	drop_port(p);
	m = (struct init_garbage){ .head = { .size = sizeof(struct msg_header), .id = 7 } };
	EXPECT_ERR("init still answers", ERR_BAD_OPERATION, init_ask(init, &m));
	task_port_deallocate(NAME_TASK_SELF, init);
	EXPECT_TRUE("counts back (init let go of the right it was sent)",
		    counts_settle(&base, &now));
}

const struct test_case init_halt_cases[] = {
	{ "init_refuses_all_but_a_plain_halt", init_refuses_all_but_a_plain_halt },
	{ NULL, NULL },
};
