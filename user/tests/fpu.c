/*
 * fpu.c - each thread has FPU registers of its own: values it keeps in
 * the x87 stack or the SSE registers across a trap come back exactly,
 * whoever ran meanwhile, and a new thread or task starts from the
 * default state, never from another thread's.
 *
 * Each case plays ping-pong with a partner (a second thread of this task,
 * or a helper task, user/tchild/fpu.c): both hold their own values across
 * every trap that lets the other run (fpu.h), so without per-thread state
 * every round would hand one side the other's registers.
 */
#include "user/tests/tests.h"
#include "user/tests/fpu.h"
#include "harbor/task_client.h"

#define FPU_ROUNDS	100
#define WAIT_MS		5000	/* only so that a broken kernel cannot hang the suite */

static port_name_t case_port, partner_port;
static volatile uint32_t partner_bad, partner_rounds;

static void
simple_header(struct fpu_msg *m, port_name_t dest)
{
	m->head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, 0), .size = sizeof(*m),
				       .dest = dest, .id = FPU_MSG_ID };
}

/* The partner thread: hold its values across every wait for our next message. */
static void
x87_partner(void *arg)
{
	struct fpu_msg m;
	struct fpu_hold h = { 0 };
	uint32_t round = 0, bad = 0;
	int err;

	fpu_hold_fill(&h, FPU_TAG_THREAD, round);
	err = fpu_hold_trap(&h, MSG_TRAP_RECEIVE, (uint32_t)&m.head, sizeof(m), partner_port);
	while (err == ERR_OK) {
		bad += fpu_hold_bad(&h);
		round++;
		simple_header(&m, case_port);
		m.round = round;
		m.bad = bad;
		fpu_hold_fill(&h, FPU_TAG_THREAD, round);
		err = fpu_hold_trap(&h, MSG_TRAP_RPC, (uint32_t)&m.head, sizeof(m), partner_port);
	}
	/* Our port died: the case is over. */
	partner_bad = bad;
	partner_rounds = round;
}

static void
fpu_x87_values_survive_switches_between_threads(void)
{
	struct fpu_msg m;
	struct fpu_hold h = { .options = MSG_OPT_TIMEOUT, .timeout = WAIT_MS };
	uint32_t round, bad = 0, seen_bad = 0;
	int err = ERR_OK;

	case_port = make_port();
	partner_port = make_port();
	partner_rounds = 0;
	EXPECT_OK("thread_start", thread_start(x87_partner, NULL));
	for (round = 0; round < FPU_ROUNDS && err == ERR_OK; round++) {
		simple_header(&m, partner_port);
		m.round = round;
		fpu_hold_fill(&h, FPU_TAG_CASE, round);
		err = fpu_hold_trap(&h, MSG_TRAP_RPC, (uint32_t)&m.head, sizeof(m), case_port);
		bad += fpu_hold_bad(&h);
		seen_bad = m.bad;
	}
	drop_port(partner_port);	/* the partner's receive fails: it ends */
	WAIT_UNTIL(partner_rounds != 0);
	drop_port(case_port);
	EXPECT_OK("every round trip", err);
	EXPECT_EQ("rounds in which our x87 values or control word changed", 0, bad);
	EXPECT_EQ("rounds in which the other thread's changed", 0, seen_bad);
	EXPECT_EQ("the other thread counted every round", FPU_ROUNDS, partner_rounds);
	EXPECT_EQ("the other thread's total", 0, partner_bad);
}

/*
 * FPU_ROUNDS RPCs to a helper task's service port while we hold x87
 * values; *bad counts our rounds that went wrong, *child_bad the child's.
 */
static int
x87_rounds_with_child(port_name_t service, uint32_t *bad, uint32_t *child_bad)
{
	struct fpu_msg m;
	struct fpu_hold h = { .options = MSG_OPT_TIMEOUT, .timeout = WAIT_MS };
	port_name_t reply = msg_reply_port();
	int err = ERR_OK;

	*bad = *child_bad = 0;
	for (uint32_t round = 0; round < FPU_ROUNDS && err == ERR_OK; round++) {
		m.head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
					      .size = sizeof(m), .dest = service, .reply = reply,
					      .id = FPU_MSG_ID };
		m.round = round;
		fpu_hold_fill(&h, FPU_TAG_CASE, round);
		err = fpu_hold_trap(&h, MSG_TRAP_RPC, (uint32_t)&m.head, sizeof(m), reply);
		if (err == ERR_OK && m.head.id != MSG_REPLY_ID(FPU_MSG_ID))
			err = ERR_NO_REPLY;	/* the child died (send-once notification) */
		*bad += fpu_hold_bad(&h);
		*child_bad = m.bad;
	}
	return err;
}

static void
fpu_x87_values_survive_switches_between_tasks(void)
{
	struct counts base, now;
	port_name_t task, service;
	uint32_t bad, child_bad;
	int err;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn the x87 partner", spawn_child("fpu_partner", &task, &service));
	err = x87_rounds_with_child(service, &bad, &child_bad);
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	EXPECT_OK("every round trip", err);
	EXPECT_EQ("rounds in which our x87 values or control word changed", 0, bad);
	EXPECT_EQ("rounds in which the child's changed", 0, child_bad);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

/* A new thread: wait for the case's go, then report the x87 state it found. */
static void
fresh_thread(void *arg)
{
	struct fpu_msg m;

	if (msg_receive(&m.head, sizeof(m), partner_port, MSG_OPT_TIMEOUT, WAIT_MS) != ERR_OK)
		return;
	fpu_read_fresh(&m);
	simple_header(&m, case_port);
	msg_send(&m.head, 0, 0);
}

static void
fpu_new_thread_starts_with_clean_x87_state(void)
{
	struct fpu_msg m = { 0 };
	struct fpu_hold h = { .options = MSG_OPT_TIMEOUT, .timeout = WAIT_MS };
	int err;

	case_port = make_port();
	partner_port = make_port();
	EXPECT_OK("thread_start", thread_start(fresh_thread, NULL));
	/* While our x87 stack is full and our control word odd, let it look. */
	simple_header(&m, partner_port);
	fpu_hold_fill(&h, FPU_TAG_CASE, 0);
	err = fpu_hold_trap(&h, MSG_TRAP_RPC, (uint32_t)&m.head, sizeof(m), case_port);
	drop_port(partner_port);
	drop_port(case_port);
	EXPECT_OK("the new thread reported", err);
	EXPECT_EQ("its control word (the default)", FPU_CW_DEFAULT, m.cw);
	EXPECT_EQ("its tag word (all registers empty)", FPU_TW_EMPTY, m.tw);
	EXPECT_EQ("its status word", 0, m.sw);
	EXPECT_EQ("our values and control word came back", 0, fpu_hold_bad(&h));
}

/* One request to a helper task's service port while we hold x87 values; its reply in *m. */
static int
ask_child_holding_x87(port_name_t service, struct fpu_msg *m, struct fpu_hold *h)
{
	port_name_t reply = msg_reply_port();
	int err;

	m->head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
				       .size = sizeof(*m), .dest = service, .reply = reply,
				       .id = FPU_MSG_ID };
	fpu_hold_fill(h, FPU_TAG_CASE, 0);
	h->options = MSG_OPT_TIMEOUT;
	h->timeout = WAIT_MS;
	err = fpu_hold_trap(h, MSG_TRAP_RPC, (uint32_t)&m->head, sizeof(*m), reply);
	if (err == ERR_OK && m->head.id != MSG_REPLY_ID(FPU_MSG_ID))
		err = ERR_NO_REPLY;
	return err;
}

static void
fpu_new_task_starts_with_clean_x87_state(void)
{
	struct counts base, now;
	struct fpu_msg m = { 0 };
	struct fpu_hold h = { 0 };
	port_name_t task, service;
	int err;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn a child that reports its x87 state",
		  spawn_child("fpu_fresh", &task, &service));
	err = ask_child_holding_x87(service, &m, &h);
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	EXPECT_OK("the child reported", err);
	EXPECT_EQ("its control word (the default)", FPU_CW_DEFAULT, m.cw);
	EXPECT_EQ("its tag word (all registers empty)", FPU_TW_EMPTY, m.tw);
	EXPECT_EQ("its status word", 0, m.sw);
	EXPECT_EQ("our values and control word came back", 0, fpu_hold_bad(&h));
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

/* One plain request to an "sse_partner" child: it reports the SSE state it started with. */
static int
ask_sse_child(port_name_t service, struct fpu_msg *m)
{
	int err;

	m->head = (struct msg_header){ .bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE),
				       .size = sizeof(*m), .dest = service,
				       .reply = msg_reply_port(), .id = FPU_MSG_ID };
	err = msg_rpc(&m->head, sizeof(*m), msg_reply_port(), MSG_OPT_TIMEOUT, WAIT_MS);
	if (err == ERR_OK && m->head.id != MSG_REPLY_ID(FPU_MSG_ID))
		err = ERR_NO_REPLY;
	return err;
}

/* Were MXCSR and every xmm register as a new thread must find them? */
static int
sse_fresh_ok(const struct fpu_msg *m)
{
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 4; j++)
			if (m->xmm[i][j] != 0)
				return 0;
	return m->mxcsr == FPU_MXCSR_DEFAULT;
}

/*
 * SSE registers (the kernel enables SSE for user tasks with CR4.OSFXSR)
 * survive switches between tasks, and a new task starts with them clear.
 * A first child shows that SSE is enabled at all before we execute any
 * SSE instruction ourselves: if it is not, the child dies of an invalid
 * opcode and this case fails, instead of the whole suite.
 */
static void
fpu_sse_values_survive_switches_between_tasks(void)
{
	struct counts base, now;
	struct fpu_msg first = { 0 }, m = { 0 }, m2 = { 0 };
	struct sse_hold h = { .options = MSG_OPT_TIMEOUT, .timeout = WAIT_MS };
	port_name_t task, service, task2 = NAME_NULL, service2 = NAME_NULL;
	uint32_t bad = 0;
	int err;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn the SSE partner", spawn_child("sse_partner", &task, &service));
	err = ask_sse_child(service, &first);
	if (err == ERR_OK) {
		for (uint32_t round = 1; round <= FPU_ROUNDS && err == ERR_OK; round++) {
			m.head = (struct msg_header){
				.bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = sizeof(m),
				.dest = service, .reply = msg_reply_port(), .id = FPU_MSG_ID };
			sse_hold_fill(&h, FPU_TAG_CASE, round);
			err = sse_hold_trap(&h, MSG_TRAP_RPC, (uint32_t)&m.head, sizeof(m),
					    msg_reply_port());
			if (err == ERR_OK && m.head.id != MSG_REPLY_ID(FPU_MSG_ID))
				err = ERR_NO_REPLY;
			bad += sse_hold_bad(&h);
		}
		/* A second child's first look while our registers are full. */
		if (err == ERR_OK)
			err = spawn_child("sse_partner", &task2, &service2);
		if (err == ERR_OK) {
			m2.head = (struct msg_header){
				.bits = MSG_BITS(MSG_COPY_SEND, MSG_MAKE_SEND_ONCE), .size = sizeof(m2),
				.dest = service2, .reply = msg_reply_port(), .id = FPU_MSG_ID };
			sse_hold_fill(&h, FPU_TAG_CASE, 0);
			err = sse_hold_trap(&h, MSG_TRAP_RPC, (uint32_t)&m2.head, sizeof(m2),
					    msg_reply_port());
			if (err == ERR_OK && m2.head.id != MSG_REPLY_ID(FPU_MSG_ID))
				err = ERR_NO_REPLY;
			bad += sse_hold_bad(&h);
		}
	}
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	if (task2 != NAME_NULL) {
		task_terminate(task2, 0);
		task_port_deallocate(NAME_TASK_SELF, task2);
		task_port_deallocate(NAME_TASK_SELF, service2);
	}
	EXPECT_OK("every round trip (a child killed by an invalid opcode: SSE not enabled)", err);
	EXPECT_TRUE("the first child started with MXCSR default and xmm clear", sse_fresh_ok(&first));
	EXPECT_EQ("rounds in which our SSE values or MXCSR changed", 0, bad);
	EXPECT_EQ("rounds in which the child's changed", 0, m.bad);
	EXPECT_EQ("the second child's MXCSR, while ours was odd", FPU_MXCSR_DEFAULT, m2.mxcsr);
	EXPECT_TRUE("the second child's xmm registers were clear while ours were full",
		    sse_fresh_ok(&m2));
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

/*
 * An unmasked x87 error is the task's own fault: the kernel kills that
 * task (exception 16, as CR0.NE asks) and lives. The error is pending
 * while the child blocks, so the kernel saves and restores it (neither
 * fxsave nor fxrstor may raise it). A child that lives spins, and the
 * task count then never comes back. (QEMU's TCG, 7.2, raises no SIMD
 * exception 19 at all, only sets MXCSR's flag: so no SSE twin here.)
 */
static void
fpu_x87_error_kills_only_that_task(void)
{
	struct counts base, now;
	port_name_t task, service;
	int gone = 0;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn a child that divides by zero", spawn_child("fpu_error", &task, &service));
	for (int i = 0; i < 200 && !gone; i++) {
		sleep_ms(10);
		gone = counts_get(&now) == ERR_OK && now.tasks == base.tasks;
	}
	if (!gone)
		task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	EXPECT_TRUE("the error killed the child", gone);
	EXPECT_TRUE("counts back", counts_settle(&base, &now));
}

const struct test_case fpu_cases[] = {
	{ "fpu_x87_values_survive_switches_between_threads",
	  fpu_x87_values_survive_switches_between_threads },
	{ "fpu_x87_values_survive_switches_between_tasks",
	  fpu_x87_values_survive_switches_between_tasks },
	{ "fpu_new_thread_starts_with_clean_x87_state", fpu_new_thread_starts_with_clean_x87_state },
	{ "fpu_new_task_starts_with_clean_x87_state", fpu_new_task_starts_with_clean_x87_state },
	{ "fpu_sse_values_survive_switches_between_tasks",
	  fpu_sse_values_survive_switches_between_tasks },
	{ "fpu_x87_error_kills_only_that_task", fpu_x87_error_kills_only_that_task },
	{ NULL, NULL },
};
