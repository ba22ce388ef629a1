/*
 * flood.h - the message the flood test's senders (user/tchild "flood")
 * send, so the suite can check that none is lost, doubled or reordered.
 */
#ifndef USER_TESTS_FLOOD_H
#define USER_TESTS_FLOOD_H

#include "harbor/msg.h"

#define FLOOD_ID	4242

struct flood_msg {
	struct msg_header head;
	uint32_t sender;	/* 0..7 */
	uint32_t seq;		/* 0, 1, 2, ... per sender */
};

#endif /* USER_TESTS_FLOOD_H */
