/*
 * server_answer.c - what a server does after dispatch, for servers that
 * run their own receive loop (a port set, IRQs, deferred answers) instead
 * of server_loop, and for server_loop itself. The same rules everywhere
 * (docs/idl.md, "Using it"): a refused request's rights go back, an unused
 * reply right is dropped, and a reply is tried once and dropped, with what
 * it would have moved, if it cannot go.
 */
#include "user/lib/ulib.h"
#include "harbor/task_client.h"

int
server_refused(const struct msg_header *reply)
{
	/* Dispatch builds the error reply even when there is nobody to send
	 * it to: a bare reply header with an error means no handler ran. */
	return !(reply->bits & MSG_BITS_COMPLEX) && reply->size == sizeof(struct msg_reply_header) &&
	       ((const struct msg_reply_header *)reply)->retcode != ERR_OK;
}

void
server_settle(struct msg_header *req, struct msg_header *reply, int answer)
{
	if (answer)
		req->reply = NAME_NULL;		/* the reply uses it up */
	if (server_refused(reply))
		msg_destroy(req);		/* its rights and pages, and a reply right left unused */
	else if (req->reply != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, req->reply);	/* one-way: nobody will use it */
	/* Dispatch builds a reply whole even with nobody to send it to (a
	 * one-way request): what it would have moved (a new session's or
	 * file's send right, pages) is still ours, and would keep that
	 * session or file open for good. */
	if (!answer && reply->size != 0)
		msg_destroy_unsent(reply);
}

int
server_answer(struct msg_header *req, struct msg_header *reply, int answer)
{
	server_settle(req, reply, answer);
	if (!answer)
		return 0;
	if (msg_send(reply, MSG_OPT_TIMEOUT, 0) != ERR_OK) {
		msg_destroy_unsent(reply);
		return 0;
	}
	return 1;
}
