/*
 * elf.h - loading ELF executables (the boot modules) into a task.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdint.h>

struct task;

/*
 * elf_load - map the PT_LOAD segments of the 32-bit i386 executable
 * image[0..size) into t (fresh frames, copied), plus a user stack holding
 * `args` at USER_ARGS_ADDR. Sets *entry. Errors: ERR_BAD_ARGUMENT (not a
 * valid executable for us), ERR_NO_MEMORY.
 */
int elf_load(struct task *t, const uint8_t *image, uint32_t size, const char *args,
	     uint32_t *entry);

#endif /* KERNEL_ELF_H */
