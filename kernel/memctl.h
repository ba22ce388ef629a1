/*
 * memctl.h - the memory control object (memctl_server.c).
 */
#ifndef KERNEL_MEMCTL_H
#define KERNEL_MEMCTL_H

#include <stdint.h>

/*
 * memctl_give - make the memory control port and return a send right to
 * it in transit (for a reply). Only once: ERR_DENIED afterwards, so the
 * first caller (init's memory server) is its one holder. ERR_NO_MEMORY
 * when the pool is exhausted.
 */
int memctl_give(uint32_t *ctl);

#endif /* KERNEL_MEMCTL_H */
