/*
 * report.c - findings: recorded on the board by the stream that made
 * them, printed by the coordinator (workers have no host port to print
 * with), each with what it takes to replay it.
 */
#include "user/fuzz/fthread.h"

static const char *const kind_names[FZ_F_COUNT] = {
	[FZ_F_REGS] = "registers",
	[FZ_F_X87] = "x87 registers",
	[FZ_F_DATA] = "wrong data",
	[FZ_F_REPLY] = "bad kernel reply",
	[FZ_F_ERRCODE] = "error code outside the ABI",
	[FZ_F_ORACLE] = "kernel object broke its interface",
	[FZ_F_COW] = "copy-on-write copy changed",
};

/* What each FZ_F_DATA / FZ_F_REPLY / FZ_F_ORACLE check is ("what" of a finding). */
static const char *const check_names[] = {
	"size", "id", "reply right kind", "complex bit", "descriptor count", "descriptor type",
	"port right kind", "port name", "out-of-line mode", "out-of-line size",
	"out-of-line address", "out-of-line bytes", "body word", "body header",
	"reply link", "rpc answer", "no reply", "reply shape", "return code",
	"dest name", "new memory not zero", "io_grant of a kernel I/O port",
	"device_map address", "priority", "port_allocate name", "thread_create port",
	"a region shared or moved writable is read-only",
	"the memory control right given a second time",
	"image_spawn started a garbage image",
};

const char *
fz_kind_name(uint32_t kind)
{
	return kind < FZ_F_COUNT && kind_names[kind] ? kind_names[kind] : "?";
}

static const char *
what_name(uint32_t kind, uint32_t what)
{
	if (kind == FZ_F_REGS || kind == FZ_F_X87)
		return fz_reg_name(kind, what);
	if (kind == FZ_F_ERRCODE)
		return what == MSG_TRAP_SEND ? "msg_send" : what == MSG_TRAP_RECEIVE ?
		       "msg_receive" : what == MSG_TRAP_RPC ? "msg_rpc" : "trap";
	if (kind == FZ_F_COW)
		return "region checksum";
	return what < ARRAY_SIZE(check_names) ? check_names[what] : "?";
}

void
fz_print_failure(uint32_t k, uint32_t t, const struct fz_failure *f)
{
	printf("fuzz: FINDING %s: task %u thread %u step %u: %s: expected %x, saw %x (%x)\n",
	       fz_kind_name(f->kind), k, t, f->step, what_name(f->kind, f->what), f->expected,
	       f->seen, f->extra);
}

void
fz_fail(uint32_t kind, uint32_t what, uint32_t expected, uint32_t seen, uint32_t extra)
{
	struct fz_thread *me = fz_self();
	struct fz_failure f = { kind, me->step, what, expected, seen, extra };

	if (me->reporting)
		return;
	me->reporting = 1;
	if (me->row) {
		if (me->row->nfail < FZ_FAILS_KEPT)
			me->row->fail[me->row->nfail] = f;
		me->row->nfail++;
	} else {
		fz_print_failure(me->task, me->stream, &f);	/* the coordinator's own trap */
		fz_coord_failure();
	}
	me->reporting = 0;
}

void
fz_stat(enum fz_stat s, uint32_t n)
{
	if (fz_board)
		__sync_fetch_and_add(&fz_board->stats[s], n);
}
