/*
 * harbor/defer.h - keeping a request to answer it later (user/lib/defer.c).
 *
 * A server whose handler cannot answer yet (a read with no input, a
 * lookup of a name not there yet) saves the request in a defer_slot and
 * answers nothing now; later, defer_answer replays it through dispatch and
 * sends the reply it builds. Only small requests without descriptors can
 * be kept (DEFER_REQUEST_MAX bytes): the ones that wait carry only
 * numbers and short strings. And only those with a send-once reply right
 * (what every stub passes): a plain send right kept could be a right to
 * one of the server's own ports, or another server's (a console session,
 * a pipe end), holding that port open for as long as the request waits;
 * a client can make send-once rights only to ports it receives from.
 *
 * The pattern, in a server's own receive loop:
 *
 *	srv.deferring = 0;
 *	answer = xxx_dispatch(&srv, req, reply);	// the handler may set srv.deferring
 *	if (srv.deferring) { defer_save(&slot, req); continue; }	// no reply now
 *	...
 *	defer_answer(&slot, xxx_dispatch, &srv, &srv.deferring);	// later
 */
#ifndef USER_LIB_INCLUDE_HARBOR_DEFER_H
#define USER_LIB_INCLUDE_HARBOR_DEFER_H

#include <stdint.h>
#include "harbor/msg.h"

#define DEFER_REQUEST_MAX	128

struct defer_slot {
	int used;			/* a request is kept here */
	uint32_t when;			/* for the server: a deadline, an order, ... */
	union {
		struct msg_header head;
		uint8_t bytes[DEFER_REQUEST_MAX];
	} req;				/* the request, its reply right still held */
};

/*
 * defer_save - keep req (as received, with its reply right) in s, which
 * must be free. The server must then neither reply nor drop the reply
 * right. Returns ERR_OK, or ERR_BAD_ARGUMENT (nothing kept) when req is
 * larger than DEFER_REQUEST_MAX, complex, or its reply right is missing
 * or not a send-once right: then answer it at once instead.
 */
int defer_save(struct defer_slot *s, const struct msg_header *req);

/*
 * defer_answer - replay the request kept in s through dispatch(ctx, ...)
 * and send the reply built, through the kept reply right, trying once
 * (a client that died or cannot take it is forgotten). s is free again.
 * But if again is not NULL and the handler set *again during the replay
 * (it still cannot answer), nothing is sent and s keeps the request.
 * Nothing happens if s is free.
 */
typedef int (*defer_dispatch_fn)(void *ctx, const struct msg_header *req,
				 struct msg_header *reply);
void defer_answer(struct defer_slot *s, defer_dispatch_fn dispatch, void *ctx,
		  const int *again);

/* defer_drop - forget the request kept in s, dropping its reply right unused
 * (its client gets ERR_NO_REPLY). Nothing happens if s is free. */
void defer_drop(struct defer_slot *s);

#endif /* USER_LIB_INCLUDE_HARBOR_DEFER_H */
