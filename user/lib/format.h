/*
 * format.h - the printf engine's interface inside the library: format
 * text into a buffer that is either passed on whenever it fills (printf
 * to a stream) or simply cut short (snprintf).
 */
#ifndef USER_LIB_FORMAT_H
#define USER_LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

struct format_out {
	char *buf;
	size_t cap;		/* bytes buf holds */
	size_t len;		/* bytes in buf now */
	size_t total;		/* bytes produced in all: what printf returns */
	/*
	 * Called when buf is full: pass buf[0..len) on and set len to 0.
	 * NULL: bytes past cap are counted but dropped (snprintf).
	 */
	void (*flush)(struct format_out *o);
	void *ctx;		/* for flush */
	int failed;		/* set by flush when its sink refused the bytes */
};

/*
 * format_v - append the text fmt and ap make to o (printf's conversions,
 * listed in include/stdio.h). Returns the number of bytes it produced,
 * INT_MAX at most. Never fails by itself.
 */
int format_v(struct format_out *o, const char *fmt, va_list ap);

#endif /* USER_LIB_FORMAT_H */
