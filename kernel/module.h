/*
 * module.h - the boot modules GRUB loaded, and starting them as tasks.
 */
#ifndef KERNEL_MODULE_H
#define KERNEL_MODULE_H

#include <stdint.h>

struct elf_image;
struct port;
struct task;

#define MODULE_MAX	64u

/* module_init - record the modules from the Multiboot information. */
void module_init(uint32_t mods_addr, uint32_t mods_count);

/* module_end - the first physical address above every module. */
uint32_t module_end(void);

/*
 * module_spawn - start the module named by the first word of `args` as a
 * new task, with `args` as its argument string, NAME_THREAD_SELF, and the
 * send rights bootstrap and host (either may be NULL; references are
 * taken) at NAME_BOOTSTRAP and NAME_HOST; its first thread gets arg in
 * %eax. Returns the task or NULL with *err: ERR_NOT_FOUND (no such
 * module), ERR_BAD_ARGUMENT (not a valid executable), ERR_NO_MEMORY.
 */
struct task *module_spawn(const char *args, struct port *bootstrap, struct port *host,
			  uint32_t arg, int *err);

/*
 * module_spawn_image - start the executable img as a new task named by
 * the first word of `args`, set up as module_spawn's are (same rights,
 * arguments and pager). Returns the task or NULL with *err:
 * ERR_BAD_ARGUMENT (not a valid executable: elf_load), ERR_NO_MEMORY,
 * ERR_NO_SPACE (no room for the task's ports).
 */
struct task *module_spawn_image(const struct elf_image *img, const char *args,
				struct port *bootstrap, struct port *host, uint32_t arg, int *err);

#endif /* KERNEL_MODULE_H */
