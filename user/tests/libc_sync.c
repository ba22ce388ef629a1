/*
 * libc_sync.c - the mutex and the semaphore (harbor/sync.h) with real
 * threads and real preemption.
 *
 * In the mutex case each thread reads a counter inside the critical
 * section and writes it back plus one only after another thread has come
 * to the lock: on one CPU that thread ran, so the timer switched the
 * holder out inside; had the mutex let it in, an increment would be lost.
 * (A count of events, not a time: the case holds on any machine.)
 *
 * The semaphore case is a bounded buffer with two producers and two
 * consumers: every item must arrive exactly once, and a lost wake-up
 * would leave a thread asleep, which the case reports.
 */
#include "user/tests/tests.h"

#define MUTEX_THREADS	4
#define MUTEX_ROUNDS	3		/* critical sections per thread */
#define SPIN_MAX	2000000000u	/* a bound on waiting inside, should the timer never come */

static struct mutex counter_lock = MUTEX_INITIALIZER;
static volatile uint32_t counter, preempted_inside, overlaps, arrivals, acquired, finished;
static port_name_t done_port;

/*
 * Each round: come to the lock, then inside read the counter, stay until
 * another thread comes to the lock too (which, on one CPU, it can only do
 * if the timer switched us out in here), and write the counter back plus
 * one. If the mutex let that thread in, an increment is lost. When every
 * other thread is already waiting or done, nobody can come: stop waiting.
 * After unlocking, wait outside until someone else has had the mutex.
 */
static void
mutex_worker(void *arg)
{
	uint32_t id = (uint32_t)arg;
	static volatile uint32_t inside;

	for (int round = 0; round < MUTEX_ROUNDS; round++) {
		__atomic_fetch_add(&arrivals, 1, __ATOMIC_RELAXED);
		if (mutex_lock(&counter_lock) != ERR_OK)
			break;
		acquired++;
		uint32_t arrived = arrivals, v = counter;
		inside = id;
		for (uint32_t spin = 0; arrivals == arrived && spin < SPIN_MAX; spin++)
			if (arrivals - acquired + finished == MUTEX_THREADS - 1)
				break;
		if (arrivals != arrived)
			preempted_inside++;
		counter = v + 1;
		if (inside != id)
			overlaps++;
		uint32_t mine = acquired;
		mutex_unlock(&counter_lock);
		/* Outside until another thread has had the mutex, so the next
		 * holder is not alone with threads that all sleep on it. */
		for (uint32_t spin = 0; acquired == mine && spin < SPIN_MAX; spin++)
			if (finished == MUTEX_THREADS - 1)
				break;
	}
	__atomic_fetch_add(&finished, 1, __ATOMIC_RELAXED);
	send_seq(done_port, id, 0, 0);
}

static void
libc_mutex_excludes_under_preemption(void)
{
	struct counts base, now;
	uint32_t seq;

	EXPECT_OK("counts", counts_get(&base));
	done_port = make_port();
	counter = preempted_inside = overlaps = arrivals = acquired = finished = 0;
	for (uint32_t i = 0; i < MUTEX_THREADS; i++)
		EXPECT_OK("thread_start", thread_start(mutex_worker, (void *)i));
	for (uint32_t i = 0; i < MUTEX_THREADS; i++)
		EXPECT_OK("a worker finished", recv_seq(done_port, &seq, MSG_OPT_TIMEOUT, 60000));
	printf("  mutex: %u critical sections, %u preempted inside\n", counter, preempted_inside);
	EXPECT_EQ("no increment lost", MUTEX_THREADS * MUTEX_ROUNDS, counter);
	EXPECT_EQ("no two threads inside at once", 0, overlaps);
	EXPECT_TRUE("preemption hit the critical section", preempted_inside >= 3);
	EXPECT_ERR("unlock of an unlocked mutex", ERR_DENIED, mutex_unlock(&counter_lock));
	EXPECT_OK("trylock of a free mutex", mutex_trylock(&counter_lock));
	EXPECT_ERR("trylock of a held mutex", ERR_TIMED_OUT, mutex_trylock(&counter_lock));
	EXPECT_OK("unlock", mutex_unlock(&counter_lock));
	EXPECT_OK("destroy", mutex_destroy(&counter_lock));
	drop_port(done_port);
	WAIT_UNTIL(counts_get(&now) == ERR_OK && now.threads == base.threads);
	EXPECT_EQ("threads back", base.threads, now.threads);
	EXPECT_EQ("ports back (the mutex's too)", base.ports, now.ports);
}

/* The bounded buffer. */
#define SLOTS		8
#define PER_PRODUCER	3000

static struct semaphore empty, full;
static struct mutex buffer_lock = MUTEX_INITIALIZER;
static uint32_t buffer[SLOTS], head, tail;
static uint8_t seen[2 * PER_PRODUCER];
static volatile uint32_t consumed, duplicates, wait_errors;

static void
producer(void *arg)
{
	uint32_t first = (uint32_t)arg * PER_PRODUCER;

	for (uint32_t i = 0; i < PER_PRODUCER; i++) {
		if (semaphore_wait(&empty) != ERR_OK) {
			wait_errors++;
			break;
		}
		mutex_lock(&buffer_lock);
		buffer[head] = first + i;
		head = (head + 1) % SLOTS;
		mutex_unlock(&buffer_lock);
		if (semaphore_signal(&full) != ERR_OK)
			wait_errors++;
	}
	send_seq(done_port, 10 + (uint32_t)arg, 0, 0);
}

static void
consumer(void *arg)
{
	for (uint32_t i = 0; i < PER_PRODUCER; i++) {
		uint32_t item;
		if (semaphore_wait(&full) != ERR_OK) {
			wait_errors++;
			break;
		}
		mutex_lock(&buffer_lock);
		item = buffer[tail];
		tail = (tail + 1) % SLOTS;
		if (item < 2 * PER_PRODUCER && seen[item]++)
			duplicates++;
		consumed++;
		mutex_unlock(&buffer_lock);
		if (semaphore_signal(&empty) != ERR_OK)
			wait_errors++;
	}
	send_seq(done_port, 20 + (uint32_t)arg, 0, 0);
}

static void
libc_semaphore_producer_consumer_loses_nothing(void)
{
	struct counts base, now;
	uint32_t seq, finished = 0, missing = 0;
	int takes = 0;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_ERR("max 0", ERR_BAD_ARGUMENT, semaphore_init(&empty, 0, 0));
	EXPECT_ERR("max above SEMAPHORE_MAX", ERR_BAD_ARGUMENT, semaphore_init(&empty, 0, 65));
	EXPECT_ERR("value above max", ERR_BAD_ARGUMENT, semaphore_init(&empty, 3, 2));
	EXPECT_OK("empty slots", semaphore_init(&empty, SLOTS, SLOTS));
	EXPECT_OK("full slots", semaphore_init(&full, 0, SLOTS));
	EXPECT_ERR("signal at the maximum", ERR_NO_SPACE, semaphore_signal(&empty));
	EXPECT_ERR("wait on 0 without sleeping", ERR_TIMED_OUT, semaphore_timedwait(&full, 0));
	done_port = make_port();
	head = tail = consumed = duplicates = wait_errors = 0;
	memset(seen, 0, sizeof(seen));
	for (uint32_t i = 0; i < 2; i++) {
		EXPECT_OK("start a consumer", thread_start(consumer, (void *)i));
		EXPECT_OK("start a producer", thread_start(producer, (void *)i));
	}
	for (int i = 0; i < 4; i++) {
		EXPECT_OK("a thread finished (none asleep for good)",
			  recv_seq(done_port, &seq, MSG_OPT_TIMEOUT, 30000));
		finished |= 1u << seq;
	}
	EXPECT_EQ("both producers and consumers finished", (3u << 10) | (3u << 20), finished);
	EXPECT_EQ("no wait or signal failed", 0, wait_errors);
	EXPECT_EQ("every item consumed", 2 * PER_PRODUCER, consumed);
	EXPECT_EQ("none twice", 0, duplicates);
	for (int i = 0; i < 2 * PER_PRODUCER; i++)
		missing += seen[i] != 1;
	EXPECT_EQ("each exactly once", 0, missing);
	while (semaphore_timedwait(&empty, 0) == ERR_OK)
		takes++;
	EXPECT_EQ("all slots empty again: the count is back to 8", SLOTS, takes);
	EXPECT_ERR("and none full", ERR_TIMED_OUT, semaphore_timedwait(&full, 0));
	EXPECT_OK("destroy", semaphore_destroy(&empty));
	EXPECT_OK("destroy", semaphore_destroy(&full));
	EXPECT_ERR("a destroyed semaphore", ERR_BAD_NAME, semaphore_signal(&full));
	mutex_destroy(&buffer_lock);
	drop_port(done_port);
	WAIT_UNTIL(counts_get(&now) == ERR_OK && now.threads == base.threads);
	EXPECT_EQ("threads back", base.threads, now.threads);
	EXPECT_EQ("ports back", base.ports, now.ports);
	EXPECT_EQ("no token left in the kernel", base.messages, now.messages);
}

static struct semaphore doomed;
static volatile int doomed_result = -1;

static void
doomed_waiter(void *arg)
{
	doomed_result = semaphore_wait(&doomed);
	send_seq(done_port, 1, 0, 0);
}

static void
libc_semaphore_destroy_wakes_waiters(void)
{
	uint32_t seq;

	done_port = make_port();
	EXPECT_OK("init", semaphore_init(&doomed, 0, 1));
	EXPECT_OK("start a waiter", thread_start(doomed_waiter, NULL));
	sleep_ms(30);		/* let it reach the wait (if not, it finds the port gone) */
	EXPECT_OK("destroy", semaphore_destroy(&doomed));
	EXPECT_OK("the waiter woke", recv_seq(done_port, &seq, MSG_OPT_TIMEOUT, 5000));
	EXPECT_TRUE("with an error", doomed_result == ERR_PORT_DEAD || doomed_result == ERR_BAD_NAME);
	drop_port(done_port);
}

const struct test_case libc_sync_cases[] = {
	{ "libc_mutex_excludes_under_preemption", libc_mutex_excludes_under_preemption },
	{ "libc_semaphore_producer_consumer_loses_nothing",
	  libc_semaphore_producer_consumer_loses_nothing },
	{ "libc_semaphore_destroy_wakes_waiters", libc_semaphore_destroy_wakes_waiters },
	{ NULL, NULL },
};
