/*
 * fpu.c - each thread's floating-point registers, switched with the thread.
 *
 * The FPU registers are user state like %eax: a thread that keeps a value
 * in %st(0) or %xmm0 across a trap must find it there when it runs again,
 * and must never see another thread's. We switch them eagerly: every
 * context switch saves the old thread's registers with fxsave and loads
 * the new thread's with fxrstor (sched.c calls fpu_save and fpu_load
 * just before swtch). Lazy switching (set CR0.TS, load a thread's registers only when
 * its first FPU instruction traps with #NM) would skip the two
 * instructions for threads that never use the FPU, at the price of a trap
 * handler, an "owner" pointer to keep right when threads die, and one
 * thread's registers sitting in the FPU while another runs (the LazyFP
 * leak). docs/architecture.md says why simple won.
 *
 * The kernel itself never uses the FPU: kernel/Makefrag builds it with
 * -mno-80387 -mno-mmx -mno-sse, so while a thread is in the kernel its
 * user FPU registers stay in the FPU untouched until fpu_switch saves them.
 */
#include "kernel/i386/fpu.h"
#include "kernel/i386/x86.h"
#include "kernel/lib.h"

#define CPUID_1_EDX_FPU		(1u << 0)
#define CPUID_1_EDX_FXSR	(1u << 24)	/* fxsave, fxrstor, CR4.OSFXSR */
#define CPUID_1_EDX_SSE		(1u << 25)

#define CR0_MP		(1u << 1)	/* wait/fwait obey TS too */
#define CR0_EM		(1u << 2)	/* no FPU: every FPU instruction traps (#NM) */
#define CR0_TS		(1u << 3)	/* the next FPU instruction traps (#NM) */
#define CR0_NE		(1u << 5)	/* x87 errors are exception 16, not IRQ 13 */
#define CR4_OSFXSR	(1u << 9)	/* fxsave saves SSE state; SSE instructions allowed */
#define CR4_OSXMMEXCPT	(1u << 10)	/* unmasked SIMD errors are exception 19, not #UD */

void
fpu_init(void)
{
	uint32_t eax, ebx, ecx, edx, cr4;

	cpuid(1, &eax, &ebx, &ecx, &edx);
	if (!(edx & CPUID_1_EDX_FPU) || !(edx & CPUID_1_EDX_FXSR))
		panic("fpu_init: Harbor needs an FPU with fxsave (CPUID 1 EDX %x)", edx);
	/*
	 * EM off: the FPU is real. TS off, and never set: eager switching
	 * takes no #NM traps. MP on, as it should be with a real FPU. NE on:
	 * an unmasked x87 error is exception 16 in the thread that caused it
	 * (fault_user kills that task), not the PC's old IRQ 13 wiring.
	 */
	lcr0((rcr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
	/* OSFXSR is what lets user tasks run SSE code; fxsave then saves the xmm registers too. */
	cr4 = rcr4() | CR4_OSFXSR;
	if (edx & CPUID_1_EDX_SSE)
		cr4 |= CR4_OSXMMEXCPT;	/* a reserved bit on CPUs without SSE */
	lcr4(cr4);
}

void
fpu_state_init(struct fpu_state *s)
{
	assert(((uint32_t)s & 15) == 0);	/* fxsave and fxrstor need 16-byte alignment */
	memset(s, 0, sizeof(*s));
	s->fcw = FPU_CW_DEFAULT;
	s->mxcsr = FPU_MXCSR_DEFAULT;
	/* The rest as fninit leaves it: status 0, every tag empty (ftw 0), registers 0. */
}
