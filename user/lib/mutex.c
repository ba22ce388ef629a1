/*
 * mutex.c - a mutex that costs no trap when nobody else wants it
 * (contracts in include/harbor/sync.h).
 *
 * m->count is how many threads hold or want m. lock adds one: from 0, the
 * caller has m (that much is inline in harbor/sync.h; the rest is here).
 * Otherwise it sleeps on m's semaphore. unlock takes one
 * away: if that leaves others wanting m, it signals the semaphore, and the
 * token it sends hands m to the longest waiter (count never drops to 0 in
 * between, so no third thread can slip in). The semaphore's count is
 * thus the number of hand-overs not yet picked up, never more than the
 * threads that wait: SEMAPHORE_MAX is plenty.
 *
 * The semaphore is made by the first thread that needs it: a waiter, or
 * the unlocker that has one to wake (whichever comes first: both may try,
 * one store wins and the loser gives its port back). If no port can be
 * made (the task is out of names or kernel memory), the thread sleeps and
 * tries again: having counted itself in, it may not leave.
 */
#include <stddef.h>
#include "harbor/sync.h"
#include "harbor/error.h"
#include "user/lib/ulib.h"

#define MUTEX_RETRY_MS	10	/* how long to wait before trying to make the semaphore again */

void
mutex_init(struct mutex *m)
{
	m->count = 0;
	m->wait.port = NAME_NULL;
}

/* Make m's semaphore unless it exists. Returns ERR_OK or semaphore_init's error. */
static int
mutex_make_semaphore(struct mutex *m)
{
	struct semaphore s;
	port_name_t none = NAME_NULL;
	int err;

	if (__atomic_load_n(&m->wait.port, __ATOMIC_ACQUIRE) != NAME_NULL)
		return ERR_OK;
	err = semaphore_init(&s, 0, SEMAPHORE_MAX);
	if (err != ERR_OK)
		return err;
	if (!__atomic_compare_exchange_n(&m->wait.port, &none, s.port, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		semaphore_destroy(&s);	/* another thread's is in place */
	return ERR_OK;
}

static void
mutex_need_semaphore(struct mutex *m)
{
	while (mutex_make_semaphore(m) != ERR_OK)
		sleep_ms(MUTEX_RETRY_MS);
}

/* mutex_lock found m held and counted us in: sleep until it is handed to us. */
int
mutex_lock_wait(struct mutex *m)
{
	mutex_need_semaphore(m);
	/* The token is the hand-over: once we have it, m is ours. */
	return semaphore_wait(&m->wait);
}

int
mutex_trylock(struct mutex *m)
{
	int free = 0;

	return __atomic_compare_exchange_n(&m->count, &free, 1, 0, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED) ? ERR_OK : ERR_TIMED_OUT;
}

/* mutex_unlock found m not simply held: others wait (wake one), or it is not locked. */
int
mutex_unlock_wake(struct mutex *m)
{
	int old = __atomic_load_n(&m->count, __ATOMIC_RELAXED);

	/* A loop, not one subtraction: an unlocked m must stay exactly as it was. */
	do {
		if (old <= 0)
			return ERR_DENIED;
	} while (!__atomic_compare_exchange_n(&m->count, &old, old - 1, 0, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	/* Only the holder lowers the count and waiters never leave, so old >= 2
	 * here; the check keeps a stray token out should that ever change. */
	if (old == 1)
		return ERR_OK;
	mutex_need_semaphore(m);
	semaphore_signal(&m->wait);	/* cannot be full: one token per waiter at most */
	return ERR_OK;
}

int
mutex_destroy(struct mutex *m)
{
	if (m->wait.port != NAME_NULL)
		semaphore_destroy(&m->wait);
	m->count = 0;
	return ERR_OK;
}
