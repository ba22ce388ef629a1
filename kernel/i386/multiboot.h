/*
 * multiboot.h - the parts of the Multiboot (v1) information GRUB hands us.
 * All addresses in it are physical.
 */
#ifndef KERNEL_I386_MULTIBOOT_H
#define KERNEL_I386_MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_BOOT_MAGIC	0x2BADB002

#define MB_INFO_CMDLINE		(1u << 2)
#define MB_INFO_MODS		(1u << 3)
#define MB_INFO_ELF_SHDR	(1u << 5)
#define MB_INFO_MEM_MAP		(1u << 6)

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t shdr_num, shdr_size, shdr_addr, shdr_shndx;	/* ELF section headers */
	uint32_t mmap_length, mmap_addr;
};

struct multiboot_module {
	uint32_t start, end;	/* [start, end) */
	uint32_t cmdline;
	uint32_t pad;
};

/* A memory map entry; `size` does not count itself. */
struct multiboot_mmap {
	uint32_t size;
	uint64_t addr, len;
	uint32_t type;		/* 1 = usable RAM */
} __attribute__((packed));

#endif /* KERNEL_I386_MULTIBOOT_H */
