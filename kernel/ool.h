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
	uint32_t npages;		/* entries of frames[] that may hold a reference */
	uint32_t ncopied;		/* pages of a copy that ool_check copied at once */
	uint32_t pool_pages;		/* size of this list in pool pages */
	uint32_t frames[];		/* physical addresses (| VM_FRAME_READONLY); 0: none yet */
};

/*
 * ool_check - may t send region d[i] of a message whose descriptors are
 * d[0..n) (its mode, page aligned address and size, every page mapped
 * RAM)? On success allocates the frame list in *list (NULL for an empty
 * region; its pool bytes are ool_list_bytes(&d[i].ool), for the caller to
 * charge). For a copy, the pages others map too (but for copy-on-write
 * ones) - every page, if another region of the message shares one of them
 * - are copied into the list now, so that the receiver gets the bytes of
 * send time; ool_copyin takes the rest copy-on-write. Errors:
 * ERR_BAD_MESSAGE (bad mode), ERR_BAD_SIZE (alignment, size over
 * VM_REGION_MAX), ERR_BAD_ADDRESS (a page is not mapped or is device
 * memory), ERR_NO_MEMORY (no pool memory for the list, no frame for a copy).
 */
int ool_check(struct task *t, const union msg_desc *d, uint32_t n, uint32_t i,
	      struct ool_pages **list);

/* ool_list_bytes - the pool bytes ool_check takes for region d. */
uint32_t ool_list_bytes(const struct msg_ool_desc *d);

/*
 * ool_copyin - take region d out of t into list (move unmaps; copy marks
 * copy-on-write what ool_check did not copy already).
 */
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
