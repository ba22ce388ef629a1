/*
 * fpu.h - holding values in the FPU across a trap, and reading the state
 * a thread starts with: for the tests of the kernel's per-thread FPU
 * state (user/tests/fpu.c and the helper task's modes in user/tchild/fpu.c).
 *
 * A hold loads values into the x87 stack (or the SSE registers), makes
 * one trap that blocks so that other threads run, and reads the values
 * back, all in one asm statement: so nothing but the kernel, and whoever
 * runs while we wait, can touch the registers in between. Our C code is
 * built without SSE and uses no floating point, so the compiler keeps
 * nothing of its own in those registers.
 */
#ifndef USER_TESTS_FPU_H
#define USER_TESTS_FPU_H

#include <stddef.h>
#include <stdint.h>
#include "harbor/msg.h"

/* The state fninit leaves (and a new thread must start with). */
#define FPU_CW_DEFAULT		0x037Fu	/* all exceptions masked, 64-bit precision, round to nearest */
#define FPU_TW_EMPTY		0xFFFFu	/* every register empty */
#define FPU_MXCSR_DEFAULT	0x1F80u	/* all SIMD exceptions masked, round to nearest */

/* What a holder sets instead, so that a leak of it shows. */
#define FPU_CW_ODD		0x0F7Fu	/* round toward zero */
#define FPU_MXCSR_ODD		0x7F80u	/* round toward zero */

#define FPU_MSG_ID		7300	/* the messages of the FPU cases */

/* Holder tags: every holder's values differ from every other's. */
enum fpu_tag { FPU_TAG_CASE = 1, FPU_TAG_THREAD, FPU_TAG_CHILD };

/* x87: eight integers in st(7)..st(0), and a control word, across one trap. */
struct fpu_hold {
	uint32_t cw;		/* control word to hold */
	int32_t in[8];		/* loaded in this order: in[7] ends up in st(0) */
	int32_t out[8];		/* read back: out[i] should equal in[i] */
	uint32_t cw_out;	/* the control word after the trap */
	uint32_t options, timeout;	/* of the trap */
};

/* SSE: eight 16-byte values in %xmm0..%xmm7, and MXCSR, across one trap. */
struct sse_hold {
	uint32_t mxcsr;
	uint32_t in[8][4];
	uint32_t out[8][4];
	uint32_t mxcsr_out;
	uint32_t options, timeout;
};

/* A message between the cases and their partners. */
struct fpu_msg {
	struct msg_header head;
	uint32_t round;
	uint32_t bad;		/* rounds in which the partner's values did not come back */
	/* The state a fresh thread found (fpu_read_fresh, sse_read_fresh). */
	uint32_t cw, sw, tw;
	uint32_t mxcsr;
	uint32_t xmm[8][4];
};

/*
 * fpu_hold_trap - start from fninit, load h->cw and h->in, make trap op
 * (a receive or an RPC) with arguments a1..a3 and h->options/timeout,
 * then read the values and the control word back into h and fninit
 * again. Returns the trap's result.
 */
static inline int
fpu_hold_trap(struct fpu_hold *h, uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3)
{
	int err;

	__asm__ volatile(
		"fninit\n\t"
		"fldcw %c[cw](%%esi)\n\t"
		"fildl %c[in]+0(%%esi)\n\t"
		"fildl %c[in]+4(%%esi)\n\t"
		"fildl %c[in]+8(%%esi)\n\t"
		"fildl %c[in]+12(%%esi)\n\t"
		"fildl %c[in]+16(%%esi)\n\t"
		"fildl %c[in]+20(%%esi)\n\t"
		"fildl %c[in]+24(%%esi)\n\t"
		"fildl %c[in]+28(%%esi)\n\t"
		"pushl %%esi\n\t"
		"movl %c[tmo](%%esi), %%edi\n\t"
		"movl %c[opt](%%esi), %%esi\n\t"
		"int %[vec]\n\t"
		"popl %%esi\n\t"
		"fnstcw %c[cwo](%%esi)\n\t"
		"fistpl %c[out]+28(%%esi)\n\t"
		"fistpl %c[out]+24(%%esi)\n\t"
		"fistpl %c[out]+20(%%esi)\n\t"
		"fistpl %c[out]+16(%%esi)\n\t"
		"fistpl %c[out]+12(%%esi)\n\t"
		"fistpl %c[out]+8(%%esi)\n\t"
		"fistpl %c[out]+4(%%esi)\n\t"
		"fistpl %c[out]+0(%%esi)\n\t"
		"fninit"
		: "=a"(err)
		: "0"(op), "b"(a1), "c"(a2), "d"(a3), "S"(h), [vec] "i"(MSG_TRAP_VECTOR),
		  [cw] "i"(offsetof(struct fpu_hold, cw)), [in] "i"(offsetof(struct fpu_hold, in)),
		  [out] "i"(offsetof(struct fpu_hold, out)),
		  [cwo] "i"(offsetof(struct fpu_hold, cw_out)),
		  [opt] "i"(offsetof(struct fpu_hold, options)),
		  [tmo] "i"(offsetof(struct fpu_hold, timeout))
		: "edi", "memory", "cc", "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)",
		  "st(7)");
	return err;
}

/*
 * sse_hold_trap - the same for SSE: load h->mxcsr and h->in into MXCSR
 * and %xmm0..%xmm7, trap, read them back into h, and put MXCSR back to
 * its default. Only for a task that knows SSE is enabled: otherwise the
 * first SSE instruction is an invalid opcode, and the task is killed.
 * (No clobbers for the xmm registers: without -msse the compiler neither
 * uses them nor accepts them as clobbers.)
 */
static inline int
sse_hold_trap(struct sse_hold *h, uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3)
{
	static const uint32_t mxcsr_default = FPU_MXCSR_DEFAULT;
	int err;

	__asm__ volatile(
		"ldmxcsr %c[mx](%%esi)\n\t"
		"movups %c[in]+0(%%esi), %%xmm0\n\t"
		"movups %c[in]+16(%%esi), %%xmm1\n\t"
		"movups %c[in]+32(%%esi), %%xmm2\n\t"
		"movups %c[in]+48(%%esi), %%xmm3\n\t"
		"movups %c[in]+64(%%esi), %%xmm4\n\t"
		"movups %c[in]+80(%%esi), %%xmm5\n\t"
		"movups %c[in]+96(%%esi), %%xmm6\n\t"
		"movups %c[in]+112(%%esi), %%xmm7\n\t"
		"pushl %%esi\n\t"
		"movl %c[tmo](%%esi), %%edi\n\t"
		"movl %c[opt](%%esi), %%esi\n\t"
		"int %[vec]\n\t"
		"popl %%esi\n\t"
		"stmxcsr %c[mxo](%%esi)\n\t"
		"movups %%xmm0, %c[out]+0(%%esi)\n\t"
		"movups %%xmm1, %c[out]+16(%%esi)\n\t"
		"movups %%xmm2, %c[out]+32(%%esi)\n\t"
		"movups %%xmm3, %c[out]+48(%%esi)\n\t"
		"movups %%xmm4, %c[out]+64(%%esi)\n\t"
		"movups %%xmm5, %c[out]+80(%%esi)\n\t"
		"movups %%xmm6, %c[out]+96(%%esi)\n\t"
		"movups %%xmm7, %c[out]+112(%%esi)\n\t"
		"ldmxcsr %[mxd]"
		: "=a"(err)
		: "0"(op), "b"(a1), "c"(a2), "d"(a3), "S"(h), [vec] "i"(MSG_TRAP_VECTOR),
		  [mxd] "m"(mxcsr_default),
		  [mx] "i"(offsetof(struct sse_hold, mxcsr)), [in] "i"(offsetof(struct sse_hold, in)),
		  [out] "i"(offsetof(struct sse_hold, out)),
		  [mxo] "i"(offsetof(struct sse_hold, mxcsr_out)),
		  [opt] "i"(offsetof(struct sse_hold, options)),
		  [tmo] "i"(offsetof(struct sse_hold, timeout))
		: "edi", "memory", "cc");
	return err;
}

/* fpu_hold_fill - values for holder `tag` (1, 2, ...) in round `round`, unlike any other's. */
static inline void
fpu_hold_fill(struct fpu_hold *h, uint32_t tag, uint32_t round)
{
	for (uint32_t i = 0; i < 8; i++)
		h->in[i] = (int32_t)((tag << 24) | ((round & 0xffff) << 4) | i);
	h->cw = FPU_CW_ODD;
}

/* fpu_hold_bad - did any value or the control word not come back? */
static inline int
fpu_hold_bad(const struct fpu_hold *h)
{
	for (int i = 0; i < 8; i++)
		if (h->out[i] != h->in[i])
			return 1;
	return h->cw_out != h->cw;
}

static inline void
sse_hold_fill(struct sse_hold *h, uint32_t tag, uint32_t round)
{
	for (uint32_t i = 0; i < 8; i++)
		for (uint32_t j = 0; j < 4; j++)
			h->in[i][j] = (tag << 24) | ((round & 0xffff) << 8) | (i << 2) | j;
	h->mxcsr = FPU_MXCSR_ODD;
}

static inline int
sse_hold_bad(const struct sse_hold *h)
{
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 4; j++)
			if (h->out[i][j] != h->in[i][j])
				return 1;
	return h->mxcsr_out != h->mxcsr;
}

/*
 * fpu_read_fresh - the x87 control, status and tag words, as the calling
 * thread has them now, into m. (fnstenv also masks every exception
 * afterwards; they are masked in the default state anyway.)
 */
static inline void
fpu_read_fresh(struct fpu_msg *m)
{
	uint32_t env[7];

	__asm__ volatile("fnstenv %0" : "=m"(env));
	m->cw = env[0] & 0xffff;
	m->sw = env[1] & 0xffff;
	m->tw = env[2] & 0xffff;
}

/* sse_read_fresh - MXCSR and %xmm0..%xmm7 as the calling thread has them now, into m. */
static inline void
sse_read_fresh(struct fpu_msg *m)
{
	__asm__ volatile(
		"stmxcsr %[mx]\n\t"
		"movups %%xmm0, 0(%[x])\n\t"
		"movups %%xmm1, 16(%[x])\n\t"
		"movups %%xmm2, 32(%[x])\n\t"
		"movups %%xmm3, 48(%[x])\n\t"
		"movups %%xmm4, 64(%[x])\n\t"
		"movups %%xmm5, 80(%[x])\n\t"
		"movups %%xmm6, 96(%[x])\n\t"
		"movups %%xmm7, 112(%[x])"
		: [mx] "=m"(m->mxcsr)
		: [x] "r"(m->xmm)
		: "memory");
}

#endif /* USER_TESTS_FPU_H */
