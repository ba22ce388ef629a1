/*
 * elf.h - loading ELF executables into a task: the boot modules, and the
 * images a program loader sends (host image_spawn).
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdint.h>

struct task;

#define ELF_PHNUM_MAX	16u		/* program headers an image may have */
#define ELF_MEM_MAX	(16u << 20)	/* bytes its loadable segments may span, all told */

/*
 * An executable image in kernel memory: either contiguous at base (a boot
 * module), or whole pages whose frames are listed in order (an
 * out-of-line region; frames[i] may carry flag bits below the page
 * boundary). size is in bytes.
 */
struct elf_image {
	uint32_t size;
	const uint8_t *base;
	const uint32_t *frames;
};

/*
 * elf_load - map the PT_LOAD segments of the 32-bit i386 executable img
 * into t (fresh frames, copied), plus a user stack holding `args` at
 * USER_ARGS_ADDR. Every header is checked before anything is mapped. Sets
 * *entry. Errors: ERR_BAD_ARGUMENT (not a valid executable for us: bad
 * headers, more than ELF_PHNUM_MAX program headers, a segment outside
 * user space below the stack or outside the image, two segments that
 * overlap, an entry point outside user space), ERR_NO_MEMORY (segments
 * spanning more than ELF_MEM_MAX, or no frame or page table).
 */
int elf_load(struct task *t, const struct elf_image *img, const char *args, uint32_t *entry);

#endif /* KERNEL_ELF_H */
