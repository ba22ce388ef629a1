/*
 * handlers.h - the test interface's handlers, shared by the round-trip
 * and fuzz tests.
 *
 * Each handler checks that its arguments obey test.defs (and aborts the
 * test program if not: dispatch must never let a bad argument through),
 * does something simple and checkable with them, and records what it saw.
 */
#ifndef TESTS_IDL_HANDLERS_H
#define TESTS_IDL_HANDLERS_H

#include <stdint.h>

extern int handler_ctx;		/* pass &handler_ctx as dispatch's ctx */
extern int handler_calls;	/* handlers run so far */
extern int handler_misbehave;	/* 1: var/str/two/mixed break the interface */
extern int handler_skip_outs;	/* 1: scalars and fixed succeed without setting their outs */
extern uint32_t handler_ports[6];	/* names test_ports_handler got */
extern uint32_t handler_notify_code;	/* what test_notify_handler got */
extern char handler_notify_note[16];

#endif /* TESTS_IDL_HANDLERS_H */
