/*
 * mem.h - the numbers of the memory interfaces (mem.defs, memctl.defs,
 * pager.defs): flags, protections, fault access bits, the address space
 * split between the memory server and the kernel, and the stack limit.
 */
#ifndef HARBOR_MEM_H
#define HARBOR_MEM_H

#include "harbor/layout.h"

/* mem_allocate flags. */
#define MEM_ALLOC_NOW		0x1u	/* map every page at once (not on first touch) */
#define MEM_ALLOC_READONLY	0x2u	/* the region starts read-only (zero pages) */

/* Protections (mem_protect, memctl_map, memctl_protect). */
#define MEM_PROT_READ		0x1u
#define MEM_PROT_WRITE		0x2u

/* pager_fault access bits (from the i386 page fault error code; i386
 * without PAE cannot tell an instruction fetch from a read). */
#define MEM_ACCESS_PRESENT	0x1u	/* the page was mapped: a protection fault */
#define MEM_ACCESS_WRITE	0x2u

/* memctl_query flags. */
#define MEM_MAPPED		0x1u
#define MEM_MAPPED_WRITE	0x2u
#define MEM_MAPPED_COW		0x4u
#define MEM_MAPPED_DEVICE	0x8u

/*
 * Who places what. The memory server places regions in [MEM_AREA_BASE,
 * MEM_AREA_TOP); the kernel places out-of-line memory and device
 * mappings above it, up to MEM_KERNEL_AREA_TOP, so the two never meet.
 */
#define MEM_AREA_BASE		0x10000000u
#define MEM_AREA_TOP		0x80000000u
#define MEM_KERNEL_AREA_TOP	0xB0000000u
#define MEM_REGION_MAX		(64u << 20)	/* largest region */

/* The main thread's stack grows down from USER_STACK_TOP to this limit;
 * a fault in the guard below it is a stack overflow. */
#define USER_STACK_MAX		(1u << 20)
#define USER_STACK_LIMIT	(USER_STACK_TOP - USER_STACK_MAX)
#define USER_STACK_GUARD	(1u << 20)

#endif /* HARBOR_MEM_H */
