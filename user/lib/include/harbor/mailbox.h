/*
 * harbor/mailbox.h - a bounded-buffer mailbox between the threads of a
 * task: Nachos's producer/consumer exercise, built from Harbor's
 * semaphores, which are themselves ports (harbor/sync.h). Lab 4 asks for
 * mailbox_put and mailbox_get (labs/lab4.md); user/tests/mailbox.c tests it.
 *
 * A mailbox holds up to `slots` words in a ring. Two semaphores count
 * the free and the filled slots, so a producer sleeps while the mailbox
 * is full and a consumer while it is empty; a mutex guards the ring.
 */
#ifndef HARBOR_MAILBOX_H
#define HARBOR_MAILBOX_H

#include <stdint.h>
#include "harbor/sync.h"

#define MAILBOX_SLOTS_MAX	16u

struct mailbox {
	uint32_t slots;			/* how many words it can hold */
	uint32_t head;			/* the ring index of the oldest word */
	uint32_t count;			/* words in the ring */
	uint32_t item[MAILBOX_SLOTS_MAX];
	struct semaphore free;		/* free slots: producers wait on it */
	struct semaphore filled;	/* filled slots: consumers wait on it */
	struct mutex lock;		/* held while head, count and item change */
};

/*
 * mailbox_init - m becomes an empty mailbox of `slots` words (1 to
 * MAILBOX_SLOTS_MAX). Returns ERR_OK; ERR_BAD_ARGUMENT (slots out of
 * range); semaphore_init's errors (ERR_NO_MEMORY, ERR_NO_SPACE).
 */
int mailbox_init(struct mailbox *m, uint32_t slots);

/*
 * mailbox_put - add word to m, first sleeping while m is full. Words come
 * out in the order they went in. Returns ERR_OK; ERR_PORT_DEAD (m was
 * destroyed while we waited).
 */
int mailbox_put(struct mailbox *m, uint32_t word);

/*
 * mailbox_tryput - add word to m if it has room. Returns ERR_OK;
 * ERR_TIMED_OUT (m is full: nothing changes).
 */
int mailbox_tryput(struct mailbox *m, uint32_t word);

/*
 * mailbox_get - take the oldest word of m into *word, first sleeping while
 * m is empty. Returns ERR_OK; ERR_PORT_DEAD (m was destroyed while we
 * waited).
 */
int mailbox_get(struct mailbox *m, uint32_t *word);

/* mailbox_destroy - release m's ports; no thread may be using m. Returns ERR_OK. */
int mailbox_destroy(struct mailbox *m);

#endif /* HARBOR_MAILBOX_H */
