/*
 * kobj.c - requests to kernel objects: every routine of task.defs,
 * thread.defs and host.defs, valid or mutated, with or without a reply
 * right; kcheck.c checks what comes back.
 *
 * A valid request is built by the generated client stub itself, in
 * capture mode (regs.c keeps the message instead of sending it), so its
 * layout is always the interface's. Half the requests are then mutated:
 * a bit flipped, a word replaced, the size, id or complex bit changed, a
 * descriptor's disposition or name changed.
 *
 * The reply right is a send-once or send right to the stream's own reply
 * port (then a reply must come back at once: the kernel serves requests
 * in the sender's trap), none at all (a reply carrying a right must not
 * leak it), or some other right.
 *
 * What privileged workers may ask the host is in docs/testing.md: never
 * shutdown; debug_write only empty; irq_bind only on lines the kernel
 * refuses; module_spawn only of "fuzz exit" (which exits at once);
 * image_spawn only of garbage images (garbage_image), which the kernel
 * must refuse: a valid one would start a task the run cannot account for.
 */
#include <stddef.h>
#include "user/fuzz/fthread.h"
#include "harbor/layout.h"
#include "harbor/host_client.h"
#include "harbor/host_server.h"	/* HOST_REPLY_MAX: the largest reply */
#include "harbor/task_client.h"
#include "harbor/task_server.h"
#include "harbor/thread_client.h"
#include "harbor/thread_server.h"

#include "user/fuzz/kobj.h"

void fz_park_entry(void);

static port_name_t
arg_name(struct fz_rng *r)
{
	port_name_t n;

	switch (fz_below(r, 8)) {
	case 0:
		n = fz_list_pick(r, fz_task.parked, FZ_PARKED_MAX);
		break;
	case 1:
		n = fz_list_pick(r, fz_task.children, FZ_CHILDREN_MAX);
		break;
	case 2:
		n = fz_rand(r);
		break;
	default:
		n = fz_task.names[FZ_NAMES_CORE + fz_below(r, FZ_NAMES_MAX - FZ_NAMES_CORE)];
		if (n == NAME_NULL || fz_one_in(r, 8))
			n = fz_pool_pick(r);
		break;
	}
	return fz_name_ok(n) ? n : NAME_NULL;
}

/*
 * A size: usually a few pages, now and then up to a MiB, or one the kernel
 * must refuse (not whole pages, over 64 MiB). (A valid size of tens of MiB
 * would only spend the run zeroing frames, a word at a time under TCG.)
 */
static uint32_t
arg_size(struct fz_rng *r)
{
	switch (fz_below(r, 16)) {
	case 0:
		return 4096 * (16 + fz_below(r, 241));
	case 1:
		return fz_one_in(r, 2) ? fz_rand(r) | 0x4000000u : 4096 * fz_below(r, 4) + 1 + fz_below(r, 4095);
	default:
		return 4096 * (1 + fz_below(r, 4));
	}
}

/* Each stream's image pages for image_spawn (page aligned: they go out of line). */
#define FZ_IMAGE_PAGES	2
static uint8_t fz_images[FZ_THREADS_MAX + 1][FZ_IMAGE_PAGES * 4096]
	__attribute__((aligned(4096)));

/*
 * Fill a stream's image with something the kernel must refuse: random
 * bytes, or an ELF header and program headers with random fields. Its
 * entry point is always below USER_BASE, which no valid image has, so
 * whatever else the dice say, no task can start from it. How many of
 * the pages to send is returned in *size.
 */
static uint8_t *
garbage_image(struct fz_thread *me, uint32_t *size)
{
	struct fz_rng *r = &me->rng;
	uint8_t *img = fz_images[me->stream % (FZ_THREADS_MAX + 1)];
	uint32_t *w = (uint32_t *)img;
	uint32_t phnum = fz_below(r, 20);

	for (uint32_t i = 0; i < FZ_IMAGE_PAGES * 4096 / 4; i++)
		w[i] = fz_rand(r);
	if (!fz_one_in(r, 4)) {
		memcpy(img, "\x7f" "ELF\x01\x01\x01", 7);
		w[4] = 2 | 3u << 16;			/* ET_EXEC, EM_386 */
		w[7] = fz_one_in(r, 8) ? fz_rand(r) : 52;	/* phoff */
		w[10] = (fz_one_in(r, 8) ? fz_rand(r) : 32) << 16;	/* phentsize */
		w[11] = fz_one_in(r, 8) ? fz_rand(r) : phnum;	/* phnum */
		for (uint32_t i = 0; i < phnum && i < 20; i++) {
			uint32_t *ph = w + 13 + 8 * i;
			ph[0] = fz_one_in(r, 8) ? fz_rand(r) : 1;	/* PT_LOAD */
			ph[1] = fz_below(r, 3) * 4096;			/* offset */
			ph[2] = fz_one_in(r, 4) ? fz_rand(r) : USER_BASE + fz_below(r, 8) * 4096;
			ph[4] = fz_one_in(r, 4) ? fz_rand(r) : fz_below(r, 8192);	/* filesz */
			ph[5] = fz_one_in(r, 4) ? fz_rand(r) : fz_below(r, 1u << 25);	/* memsz */
		}
	}
	w[6] = fz_below(r, USER_BASE);		/* the entry point: never valid */
	*size = 4096 * (1 + fz_below(r, FZ_IMAGE_PAGES));
	return img;
}

/* Build the request for routine id in me->capture, by calling its stub. */
static void
make_request(struct fz_thread *me, struct kreq *q, port_name_t target)
{
	struct fz_rng *r = &me->rng;
	uint32_t u, a;
	port_name_t n;

	switch (q->id) {
	case TASK_PORT_ALLOCATE_ID:
		task_port_allocate(target, &u);
		break;
	case TASK_PORT_DEALLOCATE_ID:
		task_port_deallocate(target, arg_name(r));
		break;
	case TASK_PORT_SET_LIMIT_ID:
		task_port_set_limit(target, arg_name(r), fz_below(r, 70));
		break;
	case TASK_PORT_MAKE_SEND_ID:
		task_port_make_send(target, fz_pool_pick(r));
		break;
	case TASK_THREAD_CREATE_ID:
		/* A thread that waits on the park port (whatever its argument); now and
		 * then one that starts anywhere. Only in tasks that have a park port. */
		if (target != NAME_TASK_SELF)
			break;
		a = fz_one_in(r, 64) ? (fz_one_in(r, 2) ? fz_rand(r) : 0xC0000000u) :
		    (uint32_t)fz_park_entry;
		task_thread_create(target, a, fz_rand(r), fz_rand(r), &n);
		break;
	case TASK_TERMINATE_ID:
		task_terminate(target, fz_one_in(r, 4) ? (int32_t)fz_rand(r) : 0);
		break;
	case TASK_SET_PAGER_ID:
		/* Any right at all as the pager; fz_step_kobject never aims
		 * this at its own task, whose next fault would then kill it. */
		task_set_pager(target, fz_one_in(r, 4) ? NAME_NULL : fz_names_pick(r));
		break;
	case TASK_GET_PAGER_ID:
		task_get_pager(target, &n);
		break;
	case TASK_PORT_SET_ALLOCATE_ID:
		task_port_set_allocate(target, &u);
		break;
	case TASK_PORT_SET_INSERT_ID:
		n = fz_list_pick(r, fz_task.sets, FZ_SETS_MAX);
		task_port_set_insert(target, fz_pool_pick(r), n && fz_one_in(r, 2) ? n : fz_pool_pick(r));
		break;
	case TASK_PORT_SET_REMOVE_ID:
		task_port_set_remove(target, fz_pool_pick(r));
		break;
	case TASK_PORT_REQUEST_NOTIFICATION_ID:
		task_port_request_notification(target, fz_names_pick(r), fz_below(r, 5),
					       fz_pool_pick(r));
		break;
	case THREAD_TERMINATE_ID:
		thread_terminate(target);
		break;
	case THREAD_SET_PRIORITY_ID:
		/* 16 or 17 (or junk): much lower would starve a stream for long. */
		thread_set_priority(target, fz_one_in(r, 8) ? fz_rand(r) : 16 + fz_below(r, 2));
		break;
	case THREAD_GET_PRIORITY_ID:
		thread_get_priority(target, &u);
		break;
	case HOST_DEBUG_WRITE_ID:
		host_debug_write(target, "", 0);	/* empty: nothing reaches the serial line */
		break;
	case HOST_OBJECT_COUNTS_ID: {
		uint32_t c[7];
		host_object_counts(target, &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6]);
		break;
	}
	case HOST_MODULE_SPAWN_ID:
		host_module_spawn(target, fz_one_in(r, 4) ? "nosuchmodule" : "fuzz exit",
				  fz_one_in(r, 2) ? NAME_NULL : fz_names_pick(r), NAME_NULL,
				  fz_rand(r), &n);
		break;
	case HOST_IMAGE_SPAWN_ID: {
		uint8_t *img = garbage_image(me, &u);
		host_image_spawn(target, (uint32_t)img, u, fz_one_in(r, 8) ? "" : "fuzz exit",
				 fz_one_in(r, 2) ? NAME_NULL : fz_names_pick(r), NAME_NULL,
				 fz_rand(r), &n);
		break;
	}
	case HOST_SHUTDOWN_ID:
		break;			/* never: it would end the run */
	case HOST_TIME_ID:
		host_time(target, &u);
		break;
	case HOST_IRQ_BIND_ID:
		/* Only lines the kernel refuses: a binding would outlive the worker. */
		host_irq_bind(target, fz_one_in(r, 2) ? 2 * fz_below(r, 2) : 16 + fz_below(r, 300),
			      fz_pool_pick(r));
		break;
	case HOST_IRQ_ACK_ID:
		host_irq_ack(target, fz_below(r, 20));
		break;
	case HOST_IO_GRANT_ID:
		q->arg[0] = fz_one_in(r, 8) ? fz_rand(r) : fz_below(r, 0x400);
		q->arg[1] = fz_one_in(r, 8) ? fz_rand(r) : 1 + fz_below(r, 16);
		host_io_grant(target, fz_one_in(r, 4) ? arg_name(r) : NAME_TASK_SELF, q->arg[0],
			      q->arg[1]);
		break;
	case HOST_FASTPATH_COUNTS_ID: {
		uint32_t c[9];
		host_fastpath_counts(target, &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7],
				     &c[8]);
		break;
	}
	case HOST_TRACE_SWITCH_ID:
		/* Off only: on, it would slow every trap of the run (and of the
		 * test suite's cases after it). */
		host_trace_switch(target, 0, &u);
		break;
	case HOST_TRACE_READ_ID: {
		uint8_t ev[200];
		uint32_t first, total, len;
		host_trace_read(target, fz_one_in(r, 2) ? fz_rand(r) : fz_below(r, 8), &first, &total,
				ev, sizeof(ev), &len);
		break;
	}
	case HOST_PAGER_COUNTS_ID:
		host_pager_counts(target, &u, &u, &u, &u);
		break;
	case HOST_MEMORY_CONTROL_ID:
		/* The memory server took it at boot: ERR_DENIED (interface check). */
		host_memory_control(target, &n);
		break;
	case HOST_DEVICE_MAP_ID:
		q->arg[1] = fz_one_in(r, 6) ? arg_size(r) : 4096 * (1 + fz_below(r, 2));
		host_device_map(target, NAME_TASK_SELF,
				fz_one_in(r, 6) ? fz_rand(r) & ~0xfffu : 0xA0000 + 4096 * fz_below(r, 96),
				q->arg[1], &u);
		break;
	}
}

/* The routines, and which interface each belongs to. */
static const struct {
	uint32_t id;
	enum kif iface;
} routines[] = {
	{ TASK_PORT_ALLOCATE_ID, K_TASK }, { TASK_PORT_DEALLOCATE_ID, K_TASK },
	{ TASK_PORT_SET_LIMIT_ID, K_TASK }, { TASK_PORT_MAKE_SEND_ID, K_TASK },
	{ TASK_THREAD_CREATE_ID, K_TASK }, { TASK_TERMINATE_ID, K_TASK },
	{ TASK_PORT_SET_ALLOCATE_ID, K_TASK }, { TASK_PORT_SET_INSERT_ID, K_TASK },
	{ TASK_PORT_SET_REMOVE_ID, K_TASK }, { TASK_PORT_REQUEST_NOTIFICATION_ID, K_TASK },
	{ TASK_SET_PAGER_ID, K_TASK }, { TASK_GET_PAGER_ID, K_TASK },
	{ THREAD_TERMINATE_ID, K_THREAD }, { THREAD_SET_PRIORITY_ID, K_THREAD },
	{ THREAD_GET_PRIORITY_ID, K_THREAD },
	{ HOST_DEBUG_WRITE_ID, K_HOST }, { HOST_OBJECT_COUNTS_ID, K_HOST },
	{ HOST_MODULE_SPAWN_ID, K_HOST }, { HOST_SHUTDOWN_ID, K_HOST }, { HOST_TIME_ID, K_HOST },
	{ HOST_IRQ_BIND_ID, K_HOST }, { HOST_IRQ_ACK_ID, K_HOST }, { HOST_IO_GRANT_ID, K_HOST },
	{ HOST_DEVICE_MAP_ID, K_HOST }, { HOST_FASTPATH_COUNTS_ID, K_HOST },
	{ HOST_MEMORY_CONTROL_ID, K_HOST }, { HOST_TRACE_SWITCH_ID, K_HOST },
	{ HOST_TRACE_READ_ID, K_HOST }, { HOST_PAGER_COUNTS_ID, K_HOST },
	{ HOST_IMAGE_SPAWN_ID, K_HOST },
};
_Static_assert(ARRAY_SIZE(routines) == TASK_COUNT + THREAD_COUNT + HOST_COUNT,
	       "a kernel interface routine has no generator here: add it to routines[] and make_request");

int
fz_kobj_selfcheck(void)
{
	static const uint32_t base[] = { TASK_BASE, THREAD_BASE, HOST_BASE };
	static const uint32_t count[] = { TASK_COUNT, THREAD_COUNT, HOST_COUNT };

	for (uint32_t i = 0; i < 3; i++) {
		for (uint32_t id = base[i]; id < base[i] + count[i]; id++) {
			uint32_t j = 0;
			while (j < ARRAY_SIZE(routines) && routines[j].id != id)
				j++;
			if (j == ARRAY_SIZE(routines)) {
				printf("fuzz: no generator for kernel routine %u\n", id);
				return -1;
			}
		}
	}
	return 0;
}

/* The target: a port of the routine's kind of object, now and then some other name. */
static port_name_t
pick_target(struct fz_thread *me, enum kif iface, int *known)
{
	struct fz_rng *r = &me->rng;
	port_name_t n = NAME_NULL;

	*known = 1;
	if (fz_one_in(r, 12)) {
		*known = 0;
		return fz_names_pick(r);
	}
	switch (iface) {
	case K_TASK:
		n = fz_one_in(r, 8) ? fz_list_pick(r, fz_task.children, FZ_CHILDREN_MAX) : NAME_NULL;
		return n != NAME_NULL ? n : NAME_TASK_SELF;
	case K_THREAD:
		switch (fz_below(r, 5)) {
		case 0:
			n = fz_list_pick(r, fz_task.parked, FZ_PARKED_MAX);
			break;
		case 1:
			n = fz_task.th[fz_below(r, fz_board->threads)].port;
			break;
		case 2:
			n = NAME_THREAD_SELF;
			break;
		}
		return n != NAME_NULL ? n : me->port;
	case K_HOST:
		if (fz_task.privileged)
			return NAME_HOST;
		*known = 0;
		return fz_names_pick(r);
	}
	return n;
}

/* Change the request a little: the kernel must refuse it cleanly or serve it. */
static void
mutate(struct fz_thread *me, struct msg_header *m)
{
	struct fz_rng *r = &me->rng;
	uint32_t *w = (uint32_t *)m, words = m->size / 4;
	static const uint32_t interesting[] = {
		0, 1, 2, 6, 7, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0xC0000000u, 0x1000,
		0xfff, 0x10000000u, 200, 1000,
	};

	for (uint32_t n = 1 + fz_below(r, 3); n > 0; n--) {
		uint32_t i = words > 5 ? 5 + fz_below(r, words - 5) : 4;
		switch (fz_below(r, 8)) {
		case 0:
			w[fz_below(r, words)] ^= 1u << fz_below(r, 32);
			break;
		case 1:
			w[i] = fz_rand(r);
			break;
		case 2:
			w[i] = interesting[fz_below(r, ARRAY_SIZE(interesting))];
			break;
		case 3:
			m->size += fz_one_in(r, 2) ? 4 : -4;
			break;
		case 4:
			m->size = fz_one_in(r, 2) ? MSG_SIZE_MIN + 4 * fz_below(r, 16) : fz_rand(r);
			break;
		case 5:
			m->id += fz_one_in(r, 2) ? 1 : -1;
			break;
		case 6:
			m->bits ^= MSG_BITS_COMPLEX;
			break;
		default:
			if ((m->bits & MSG_BITS_COMPLEX) && words >= 9) {
				/* The first descriptor: its disposition or its name. */
				if (fz_one_in(r, 2))
					w[6] = (w[6] & 0xffff) | (16 + fz_below(r, 7)) << 16;
				else
					w[7] = fz_names_pick(r);
			}
			break;
		}
	}
	if (m->size > MSG_SIZE_MAX + 64 && fz_one_in(r, 2))
		m->size = MSG_SIZE_MAX;
	if (m->id < 200)
		m->id += 1000;	/* never a notification's id: receivers check those */
}

/*
 * A flipped bit may have turned a name into a protected one (the stream's
 * own reply ports, say): such names go, as in every generated message.
 */
static void
sanitize(struct fz_thread *me, struct msg_header *m, port_name_t target)
{
	union msg_desc *d = (union msg_desc *)((uint8_t *)(m + 1) + 4);
	uint32_t n = ((struct msg_body *)(m + 1))->desc_count;

	if (m->reply != me->r_k && !fz_name_ok(m->reply))
		m->reply = NAME_NULL;
	if (m->dest != target && !fz_name_ok(m->dest))
		m->dest = NAME_NULL;
	/* Arguments too: a protected name is never an argument (a port_deallocate of
	 * the stream's reply port, say); small numbers (3, 4, 5) are too common to tell. */
	for (uint32_t i = 5; i < m->size / 4 && i < MSG_SIZE_MAX / 4; i++) {
		uint32_t *w = (uint32_t *)m + i;
		if (*w > NAME_REPLY && !fz_name_ok(*w))
			*w = NAME_NULL;
	}
	if (!(m->bits & MSG_BITS_COMPLEX) || m->size < MSG_SIZE_MIN + 4 || m->size > MSG_SIZE_MAX)
		return;
	for (uint32_t i = 0; i < n && i < MSG_DESC_MAX &&
	     MSG_SIZE_MIN + 4 + (i + 1) * sizeof(*d) <= m->size; i++)
		if (d[i].type == MSG_DESC_PORT && !fz_name_ok(d[i].port.name))
			d[i].port.name = NAME_NULL;
}

/* Anything waiting on the reply port now is an answer no one asked for. */
static void
drain_reply_port(struct fz_thread *me, int report)
{
	for (int i = 0; i < 4; i++) {
		int err = msg_receive(&me->in.head, sizeof(me->in), me->r_k, MSG_OPT_TIMEOUT, 0);
		if (err != ERR_OK)
			return;
		if (report)
			fz_fail(FZ_F_REPLY, C_NO_REPLY, 0, me->in.head.id, me->in.head.size);
		fz_take(me, &me->in.head, NAME_NULL, 0);
	}
}

void
fz_step_kobject(struct fz_thread *me)
{
	struct fz_rng *r = &me->rng;
	struct msg_header *m = &me->out.head;
	struct kreq q = { 0 };
	uint32_t i = fz_below(r, ARRAY_SIZE(routines)), c, kind = 0, req_id;
	port_name_t target;
	int known, err, rights_out;

	q.id = routines[i].id;
	q.iface = routines[i].iface;
	target = pick_target(me, q.iface, &known);
	if (q.id == TASK_SET_PAGER_ID && target == NAME_TASK_SELF)
		target = fz_list_pick(r, fz_task.children, FZ_CHILDREN_MAX);
	if (q.id == THREAD_TERMINATE_ID && target == me->port)
		target = fz_list_pick(r, fz_task.parked, FZ_PARKED_MAX);	/* not itself */
	if (q.id == TASK_TERMINATE_ID && target == NAME_TASK_SELF && !fz_one_in(r, 40))
		target = fz_list_pick(r, fz_task.children, FZ_CHILDREN_MAX);
	if (me->r_k == NAME_NULL)
		known = 0;	/* no reply port (the name space was full): nothing to check with */
	q.target = target;
	/* The stub calls msg_call, which makes the thread's spare reply port first
	 * if it has none (a call of its own, which the capture would take). */
	msg_reply_port();
	me->capture = &me->out;
	make_request(me, &q, target);
	if (me->capture) {
		me->capture = NULL;	/* no template: the stub refused its arguments */
		return;
	}
	/* The reply right. */
	/* With x=n, a reply carrying a right always has a reply right to go to. */
	rights_out = (q.id == TASK_THREAD_CREATE_ID || q.id == HOST_MODULE_SPAWN_ID) &&
		     (fz_board->skip & FZ_SKIP_NOREPLY);
	if (rights_out && !known)
		return;		/* it might be a kernel object after all: with x=n, only with a reply right */
	c = rights_out ? 0 : fz_below(r, 20);
	if (c < 12 && known) {
		m->reply = me->r_k;
		kind = MSG_MOVE_SEND_ONCE;
		m->bits = (m->bits & ~0xff00u) | MSG_BITS(0, MSG_MAKE_SEND_ONCE);
	} else if (c < 14 && known) {
		m->reply = me->r_k;
		kind = MSG_MOVE_SEND;
		m->bits = (m->bits & ~0xff00u) | MSG_BITS(0, MSG_MAKE_SEND);
	} else if (c < 17) {
		m->reply = NAME_NULL;	/* no reply right: whatever the reply held must not leak */
		m->bits &= ~0xff00u;
	} else {
		m->reply = fz_names_pick(r);
		m->bits = (m->bits & ~0xff00u) | MSG_BITS(0, 16 + fz_below(r, 6));
	}
	/* Past the request, the buffer holds what an earlier step left there (a
	 * checked body, say): a mutation that makes the request longer must not
	 * send that on as if it were this message's. */
	memset((uint8_t *)m + m->size, 0, 256);
	/* A mutated thread_create would start threads anywhere (killing the task). */
	if (fz_one_in(r, 2) && !rights_out && q.id != TASK_THREAD_CREATE_ID) {
		q.mutated = 1;
		mutate(me, m);
	}
	if (m->reply != me->r_k)
		kind = 0;	/* a mutation may have moved it: then nothing is checked */
	else if (MSG_BITS_REPLY(m->bits) != MSG_MAKE_SEND_ONCE && MSG_BITS_REPLY(m->bits) != MSG_MAKE_SEND)
		kind = 0;
	if (kind && (MSG_BITS_DEST(m->bits) != MSG_COPY_SEND || m->dest != target))
		kind = 0;	/* it may not go to the kernel object now */
	if (kind == 0 && m->reply == me->r_k)
		m->reply = NAME_NULL;	/* our reply port only ever hears kernel replies */
	sanitize(me, m, target);

	drain_reply_port(me, 1);
	req_id = m->id;
	fz_stat(FZ_S_KOBJ, 1);
	fz_set_state(me, FZ_ST_POLL);
	fz_raw_begin();
	if (kind == MSG_MOVE_SEND_ONCE) {
		/* A reply or a send-once notification comes back at once: wait without a timeout. */
		err = msg_rpc(m, sizeof(me->out), me->r_k, 0, 0);
	} else {
		err = msg_send(m, known ? 0 : MSG_OPT_TIMEOUT, 0);
	}
	fz_raw_end();
	fz_set_state(me, FZ_ST_IDLE);
	if (err == FZ_REFUSED)
		return;
	fz_check_err(kind == MSG_MOVE_SEND_ONCE ? MSG_TRAP_RPC : MSG_TRAP_SEND, err);
	if (err != ERR_OK || kind == 0)
		return;
	if (kind == MSG_MOVE_SEND) {
		/* Served in our trap: the reply is queued already (a one-way routine has none). */
		err = msg_receive(m, sizeof(me->out), me->r_k, MSG_OPT_TIMEOUT, 0);
		if (err != ERR_OK) {
			if (req_id != THREAD_TERMINATE_ID)
				fz_fail(FZ_F_REPLY, C_NO_REPLY, MSG_REPLY_ID(req_id), err, q.id);
			return;
		}
	}
	fz_check_reply(me, &q, req_id, m, kind);
	drain_reply_port(me, 1);
}
