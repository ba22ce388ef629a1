/*
 * device.c - which task may use which device.
 *
 * Drivers are user tasks, and the host port lets them ask for I/O ports
 * (io_grant) and device memory (device_map). Two rules keep a driver from
 * breaking the kernel or another driver:
 *
 *  1. No task gets an I/O port the kernel drives itself, or one that could
 *     be turned against it (device_io_kernel below, each with its reason).
 *     One `out` to the PIC's mask register would stop the clock for good.
 *  2. Each port and each page of device memory has at most one holder, the
 *     task it was first given to, until that task dies (device_release).
 *     Two drivers poking one device would corrupt each other's state.
 *
 * Holders are stored by task id in fixed tables, one entry per port and
 * per page of the ISA hole (4 KiB + 384 bytes, whatever tasks ask for).
 * IRQ lines follow the same rule in irq.c: one port per line.
 *
 * COM1 (0x3f8-0x3ff) is an ordinary device under rule 2: the console
 * server, started before any other driver, takes it (and IRQ 4), so it
 * is exactly one task's. The kernel still writes its own boot messages,
 * host debug_write text and panics to COM1 by polling, with interrupts
 * off (kernel/i386/serial.c): it only ever waits for the transmitter and
 * writes a byte, which the console's use of the line cannot upset, and
 * a panic must get out whoever holds the line.
 */
#include <stddef.h>
#include "kernel/device.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/vmregion.h"
#include "kernel/i386/cpu.h"
#include "kernel/i386/paging.h"
#include "harbor/error.h"
#include "harbor/layout.h"

/* A run of I/O ports, first and last included. */
struct device_io_range {
	uint32_t first, last;
};

/*
 * The I/O ports no task may have. The kernel drives the PICs, the PIT
 * and isa-debug-exit (kernel/i386/pic.c, cpu.c); the rest
 * could reset the machine, unmap its memory or overwrite it behind the
 * page tables' back (an IRQ-driven keyboard driver needs only 0x60, not
 * the controller's command port). Everything else below 0x400 is an
 * ordinary device.
 */
static const struct device_io_range device_io_kernel[] = {
	{ 0x000, 0x01f },	/* ISA DMA controller 1: DMA writes any memory below 16 MiB */
	{ 0x020, 0x021 },	/* PIC 1: IRQ masks, end of interrupt, the vector base */
	{ 0x022, 0x023 },	/* IMCR (where a board has one): takes IRQs away from the PICs */
	{ 0x040, 0x043 },	/* PIT: the kernel's clock, every timeout and time slice */
	{ 0x064, 0x064 },	/* keyboard controller commands: 0xfe resets, 0xd1 moves A20 */
	{ 0x080, 0x08f },	/* ISA DMA page registers */
	{ 0x092, 0x092 },	/* system control port A: fast reset, A20 */
	{ 0x0a0, 0x0a1 },	/* PIC 2: IRQ masks 8-15, the vector base */
	{ 0x0c0, 0x0df },	/* ISA DMA controller 2 */
	{ 0x0f4, 0x0f7 },	/* QEMU isa-debug-exit: the kernel's shutdown and panic exit */
};

#define DEVICE_IO_KERNEL_COUNT	(sizeof(device_io_kernel) / sizeof(device_io_kernel[0]))
#define DEVICE_MEM_PAGES	((DEVICE_MEM_END - DEVICE_MEM_START) / PAGE_SIZE)

/* The id of the task holding each port and each device page; 0: no one. */
static uint32_t device_io_holder[IO_PORTS];
static uint32_t device_mem_holder[DEVICE_MEM_PAGES];

/* Does [first, last] touch a port in device_io_kernel? */
static int
device_io_is_kernels(uint32_t first, uint32_t last)
{
	for (uint32_t i = 0; i < DEVICE_IO_KERNEL_COUNT; i++)
		if (first <= device_io_kernel[i].last && device_io_kernel[i].first <= last)
			return 1;
	return 0;
}

/* Is any of holders[first..last] held by a task other than t? */
static int
device_held_by_other(const uint32_t *holders, uint32_t first, uint32_t last,
		     const struct task *t)
{
	for (uint32_t i = first; i <= last; i++)
		if (holders[i] != 0 && holders[i] != t->id)
			return 1;
	return 0;
}

int
device_io_grant(struct task *t, uint32_t base, uint32_t count)
{
	uint32_t last = base + count - 1;
	uint8_t *iomap;

	if (count == 0 || base >= IO_PORTS || count > IO_PORTS - base)
		return ERR_BAD_ARGUMENT;
	if (device_io_is_kernels(base, last))
		return ERR_DENIED;
	if (device_held_by_other(device_io_holder, base, last, t))
		return ERR_BUSY;
	iomap = task_iomap(t);
	if (iomap == NULL)
		return ERR_NO_MEMORY;
	/* Nothing can fail from here on. */
	for (uint32_t port = base; port <= last; port++) {
		device_io_holder[port] = t->id;
		iomap[port / 8] &= ~(1u << (port % 8));
	}
	if (current->task == t) {
		tss_load_io_bitmap(t->iomap);	/* reload: the bitmap changed */
	}
	return ERR_OK;
}

int
device_map(struct task *t, uint32_t phys, uint32_t size, uint32_t *address)
{
	uint32_t first, last, va;

	if (size == 0 || phys % PAGE_SIZE || size % PAGE_SIZE)
		return ERR_BAD_SIZE;
	if (phys < DEVICE_MEM_START || phys >= DEVICE_MEM_END || size > DEVICE_MEM_END - phys)
		return ERR_BAD_ADDRESS;
	first = (phys - DEVICE_MEM_START) / PAGE_SIZE;
	last = first + size / PAGE_SIZE - 1;
	if (device_held_by_other(device_mem_holder, first, last, t))
		return ERR_BUSY;
	va = vm_find_free(t, size / PAGE_SIZE);
	if (va == 0)
		return ERR_NO_SPACE;
	for (uint32_t off = 0; off < size; off += PAGE_SIZE) {
		if (vm_map_page(t, va + off, phys + off, VM_WRITE | VM_DEVICE) != ERR_OK) {
			vm_deallocate(t, va, off);
			return ERR_NO_MEMORY;
		}
	}
	for (uint32_t page = first; page <= last; page++)
		device_mem_holder[page] = t->id;
	*address = va;
	return ERR_OK;
}

void
device_release(struct task *t)
{
	for (uint32_t port = 0; port < IO_PORTS; port++)
		if (device_io_holder[port] == t->id)
			device_io_holder[port] = 0;
	for (uint32_t page = 0; page < DEVICE_MEM_PAGES; page++)
		if (device_mem_holder[page] == t->id)
			device_mem_holder[page] = 0;
}
