/*
 * tchild.h - the parts of the test suite's helper task in files of their own.
 */
#ifndef USER_TCHILD_TCHILD_H
#define USER_TCHILD_TCHILD_H

#include <stdint.h>

/* fuzz - n traps with random arguments from seed (fuzz.c). Returns 0 if it lived. */
int fuzz(uint32_t seed, uint32_t n);

/*
 * libc_child - the C library modes (libc.c): argv[1] is the mode. Returns
 * the exit status, unless the mode ends the task (a bad free aborts).
 */
int libc_child(int argc, char **argv);

#endif /* USER_TCHILD_TCHILD_H */
