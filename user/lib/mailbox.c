/*
 * mailbox.c - the bounded-buffer mailbox (contracts in harbor/mailbox.h).
 *
 * The classic solution with two counting semaphores and a lock: a
 * producer takes a free slot (sleeping while there is none), fills it under
 * the lock and signals a filled one; a consumer does the opposite. Because
 * a semaphore is a port whose queue holds its count, the kernel's message
 * queue does the sleeping and waking: this is the "duality" of monitors and
 * messages the other way round, a monitor-style buffer built on messages.
 */
#include "harbor/mailbox.h"

int
mailbox_init(struct mailbox *m, uint32_t slots)
{
	int err;

	if (slots == 0 || slots > MAILBOX_SLOTS_MAX)
		return ERR_BAD_ARGUMENT;
	m->slots = slots;
	m->head = 0;
	m->count = 0;
	mutex_init(&m->lock);
	err = semaphore_init(&m->free, slots, slots);
	if (err != ERR_OK)
		return err;
	err = semaphore_init(&m->filled, 0, slots);
	if (err != ERR_OK)
		semaphore_destroy(&m->free);
	return err;
}

/* LAB 4.3 BEGIN mailbox */
/* Put word in the ring; the caller holds a free slot. */
static void
mailbox_store(struct mailbox *m, uint32_t word)
{
	mutex_lock(&m->lock);
	m->item[(m->head + m->count) % m->slots] = word;
	m->count++;
	mutex_unlock(&m->lock);
	semaphore_signal(&m->filled);
}
/* LAB 4.3 END mailbox */

int
mailbox_put(struct mailbox *m, uint32_t word)
{
	/* LAB 4.3 BEGIN mailbox; handout: return ERR_BAD_OPERATION; */
	int err = semaphore_wait(&m->free);

	if (err != ERR_OK)
		return err;
	mailbox_store(m, word);
	return ERR_OK;
	/* LAB 4.3 END mailbox */
}

int
mailbox_tryput(struct mailbox *m, uint32_t word)
{
	/* LAB 4.3 BEGIN mailbox; handout: return ERR_BAD_OPERATION; */
	int err = semaphore_timedwait(&m->free, 0);

	if (err != ERR_OK)
		return err;
	mailbox_store(m, word);
	return ERR_OK;
	/* LAB 4.3 END mailbox */
}

int
mailbox_get(struct mailbox *m, uint32_t *word)
{
	/* LAB 4.3 BEGIN mailbox; handout: return ERR_BAD_OPERATION; */
	int err = semaphore_wait(&m->filled);

	if (err != ERR_OK)
		return err;
	mutex_lock(&m->lock);
	*word = m->item[m->head];
	m->head = (m->head + 1) % m->slots;
	m->count--;
	mutex_unlock(&m->lock);
	semaphore_signal(&m->free);
	return ERR_OK;
	/* LAB 4.3 END mailbox */
}

int
mailbox_destroy(struct mailbox *m)
{
	semaphore_destroy(&m->free);
	semaphore_destroy(&m->filled);
	mutex_destroy(&m->lock);
	return ERR_OK;
}
