/*
 * port_test.c - host tests of kernel/port.c: a port's message queue, its
 * room rule and its reference count.
 *
 * The queue must hand messages out in the order they came in, however
 * enqueues and dequeues interleave. port_has_room allows a message while
 * the queue is below its limit, or below the number of receivers already
 * waiting, so a rendezvous port (limit 0) takes exactly one message per
 * waiting receiver. Receivers here are bare struct thread objects pushed
 * on p->receivers, which is all port.c looks at.
 */
#include <stdint.h>
#include <string.h>
#include "kernel/port.h"
#include "kernel/kmsg.h"
#include "kernel/thread.h"
#include "tests/check.h"

#define NMSG 200

static struct port port;
static struct kmsg msgs[NMSG];
static struct thread waiters[4];

/* which - a readable name for a kmsg pointer, for failure messages. */
static const char *
which(const void *p)
{
	static char buf[2][48];
	static int turn;
	char *b = buf[turn++ & 1];
	const struct kmsg *m = p;

	if (m == NULL)
		return "NULL";
	if (m >= msgs && m < msgs + NMSG)
		snprintf(b, sizeof buf[0], "message %d", (int)(m - msgs));
	else
		snprintf(b, sizeof buf[0], "%p (not a test message)", p);
	return b;
}

/* fresh - a new port with the given limit and n receivers waiting on it. */
static void
fresh(uint32_t limit, int nreceivers)
{
	memset(&port, 0xa5, sizeof port);	/* port_init must set everything */
	port_init(&port, 7);
	port.limit = limit;
	memset(msgs, 0x5a, sizeof msgs);	/* enqueue must not trust ->next */
	for (int i = 0; i < nreceivers; i++)
		waitq_push(&port.receivers, &waiters[i]);
}

/* fill - enqueue messages while there is room; returns how many went in. */
static int
fill(void)
{
	int n = 0;

	while (n < NMSG && port_has_room(&port))
		port_enqueue(&port, &msgs[n++]);
	return n;
}

static int
port_init_makes_a_live_empty_port(void)
{
	fresh(PORT_LIMIT_DEFAULT, 0);
	EXPECT(7, port.id);
	EXPECT(0, port.refs);
	EXPECT(0, port.dead);
	EXPECT(PORT_LIMIT_DEFAULT, port.limit);
	EXPECT(0, port.count);
	EXPECT_PTR(NULL, port.head, which);
	EXPECT_PTR(NULL, port.tail, which);
	EXPECT(0, port.senders.count);
	EXPECT(0, port.receivers.count);
	EXPECT_TRUE(port.receiver == NULL && port.kobject == NULL);
	EXPECT(KOBJ_NONE, port.ktype);
	return 1;
}

static int
port_enqueue_ends_the_queue_at_the_new_message(void)
{
	fresh(PORT_LIMIT_DEFAULT, 0);
	port_enqueue(&port, &msgs[0]);
	EXPECT_PTR(&msgs[0], port.head, which);
	EXPECT_PTR(&msgs[0], port.tail, which);
	EXPECT_PTR(NULL, msgs[0].next, which);	/* was 0x5a5a... */
	port_enqueue(&port, &msgs[1]);
	EXPECT_PTR(&msgs[1], msgs[0].next, which);
	EXPECT_PTR(&msgs[1], port.tail, which);
	EXPECT_PTR(NULL, msgs[1].next, which);
	EXPECT(2, port.count);
	return 1;
}

static int
port_dequeue_of_an_empty_queue_returns_null(void)
{
	fresh(PORT_LIMIT_DEFAULT, 0);
	EXPECT_PTR(NULL, port_dequeue(&port), which);
	EXPECT(0, port.count);
	return 1;
}

static int
port_messages_come_out_in_the_order_they_went_in(void)
{
	fresh(PORT_LIMIT_MAX, 0);
	for (int i = 0; i < NMSG; i++)
		port_enqueue(&port, &msgs[i]);
	EXPECT(NMSG, port.count);
	for (int i = 0; i < NMSG; i++) {
		EXPECT_PTR(&msgs[i], port_dequeue(&port), which);
		EXPECT(NMSG - i - 1, port.count);
	}
	EXPECT_PTR(NULL, port_dequeue(&port), which);
	return 1;
}

static int
port_interleaved_enqueue_and_dequeue_keep_fifo_order(void)
{
	int in = 0, out = 0;

	fresh(PORT_LIMIT_MAX, 0);
	/* Put in three, take out two, over and over; the queue never empties. */
	while (in + 3 <= NMSG) {
		for (int k = 0; k < 3; k++)
			port_enqueue(&port, &msgs[in++]);
		for (int k = 0; k < 2; k++)
			EXPECT_PTR(&msgs[out++], port_dequeue(&port), which);
	}
	EXPECT(in - out, port.count);
	while (out < in)
		EXPECT_PTR(&msgs[out++], port_dequeue(&port), which);
	EXPECT_PTR(NULL, port_dequeue(&port), which);
	return 1;
}

static int
port_queue_works_again_after_it_empties(void)
{
	fresh(PORT_LIMIT_DEFAULT, 0);
	for (int round = 0; round < 5; round++) {
		port_enqueue(&port, &msgs[2 * round]);
		port_enqueue(&port, &msgs[2 * round + 1]);
		EXPECT_PTR(&msgs[2 * round], port_dequeue(&port), which);
		EXPECT_PTR(&msgs[2 * round + 1], port_dequeue(&port), which);
		EXPECT_PTR(NULL, port.head, which);
		EXPECT_PTR(NULL, port.tail, which);
		EXPECT(0, port.count);
	}
	return 1;
}

static int
port_dequeue_unlinks_the_message(void)
{
	struct kmsg *m;

	fresh(PORT_LIMIT_DEFAULT, 0);
	port_enqueue(&port, &msgs[0]);
	port_enqueue(&port, &msgs[1]);
	m = port_dequeue(&port);
	EXPECT_PTR(NULL, m->next, which);
	return 1;
}

static int
port_peek_shows_the_next_message_without_taking_it(void)
{
	fresh(PORT_LIMIT_DEFAULT, 0);
	EXPECT_PTR(NULL, port_peek(&port), which);
	port_enqueue(&port, &msgs[3]);
	port_enqueue(&port, &msgs[4]);
	EXPECT_PTR(&msgs[3], port_peek(&port), which);
	EXPECT_PTR(&msgs[3], port_peek(&port), which);
	EXPECT(2, port.count);
	EXPECT_PTR(&msgs[3], port_dequeue(&port), which);
	EXPECT_PTR(&msgs[4], port_peek(&port), which);
	port_dequeue(&port);
	EXPECT_PTR(NULL, port_peek(&port), which);
	return 1;
}

static int
port_rendezvous_with_no_receiver_has_no_room(void)
{
	fresh(0, 0);
	EXPECT(0, port_has_room(&port));
	return 1;
}

static int
port_rendezvous_takes_one_message_per_waiting_receiver(void)
{
	fresh(0, 1);
	EXPECT(1, port_has_room(&port));
	EXPECT(1, fill());
	fresh(0, 3);
	EXPECT(3, fill());
	return 1;
}

static int
port_rendezvous_has_room_again_once_the_message_is_taken(void)
{
	fresh(0, 1);
	port_enqueue(&port, &msgs[0]);
	EXPECT(0, port_has_room(&port));
	port_dequeue(&port);
	EXPECT(1, port_has_room(&port));
	waitq_pop(&port.receivers);	/* the receiver got it and left */
	EXPECT(0, port_has_room(&port));
	return 1;
}

static int
port_limit_one_takes_one_message(void)
{
	fresh(1, 0);
	EXPECT(1, port_has_room(&port));
	EXPECT(1, fill());
	EXPECT(0, port_has_room(&port));
	return 1;
}

static int
port_limit_eight_takes_eight_messages(void)
{
	fresh(8, 0);
	EXPECT(8, fill());
	EXPECT(8, port.count);
	port_dequeue(&port);
	EXPECT(1, port_has_room(&port));
	return 1;
}

static int
port_receivers_raise_a_small_limit(void)
{
	fresh(1, 3);
	EXPECT(3, fill());
	return 1;
}

static int
port_receivers_fewer_than_the_limit_do_not_add_room(void)
{
	fresh(8, 2);
	EXPECT(8, fill());
	fresh(8, 4);
	EXPECT(8, fill());
	return 1;
}

static int
port_default_limit_is_eight(void)
{
	fresh(PORT_LIMIT_DEFAULT, 0);
	port_init(&port, 1);		/* undo fresh's limit */
	EXPECT(8, fill());
	return 1;
}

static int
port_last_unref_says_free_it(void)
{
	fresh(PORT_LIMIT_DEFAULT, 0);
	port_ref(&port);
	port_ref(&port);
	port_ref(&port);
	EXPECT(3, port.refs);
	EXPECT(0, port_unref(&port));
	EXPECT(0, port_unref(&port));
	EXPECT(1, port_unref(&port));
	EXPECT(0, port.refs);
	return 1;
}

static int
port_ref_after_unref_counts_again(void)
{
	fresh(PORT_LIMIT_DEFAULT, 0);
	port_ref(&port);
	port_ref(&port);
	EXPECT(0, port_unref(&port));
	port_ref(&port);
	EXPECT(2, port.refs);
	EXPECT(0, port_unref(&port));
	EXPECT(1, port_unref(&port));
	return 1;
}

int
main(void)
{
	RUN(port_init_makes_a_live_empty_port);
	RUN(port_enqueue_ends_the_queue_at_the_new_message);
	RUN(port_dequeue_of_an_empty_queue_returns_null);
	RUN(port_messages_come_out_in_the_order_they_went_in);
	RUN(port_interleaved_enqueue_and_dequeue_keep_fifo_order);
	RUN(port_queue_works_again_after_it_empties);
	RUN(port_dequeue_unlinks_the_message);
	RUN(port_peek_shows_the_next_message_without_taking_it);
	RUN(port_rendezvous_with_no_receiver_has_no_room);
	RUN(port_rendezvous_takes_one_message_per_waiting_receiver);
	RUN(port_rendezvous_has_room_again_once_the_message_is_taken);
	RUN(port_limit_one_takes_one_message);
	RUN(port_limit_eight_takes_eight_messages);
	RUN(port_receivers_raise_a_small_limit);
	RUN(port_receivers_fewer_than_the_limit_do_not_add_room);
	RUN(port_default_limit_is_eight);
	RUN(port_last_unref_says_free_it);
	RUN(port_ref_after_unref_counts_again);
	return check_done();
}
