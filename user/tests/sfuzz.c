/*
 * sfuzz.c - the server fuzzer (user/sfuzz), run from a boot of its own
 * (mode=test only=sfuzz,s=SEED,n=STEPS,c=CLIENTS,k=MS: make fuzz-servers,
 * and make test's short run, tests/sfuzz/). The first case starts its
 * coordinator with the host port and a link port of ours as bootstrap,
 * hands it the name server when it asks, and waits for its verdict; the
 * others judge the verdict, one part each. Every line the fuzzer prints
 * ("sfuzz: ...") is above them. docs/testing.md, "The server fuzzer".
 */
#include "user/tests/tests.h"
#include "user/sfuzz/sfuzz.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"

static struct sfz_result result;
static int have_result;

/* Answer the coordinator's request for the name server. */
static void
give_name_server(struct msg_header *m)
{
	struct {
		struct msg_header head;
		struct msg_body body;
		struct msg_port_desc name;
	} r = {
		.head = { .bits = MSG_BITS(MSG_BITS_REPLY(m->bits), 0) | MSG_BITS_COMPLEX,
			  .size = sizeof(r), .dest = m->reply, .id = MSG_REPLY_ID(SFZ_ID_START) },
		.body = { 1 },
		.name = { MSG_DESC_PORT, MSG_COPY_SEND, NAME_BOOTSTRAP, 0 },
	};

	msg_send(&r.head, MSG_OPT_TIMEOUT, 1000);
}

static void
sfuzz_run_to_its_verdict(void)
{
	static union {
		struct msg_header head;
		struct sfz_result res;
		uint8_t bytes[MSG_SIZE_MAX];
	} in;
	uint32_t seed = test_option("s", 1), steps = test_option("n", 2000);
	uint32_t clients = test_option("c", 4), kill = test_option("k", 500);
	const char *skip = test_text("x");
	/* 30 ms a step is far more than a step takes; the end may wait 75 s for the counts. */
	uint32_t limit = 120000 + steps * 30, start = now_ms();
	port_name_t link = make_port(), task = NAME_NULL;
	char args[64];
	int err;

	snprintf(args, sizeof(args), "sfuzz run s=%u n=%u c=%u k=%u x=%s", seed, steps, clients,
		 kill, skip);
	EXPECT_OK("start the fuzzer", host_module_spawn(NAME_HOST, args, link, NAME_HOST, 0, &task));
	for (;;) {
		uint32_t spent = now_ms() - start;
		err = msg_receive(&in.head, sizeof(in), link, MSG_OPT_TIMEOUT,
				  spent < limit ? limit - spent : 0);
		if (err != ERR_OK)
			break;
		if (in.head.id == SFZ_ID_START && in.head.reply != NAME_NULL) {
			give_name_server(&in.head);
		} else if (in.head.id == SFZ_ID_RESULT && in.head.size == sizeof(result)) {
			result = in.res;
			have_result = 1;
			break;
		} else {
			msg_destroy(&in.head);
		}
	}
	task_port_deallocate(NAME_TASK_SELF, task);
	drop_port(link);
	EXPECT_OK("the fuzzer's verdict within the time allowed", err);
	EXPECT_TRUE("steps made", result.steps > 0 && result.requests > 0);
}

static void
sfuzz_no_server_died(void)
{
	EXPECT_TRUE("a verdict", have_result);
	EXPECT_EQ("servers that died or are gone from proc's table (sfuzz: lines above)", 0,
		  result.deaths);
	EXPECT_EQ("hangs", 0, result.hangs);
}

static void
sfuzz_every_answer_as_the_interface_says(void)
{
	EXPECT_TRUE("a verdict", have_result);
	EXPECT_EQ("findings (sfuzz: FINDING lines above)", 0, result.findings);
}

static void
sfuzz_servers_answer_known_good_requests_after(void)
{
	EXPECT_TRUE("a verdict", have_result);
	EXPECT_EQ("known-good requests that failed (sfuzz: check lines above)", 0,
		  result.check_fails);
}

static void
sfuzz_servers_hold_what_they_held_before(void)
{
	EXPECT_TRUE("a verdict", have_result);
	EXPECT_EQ("counts that did not come back (sfuzz: LEAK lines above)", 0, result.leaks);
}

const struct test_case sfuzz_cases[] = {
	{ "sfuzz_run_to_its_verdict", sfuzz_run_to_its_verdict },
	{ "sfuzz_no_server_died", sfuzz_no_server_died },
	{ "sfuzz_every_answer_as_the_interface_says", sfuzz_every_answer_as_the_interface_says },
	{ "sfuzz_servers_answer_known_good_requests_after",
	  sfuzz_servers_answer_known_good_requests_after },
	{ "sfuzz_servers_hold_what_they_held_before", sfuzz_servers_hold_what_they_held_before },
	{ NULL, NULL },
};
