/*
 * libc_child.h - how the libc helper modes of user/tchild (libc.c) send
 * their stdout and stderr to the test suite: each write of their streams
 * becomes one message on their bootstrap port, so a test can read what a
 * child printed (a malloc report, say) before the child is killed.
 */
#ifndef USER_TESTS_LIBC_CHILD_H
#define USER_TESTS_LIBC_CHILD_H

#include <stdint.h>
#include <stdio.h>
#include "harbor/msg.h"

#define LIBC_TEXT_ID	90u	/* the id of a text message */

struct libc_text_msg {
	struct msg_header head;
	uint32_t len;			/* bytes of text used */
	char text[STDIO_CHUNK];
};

#endif /* USER_TESTS_LIBC_CHILD_H */
