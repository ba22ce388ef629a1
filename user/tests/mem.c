/*
 * mem.c - the memory server and page faults as messages: zero-fill on
 * demand, stack growth and overflow, wild pointers, quotas, reclaim on
 * death, pagers that never answer, die or are the faulting task itself,
 * several threads faulting on one page, and requests the server must
 * refuse. Helper tasks are tchild's pager.c modes.
 */
#include "user/tests/tests.h"
#include "user/tchild/tchild.h"
#include "harbor/host_client.h"
#include "harbor/mem.h"
#include "harbor/mem_client.h"
#include "harbor/pager_server.h"
#include "harbor/task_client.h"

#define PAGE	PAGE_SIZE

/* The kernel's free frames now (host_object_counts). */
static uint32_t
frames_free(void)
{
	struct counts c;

	counts_get(&c);
	return c.frames_free;
}

static uint32_t
resident(void)
{
	uint32_t f, r, res = 0, q, n;

	mem_stats(mem_port, &f, &r, &res, &q, &n);
	return res;
}

/*
 * Start "tchild mode" with bootstrap as its bootstrap port and a dead-name
 * request on its task port to *death (a fresh port). Returns the error.
 */
static int
start_child(const char *mode, port_name_t bootstrap, port_name_t *task, port_name_t *death)
{
	char cmd[48];
	int err;

	snprintf(cmd, sizeof(cmd), "tchild %s", mode);
	*death = make_port();
	err = host_module_spawn(NAME_HOST, cmd, bootstrap, NAME_NULL, 0, task);
	if (err == ERR_OK)
		err = task_port_request_notification(NAME_TASK_SELF, *task, 1, *death);
	return err;
}

/* Wait up to ms for the child's death; ERR_OK when it died. Drops both names. */
static int
child_died(port_name_t task, port_name_t death, uint32_t ms)
{
	struct msg_notification n;
	int err = msg_receive(&n.head, sizeof(n), death, MSG_OPT_TIMEOUT, ms);

	if (err == ERR_OK && n.head.id != MSG_ID_NOTIFY_DEAD_NAME)
		err = ERR_BAD_MESSAGE;
	if (err != ERR_OK)
		task_terminate(task, 0);
	drop_port(task);
	drop_port(death);
	return err;
}

/* The word a child reported on port, or ~0 if none came within 5 s. */
static uint32_t
child_word(port_name_t port)
{
	struct mem_child_msg m;

	if (msg_receive(&m.head, sizeof(m), port, MSG_OPT_TIMEOUT, 5000) != ERR_OK ||
	    m.head.id != MEM_CHILD_MSG_ID)
		return ~0u;
	return m.word;
}

/* A frame is taken only when a page is first touched, and reads as zero. */
static void
mem_zero_fill_on_demand(void)
{
	uint32_t a, f0, r0;
	volatile uint32_t *p;

	f0 = frames_free();
	r0 = resident();
	EXPECT_OK("allocate 8 pages lazily", mem_allocate(mem_port, 8 * PAGE, 0, &a));
	EXPECT_EQ("no frame taken yet", f0, frames_free());
	p = (volatile uint32_t *)a;
	EXPECT_EQ("a fresh page reads as zero", 0, p[0]);
	p[PAGE / 4 * 3 + 5] = 77;	/* page 3 */
	EXPECT_EQ("and keeps what is written", 77, p[PAGE / 4 * 3 + 5]);
	EXPECT_EQ("two pages touched, two frames taken", f0 - 2, frames_free());
	EXPECT_EQ("the server counts them resident", r0 + 2, resident());
	EXPECT_OK("free it", mem_deallocate(mem_port, a, 8 * PAGE));
	EXPECT_EQ("the frames are back", f0, frames_free());
	EXPECT_EQ("resident back", r0, resident());
}

/* The main thread's stack grows on faults below it, up to its limit. */
static void
mem_stack_grows(void)
{
	port_name_t p = make_port(), task, death;

	EXPECT_OK("start a child that uses 256 KiB of stack", start_child("stack_grow", p, &task, &death));
	EXPECT_TRUE("it reported its sum", child_word(p) != ~0u);
	EXPECT_OK("and ended", child_died(task, death, 5000));
	drop_port(p);
}

/* Past the limit the task is killed ("stack overflow" in the report). */
static void
mem_stack_overflow_kills(void)
{
	port_name_t p = make_port(), task, death;
	struct counts base, now;
	struct msg_header h;

	EXPECT_OK("counts", counts_get(&base));	/* p counted: it lives on */
	EXPECT_OK("start a child that recurses forever", start_child("stack_overflow", p, &task, &death));
	EXPECT_OK("it is killed", child_died(task, death, 10000));
	EXPECT_ERR("it never reported", ERR_TIMED_OUT, msg_receive(&h, sizeof(h), p, MSG_OPT_TIMEOUT, 0));
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
	drop_port(p);
}

/* A wild pointer kills its task and no other. */
static void
mem_wild_pointer_kills_only_its_task(void)
{
	port_name_t task, death;
	struct counts base, now;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("start a child that writes to no region", start_child("wild", NAME_NULL, &task, &death));
	EXPECT_OK("it is killed", child_died(task, death, 5000));
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
	EXPECT_TRUE("we still run", resident() != 0);
}

/* Reservations stop at the quota with ERR_NO_MEMORY; another task is not hurt. */
static void
mem_quota_exhaustion(void)
{
	uint32_t a[40], n = 0, f, r, res, q, regions, r0;
	port_name_t p = make_port(), task, death;
	int err = ERR_OK;

	EXPECT_OK("stats", mem_stats(mem_port, &f, &r0, &res, &q, &regions));
	while (n < 40 && (err = mem_allocate(mem_port, 4u << 20, 0, &a[n])) == ERR_OK)
		n++;
	EXPECT_ERR("past the quota", ERR_NO_MEMORY, err);
	EXPECT_OK("stats", mem_stats(mem_port, &f, &r, &res, &q, &regions));
	EXPECT_TRUE("stopped at the quota", r <= q && r + 1024 > q);
	EXPECT_OK("another task still gets memory",
		  start_child("mem_hold", p, &task, &death));
	EXPECT_TRUE("it reported", child_word(p) != ~0u);
	task_terminate(task, 0);
	EXPECT_OK("it ended", child_died(task, death, 5000));
	drop_port(p);
	for (uint32_t i = 0; i < n; i++)
		EXPECT_OK("free", mem_deallocate(mem_port, a[i], 4u << 20));
	EXPECT_OK("stats", mem_stats(mem_port, &f, &r, &res, &q, &regions));
	EXPECT_EQ("reservation back", r0, r);
}

/* A task's frames, regions and stack come back when it dies. */
static void
mem_reclaim_on_death(void)
{
	port_name_t p = make_port(), task, death;
	struct counts base, now;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("start a child holding memory", start_child("mem_hold", p, &task, &death));
	EXPECT_TRUE("it reported", child_word(p) != ~0u);
	EXPECT_TRUE("it holds frames", frames_free() + 80 <= base.frames_free);
	EXPECT_OK("kill it", task_terminate(task, 0));
	EXPECT_OK("it died", child_died(task, death, 5000));
	EXPECT_TRUE("counts and frames back to the baseline", counts_settle(&base, &now));
	drop_port(p);
}

/* A pager that never answers: the faulting task is killed after PAGER_TIMEOUT_MS. */
static void
mem_pager_never_answers(void)
{
	port_name_t p = make_port(), task, death;
	struct counts base, now;
	struct {
		struct msg_header head;
		uint32_t task_id, thread_id, address, access, eip;
	} f;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("start a child whose pager is our port", start_child("pager_bootstrap", p, &task, &death));
	EXPECT_OK("its fault arrives", msg_receive(&f.head, sizeof(f), p, MSG_OPT_TIMEOUT, 5000));
	EXPECT_EQ("as a pager_fault request", PAGER_FAULT_ID, f.head.id);
	EXPECT_EQ("naming the address", MEM_CHILD_FAULT_ADDR, f.address);
	EXPECT_EQ("a write to a page not mapped", MEM_ACCESS_WRITE, f.access);
	EXPECT_TRUE("with a reply right", f.head.reply != NAME_NULL);
	EXPECT_OK("the child is killed, we not answering", child_died(task, death, 5000));
	EXPECT_ERR("answering late finds the thread gone", ERR_PORT_DEAD, msg_send(&(struct msg_reply_header){
		.head = { .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, MSG_NONE), .size = 24,
			  .dest = f.head.reply, .id = MSG_REPLY_ID(PAGER_FAULT_ID) } }.head, 0, 0));
	task_port_deallocate(NAME_TASK_SELF, f.head.reply);	/* the dead name left */
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
	drop_port(p);
}

/* A pager that dies with the fault unanswered: the task is killed at once. */
static void
mem_pager_dies(void)
{
	port_name_t p = make_port(), task, death;
	struct counts base, now;
	struct {
		struct msg_header head;
		uint32_t words[5];
	} f;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("start a child whose pager is our port", start_child("pager_bootstrap", p, &task, &death));
	EXPECT_OK("its fault arrives", msg_receive(&f.head, sizeof(f), p, MSG_OPT_TIMEOUT, 5000));
	EXPECT_OK("we drop its reply right: as if we died", task_port_deallocate(NAME_TASK_SELF, f.head.reply));
	EXPECT_OK("the child is killed at once", child_died(task, death, 500));
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
	drop_port(p);
}

/*
 * A pager that answers a fault after the fault gave up (the 1 s timeout:
 * a trap's copy then fails with ERR_BAD_ADDRESS and the task goes on)
 * must not answer the thread's next fault: its answer finds the old
 * reply port gone.
 */
static void
mem_late_answer_not_taken_for_next_fault(void)
{
	port_name_t p = make_port(), task, death;
	struct counts base, now;
	union {
		struct msg_header head;
		struct mem_child_msg report;
		uint8_t bytes[64];
	} m;
	port_name_t first;
	struct msg_reply_header refuse = {
		.head = { .bits = MSG_BITS(MSG_MOVE_SEND_ONCE, MSG_NONE), .size = sizeof(refuse),
			  .id = MSG_REPLY_ID(PAGER_FAULT_ID) },
		.retcode = ERR_DENIED,
	};

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("start a child whose pager is our port", start_child("pager_late", p, &task, &death));
	EXPECT_OK("its first fault arrives", msg_receive(&m.head, sizeof(m), p, MSG_OPT_TIMEOUT, 5000));
	EXPECT_EQ("as a pager_fault request", PAGER_FAULT_ID, m.head.id);
	first = m.head.reply;
	EXPECT_OK("we do not answer: its trap gives up",
		  msg_receive(&m.head, sizeof(m), p, MSG_OPT_TIMEOUT, 5000));
	EXPECT_EQ("its report", MEM_CHILD_MSG_ID, m.head.id);
	EXPECT_EQ("the trap failed on the address", (uint32_t)ERR_BAD_ADDRESS, m.report.word);
	EXPECT_OK("its second fault arrives", msg_receive(&m.head, sizeof(m), p, MSG_OPT_TIMEOUT, 5000));
	EXPECT_EQ("as a pager_fault request", PAGER_FAULT_ID, m.head.id);
	refuse.head.dest = first;
	EXPECT_ERR("the late answer to the first finds its port gone", ERR_PORT_DEAD,
		   msg_send(&refuse.head, 0, 0));
	task_port_deallocate(NAME_TASK_SELF, first);	/* the dead name left */
	EXPECT_ERR("the child still waits for its second answer", ERR_TIMED_OUT,
		   msg_receive(&m.head, sizeof(m), p, MSG_OPT_TIMEOUT, 200));
	refuse.head.dest = m.head.reply;
	EXPECT_OK("answer the second: refused", msg_send(&refuse.head, 0, 0));
	EXPECT_OK("its report", msg_receive(&m.head, sizeof(m), p, MSG_OPT_TIMEOUT, 5000));
	EXPECT_EQ("the second trap failed on the address", (uint32_t)ERR_BAD_ADDRESS, m.report.word);
	EXPECT_OK("it exits", child_died(task, death, 5000));
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
	drop_port(p);
}

/* A task that is its own pager cannot answer its own fault: it is killed. */
static void
mem_own_pager_killed(void)
{
	port_name_t p = make_port(), task, death;
	struct counts base, now;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("start a child that is its own pager", start_child("own_pager", p, &task, &death));
	EXPECT_EQ("it set its pager", 1, child_word(p));
	EXPECT_OK("it is killed", child_died(task, death, 500));
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
	drop_port(p);
}

static volatile uint32_t *shared_page;
static volatile uint32_t readers_done;

static void
touch_shared(void *arg)
{
	uint32_t v = shared_page[(uint32_t)arg];

	__atomic_add_fetch(&readers_done, 1 + v, __ATOMIC_SEQ_CST);
}

/* Four threads fault on one page at once: it is mapped once. */
static void
mem_concurrent_faults_map_once(void)
{
	uint32_t a, f0, r0;

	EXPECT_OK("allocate a page lazily", mem_allocate(mem_port, PAGE, 0, &a));
	shared_page = (volatile uint32_t *)a;
	readers_done = 0;
	f0 = frames_free();
	r0 = resident();
	for (uint32_t i = 0; i < 4; i++)
		EXPECT_OK("start a reader", thread_start(touch_shared, (void *)(i * 8)));
	WAIT_UNTIL(readers_done == 4);
	EXPECT_EQ("all four read zero", 4, readers_done);
	EXPECT_EQ("one frame taken", f0 - 1, frames_free());
	EXPECT_EQ("one page resident", r0 + 1, resident());
	EXPECT_OK("free", mem_deallocate(mem_port, a, PAGE));
}

/* Every bad request gets an error and changes nothing. */
static void
mem_bad_requests_refused(void)
{
	uint32_t a, ctl, f, r0, r, res, q, n;
	port_name_t p = make_port(), mine;

	EXPECT_OK("stats", mem_stats(mem_port, &f, &r0, &res, &q, &n));
	EXPECT_ERR("size 0", ERR_BAD_SIZE, mem_allocate(mem_port, 0, 0, &a));
	EXPECT_ERR("not whole pages", ERR_BAD_SIZE, mem_allocate(mem_port, 5000, 0, &a));
	EXPECT_ERR("too large", ERR_BAD_SIZE, mem_allocate(mem_port, 0x80000000u, 0, &a));
	EXPECT_ERR("unknown flags", ERR_BAD_ARGUMENT, mem_allocate(mem_port, PAGE, 0x100, &a));
	EXPECT_ERR("fixed outside the area", ERR_BAD_ADDRESS,
		   mem_allocate_fixed(mem_port, 0x90000000u, PAGE, 0));
	EXPECT_ERR("fixed, wrapping", ERR_BAD_ADDRESS,
		   mem_allocate_fixed(mem_port, 0x7ffff000u, 2 * PAGE, 0));
	EXPECT_OK("fixed", mem_allocate_fixed(mem_port, 0x70000000u, 4 * PAGE, 0));
	EXPECT_ERR("overlapping it", ERR_EXISTS, mem_allocate_fixed(mem_port, 0x70003000u, 2 * PAGE, 0));
	EXPECT_ERR("free, misaligned", ERR_BAD_SIZE, mem_deallocate(mem_port, 0x70000010u, PAGE));
	EXPECT_ERR("free, kernel space", ERR_BAD_ADDRESS, mem_deallocate(mem_port, 0xC0000000u, PAGE));
	EXPECT_ERR("free, no region", ERR_NOT_FOUND, mem_deallocate(mem_port, 0x60000000u, PAGE));
	EXPECT_ERR("free, past the region", ERR_NOT_FOUND, mem_deallocate(mem_port, 0x70003000u, 2 * PAGE));
	EXPECT_ERR("bad protection", ERR_BAD_ARGUMENT, mem_protect(mem_port, 0x70000000u, PAGE, 7));
	EXPECT_OK("read-only middle", mem_protect(mem_port, 0x70001000u, PAGE, MEM_PROT_READ));
	EXPECT_OK("free the middle of a region", mem_deallocate(mem_port, 0x70002000u, PAGE));
	EXPECT_ERR("free across two regions", ERR_NOT_FOUND, mem_deallocate(mem_port, 0x70000000u, 2 * PAGE));
	EXPECT_OK("free the first page", mem_deallocate(mem_port, 0x70000000u, PAGE));
	EXPECT_OK("free the read-only page", mem_deallocate(mem_port, 0x70001000u, PAGE));
	EXPECT_OK("free the last", mem_deallocate(mem_port, 0x70003000u, PAGE));
	EXPECT_ERR("hello with a port that is no task's", ERR_BAD_ARGUMENT, mem_hello(mem_port, p, &mine));
	EXPECT_ERR("hello twice", ERR_EXISTS, mem_hello(mem_port, NAME_TASK_SELF, &mine));
	EXPECT_ERR("the control right is given once", ERR_DENIED, host_memory_control(NAME_HOST, &ctl));
	EXPECT_OK("stats", mem_stats(mem_port, &f, &r, &res, &q, &n));
	EXPECT_EQ("nothing reserved", r0, r);
	drop_port(p);
}

const struct test_case mem_cases[] = {
	{ "mem_zero_fill_on_demand", mem_zero_fill_on_demand },
	{ "mem_stack_grows", mem_stack_grows },
	{ "mem_stack_overflow_kills", mem_stack_overflow_kills },
	{ "mem_wild_pointer_kills_only_its_task", mem_wild_pointer_kills_only_its_task },
	{ "mem_quota_exhaustion", mem_quota_exhaustion },
	{ "mem_reclaim_on_death", mem_reclaim_on_death },
	{ "mem_pager_never_answers", mem_pager_never_answers },
	{ "mem_pager_dies", mem_pager_dies },
	{ "mem_own_pager_killed", mem_own_pager_killed },
	{ "mem_late_answer_not_taken_for_next_fault", mem_late_answer_not_taken_for_next_fault },
	{ "mem_concurrent_faults_map_once", mem_concurrent_faults_map_once },
	{ "mem_bad_requests_refused", mem_bad_requests_refused },
	{ NULL, NULL },
};
