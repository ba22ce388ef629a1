/*
 * fpu.h - each thread's floating-point registers: x87 (and the MMX
 * registers, which are the x87 ones), SSE, and their control words.
 *
 * They are saved and restored on every switch (fpu_save and fpu_load,
 * called by sched.c), in a save area inside struct thread, in the layout
 * the fxsave instruction writes. fpu.c says why every switch.
 */
#ifndef KERNEL_I386_FPU_H
#define KERNEL_I386_FPU_H

#include <stdint.h>

#define FPU_CW_DEFAULT		0x037Fu	/* fninit: all exceptions masked, 64-bit precision */
#define FPU_MXCSR_DEFAULT	0x1F80u	/* reset: all SIMD exceptions masked */

/*
 * What fxsave stores (Intel SDM vol. 1, 10.5.1). fxsave and fxrstor fault
 * unless it is 16-byte aligned: struct thread embeds it, and the
 * alignment makes the size of struct thread a multiple of 16, so every
 * thread cut from a (page-aligned) zone page has its area aligned.
 */
struct fpu_state {
	uint16_t fcw;		/* x87 control word */
	uint16_t fsw;		/* x87 status word */
	uint8_t ftw;		/* x87 tags, abridged: bit i set = register i in use */
	uint8_t reserved1;
	uint16_t fop;		/* last x87 opcode */
	uint32_t fip, fcs;	/* last x87 instruction's address */
	uint32_t fdp, fds;	/* and its operand's */
	uint32_t mxcsr;		/* SSE control and status */
	uint32_t mxcsr_mask;
	uint8_t st[8][16];	/* %st(0)..%st(7), 10 bytes each (= %mm0..%mm7) */
	uint8_t xmm[8][16];	/* %xmm0..%xmm7 */
	uint8_t reserved2[224];
} __attribute__((aligned(16)));

_Static_assert(sizeof(struct fpu_state) == 512, "fxsave writes 512 bytes");

/*
 * fpu_init - check that the CPU has an FPU and fxsave (panics if not),
 * and set CR0 and CR4 for them: the FPU is present and used directly,
 * x87 errors are exceptions, and user tasks may use SSE.
 */
void fpu_init(void);

/* fpu_state_init - s becomes the state a new thread starts with: that of fninit. */
void fpu_state_init(struct fpu_state *s);

/*
 * fpu_save - store the FPU registers into s; fpu_load - load them from s.
 * The scheduler saves the old thread's and loads the new one's on every
 * switch, just before swtch. Inline: a switch then costs two instructions
 * more. Neither instruction raises a pending x87 error: that waits for
 * the thread's own next FPU instruction, back in user mode.
 */
static inline void
fpu_save(struct fpu_state *s)
{
	/* LAB 3.2 BEGIN fpu_switch */
	__asm__ volatile("fxsave %0" : "=m"(*s));
	/* LAB 3.2 END fpu_switch */
}

static inline void
fpu_load(const struct fpu_state *s)
{
	/* LAB 3.2 BEGIN fpu_switch */
	__asm__ volatile("fxrstor %0" : : "m"(*s));
	/* LAB 3.2 END fpu_switch */
}

#endif /* KERNEL_I386_FPU_H */
