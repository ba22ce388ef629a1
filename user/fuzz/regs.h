/*
 * regs.h - traps with junk in every register, checked afterwards.
 *
 * fz_trap (trap.S) loads every register from a frame's `in` half (and
 * the x87 state from `fpu_in`), makes the trap, and stores every register
 * into `out` (the x87 state into `fpu_post`, and what was loaded into
 * `fpu_pre`). fz_call (regs.c) fills the frame, calls it and reports any
 * register but %eax that came back different.
 */
#ifndef USER_FUZZ_REGS_H
#define USER_FUZZ_REGS_H

#define FZ_FPU_BYTES	108	/* fnsave's image in 32-bit protected mode */

/* Offsets for trap.S (checked against the struct in regs.c). */
#define FZ_IN		0
#define FZ_OUT		52
#define FZ_USE_FPU	104
#define FZ_FPU_IN	108
#define FZ_FPU_PRE	216
#define FZ_FPU_POST	324
#define FZ_R_EAX	0
#define FZ_R_EBX	4
#define FZ_R_ECX	8
#define FZ_R_EDX	12
#define FZ_R_ESI	16
#define FZ_R_EDI	20
#define FZ_R_EBP	24
#define FZ_R_ESP	28
#define FZ_R_EFLAGS	32
#define FZ_R_DS		36
#define FZ_R_ES		40
#define FZ_R_FS		44
#define FZ_R_GS		48

#ifndef __ASSEMBLER__
#include <stdint.h>

struct fz_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp;
	uint32_t eflags;
	uint32_t ds, es, fs, gs;
};

struct fz_frame {
	struct fz_regs in;		/* in.esp is filled in by fz_trap */
	struct fz_regs out;
	uint32_t use_fpu;		/* load and compare the x87 state too */
	uint8_t fpu_in[FZ_FPU_BYTES];	/* the x87 image to load */
	uint8_t fpu_pre[FZ_FPU_BYTES];	/* what the FPU held before the trap */
	uint8_t fpu_post[FZ_FPU_BYTES];	/* ... and after it */
};

/* What fz_call returns for a generated trap it would not make (never a kernel error code). */
#define FZ_REFUSED	(-1)

/* fz_trap - load f->in, int $0x30, store f->out (trap.S). */
void fz_trap(struct fz_frame *f);

/*
 * fz_call - make trap op with arguments a1..a5 (nargs of them are real;
 * the other argument registers get junk), with junk everywhere else, and
 * check the registers afterwards. Returns %eax: the trap's result.
 * A generated trap (fz_raw_begin) that could shut the machine down, or
 * hand the host port on, is not made: it returns FZ_REFUSED.
 */
int fz_call(uint32_t op, uint32_t nargs, uint32_t a1, uint32_t a2, uint32_t a3,
	    uint32_t a4, uint32_t a5);

/* fz_raw_begin, fz_raw_end - the traps between them are generated ones. */
void fz_raw_begin(void);
void fz_raw_end(void);

/* fz_regs_junk_x87 - whether to load and check the x87 state (not with skip x). */
void fz_regs_set_x87(int on);

/* fz_reg_name - "%ebx", ..., "x87 st3" for what a FZ_F_REGS / FZ_F_X87 finding names. */
const char *fz_reg_name(uint32_t kind, uint32_t what);
#endif

#endif /* USER_FUZZ_REGS_H */
