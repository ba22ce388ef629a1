/*
 * libc_malloc.c - the allocator in the guest: reuse, large blocks as
 * regions (frames go and come back), calloc and realloc, a 100,000
 * operation stress in a task of its own whose frames all come back when
 * it ends, four threads allocating at once, and bad frees (double, wild,
 * after an overrun) reported and the task killed. The children run
 * user/tchild's libc modes, and their output arrives here as messages
 * (libc_child.h).
 */
#include "user/tests/tests.h"
#include "user/tests/libc_child.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"

#define KIB 1024u

static char child_text[2048];

/*
 * Run "tchild <args>" with a port of ours as its bootstrap port, wait (up
 * to a minute) until it is dead, and collect everything it printed into
 * child_text. Returns ERR_OK or the step's error.
 */
static int
run_child(const char *args)
{
	char cmd[64];
	port_name_t out = make_port(), notify = make_port(), task;
	struct msg_notification note;
	struct libc_text_msg m;
	size_t len = 0;
	int err;

	child_text[0] = '\0';
	if (out == NAME_NULL || notify == NAME_NULL)
		return ERR_NO_MEMORY;
	snprintf(cmd, sizeof(cmd), "tchild %s", args);
	err = task_port_set_limit(NAME_TASK_SELF, out, 64);
	if (err == ERR_OK)
		err = host_module_spawn(NAME_HOST, cmd, out, NAME_NULL, 0, &task);
	if (err == ERR_OK) {
		err = task_port_request_notification(NAME_TASK_SELF, task, NOTIFY_DEAD_NAME, notify);
		/* Its text waits in our queue (limit 64) while we wait for its death. */
		if (err == ERR_OK)
			err = msg_receive(&note.head, sizeof(note), notify, MSG_OPT_TIMEOUT, 60000);
		task_port_deallocate(NAME_TASK_SELF, task);
	}
	while (err == ERR_OK && msg_receive(&m.head, sizeof(m), out, MSG_OPT_TIMEOUT, 0) == ERR_OK) {
		uint32_t n = m.len < sizeof(m.text) ? m.len : sizeof(m.text);
		if (m.head.id != LIBC_TEXT_ID || len + n >= sizeof(child_text))
			continue;
		memcpy(child_text + len, m.text, n);
		len += n;
		child_text[len] = '\0';
	}
	drop_port(out);
	drop_port(notify);
	return err;
}

/* The child said "block <p>" and then a report about <p> containing what. */
static int
child_reported(const char *what)
{
	const char *block = strstr(child_text, "block 0x");
	char expect[64];

	if (block == NULL)
		return 0;
	snprintf(expect, sizeof(expect), "(%.10s): ", block + 6);
	return strstr(child_text, "malloc: ") && strstr(child_text, expect) &&
	       strstr(child_text, what) && !strstr(child_text, "survived");
}

static void
libc_malloc_reuses_freed_blocks(void)
{
	void *a = malloc(64), *b;

	EXPECT_TRUE("malloc(64)", a != NULL);
	EXPECT_EQ("aligned to 16", 0, (uintptr_t)a % 16);
	free(a);
	b = malloc(64);
	EXPECT_TRUE("the freed block comes back", a == b);
	free(b);
	a = malloc(2000);
	free(a);
	b = malloc(2000);
	EXPECT_TRUE("a merged block is found again", a == b);
	free(b);
	EXPECT_EQ("heap consistent", 0, malloc_check());
}

static void
libc_malloc_large_blocks_are_regions(void)
{
	struct counts base, now;
	char *p;

	free(malloc(100));		/* the first arena, which stays */
	EXPECT_OK("counts", counts_get(&base));
	p = malloc(1024 * KIB);
	EXPECT_TRUE("malloc(1 MiB)", p != NULL);
	memset(p, 0x5a, 1024 * KIB);
	EXPECT_OK("counts", counts_get(&now));
	EXPECT_TRUE("its frames came from the kernel", base.frames_free - now.frames_free >= 256);
	free(p);
	EXPECT_OK("counts", counts_get(&now));
	EXPECT_EQ("and went back at free", base.frames_free, now.frames_free);
}

static void
libc_calloc_zeroes_and_refuses_overflow(void)
{
	unsigned char *p = malloc(300);
	int zero = 1;

	memset(p, 0xee, 300);
	free(p);
	p = calloc(3, 100);
	for (int i = 0; i < 300; i++)
		zero &= p[i] == 0;
	EXPECT_TRUE("calloc zeroes a reused block", zero);
	free(p);
	errno = 0;
	EXPECT_TRUE("calloc(n, size) whose product overflows", calloc(0x10000, 0x10001) == NULL);
	EXPECT_ERR("errno", ENOMEM, errno);
	EXPECT_TRUE("malloc of nearly 4 GiB", malloc(0xfffffff0u) == NULL);
}

static void
libc_realloc_keeps_contents(void)
{
	char *p = malloc(10), *q;
	int same = 1;

	memcpy(p, "0123456789", 10);
	q = realloc(p, 100 * KIB);
	EXPECT_TRUE("grown into a large block", q != NULL);
	q = realloc(q, 5000);
	q = realloc(q, 7);
	for (int i = 0; i < 7; i++)
		same &= q[i] == "0123456789"[i];
	EXPECT_TRUE("the first bytes survive every move", same);
	EXPECT_TRUE("realloc(p, 0) frees and returns NULL", realloc(q, 0) == NULL);
	EXPECT_EQ("heap consistent", 0, malloc_check());
}

static void
libc_malloc_stress_100k_ops_in_a_child(void)
{
	struct counts base, now;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("run the stress child", run_child("malloc_stress 12345 100000"));
	printf("  child said: %s", child_text);
	EXPECT_TRUE("the child checked every block and said ok", strstr(child_text, "malloc_stress: ok"));
	EXPECT_TRUE("frames and objects back once it ended", counts_settle(&base, &now));
}

static port_name_t threads_done;

/* 5000 rounds of malloc, fill, check, free, with the blocks of other threads live beside. */
static void
malloc_thread(void *arg)
{
	uint32_t id = (uint32_t)arg, bad = 0;
	uint8_t *keep[16] = { NULL };

	for (uint32_t i = 0; i < 5000; i++) {
		uint32_t size = 1 + (i * 37 + id * 101) % 700, slot = i % 16;
		if (keep[slot]) {
			for (uint32_t j = 0; j < keep[slot][0]; j++)
				bad += keep[slot][j] != keep[slot][0];
			free(keep[slot]);
		}
		keep[slot] = malloc(size);
		if (keep[slot] == NULL) {
			bad++;
			continue;
		}
		memset(keep[slot], (uint8_t)(size < 255 ? size : 255), size < 255 ? size : 255);
	}
	for (int slot = 0; slot < 16; slot++)
		free(keep[slot]);
	send_seq(threads_done, bad ? 100 + id : id, 0, 0);
}

static void
libc_malloc_from_four_threads(void)
{
	uint32_t seq, seen = 0, spoiled = 0;

	threads_done = make_port();
	for (uint32_t i = 0; i < 4; i++)
		EXPECT_OK("thread_start", thread_start(malloc_thread, (void *)i));
	for (int i = 0; i < 4; i++) {
		EXPECT_OK("a thread finished", recv_seq(threads_done, &seq, MSG_OPT_TIMEOUT, 30000));
		if (seq < 4)
			seen |= 1u << seq;
		else
			spoiled++;
	}
	EXPECT_EQ("no thread found a block spoiled or malloc failing", 0, spoiled);
	EXPECT_EQ("all four finished", 0xf, seen);
	EXPECT_EQ("heap consistent", 0, malloc_check());
	drop_port(threads_done);
}

static void
libc_double_free_is_reported_and_kills(void)
{
	struct counts base, now;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("run the child", run_child("double_free"));
	if (!child_reported("double free"))
		printf("  child said: %s", child_text);
	EXPECT_TRUE("the report names the block and says double free", child_reported("double free"));
	EXPECT_TRUE("the child is gone, counts back", counts_settle(&base, &now));
}

static void
libc_wild_free_is_reported_and_kills(void)
{
	struct counts base, now;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("run the child", run_child("wild_free"));
	if (!child_reported("not a block malloc returned"))
		printf("  child said: %s", child_text);
	EXPECT_TRUE("the report names the pointer",
		    child_reported("not a block malloc returned"));
	EXPECT_TRUE("the child is gone, counts back", counts_settle(&base, &now));
}

static void
libc_overwritten_header_is_reported_and_kills(void)
{
	struct counts base, now;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("run the child", run_child("heap_overrun"));
	if (!child_reported("header was overwritten"))
		printf("  child said: %s", child_text);
	EXPECT_TRUE("the report names the block", child_reported("header was overwritten"));
	EXPECT_TRUE("the child is gone, counts back", counts_settle(&base, &now));
}

const struct test_case libc_malloc_cases[] = {
	{ "libc_malloc_reuses_freed_blocks", libc_malloc_reuses_freed_blocks },
	{ "libc_malloc_large_blocks_are_regions", libc_malloc_large_blocks_are_regions },
	{ "libc_calloc_zeroes_and_refuses_overflow", libc_calloc_zeroes_and_refuses_overflow },
	{ "libc_realloc_keeps_contents", libc_realloc_keeps_contents },
	{ "libc_malloc_stress_100k_ops_in_a_child", libc_malloc_stress_100k_ops_in_a_child },
	{ "libc_malloc_from_four_threads", libc_malloc_from_four_threads },
	{ "libc_double_free_is_reported_and_kills", libc_double_free_is_reported_and_kills },
	{ "libc_wild_free_is_reported_and_kills", libc_wild_free_is_reported_and_kills },
	{ "libc_overwritten_header_is_reported_and_kills",
	  libc_overwritten_header_is_reported_and_kills },
	{ NULL, NULL },
};
