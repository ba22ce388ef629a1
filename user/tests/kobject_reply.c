/*
 * kobject_reply.c - kernel-object requests whose reply is never sent.
 *
 * A request to a kernel object may come with no reply right. The kernel
 * still serves it, builds the reply and then destroys it; every right the
 * reply would have carried (a new thread's port, a new task's port) must
 * go with it, so object counts come back and no-senders can fire.
 */
#include "user/tests/tests.h"
#include "harbor/host_client.h"
#include "harbor/host_server.h"
#include <stddef.h>
#include "harbor/task_client.h"
#include "harbor/task_server.h"

/* The requests as the generated stubs lay them out (docs/idl.md). */
struct raw_thread_create {
	struct msg_header head;
	uint32_t entry, stack, arg;
};

struct raw_module_spawn {
	struct msg_header head;
	struct msg_body body;
	struct msg_port_desc bootstrap, host;
	uint32_t arg;
	uint32_t name_len;	/* string<=64: a length word (with the NUL), then the bytes */
	char name[64];
};

/* task_thread_create sent to a child's task port with no reply right. */
static void
kobject_thread_create_without_reply_frees_its_port(void)
{
	struct raw_thread_create req = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(req),
			  .id = TASK_THREAD_CREATE_ID },
		.entry = 0x400000, .stack = 0, .arg = 0,
	};
	struct counts base, now;
	port_name_t child;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn a child that spins", spawn_child("spin", &child, NULL));
	req.head.dest = child;
	EXPECT_OK("thread_create with no reply right", msg_send(&req.head, MSG_OPT_TIMEOUT, 0));
	EXPECT_OK("terminate the child", task_terminate(child, 0));
	task_port_deallocate(NAME_TASK_SELF, child);
	EXPECT_TRUE("counts back to baseline (the thread's port too)", counts_settle(&base, &now));
}

/* host_module_spawn with no reply right: the new task's port goes with the reply. */
static void
kobject_module_spawn_without_reply_frees_its_port(void)
{
	static const char name[] = "tchild exit";
	struct raw_module_spawn m = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, 0) | MSG_BITS_COMPLEX,
			  .dest = NAME_HOST, .id = HOST_MODULE_SPAWN_ID },
		.body = { .desc_count = 2 },
		.bootstrap = { .type = MSG_DESC_PORT, .name = NAME_NULL,
			       .disposition = MSG_COPY_SEND },
		.host = { .type = MSG_DESC_PORT, .name = NAME_NULL, .disposition = MSG_COPY_SEND },
		.name_len = sizeof(name),
	};
	struct counts base, now;

	EXPECT_OK("counts", counts_get(&base));
	memcpy(m.name, name, sizeof(name));
	m.head.size = offsetof(struct raw_module_spawn, name) + ((sizeof(name) + 3) & ~3u);
	EXPECT_OK("module_spawn with no reply right", msg_send(&m.head, MSG_OPT_TIMEOUT, 0));
	EXPECT_TRUE("the child ran and died, counts back (its task port too)",
		    counts_settle(&base, &now));
}

const struct test_case kobject_reply_cases[] = {
	{ "kobject_thread_create_without_reply_frees_its_port",
	  kobject_thread_create_without_reply_frees_its_port },
	{ "kobject_module_spawn_without_reply_frees_its_port",
	  kobject_module_spawn_without_reply_frees_its_port },
	{ NULL, NULL },
};
