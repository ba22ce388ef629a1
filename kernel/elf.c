/*
 * elf.c - the ELF loader for boot modules and for images a program
 * loader sends (host image_spawn: the process server's programs on /bin).
 *
 * An image is never trusted: a module could be broken, and a sent image
 * is whatever a task put in its pages. So every header is read into a
 * local copy (the pages of a sent image are not contiguous, and a copy
 * cannot change under us) and checked before anything is mapped: offsets
 * inside the image, segments in user space below the stack, no two
 * segments overlapping, a bounded number of headers and of bytes to map.
 * A broken image is an error for whoever spawned it, not a kernel crash.
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

/* Copy image bytes [off, off+len) to dst; the caller checked they lie in it. */
static void
elf_read(const struct elf_image *img, uint32_t off, void *dst, uint32_t len)
{
	uint8_t *d = dst;

	if (img->base != NULL) {
		memcpy(d, img->base + off, len);
		return;
	}
	while (len > 0) {
		uint32_t in = off % PAGE_SIZE, n = PAGE_SIZE - in;
		const uint8_t *page = P2V(ROUNDDOWN(img->frames[off / PAGE_SIZE], PAGE_SIZE));
		if (n > len)
			n = len;
		memcpy(d, page + in, n);
		d += n;
		off += n;
		len -= n;
	}
}

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
elf_load_segment(struct task *t, const struct elf_image *img, const struct elf_phdr *ph)
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
			elf_read(img, ph->offset + (lo - ph->vaddr), page + (lo - va), hi - lo);
	}
	return ERR_OK;
}

/* Program header i of the image (eh checked it lies inside). */
static void
elf_phdr_read(const struct elf_image *img, const struct elf_ehdr *eh, uint32_t i,
	      struct elf_phdr *ph)
{
	elf_read(img, eh->phoff + i * sizeof(*ph), ph, sizeof(*ph));
}

/* Does the loader map this segment? */
static int
elf_loads(const struct elf_phdr *ph)
{
	return ph->type == PT_LOAD && ph->memsz != 0;
}

/*
 * Check every program header before anything is mapped: each loadable
 * segment inside the image and in user space below the stack, no two
 * overlapping, ELF_MEM_MAX bytes at most in all.
 */
static int
elf_check_segments(const struct elf_image *img, const struct elf_ehdr *eh)
{
	const uint32_t limit = USER_STACK_TOP - USER_STACK_SIZE;
	struct elf_phdr ph, other;
	uint32_t total = 0;

	for (uint32_t i = 0; i < eh->phnum; i++) {
		elf_phdr_read(img, eh, i, &ph);
		if (!elf_loads(&ph))
			continue;
		if (ph.filesz > ph.memsz || ph.offset > img->size ||
		    ph.filesz > img->size - ph.offset ||
		    ph.vaddr < USER_BASE || ph.vaddr >= limit || ph.memsz > limit - ph.vaddr)
			return ERR_BAD_ARGUMENT;
		for (uint32_t j = 0; j < i; j++) {
			elf_phdr_read(img, eh, j, &other);
			if (elf_loads(&other) && ph.vaddr < other.vaddr + other.memsz &&
			    other.vaddr < ph.vaddr + ph.memsz)
				return ERR_BAD_ARGUMENT;
		}
		/* Both below limit (under 4 GiB), so the sum cannot wrap. */
		total += ph.memsz;
		if (total > ELF_MEM_MAX)
			return ERR_NO_MEMORY;
	}
	if (eh->entry < USER_BASE || eh->entry >= limit)
		return ERR_BAD_ARGUMENT;
	return ERR_OK;
}

int
elf_load(struct task *t, const struct elf_image *img, const char *args, uint32_t *entry)
{
	const uint32_t limit = USER_STACK_TOP - USER_STACK_SIZE;
	struct elf_ehdr eh;
	struct elf_phdr ph;
	int err;

	if (img->size < sizeof(eh))
		return ERR_BAD_ARGUMENT;
	elf_read(img, 0, &eh, sizeof(eh));
	if (memcmp(eh.ident, "\x7f" "ELF\x01\x01", 6) != 0 ||
	    eh.type != ET_EXEC || eh.machine != EM_386 ||
	    eh.phentsize != sizeof(struct elf_phdr) || eh.phnum > ELF_PHNUM_MAX ||
	    eh.phoff > img->size || eh.phnum > (img->size - eh.phoff) / sizeof(struct elf_phdr))
		return ERR_BAD_ARGUMENT;
	err = elf_check_segments(img, &eh);
	if (err != ERR_OK)
		return err;
	for (uint32_t i = 0; i < eh.phnum; i++) {
		elf_phdr_read(img, &eh, i, &ph);
		if (!elf_loads(&ph))
			continue;
		err = elf_load_segment(t, img, &ph);
		if (err != ERR_OK)
			return err;
	}
	for (uint32_t va = limit; va < USER_STACK_TOP; va += PAGE_SIZE) {
		uint8_t *page = elf_page(t, va, 1, &err);
		if (page == NULL)
			return err;
		if (va == ROUNDDOWN(USER_ARGS_ADDR, PAGE_SIZE))
			memcpy(page + USER_ARGS_ADDR % PAGE_SIZE, args, strnlen(args, USER_ARGS_MAX - 1));
	}
	*entry = eh.entry;
	return ERR_OK;
}
