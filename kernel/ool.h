/*
 * ool.h - out-of-line memory in messages: whole pages passed by
 * page-table manipulation, never copied byte by byte.
 *
 * While a message is in the kernel, an OOL descriptor's address field
 * holds a struct ool_pages (the frames, one reference each) instead of
 * the sender's address.
 */
#ifndef KERNEL_OOL_H
#define KERNEL_OOL_H

#include <stdint.h>
#include "harbor/msg.h"

struct task;

struct ool_pages {
	uint32_t npages;
	uint32_t pool_pages;		/* size of this list in pool pages */
	uint32_t frames[];		/* physical addresses (| VM_FRAME_READONLY) */
};

/*
 * ool_check - may t send region d (mode, page aligned address and size,
 * every page mapped RAM)? On success allocates the frame list in *list
 * (NULL for an empty region; its pool bytes are ool_list_bytes(d), for the
 * caller to charge); nothing else changes. Errors: ERR_BAD_MESSAGE (bad
 * mode), ERR_BAD_SIZE (alignment, size over VM_REGION_MAX), ERR_BAD_ADDRESS
 * (a page is not mapped or is device memory), ERR_NO_MEMORY.
 */
int ool_check(struct task *t, const struct msg_ool_desc *d, struct ool_pages **list);

/* ool_list_bytes - the pool bytes ool_check takes for region d. */
uint32_t ool_list_bytes(const struct msg_ool_desc *d);

/* ool_copyin - take region d out of t into list (move unmaps, copy marks copy-on-write). */
void ool_copyin(struct task *t, const struct msg_ool_desc *d, struct ool_pages *list);

/*
 * ool_copyout - map the frames of list into t at an address the kernel
 * picks and free the list. Returns the address, or 0 if t had no room
 * (the region is then dropped).
 */
uint32_t ool_copyout(struct task *t, uint32_t mode, struct ool_pages *list);

/* ool_destroy - drop a region in transit (or a list ool_check made). */
void ool_destroy(struct ool_pages *list);

/* ool_overlap - do two regions share a page? */
int ool_overlap(const struct msg_ool_desc *a, const struct msg_ool_desc *b);

#endif /* KERNEL_OOL_H */
