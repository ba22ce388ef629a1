/*
 * device.h - which task may use which device: I/O port grants and device
 * memory, each held by one task at a time, and never what the kernel
 * drives itself.
 */
#ifndef KERNEL_DEVICE_H
#define KERNEL_DEVICE_H

#include <stdint.h>

struct task;

/* Device memory device_map can give out: the ISA hole, not RAM. */
#define DEVICE_MEM_START	0xA0000u
#define DEVICE_MEM_END		0x100000u

/*
 * device_io_grant - let t use I/O ports [base, base+count) with in and
 * out, and make t their holder until it dies. All or nothing: on an error
 * no port is granted and nothing changes. Errors:
 *   ERR_BAD_ARGUMENT  count is 0, or a port is at or above IO_PORTS (0x400)
 *   ERR_DENIED        a port is one the kernel drives, or one that could
 *                     be turned against it (device_io_kernel in device.c)
 *   ERR_BUSY          another live task holds one of the ports
 *   ERR_NO_MEMORY     no I/O bitmap for t (pool or t's quota)
 * Granting t ports it already holds is fine.
 */
int device_io_grant(struct task *t, uint32_t base, uint32_t count);

/*
 * device_map - map device memory [phys, phys+size) writable into t, at
 * the lowest free range of its dynamic area (*address), and make t the
 * holder of those pages until it dies (unmapping them does not give them
 * up). On an error nothing is mapped or held. Errors:
 *   ERR_BAD_SIZE      size is 0, or phys or size is not page aligned
 *   ERR_BAD_ADDRESS   not inside [DEVICE_MEM_START, DEVICE_MEM_END)
 *   ERR_BUSY          another live task holds one of the pages
 *   ERR_NO_SPACE      no free range in t big enough
 *   ERR_NO_MEMORY     no page table (pool or t's quota)
 */
int device_map(struct task *t, uint32_t phys, uint32_t size, uint32_t *address);

/* device_release - t is dying: every port and page it held is free again. */
void device_release(struct task *t);

#endif /* KERNEL_DEVICE_H */
