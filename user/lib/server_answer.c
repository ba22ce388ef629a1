/*
 * server_answer.c - what a server does after dispatch, for servers that
 * run their own receive loop (a port set, IRQs, deferred answers) instead
 * of server_loop. The same rules as server_loop (docs/idl.md, "Using
 * it"): a refused request's rights go back, an unused reply right is
 * dropped, and a reply is tried once and dropped if it cannot go.
 */
#include "user/lib/ulib.h"
#include "harbor/task_client.h"

void
server_answer(struct msg_header *req, struct msg_header *reply, int answer)
{
	const struct msg_reply_header *r = (const struct msg_reply_header *)reply;
	int refused = !(reply->bits & MSG_BITS_COMPLEX) &&
		      reply->size == sizeof(struct msg_reply_header) && r->retcode != ERR_OK;

	if (answer)
		req->reply = NAME_NULL;		/* the reply uses it up */
	if (refused)
		msg_destroy(req);
	else if (req->reply != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, req->reply);
	if (answer && msg_send(reply, MSG_OPT_TIMEOUT, 0) != ERR_OK)
		msg_destroy_unsent(reply);
}
