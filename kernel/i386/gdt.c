/*
 * gdt.c - segments and the TSS.
 *
 * Flat segments (base 0, limit 4 GiB) for kernel and user code and data;
 * protection comes from paging. The TSS only tells the CPU which kernel
 * stack to switch to on a trap from user mode (esp0), per running thread.
 */
#include "kernel/i386/cpu.h"
#include "kernel/lib.h"

struct tss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

/* The TSS with its I/O permission bitmap right after it (a set bit
 * denies a port), and the 0xff byte the CPU wants after the bitmap. */
static struct {
	struct tss tss;
	uint8_t iomap[IO_BITMAP_BYTES];
	uint8_t end;
} __attribute__((packed)) tss_io;
const uint8_t *tss_iomap_now;		/* whose bitmap is loaded (NULL: all denied) */

/* Segment descriptor: base, limit (in 4 KiB units when G is set), access, flags. */
#define SEG(base, limit, access, flags) ( \
	((uint64_t)((limit) & 0xffff)) | \
	((uint64_t)((base) & 0xffffff) << 16) | \
	((uint64_t)(access) << 40) | \
	((uint64_t)(((limit) >> 16) & 0xf) << 48) | \
	((uint64_t)(flags) << 52) | \
	((uint64_t)(((base) >> 24) & 0xff) << 56))

#define ACC_KCODE	0x9a	/* present, ring 0, code, readable */
#define ACC_KDATA	0x92	/* present, ring 0, data, writable */
#define ACC_UCODE	0xfa	/* ring 3 */
#define ACC_UDATA	0xf2
#define ACC_TSS		0x89	/* present, 32-bit available TSS */
#define FLAGS_4K_32	0xc	/* granularity 4 KiB, 32-bit */

static uint64_t gdt[6];

static struct {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed)) gdtr = { sizeof(gdt) - 1, (uint32_t)gdt };

void
gdt_init(void)
{
	gdt[1] = SEG(0, 0xfffff, ACC_KCODE, FLAGS_4K_32);
	gdt[2] = SEG(0, 0xfffff, ACC_KDATA, FLAGS_4K_32);
	gdt[3] = SEG(0, 0xfffff, ACC_UCODE, FLAGS_4K_32);
	gdt[4] = SEG(0, 0xfffff, ACC_UDATA, FLAGS_4K_32);
	gdt[5] = SEG((uint32_t)&tss_io, sizeof(tss_io) - 1, ACC_TSS, 0);
	tss_io.tss.ss0 = SEG_KDATA;
	tss_io.tss.iomap_base = sizeof(tss_io.tss);
	memset(tss_io.iomap, 0xff, sizeof(tss_io.iomap) + 1);	/* no task may use I/O ports */

	__asm__ volatile("lgdt %0" : : "m"(gdtr));
	__asm__ volatile(
		"movw %w0, %%ds; movw %w0, %%es; movw %w0, %%ss;"
		"movw %w0, %%fs; movw %w0, %%gs;"
		"ljmp %1, $1f; 1:"
		: : "r"(SEG_KDATA), "i"(SEG_KCODE));
	__asm__ volatile("ltr %w0" : : "r"(SEG_TSS));
}

void
tss_set_kernel_stack(uint32_t esp0)
{
	tss_io.tss.esp0 = esp0;
}

void
tss_load_io_bitmap(const uint8_t *bitmap)
{
	if (bitmap)
		memcpy(tss_io.iomap, bitmap, IO_BITMAP_BYTES);
	else
		memset(tss_io.iomap, 0xff, IO_BITMAP_BYTES);
	tss_iomap_now = bitmap;
}

void
tss_forget_io_bitmap(const uint8_t *bitmap)
{
	/* The running task may be killing another: its own grants must stay. */
	if (bitmap == tss_iomap_now)
		tss_set_io_bitmap(NULL);
}
