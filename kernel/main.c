/*
 * main.c - the kernel's C entry point: bring up the machine, start init.
 *
 * The order matters only where one step uses another: the serial line
 * first (so everything can report), then what the frame allocator must
 * not hand out (kernel, modules, GRUB's data), then the pool, the
 * scheduler and the first task.
 */
#include <stddef.h>
#include "kernel/kobject.h"
#include "kernel/lib.h"
#include "kernel/module.h"
#include "kernel/panic.h"
#include "kernel/pmem.h"
#include "kernel/pool.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/i386/cpu.h"
#include "kernel/i386/multiboot.h"
#include "kernel/i386/paging.h"
#include "kernel/i386/serial.h"
#include "kernel/i386/x86.h"
#include "harbor/layout.h"

extern char kernel_end[];

void kmain(uint32_t magic, uint32_t mbi_pa);

static uint32_t
max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

/* The first physical address above everything GRUB gave us. */
static uint32_t
boot_data_end(const struct multiboot_info *mbi)
{
	uint32_t end = max_u32(V2P(kernel_end), module_end());

	if (mbi->flags & MB_INFO_ELF_SHDR) {
		const uint32_t *sh = P2V(mbi->shdr_addr);
		end = max_u32(end, mbi->shdr_addr + mbi->shdr_num * mbi->shdr_size);
		for (uint32_t i = 0; i < mbi->shdr_num; i++) {
			const uint32_t *s = (const uint32_t *)((const uint8_t *)sh + i * mbi->shdr_size);
			uint32_t addr = s[3], size = s[5];	/* sh_addr, sh_size */
			if (addr && addr < PMEM_MAX)
				end = max_u32(end, addr + size);
		}
	}
	return ROUNDUP(end, PAGE_SIZE);
}

/* Init's argument string: "init" and the kernel command line (without
 * the kernel's path, which some loaders put first). */
static void
init_args(const struct multiboot_info *mbi, char *out, size_t n)
{
	const char *cmd = (mbi->flags & MB_INFO_CMDLINE) ? P2V(mbi->cmdline) : "";
	size_t len = 5;

	memcpy(out, "init ", 6);
	if (*cmd == '/')
		while (*cmd && *cmd != ' ')
			cmd++;
	while (*cmd && len + 1 < n)
		out[len++] = *cmd++;
	out[len] = '\0';
}

/*
 * With the word "bootbt" on the command line, print a backtrace from here
 * before starting init: lab 1's grader checks it (labs/lab1.md). noinline,
 * so that the chain it prints starts in kmain.
 */
static void __attribute__((noinline))
boot_backtrace(const char *cmd)
{
	for (const char *w = cmd; *w; w++) {
		if ((w == cmd || w[-1] == ' ') && strnlen(w, 6) == 6 &&
		    memcmp(w, "bootbt", 6) == 0 &&
		    (w[6] == ' ' || w[6] == '\0')) {
			kprintf("harbor: boot backtrace (bootbt)\n");
			backtrace(read_ebp());
			return;
		}
	}
}

void
kmain(uint32_t magic, uint32_t mbi_pa)
{
	const struct multiboot_info *mbi = P2V(mbi_pa);
	char args[USER_ARGS_MAX];
	struct task *init;
	int err;

	serial_init();
	paging_init();		/* all of RAM at KERNBASE, before we read GRUB's data */
	kprintf("\nharbor: booting\n");
	if (magic != MULTIBOOT_BOOT_MAGIC)
		panic("not loaded by a Multiboot loader (magic %x)", magic);
	if (!(mbi->flags & MB_INFO_MEM_MAP) || !(mbi->flags & MB_INFO_MODS))
		panic("the boot loader gave no memory map or no modules");
	if (mbi->flags & MB_INFO_ELF_SHDR)
		ksym_init(mbi->shdr_addr, mbi->shdr_num, mbi->shdr_size);
	module_init(mbi->mods_addr, mbi->mods_count);
	init_args(mbi, args, sizeof(args));

	cpu_init();
	pmem_init(mbi->mmap_addr, mbi->mmap_length, boot_data_end(mbi));
	pool_init();
	kprintf("harbor: %u free frames, %u pool pages\n", frame_count_free(), pool_pages_free());
	sched_init();
	boot_backtrace(args);

	init = module_spawn(args, NULL, kobject_host_init(), 0, &err);
	if (init == NULL)
		panic("cannot start init (error %d)", err);
	sched_start();
}
