/*
 * harbor/sync.h - a mutex and a counting semaphore for the threads of a
 * task, built on ports.
 *
 * A semaphore is a port of the task's own whose queue holds its count as
 * tokens (header-only messages): signal (V) sends one, wait (P) receives
 * one, and a thread that waits for a token sleeps in the kernel's
 * msg_receive, woken in order by the sends. The port's queue limit is the
 * semaphore's maximum count.
 *
 * A mutex takes no trap while no other thread wants it: an atomic counter
 * says how many threads hold or want it, and only a thread that finds it
 * taken waits on the mutex's semaphore (made on first contention), to be
 * handed the mutex by unlock's signal (a "benaphore"). So malloc can take
 * its lock for a few instructions on every call.
 *
 * Neither is for use between tasks, and a thread killed while it holds
 * or waits for a mutex leaves that mutex unusable.
 */
#ifndef HARBOR_SYNC_H
#define HARBOR_SYNC_H

#include <stdint.h>
#include "harbor/error.h"
#include "harbor/msg.h"

#define SEMAPHORE_MAX	64u	/* the largest maximum count: the kernel's largest queue limit */

struct semaphore {
	port_name_t port;	/* receive and send right, one name; NAME_NULL when not set up */
};

struct mutex {
	int count;		/* 0 free; 1 held; 1 + n: held, n threads want it */
	struct semaphore wait;	/* where wanting threads sleep: made on first contention */
};

/* A mutex needs no set-up call: initialize it with this (or mutex_init). */
#define MUTEX_INITIALIZER	{ 0, { NAME_NULL } }

/*
 * semaphore_init - set s up with count value, at most max (1 to
 * SEMAPHORE_MAX). Returns ERR_OK; ERR_BAD_ARGUMENT (max is 0 or above
 * SEMAPHORE_MAX, or value > max); ERR_NO_MEMORY or ERR_NO_SPACE (no
 * kernel memory or no free name for its port).
 */
int semaphore_init(struct semaphore *s, uint32_t value, uint32_t max);

/*
 * semaphore_wait - P: take one from the count, first sleeping until it is
 * above 0. Returns ERR_OK; ERR_PORT_DEAD (s was destroyed while we
 * waited); ERR_BAD_NAME (s is not set up).
 */
int semaphore_wait(struct semaphore *s);

/*
 * semaphore_timedwait - semaphore_wait, giving up after ms milliseconds
 * (0: do not sleep at all). Returns as semaphore_wait, or ERR_TIMED_OUT
 * (count still 0; nothing taken).
 */
int semaphore_timedwait(struct semaphore *s, uint32_t ms);

/*
 * semaphore_signal - V: add one to the count, waking the longest waiter.
 * Never sleeps. Returns ERR_OK; ERR_NO_SPACE (the count is at its maximum:
 * nothing changes); ERR_BAD_NAME (s is not set up); ERR_NO_MEMORY (no
 * kernel memory for the token).
 */
int semaphore_signal(struct semaphore *s);

/*
 * semaphore_destroy - release s's port; threads waiting on it get
 * ERR_PORT_DEAD. Returns ERR_OK or ERR_BAD_NAME (not set up).
 */
int semaphore_destroy(struct semaphore *s);

/* mutex_init - set m up unlocked (the same as MUTEX_INITIALIZER). Never fails. */
void mutex_init(struct mutex *m);

/* The halves of mutex_lock and mutex_unlock that sleep and wake (mutex.c). */
int mutex_lock_wait(struct mutex *m);
int mutex_unlock_wake(struct mutex *m);

/*
 * mutex_lock - take m, sleeping (no busy wait) while another thread holds
 * it; waiters get it in the order they came. Not recursive: a thread that
 * locks m twice waits for itself forever. Returns ERR_OK, or
 * ERR_PORT_DEAD (m was destroyed while we waited; m is not ours).
 * Inline: when nobody else holds m it is one atomic add.
 */
static inline int
mutex_lock(struct mutex *m)
{
	if (__atomic_fetch_add(&m->count, 1, __ATOMIC_ACQUIRE) == 0)
		return ERR_OK;
	return mutex_lock_wait(m);
}

/* mutex_trylock - take m if it is free. Returns ERR_OK, or ERR_TIMED_OUT (it is held). */
int mutex_trylock(struct mutex *m);

/*
 * mutex_unlock - release m, handing it to the longest waiter if any.
 * Returns ERR_OK, or ERR_DENIED (m was not locked: nothing changes).
 * Inline: when nobody waits it is one compare-and-swap.
 */
static inline int
mutex_unlock(struct mutex *m)
{
	int held = 1;

	if (__atomic_compare_exchange_n(&m->count, &held, 0, 0, __ATOMIC_RELEASE,
					__ATOMIC_RELAXED))
		return ERR_OK;
	return mutex_unlock_wake(m);
}

/*
 * mutex_destroy - release the port m may have made. m must be unlocked
 * with no waiters. Returns ERR_OK.
 */
int mutex_destroy(struct mutex *m);

#endif /* HARBOR_SYNC_H */
