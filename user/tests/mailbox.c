/*
 * mailbox.c - the bounded-buffer mailbox of lab 4 (harbor/mailbox.h):
 * order, a full mailbox, and producers and consumers in threads losing,
 * doubling and inventing nothing.
 */
#include "user/tests/tests.h"
#include "harbor/mailbox.h"

static void
mailbox_words_come_out_in_the_order_they_went_in(void)
{
	struct mailbox m;
	uint32_t w = 0;

	EXPECT_OK("mailbox_init", mailbox_init(&m, 4));
	for (uint32_t round = 0; round < 3; round++) {	/* the ring wraps */
		for (uint32_t i = 1; i <= 3; i++)
			EXPECT_OK("mailbox_put", mailbox_put(&m, round * 10 + i));
		for (uint32_t i = 1; i <= 3; i++) {
			EXPECT_OK("mailbox_get", mailbox_get(&m, &w));
			EXPECT_EQ("the oldest word", round * 10 + i, w);
		}
	}
	mailbox_destroy(&m);
}

static void
mailbox_full_refuses_tryput_until_a_get(void)
{
	struct mailbox m;
	uint32_t w = 0;

	EXPECT_OK("mailbox_init", mailbox_init(&m, 2));
	EXPECT_OK("first tryput", mailbox_tryput(&m, 1));
	EXPECT_OK("second tryput", mailbox_tryput(&m, 2));
	EXPECT_ERR("tryput on a full mailbox", ERR_TIMED_OUT, mailbox_tryput(&m, 3));
	EXPECT_OK("mailbox_get", mailbox_get(&m, &w));
	EXPECT_EQ("the first word", 1, w);
	EXPECT_OK("tryput after a get", mailbox_tryput(&m, 4));
	EXPECT_OK("mailbox_get", mailbox_get(&m, &w));
	EXPECT_EQ("the second word", 2, w);
	EXPECT_OK("mailbox_get", mailbox_get(&m, &w));
	EXPECT_EQ("the last word", 4, w);
	mailbox_destroy(&m);
}

#define MB_PRODUCERS	3
#define MB_CONSUMERS	2
#define MB_EACH		300	/* words per producer */
#define MB_WORDS	(MB_PRODUCERS * MB_EACH)

static struct mailbox mb;
static struct semaphore mb_done;
static volatile uint32_t mb_seen[MB_WORDS], mb_errors, mb_bogus, mb_out_of_order;

static void
mb_producer(void *arg)
{
	uint32_t id = (uint32_t)arg;

	for (uint32_t i = 0; i < MB_EACH; i++)
		if (mailbox_put(&mb, id * MB_EACH + i) != ERR_OK)
			__atomic_add_fetch(&mb_errors, 1, __ATOMIC_RELAXED);
	semaphore_signal(&mb_done);
}

static void
mb_consumer(void *arg)
{
	uint32_t n = (uint32_t)arg, last[MB_PRODUCERS], w;

	for (int p = 0; p < MB_PRODUCERS; p++)
		last[p] = ~0u;
	for (uint32_t i = 0; i < n; i++) {
		if (mailbox_get(&mb, &w) != ERR_OK) {
			__atomic_add_fetch(&mb_errors, 1, __ATOMIC_RELAXED);
			continue;
		}
		if (w >= MB_WORDS) {
			__atomic_add_fetch(&mb_bogus, 1, __ATOMIC_RELAXED);
			continue;
		}
		/* One producer's words reach one consumer in the order it put them. */
		if (last[w / MB_EACH] != ~0u && w < last[w / MB_EACH])
			__atomic_add_fetch(&mb_out_of_order, 1, __ATOMIC_RELAXED);
		last[w / MB_EACH] = w;
		__atomic_add_fetch(&mb_seen[w], 1, __ATOMIC_RELAXED);
	}
	semaphore_signal(&mb_done);
}

static void
mailbox_producers_and_consumers_lose_nothing(void)
{
	uint32_t once = 0, finished = 0;

	mb_errors = mb_bogus = mb_out_of_order = 0;
	for (int i = 0; i < MB_WORDS; i++)
		mb_seen[i] = 0;
	EXPECT_OK("mailbox_init", mailbox_init(&mb, 4));
	EXPECT_OK("semaphore_init", semaphore_init(&mb_done, 0, SEMAPHORE_MAX));
	for (int c = 0; c < MB_CONSUMERS; c++)
		EXPECT_OK("start a consumer",
			  thread_start(mb_consumer, (void *)(MB_WORDS / MB_CONSUMERS)));
	for (int p = 0; p < MB_PRODUCERS; p++)
		EXPECT_OK("start a producer", thread_start(mb_producer, (void *)p));
	/* A bound only against a deadlock: the threads need far less. */
	for (int i = 0; i < MB_PRODUCERS + MB_CONSUMERS; i++)
		if (semaphore_timedwait(&mb_done, 20000) == ERR_OK)
			finished++;
	EXPECT_EQ("threads that finished (the others are stuck)", MB_PRODUCERS + MB_CONSUMERS,
		  finished);
	EXPECT_EQ("puts and gets that failed", 0, mb_errors);
	EXPECT_EQ("words no producer put", 0, mb_bogus);
	EXPECT_EQ("words of one producer out of order", 0, mb_out_of_order);
	for (int i = 0; i < MB_WORDS; i++)
		once += mb_seen[i] == 1;
	EXPECT_EQ("words taken exactly once", MB_WORDS, once);
	semaphore_destroy(&mb_done);
	mailbox_destroy(&mb);
}

const struct test_case mailbox_cases[] = {
	{ "mailbox_words_come_out_in_the_order_they_went_in",
	  mailbox_words_come_out_in_the_order_they_went_in },
	{ "mailbox_full_refuses_tryput_until_a_get", mailbox_full_refuses_tryput_until_a_get },
	{ "mailbox_producers_and_consumers_lose_nothing",
	  mailbox_producers_and_consumers_lose_nothing },
	{ NULL, NULL },
};
