/*
 * gen.c - generated messages: names reused everywhere, and random traps.
 *
 * fz_step_reuse picks one to three names the task holds and builds a
 * message that names them again and again - as the destination, as the
 * reply right and in port descriptors - each time with a disposition
 * drawn from all six (and now and then a junk one), plus out-of-line
 * descriptors of every mode over good and bad regions. Most such
 * messages are refused; the ones the kernel takes carry a checked body,
 * so whoever receives them checks that they arrived as built. Half go to
 * kernel objects, which take every message at once: the rights are
 * copied in whatever the operation id says.
 *
 * fz_step_random is the old random trap: any operation, pointers good
 * and bad, sizes, header bits, names and descriptors at random.
 */
#include "user/fuzz/fthread.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"
#include "harbor/thread_client.h"

static const uint32_t dispositions[] = {
	MSG_MOVE_RECEIVE, MSG_MOVE_SEND, MSG_MOVE_SEND_ONCE,
	MSG_COPY_SEND, MSG_MAKE_SEND, MSG_MAKE_SEND_ONCE,
};

/* A disposition: one of the six, and now and then junk. */
static uint32_t
pick_disp(struct fz_rng *r)
{
	if (fz_one_in(r, 20))
		return fz_one_in(r, 2) ? 0 : fz_below(r, 256);
	return dispositions[fz_below(r, ARRAY_SIZE(dispositions))];
}

/* An operation id of a kernel interface (or just past one). */
static uint32_t
pick_routine_id(struct fz_rng *r)
{
	static const uint32_t base[] = { TASK_BASE, THREAD_BASE, HOST_BASE };
	static const uint32_t count[] = { TASK_COUNT, THREAD_COUNT, HOST_COUNT };
	uint32_t i = fz_below(r, 3);

	return base[i] + fz_below(r, count[i] + 1);
}

/* A destination that is a kernel object's port. */
static port_name_t
pick_kernel_port(struct fz_thread *me)
{
	struct fz_rng *r = &me->rng;

	switch (fz_below(r, 5)) {
	case 0:
		return NAME_THREAD_SELF;
	case 1:
		return me->port != NAME_NULL ? me->port : NAME_TASK_SELF;
	case 2:
		return fz_task.th[fz_below(r, fz_board->threads)].port;
	case 3:
		return fz_list_pick(r, fz_task.parked, FZ_PARKED_MAX);
	default:
		return NAME_TASK_SELF;
	}
}

/* Where a few bad trap pointers point. */
static uint32_t
bad_pointer(struct fz_rng *r)
{
	static const uint32_t bad[] = {
		0, 0x1000, 0x3ffff0, 0xBFFFFFF0u, 0xC0000000u, 0xC0100000u, 0xFFFFFFF0u,
	};

	return bad[fz_below(r, ARRAY_SIZE(bad))] + 4 * fz_below(r, 8);
}

void
fz_step_reuse(struct fz_thread *me)
{
	struct fz_rng *r = &me->rng;
	struct msg_header *m = &me->out.head;
	struct msg_body *body = (struct msg_body *)(m + 1);
	union msg_desc *d = (union msg_desc *)(body + 1);
	uint32_t ool_flags[MSG_DESC_MAX] = { 0 }, ool_sums[MSG_DESC_MAX] = { 0 };
	port_name_t use[3];
	uint32_t nuse = 1 + fz_below(r, 3), ndesc = 0, words, op, options, timeout;
	int to_kernel = 0, err;

	for (uint32_t i = 0; i < nuse; i++)
		use[i] = fz_names_pick(r);
#define PICK() (fz_below(r, 10) < 7 ? use[fz_below(r, nuse)] : fz_names_pick(r))

	memset(m, 0, 64);
	switch (fz_below(r, 10)) {
	case 0: case 1: case 2: case 3:
		m->dest = pick_kernel_port(me);
		to_kernel = 1;
		break;
	case 4: case 5: case 6:
		m->dest = use[fz_below(r, nuse)];
		break;
	case 7: case 8:
		m->dest = fz_peer_pick(r, fz_one_in(r, 3));
		break;
	default:
		m->dest = fz_task.service;	/* our own: a sending right only */
		break;
	}
	m->bits = MSG_BITS(fz_one_in(r, 2) ? MSG_COPY_SEND : pick_disp(r), 0);
	if (fz_one_in(r, 2)) {
		m->reply = PICK();
		m->bits |= MSG_BITS(0, pick_disp(r));
	}
	m->id = to_kernel && fz_one_in(r, 2) ? pick_routine_id(r) : FZ_ID_DATA;
	if (!fz_one_in(r, 4)) {
		ndesc = fz_one_in(r, 6) ? 5 + fz_below(r, MSG_DESC_MAX - 4) : 1 + fz_below(r, 4);
		m->bits |= MSG_BITS_COMPLEX;
		body->desc_count = ndesc;
		for (uint32_t i = 0; i < ndesc; i++) {
			uint32_t c = fz_below(r, 20);
			if (c < 12) {
				d[i].port = (struct msg_port_desc){ .type = MSG_DESC_PORT,
					.disposition = pick_disp(r), .name = PICK() };
			} else if (c < 19) {
				uint32_t mode = fz_one_in(r, 20) ? fz_below(r, 5) * 3 : 1 + fz_below(r, 3);
				d[i].ool = (struct msg_ool_desc){ .type = MSG_DESC_OOL, .mode = mode };
				fz_region_pick(me, mode, &d[i].ool.address, &d[i].ool.size,
					       &ool_flags[i], &ool_sums[i]);
			} else {
				d[i].ool = (struct msg_ool_desc){ .type = fz_one_in(r, 2) ? 0 : 3,
								  .mode = MSG_OOL_COPY };
			}
		}
	}
#undef PICK
	words = FZ_B_FIXED + 3 * ndesc + fz_below(r, 48);
	m->size = MSG_SIZE_MIN + (ndesc ? 4 + ndesc * sizeof(union msg_desc) : 0) + 4 * words;
	if (fz_one_in(r, 20))
		m->size = fz_one_in(r, 2) ? m->size - 4 * (1 + fz_below(r, words)) :
			  MSG_SIZE_MIN + fz_below(r, MSG_SIZE_MAX);	/* too short, odd, or long */
	if (m->size > MSG_SIZE_MAX)
		m->size = MSG_SIZE_MAX;
	fz_body_write(me, m, ool_flags, ool_sums, 0, 0);
	if (fz_one_in(r, 40) && ndesc)
		body->desc_count = fz_one_in(r, 2) ? fz_rand(r) : MSG_DESC_MAX + 1;	/* junk count */

	/* What it moves is forgotten before the trap (ops.c, regions_going, says why). */
	for (uint32_t i = 0; i < ndesc; i++)
		if (d[i].type == MSG_DESC_OOL)
			fz_region_sent(me, d[i].ool.mode, d[i].ool.address, d[i].ool.size);
	timeout = fz_one_in(r, 8) ? 1 : 0;	/* a poll, now and then a tick */
	options = MSG_OPT_TIMEOUT | (fz_one_in(r, 5) ? MSG_OPT_NOTIFY : 0);
	op = fz_one_in(r, 6) ? MSG_TRAP_RPC : MSG_TRAP_SEND;
	fz_set_state(me, FZ_ST_POLL);
	fz_raw_begin();
	if (op == MSG_TRAP_SEND) {
		/* A kernel object takes any message at once: no need for a timeout. */
		err = msg_send(m, to_kernel && fz_one_in(r, 2) ? 0 : options, timeout);
	} else {
		port_name_t rcv = fz_one_in(r, 8) ? fz_list_pick(r, fz_task.sets, FZ_SETS_MAX) :
				  fz_pool_pick(r);
		err = msg_rpc(m, MSG_SIZE_MAX, rcv, options, timeout);
		if (err == ERR_OK)
			fz_take(me, m, fz_from(rcv), 0);
	}
	fz_raw_end();
	fz_set_state(me, FZ_ST_IDLE);
	if (err == FZ_REFUSED)
		return;
	fz_check_err(op, err);
	fz_stat(err == ERR_OK ? FZ_S_SENT : FZ_S_REFUSED, 1);
}

void
fz_step_random(struct fz_thread *me)
{
	struct fz_rng *r = &me->rng;
	uint32_t *w = me->out.w;
	uint32_t op = fz_one_in(r, 8) ? fz_rand(r) : 1 + fz_below(r, 3);
	uint32_t ptr, size, options, id;
	int err;

	for (uint32_t i = 0; i < 64; i++)
		w[i] = fz_rand(r);
	w[1] = fz_one_in(r, 4) ? fz_below(r, MSG_SIZE_MAX + 64) : 20 + 4 * fz_below(r, 24);
	w[0] = MSG_BITS(pick_disp(r), fz_one_in(r, 2) ? pick_disp(r) : 0);
	if (fz_one_in(r, 8))
		w[0] |= fz_rand(r) & 0x7fff0000u;
	w[2] = fz_names_pick(r);
	w[3] = fz_one_in(r, 2) ? fz_names_pick(r) : NAME_NULL;
	id = fz_one_in(r, 3) ? pick_routine_id(r) : fz_rand(r);
	w[4] = id < 200 ? id + 1000 : id;	/* never a notification's id */
	if (fz_one_in(r, 2)) {
		uint32_t n = fz_one_in(r, 4) ? fz_rand(r) : fz_below(r, 5);
		w[0] |= MSG_BITS_COMPLEX;
		w[5] = n;
		for (uint32_t i = 0; i < 5; i++) {
			uint32_t *dw = &w[6 + 3 * i];
			if (fz_one_in(r, 2)) {
				dw[0] = MSG_DESC_PORT | pick_disp(r) << 16;
				dw[1] = fz_names_pick(r);
			} else if (fz_one_in(r, 3)) {
				/* Our code, copied or shared: never moved (that would kill us). */
				dw[0] = MSG_DESC_OOL | (fz_one_in(r, 2) ? MSG_OOL_COPY : MSG_OOL_SHARE) << 16;
				dw[1] = (uint32_t)&fz_step_random & ~0xfffu;
				dw[2] = 4096 * fz_below(r, 2);
			} else {
				dw[0] = (fz_one_in(r, 5) ? fz_below(r, 7) : MSG_DESC_OOL) |
					fz_below(r, 5) << 16;
				dw[1] = bad_pointer(r) & ~0xfffu;
				dw[2] = 4096 * fz_below(r, 4) + (fz_one_in(r, 8) ? fz_below(r, 4096) : 0);
			}
		}
	}
	for (uint32_t i = 5; i < 64; i++)
		if (w[i] == FZ_BODY_MAGIC)
			w[i] = 0;	/* never taken for a checked body */
	ptr = fz_one_in(r, 4) ? (fz_one_in(r, 2) ? bad_pointer(r) :
				 (uint32_t)&me->out + 4 * fz_below(r, 64) + fz_below(r, 4)) :
	      (uint32_t)&me->out;
	size = fz_one_in(r, 4) ? fz_rand(r) : sizeof(me->out);
	/* Always a timeout: a random receive would wait forever for nothing. */
	/* Never MSG_OPT_RCV_BUFFER: its buffer is %ebp, our tag (regs.c), and
	 * a tag that happens to be a writable address would take the answer. */
	options = ((fz_one_in(r, 8) ? fz_rand(r) : fz_one_in(r, 2) ? MSG_OPT_NOTIFY : 0) |
		   MSG_OPT_TIMEOUT) & ~(uint32_t)MSG_OPT_RCV_BUFFER;
	fz_set_state(me, FZ_ST_POLL);
	fz_raw_begin();
	if (op == MSG_TRAP_SEND)
		err = fz_call(op, 5, ptr, options, fz_one_in(r, 8), fz_rand(r), fz_rand(r));
	else
		err = fz_call(op, 5, ptr, size, fz_names_pick(r), options, fz_one_in(r, 8));
	fz_raw_end();
	fz_set_state(me, FZ_ST_IDLE);
	if (err == FZ_REFUSED)
		return;
	fz_check_err(op, err);
	if (err == ERR_OK && op != MSG_TRAP_SEND && ptr == (uint32_t)&me->out)
		fz_take(me, &me->out.head, NAME_NULL, 0);
}
