/*
 * fuzz.c - tchild "fuzz SEED N": N traps with random arguments.
 *
 * Random operations, pointers (good, unmapped, kernel, wrapping, read-only),
 * sizes, header bits, names (its own ports and rights, the well-known
 * names, junk) and descriptors (port rights and out-of-line regions, good
 * and bad), sent to its own ports and to its own kernel objects. The task
 * may well destroy itself (terminate itself, move its own stack away):
 * the test suite only checks that the kernel lives on and that every
 * count comes back once the task is gone.
 */
#include "user/lib/ulib.h"
#include "user/tchild/tchild.h"
#include "harbor/task_client.h"

static uint32_t rng;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static union {
	struct msg_header head;
	uint32_t w[MSG_SIZE_MAX / 4];
} buf;

static port_name_t names[16];
static uint32_t nnames;

static port_name_t
rnd_name(void)
{
	switch (rnd() % 4) {
	case 0:
		return rnd() % 8;			/* well-known, null, junk */
	case 1:
		return rnd();				/* anything */
	default:
		return names[rnd() % nnames];		/* one of ours */
	}
}

static uint32_t
rnd_addr(void)
{
	static const uint32_t bad[] = { 0, 0x1000, 0xC0000000u, 0xFFFFFFF0u, 0xBFFFFFF0u, 0x400000 };

	if (rnd() % 3 == 0)
		return bad[rnd() % ARRAY_SIZE(bad)] + (rnd() % 64);
	return (uint32_t)&buf + (rnd() % 64) * 4;
}

static uint32_t
rnd_disp(void)
{
	return rnd() % 3 == 0 ? rnd() % 32 : 16 + rnd() % 6;
}

/* Fill buf with a random message: header, maybe descriptors, junk. */
static void
rnd_message(void)
{
	uint32_t size = rnd() % 4 == 0 ? rnd() % (MSG_SIZE_MAX + 64) : 20 + 4 * (rnd() % 24);

	for (uint32_t i = 0; i < 64; i++)
		buf.w[i] = rnd();
	buf.head.size = size;
	buf.head.bits = MSG_BITS(rnd_disp(), rnd() % 2 ? rnd_disp() : 0);
	if (rnd() % 8 == 0)
		buf.head.bits |= rnd() & 0x7fff0000u;
	buf.head.dest = rnd_name();
	buf.head.reply = rnd() % 2 ? rnd_name() : NAME_NULL;
	buf.head.id = rnd() % 3 == 0 ? 1000 + rnd() % 20 : rnd() % 3 == 0 ? 1200 + rnd() % 12 : rnd();
	if (rnd() % 2) {
		uint32_t n = rnd() % 4 == 0 ? rnd() : rnd() % 5;
		buf.head.bits |= MSG_BITS_COMPLEX;
		buf.w[5] = n;
		for (uint32_t i = 0; i < 5; i++) {
			uint32_t *d = &buf.w[6 + 3 * i];
			if (rnd() % 2) {
				d[0] = MSG_DESC_PORT | (rnd_disp() << 16);
				d[1] = rnd_name();
			} else {
				d[0] = (rnd() % 5 ? MSG_DESC_OOL : rnd() % 7) | ((rnd() % 5) << 16);
				d[1] = rnd() % 2 ? rnd_addr() & ~0xfffu : 0x10000000u + (rnd() % 64) * 4096;
				d[2] = (rnd() % 4) * 4096 + (rnd() % 8 == 0 ? rnd() % 4096 : 0);
			}
		}
	}
}

int
fuzz(uint32_t seed, uint32_t n)
{
	uint32_t a;

	rng = seed | 1;
	names[nnames++] = NAME_TASK_SELF;
	names[nnames++] = NAME_REPLY;
	for (int i = 0; i < 6; i++) {
		if (task_port_allocate(NAME_TASK_SELF, &names[nnames]) == ERR_OK)
			task_port_make_send(NAME_TASK_SELF, names[nnames++]);
	}
	if (task_port_set_allocate(NAME_TASK_SELF, &names[nnames]) == ERR_OK)
		nnames++;
	vm_allocate(16 * 4096, &a);	/* something to send out of line */
	for (uint32_t i = 0; i < n; i++) {
		uint32_t op = rnd() % 8 == 0 ? rnd() : 1 + rnd() % MSG_TRAP_LAST;
		rnd_message();
		uint32_t ptr = rnd() % 4 == 0 ? rnd_addr() : (uint32_t)&buf;
		uint32_t size = rnd() % 4 == 0 ? rnd() : sizeof(buf);
		uint32_t options = rnd() % 8 == 0 ? rnd() : MSG_OPT_TIMEOUT | (rnd() % 2 ? MSG_OPT_NOTIFY : 0);
		/* Always a timeout: a random receive must not wait forever. */
		if (op == MSG_TRAP_SEND)
			msg_trap_raw(op, ptr, options | MSG_OPT_TIMEOUT, rnd() % 3, 0, 0);
		else
			msg_trap_raw(op, ptr, size, rnd_name(), options | MSG_OPT_TIMEOUT, rnd() % 3);
	}
	return 0;
}
