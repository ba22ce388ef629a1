/*
 * assert.h - assert(cond): stop the task when something that must hold
 * does not.
 *
 * A failed assertion prints "assertion failed: <cond> (<file>:<line>,
 * <function>)" on stderr and ends the task through abort(). With NDEBUG
 * defined before this header, assert does nothing (cond is not evaluated).
 */
#ifndef USER_LIB_INCLUDE_ASSERT_H
#define USER_LIB_INCLUDE_ASSERT_H

/*
 * assert_fail - what a failed assert calls: report cond, file, line and
 * function on stderr, then abort(). Never returns.
 */
void assert_fail(const char *cond, const char *file, int line, const char *func)
	__attribute__((noreturn));

#endif /* USER_LIB_INCLUDE_ASSERT_H */

/* Outside the guard: C lets a file include assert.h again after changing NDEBUG. */
#undef assert
#ifdef NDEBUG
#define assert(cond)	((void)0)
#else
#define assert(cond)	((cond) ? (void)0 : assert_fail(#cond, __FILE__, __LINE__, __func__))
#endif
