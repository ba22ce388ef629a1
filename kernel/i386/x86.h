/*
 * x86.h - inline wrappers for the i386 instructions C cannot express.
 */
#ifndef KERNEL_I386_X86_H
#define KERNEL_I386_X86_H

#include <stdint.h>

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "d"(port));
	return v;
}

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "d"(port));
}

static inline void
outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "d"(port));
}

static inline void
lcr3(uint32_t pa)
{
	__asm__ volatile("movl %0, %%cr3" : : "r"(pa) : "memory");
}

static inline uint32_t
rcr0(void)
{
	uint32_t v;
	__asm__ volatile("movl %%cr0, %0" : "=r"(v));
	return v;
}

static inline void
lcr0(uint32_t v)
{
	__asm__ volatile("movl %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint32_t
rcr4(void)
{
	uint32_t v;
	__asm__ volatile("movl %%cr4, %0" : "=r"(v));
	return v;
}

static inline void
lcr4(uint32_t v)
{
	__asm__ volatile("movl %0, %%cr4" : : "r"(v) : "memory");
}

static inline void
cpuid(uint32_t leaf, uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
	__asm__ volatile("cpuid" : "=a"(*eax), "=b"(*ebx), "=c"(*ecx), "=d"(*edx) : "a"(leaf), "c"(0));
}

static inline uint32_t
rcr2(void)
{
	uint32_t v;
	__asm__ volatile("movl %%cr2, %0" : "=r"(v));
	return v;
}

static inline void
invlpg(uint32_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void
cli(void)
{
	__asm__ volatile("cli");
}

static inline void
sti(void)
{
	__asm__ volatile("sti");
}

static inline uint32_t
read_ebp(void)
{
	uint32_t v;
	__asm__ volatile("movl %%ebp, %0" : "=r"(v));
	return v;
}

#endif /* KERNEL_I386_X86_H */
