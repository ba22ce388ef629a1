/*
 * fuzz_oracle.h - an independent judge of requests for test.defs.
 *
 * fuzz_oracle.c decides, without any generated code, whether a request is
 * one test_dispatch must accept; the fuzz test compares the two verdicts.
 */
#ifndef TESTS_IDL_FUZZ_ORACLE_H
#define TESTS_IDL_FUZZ_ORACLE_H

#include <stdint.h>

/*
 * oracle_judge - ERR_OK if the request m (whose buffer holds at least
 * m->size bytes when 20 <= m->size <= MSG_SIZE_MAX, else only the header)
 * is well formed for test.defs; else ERR_BAD_OPERATION or ERR_BAD_MESSAGE,
 * the code dispatch must answer with. *oneway says whether the routine is
 * a simpleroutine (only meaningful for a known id).
 */
int oracle_judge(const uint8_t *m, int *oneway);

#endif /* TESTS_IDL_FUZZ_ORACLE_H */
