/*
 * loopback.h - a pretend kernel for host tests of generated stubs.
 *
 * loopback.c implements msg_rpc, msg_send, msg_reply_port, msg_call and
 * msg_call_reject (declared in harbor/msg.h) by handing each request
 * straight to test_dispatch, doing on
 * the way what the kernel would do to a message in transit: port
 * descriptors arrive as the kind of right received, and the reply right
 * arrives as a send-once right with the receiver's name for it.
 */
#ifndef TESTS_IDL_LOOPBACK_H
#define TESTS_IDL_LOOPBACK_H

#include <stdint.h>
#include "harbor/msg.h"

#define LOOPBACK_REPLY_NAME	99	/* the server's name for the reply right */
#define LOOPBACK_REPLY_PORT	42	/* the client's reply port */

/* Called on the reply in the client's buffer (of size bytes) before the
 * stub sees it: a hostile or broken server, or a lying kernel. */
extern void (*loopback_tamper)(struct msg_header *reply, uint32_t size);

/* If set, msg_rpc and msg_send hand the request (as the server would
 * receive it) to this instead of to test_dispatch, and msg_rpc returns
 * ERR_TIMED_OUT: a way to collect well-formed requests. */
extern void (*loopback_intercept)(const struct msg_header *req);

/* What the last round trip looked like, for the tests to check. */
extern int loopback_dispatch_result;	/* test_dispatch's return value */
extern uint32_t loopback_reply_dest;	/* reply->dest as the server built it */
extern uint32_t loopback_reply_dest_kind; /* MSG_BITS_DEST(reply->bits) */
extern int loopback_sends;		/* msg_send calls */
extern int loopback_rejects;		/* msg_call_reject calls: replies a stub turned away */

#endif /* TESTS_IDL_LOOPBACK_H */
