/*
 * elf.c - the ELF loader for boot modules.
 *
 * Modules come from the boot image, but we still check every offset and
 * address in them: a broken module is an error for whoever spawned it,
 * not a kernel crash. Segments must lie in user space below the stack.
 */
#include "kernel/elf.h"
#include "kernel/lib.h"
#include "kernel/pmem.h"
#include "kernel/task.h"
#include "kernel/i386/paging.h"
#include "harbor/error.h"
#include "harbor/layout.h"

struct elf_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define PT_LOAD		1
#define PF_W		2
#define ET_EXEC		2
#define EM_386		3

/* Map (or find) the page at va and return its kernel address. */
static uint8_t *
elf_page(struct task *t, uint32_t va, int writable, int *err)
{
	uint32_t pa = vm_user_pa(t, va, 0);

	if (pa != 0)
		return P2V(pa);
	pa = frame_alloc();
	if (pa == 0) {
		*err = ERR_NO_MEMORY;
		return NULL;
	}
	*err = vm_map_page(t, va, pa, writable ? VM_WRITE : 0);
	if (*err != ERR_OK) {
		frame_unref(pa);
		return NULL;
	}
	return P2V(pa);
}

static int
elf_load_segment(struct task *t, const uint8_t *image, const struct elf_phdr *ph)
{
	uint32_t start = ROUNDDOWN(ph->vaddr, PAGE_SIZE);
	int err = ERR_OK;

	for (uint32_t va = start; va < ph->vaddr + ph->memsz; va += PAGE_SIZE) {
		uint8_t *page = elf_page(t, va, (ph->flags & PF_W) != 0, &err);
		if (page == NULL)
			return err;
		/* Copy the part of [vaddr, vaddr+filesz) that falls in this page. */
		uint32_t lo = va < ph->vaddr ? ph->vaddr : va;
		uint32_t hi = va + PAGE_SIZE;
		if (hi > ph->vaddr + ph->filesz)
			hi = ph->vaddr + ph->filesz;
		if (lo < hi)
			memcpy(page + (lo - va), image + ph->offset + (lo - ph->vaddr), hi - lo);
	}
	return ERR_OK;
}

int
elf_load(struct task *t, const uint8_t *image, uint32_t size, const char *args, uint32_t *entry)
{
	const struct elf_ehdr *eh = (const void *)image;
	const uint32_t limit = USER_STACK_TOP - USER_STACK_SIZE;
	int err;

	if (size < sizeof(*eh) || memcmp(eh->ident, "\x7f" "ELF\x01\x01", 6) != 0 ||
	    eh->type != ET_EXEC || eh->machine != EM_386 ||
	    eh->phentsize != sizeof(struct elf_phdr) ||
	    eh->phoff > size || eh->phnum > (size - eh->phoff) / sizeof(struct elf_phdr))
		return ERR_BAD_ARGUMENT;
	for (uint32_t i = 0; i < eh->phnum; i++) {
		const struct elf_phdr *ph = (const void *)(image + eh->phoff + i * sizeof(*ph));
		if (ph->type != PT_LOAD || ph->memsz == 0)
			continue;
		if (ph->filesz > ph->memsz || ph->offset > size || ph->filesz > size - ph->offset ||
		    ph->vaddr < USER_BASE || ph->vaddr >= limit || ph->memsz > limit - ph->vaddr)
			return ERR_BAD_ARGUMENT;
		err = elf_load_segment(t, image, ph);
		if (err != ERR_OK)
			return err;
	}
	if (eh->entry < USER_BASE || eh->entry >= limit)
		return ERR_BAD_ARGUMENT;
	for (uint32_t va = limit; va < USER_STACK_TOP; va += PAGE_SIZE) {
		uint8_t *page = elf_page(t, va, 1, &err);
		if (page == NULL)
			return err;
		if (va == ROUNDDOWN(USER_ARGS_ADDR, PAGE_SIZE))
			memcpy(page + USER_ARGS_ADDR % PAGE_SIZE, args, strnlen(args, USER_ARGS_MAX - 1));
	}
	*entry = eh->entry;
	return ERR_OK;
}
