/*
 * regs.c - every trap with junk in every register, checked afterwards.
 *
 * fz_call fills the frame fz_trap (trap.S) loads: the operation in %eax,
 * the trap's real arguments, and junk in every other register - the
 * argument registers the trap does not read, %ebp, the flags (arithmetic
 * flags, DF, AC, NT, ID), the four data segment registers (null or user
 * data selectors with any RPL), and eight x87 registers with random
 * control, status and tag words. %ebp is junk with a meaning: it tags the
 * trap with its stream and step (FZ_TAG), so a kernel panic's register
 * dump says which stream's which step made the trap.
 *
 * After the trap every register but %eax must be what it was; the
 * flags must still allow interrupts and carry no I/O privilege. A
 * difference is a finding naming the register.
 *
 * Generated traps (between fz_raw_begin and fz_raw_end) pass a safety
 * filter first: none may shut the machine down, send to the coordinator's
 * port, or carry the host port (name 4) anywhere. What a privileged worker
 * may ask the host is listed in docs/testing.md.
 */
#include <stddef.h>
#include "user/fuzz/fthread.h"
#include "user/lib/uthread.h"
#include "harbor/host_client.h"

_Static_assert(offsetof(struct fz_frame, out) == FZ_OUT, "trap.S: FZ_OUT");
_Static_assert(offsetof(struct fz_frame, use_fpu) == FZ_USE_FPU, "trap.S: FZ_USE_FPU");
_Static_assert(offsetof(struct fz_frame, fpu_in) == FZ_FPU_IN, "trap.S: FZ_FPU_IN");
_Static_assert(offsetof(struct fz_frame, fpu_pre) == FZ_FPU_PRE, "trap.S: FZ_FPU_PRE");
_Static_assert(offsetof(struct fz_frame, fpu_post) == FZ_FPU_POST, "trap.S: FZ_FPU_POST");
_Static_assert(offsetof(struct fz_regs, gs) == FZ_R_GS, "trap.S: FZ_R_GS");

/* %ebp of every fuzzer trap: task, thread and step (24 bits) of the stream making it. */
#define FZ_TAG(k, t, step)	((k) << 28 | ((t) & 0xfu) << 24 | ((step) & 0xffffffu))

#define EFLAGS_IF	0x200u
#define EFLAGS_IOPL	0x3000u
/* The flags user code may set and the kernel must give back as they were. */
#define EFLAGS_JUNK	(0x1u | 0x4u | 0x10u | 0x40u | 0x80u | 0x400u | 0x800u | 0x4000u | \
			 0x40000u | 0x200000u)	/* CF PF AF ZF SF DF OF NT AC ID */

/* The registers, in the order of struct fz_regs (FZ_F_REGS names them by index). */
static const char *const reg_names[] = {
	"%eax", "%ebx", "%ecx", "%edx", "%esi", "%edi", "%ebp", "%esp", "%eflags",
	"%ds", "%es", "%fs", "%gs",
};
static const char *const x87_names[] = {
	"x87 control word", "x87 status word", "x87 tag word",
	"x87 st0", "x87 st1", "x87 st2", "x87 st3", "x87 st4", "x87 st5", "x87 st6", "x87 st7",
};

static struct fz_thread fz_lone;	/* the coordinator's, and any thread not a stream */
static int fz_x87;	/* off until the run's parameters are known */

struct fz_thread *
fz_self(void)
{
	struct uthread *u = uthread_self();

	return u && u->arg ? u->arg : &fz_lone;
}

void
fz_raw_begin(void)
{
	fz_self()->raw = 1;
}

void
fz_raw_end(void)
{
	fz_self()->raw = 0;
}

void
fz_regs_set_x87(int on)
{
	fz_x87 = on;
}

const char *
fz_reg_name(uint32_t kind, uint32_t what)
{
	if (kind == FZ_F_REGS && what < ARRAY_SIZE(reg_names))
		return reg_names[what];
	if (kind == FZ_F_X87 && what < ARRAY_SIZE(x87_names))
		return x87_names[what];
	return "?";
}

/* A selector user code may load into a data segment register. */
static uint32_t
junk_selector(struct fz_rng *r)
{
	static const uint16_t sel[] = { 0x23, 0x23, 0x23, 0x20, 0x21, 0x22, 0, 1, 2, 3 };

	return sel[fz_below(r, ARRAY_SIZE(sel))];
}

/* Eight random x87 registers, some of them special, random condition codes and TOP. */
static void
junk_x87(struct fz_rng *r, uint8_t *img)
{
	static const uint16_t exps[] = { 0, 0x7fff, 0x3fff, 0x4000, 0x8000, 0xffff, 1 };
	uint32_t tags = 0;

	memset(img, 0, FZ_FPU_BYTES);
	*(uint16_t *)(img + 0) = 0x037f ^ (fz_rand(r) & 0x0f00);	/* all exceptions masked */
	*(uint16_t *)(img + 4) = fz_rand(r) & 0x7f00;	/* C0-C3 and TOP; no exception pending */
	for (int i = 0; i < 8; i++) {
		uint8_t *st = img + 28 + 10 * i;
		*(uint32_t *)st = fz_rand(r);
		*(uint32_t *)(st + 4) = fz_rand(r) | 0x80000000u;	/* normal: explicit integer bit */
		*(uint16_t *)(st + 8) = fz_one_in(r, 4) ? exps[fz_below(r, ARRAY_SIZE(exps))] :
				       fz_rand(r) & 0xffff;
		if (fz_one_in(r, 8))
			tags |= 3u << (2 * i);	/* empty */
	}
	*(uint16_t *)(img + 8) = tags;
}

/* Is the header at a1 one of ours, and readable? Then it can be checked. */
static const struct msg_header *
own_message(struct fz_thread *me, uint32_t a1)
{
	uint32_t lo = (uint32_t)&me->out, hi = lo + sizeof(me->out) - MSG_SIZE_MIN;

	if (a1 >= lo && a1 <= hi && a1 % 4 == 0)
		return (const struct msg_header *)a1;
	lo = (uint32_t)&me->in;
	hi = lo + sizeof(me->in) - MSG_SIZE_MIN;
	if (a1 >= lo && a1 <= hi && a1 % 4 == 0)
		return (const struct msg_header *)a1;
	return NULL;
}

/* The boot modules: a spawn of any but "fuzz exit" could start real work (or the tests). */
static int
spawn_name_safe(const uint8_t *s, uint32_t n)
{
	static const char *const modules[] = {
		"init", "tests", "tchild", "fuzz", "demo_server", "demo_client", "bench",
	};
	char word[16];
	uint32_t i = 0;

	while (i < n && i + 1 < sizeof(word) && s[i] && s[i] != ' ') {
		word[i] = s[i];
		i++;
	}
	word[i] = '\0';
	if (strcmp(word, "fuzz") == 0)
		return n - i >= 5 && memcmp(s + i, " exit", 5) == 0;
	for (uint32_t m = 0; m < ARRAY_SIZE(modules); m++)
		if (strcmp(word, modules[m]) == 0)
			return 0;
	return 1;
}

/* What a generated request to the host port may be (docs/testing.md). */
static int
host_request_safe(const struct msg_header *h)
{
	const uint32_t *w = (const uint32_t *)h;
	uint32_t size = h->size <= MSG_SIZE_MAX ? h->size : MSG_SIZE_MAX;

	switch (h->id) {
	case HOST_SHUTDOWN_ID:
		return 0;			/* never */
	case HOST_DEBUG_WRITE_ID:
		return size < 24 || w[5] == 0;	/* empty text only: nothing on the serial line */
	case HOST_IRQ_BIND_ID:
		/* Only lines the kernel refuses: a binding would outlive the worker. */
		return size != 40 || w[9] == 0 || w[9] == 2 || w[9] >= 16;
	case HOST_MODULE_SPAWN_ID:
		return size <= 56 || spawn_name_safe((const uint8_t *)h + 56, size - 56);
	case HOST_IMAGE_SPAWN_ID:
		/* Any region of ours is garbage as an image: no ELF file is
		 * ever in the fuzzer's memory (garbage_image's have no valid
		 * entry point), so the kernel refuses it. */
		return 1;
	default:
		return 1;	/* counts, time, irq_ack, io_grant, device_map, and unknown ids */
	}
}

/*
 * Known finding 1 (x=d): a send right moved with its last reference (as
 * the reply right or in a descriptor) and then copied in a later
 * descriptor of the same message panics msg_copyin. Such a message is
 * not made while that finding is skipped.
 */
static int
dupsend(const struct msg_header *h, const union msg_desc *d, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		int moved;
		if (d[i].type != MSG_DESC_PORT || d[i].port.disposition != MSG_COPY_SEND ||
		    d[i].port.name == NAME_NULL)
			continue;
		moved = MSG_BITS_REPLY(h->bits) == MSG_MOVE_SEND && h->reply == d[i].port.name;
		for (uint32_t j = 0; j < i; j++)
			moved |= d[j].type == MSG_DESC_PORT && d[j].port.disposition == MSG_MOVE_SEND &&
				 d[j].port.name == d[i].port.name;
		if (moved)
			return 1;
	}
	return 0;
}

/*
 * Known finding 5 (x=c): a copy of a page others may write is not a
 * snapshot. One message that copies a page and also shares it is such a
 * case the streams cannot see coming (the share makes it shared, the
 * copy makes it read-only for the share): not made while it is skipped.
 */
static int
copy_and_share(const union msg_desc *d, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < n; j++)
			if (d[i].type == MSG_DESC_OOL && d[j].type == MSG_DESC_OOL &&
			    d[i].ool.mode == MSG_OOL_COPY && d[j].ool.mode == MSG_OOL_SHARE &&
			    d[i].ool.size && d[j].ool.size &&
			    d[i].ool.address < d[j].ool.address + d[j].ool.size &&
			    d[j].ool.address < d[i].ool.address + d[i].ool.size)
				return 1;
	return 0;
}

/*
 * May this trap be made? A generated one (raw) must not reach the host's
 * shutdown or the coordinator, nor carry the host port away; no message of
 * ours may have the pattern of a known finding the run skips.
 */
static int
fz_safe(struct fz_thread *me, uint32_t op, uint32_t a1)
{
	const struct msg_header *h;
	const union msg_desc *d;
	uint32_t n;

	if (op != MSG_TRAP_SEND && op != MSG_TRAP_RPC)
		return 1;
	h = own_message(me, a1);
	if (h == NULL)
		return 1;	/* the generators point elsewhere only at memory that is not ours */
	if (me->raw && (h->dest == NAME_BOOTSTRAP || h->reply == NAME_BOOTSTRAP ||
			h->reply == NAME_HOST || (h->dest == NAME_HOST && !host_request_safe(h))))
		return 0;
	if (!(h->bits & MSG_BITS_COMPLEX) || h->size < MSG_SIZE_MIN + 4)
		return 1;
	n = ((const struct msg_body *)(h + 1))->desc_count;
	if (n > MSG_DESC_MAX || MSG_SIZE_MIN + 4 + n * sizeof(union msg_desc) > h->size)
		return 1;	/* the kernel refuses it before it looks at any right */
	d = (const union msg_desc *)((const uint8_t *)(h + 1) + 4);
	for (uint32_t i = 0; i < n && me->raw; i++)
		if (d[i].type == MSG_DESC_PORT &&
		    (d[i].port.name == NAME_HOST || d[i].port.name == NAME_BOOTSTRAP))
			return 0;
	if (fz_board && (fz_board->skip & FZ_SKIP_DUPSEND) && dupsend(h, d, n))
		return 0;
	return !(fz_board && (fz_board->skip & FZ_SKIP_COW) && copy_and_share(d, n));
}

/* kobj.c's capture: keep the request a generated stub would send. */
static int
fz_capture(struct fz_thread *me, uint32_t a1)
{
	const struct msg_header *h = (const struct msg_header *)a1;
	uint32_t size = h->size <= MSG_SIZE_MAX ? h->size : MSG_SIZE_MAX;

	memcpy(me->capture, h, size);
	me->capture = NULL;
	return ERR_BAD_OPERATION;	/* the stub returns it; nothing was sent */
}

static void
fz_check_regs(const struct fz_frame *f)
{
	const uint32_t *in = (const uint32_t *)&f->in, *out = (const uint32_t *)&f->out;

	for (uint32_t i = 1; i <= 7; i++)	/* %ebx .. %esp */
		if (in[i] != out[i])
			fz_fail(FZ_F_REGS, i, in[i], out[i], f->in.eax);
	if (((f->in.eflags ^ f->out.eflags) & EFLAGS_JUNK) || !(f->out.eflags & EFLAGS_IF) ||
	    (f->out.eflags & EFLAGS_IOPL))
		fz_fail(FZ_F_REGS, 8, f->in.eflags, f->out.eflags, f->in.eax);
	for (uint32_t i = 9; i <= 12; i++) {	/* %ds .. %gs */
		/* A null selector may come back with another RPL: the CPU itself
		 * clears null %ds and %es on the way back to user mode. */
		uint32_t a = in[i] & 0xffff, b = out[i] & 0xffff;
		if (a != b && ((a & 0xfffc) != 0 || (b & 0xfffc) != 0))
			fz_fail(FZ_F_REGS, i, a, b, f->in.eax);
	}
}

static uint32_t
x87_word(const uint8_t *img, uint32_t off)
{
	return *(const uint16_t *)(img + off);
}

static void
fz_check_x87(const struct fz_frame *f)
{
	static const uint32_t word_off[] = { 0, 4, 8 };

	for (uint32_t i = 0; i < 3; i++)
		if (x87_word(f->fpu_pre, word_off[i]) != x87_word(f->fpu_post, word_off[i]))
			fz_fail(FZ_F_X87, i, x87_word(f->fpu_pre, word_off[i]),
				x87_word(f->fpu_post, word_off[i]), f->in.eax);
	for (uint32_t i = 0; i < 8; i++) {
		const uint8_t *a = f->fpu_pre + 28 + 10 * i, *b = f->fpu_post + 28 + 10 * i;
		if (memcmp(a, b, 10) != 0)
			fz_fail(FZ_F_X87, 3 + i, *(const uint32_t *)(a + 4), *(const uint32_t *)(b + 4),
				f->in.eax);
	}
}

int
fz_call(uint32_t op, uint32_t nargs, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
	uint32_t a5)
{
	struct fz_thread *me = fz_self();
	struct fz_frame *f = &me->frame;
	struct fz_rng *r = &me->junk;
	uint32_t args[5] = { a1, a2, a3, a4, a5 };
	uint32_t *reg = &f->in.ebx;

	if (me->capture && (op == MSG_TRAP_SEND || op == MSG_TRAP_RPC))
		return fz_capture(me, a1);
	if (!fz_safe(me, op, a1))
		return FZ_REFUSED;
	if (r->s == 0)
		r->s = 0x2545f491u;
	f->in.eax = op;
	for (uint32_t i = 0; i < 5; i++)
		reg[i] = i < nargs ? args[i] : fz_rand(r);
	f->in.ebp = FZ_TAG(me->task, me->stream, me->step);
	f->in.eflags = (fz_rand(r) & EFLAGS_JUNK) | EFLAGS_IF | 0x2u;
	f->in.ds = junk_selector(r);
	f->in.es = junk_selector(r);
	f->in.fs = junk_selector(r);
	f->in.gs = junk_selector(r);
	f->use_fpu = fz_x87;
	if (fz_x87)
		junk_x87(r, f->fpu_in);
	fz_trap(f);
	if (me->row)
		me->row->traps++;
	if (!me->reporting) {
		fz_check_regs(f);
		if (fz_x87)
			fz_check_x87(f);
	}
	return (int)f->out.eax;
}
