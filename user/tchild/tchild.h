/*
 * tchild.h - the parts of the test suite's helper task in files of their own.
 */
#ifndef USER_TCHILD_TCHILD_H
#define USER_TCHILD_TCHILD_H

#include <stdint.h>
#include "harbor/msg.h"

/* fuzz - n traps with random arguments from seed (fuzz.c). Returns 0 if it lived. */
int fuzz(uint32_t seed, uint32_t n);

/*
 * The misbehaving servers and client of rpc.c (its opening comment says
 * what each does). The servers never return; tchild_quota_call neither.
 */
void tchild_late(port_name_t service, const char *how) __attribute__((noreturn));
void tchild_oversize(port_name_t service) __attribute__((noreturn));
void tchild_quota_call(void) __attribute__((noreturn));

#endif /* USER_TCHILD_TCHILD_H */
