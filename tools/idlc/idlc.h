/*
 * idlc.h - the interface compiler's shared picture of an interface file.
 *
 * idlc turns one interface file (include/harbor/task.defs and friends) into
 * client stubs and server dispatch code, as Mach's MIG does. It works in
 * three steps, one file each: lex.c cuts the text into tokens, parse.c
 * checks the grammar and the rules and fills a struct idl_file, and the
 * generators (client.c, server.c, with the shared pieces in emit.c) write C.
 * layout.c holds the one place that decides where each argument sits in a
 * message, and params.c the one table of how each argument appears as C
 * parameters; docs/idl.md describes both for people.
 */
#ifndef IDLC_H
#define IDLC_H

#include <stdint.h>
#include <stdio.h>

#define IDL_NAME_MAX	64	/* longest identifier, including the NUL */
#define IDL_ARGS_MAX	32	/* arguments in one routine */
#define IDL_ROUTINES_MAX 100	/* replies use id + 100, so more would collide */

/* --- tokens (lex.c) ------------------------------------------------------ */

enum tok_kind {
	TOK_EOF,
	TOK_IDENT,
	TOK_NUMBER,
	TOK_SEMI,	/* ; */
	TOK_COMMA,	/* , */
	TOK_COLON,	/* : */
	TOK_LPAREN,	/* ( */
	TOK_RPAREN,	/* ) */
	TOK_LBRACKET,	/* [ */
	TOK_RBRACKET,	/* ] */
	TOK_LE,		/* <= */
};

struct tok {
	enum tok_kind kind;
	char text[IDL_NAME_MAX];	/* identifier, or the token as written */
	uint32_t number;		/* TOK_NUMBER */
	int line, col;			/* where it starts, from 1 */
	int end_line, end_col;		/* just after its last character */
	char *doc;			/* /// lines right before it, or NULL */
	int doc_line, doc_col;		/* where those lines start */
};

struct lexer {
	const char *path;	/* for error messages */
	const char *src;	/* the whole file, NUL-terminated */
	const char *p;		/* next character to read */
	int line, col;
};

void lex_init(struct lexer *lx, const char *path, const char *src);
void lex_next(struct lexer *lx, struct tok *t);
const char *lex_kind_name(enum tok_kind kind);
void idl_error(const char *path, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));

/* --- the parsed interface (parse.c) -------------------------------------- */

enum idl_kind {
	IDL_INT32,		/* int32 */
	IDL_UINT32,		/* uint32 */
	IDL_BYTES_FIXED,	/* bytes[N]: exactly N bytes */
	IDL_BYTES_VAR,		/* bytes<=N: a length, then up to N bytes */
	IDL_STRING,		/* string<=N: up to N bytes, NUL included */
	IDL_PORT,		/* port(disposition): a port right */
	IDL_OOL,		/* ool(mode): out-of-line memory */
};

struct idl_type {
	enum idl_kind kind;
	uint32_t bound;		/* N for bytes and strings */
	int disposition;	/* IDL_PORT: enum msg_disposition as sent */
	int mode;		/* IDL_OOL: enum msg_ool_mode */
	const char *spelling;	/* "port(copy_send)" etc., for comments */
};

struct idl_arg {
	char name[IDL_NAME_MAX];
	int out;		/* 1 = server to client */
	struct idl_type type;
	int line, col;
};

struct idl_routine {
	char name[IDL_NAME_MAX];
	int oneway;		/* simpleroutine: no reply */
	char *doc;		/* the /// comment, or NULL */
	uint32_t id;
	struct idl_arg args[IDL_ARGS_MAX];
	int nargs;
	int line, col;
};

struct idl_file {
	const char *path;
	char name[IDL_NAME_MAX];	/* the subsystem: prefix of every symbol */
	char upper[IDL_NAME_MAX];	/* the same in capitals, for macros */
	char *doc;			/* /// comment before `subsystem`, or NULL */
	uint32_t base;
	struct idl_routine routines[IDL_ROUTINES_MAX];
	int nroutines;
};

void parse_file(struct idl_file *f, const char *path, const char *src);

/* --- message layout (layout.c) ------------------------------------------- */

/* One direction of a routine: the request (in args) or the reply (out args). */
struct idl_layout {
	int ndesc;		/* port and ool arguments: one descriptor each */
	int nfixed;		/* int32, uint32, bytes[N]: in the fixed struct */
	int nvar;		/* bytes<=N, string<=N: after the fixed struct */
	uint32_t fixed;		/* bytes of the fixed struct, header included */
	uint32_t max;		/* largest message: fixed + every var at its bound */
};

void layout_compute(const struct idl_routine *r, int out, struct idl_layout *l);
uint32_t layout_pad4(uint32_t n);
uint32_t layout_inline_size(const struct idl_type *t);
int layout_is_desc(const struct idl_type *t);
int layout_is_var(const struct idl_type *t);
const char *layout_disposition_macro(int disposition);
const char *layout_mode_macro(int mode);

/*
 * How a port or out-of-line argument travels: the descriptor's type
 * macro, the field that says how it is passed ("disposition" or "mode")
 * and that field's value, as the sender writes it or as the receiver must
 * find it (a right arrives as the kind its disposition delivers).
 */
struct layout_desc {
	const char *type;	/* "MSG_DESC_PORT" or "MSG_DESC_OOL" */
	const char *field;	/* "disposition" or "mode" */
	const char *value;	/* e.g. "MSG_MAKE_SEND" sent, "MSG_MOVE_SEND" received */
};
int layout_desc(const struct idl_arg *a, int received, struct layout_desc *d);

/* --- writing C (emit.c, client.c, server.c) ------------------------------ */

struct emit {
	FILE *fp;
	const struct idl_file *f;
};

/* A C parameter or argument list, built before it is written out. */
struct params {
	char text[IDL_ARGS_MAX * 3 + 2][IDL_NAME_MAX + 40];
	int n;
};

void emit(struct emit *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void emit_file_intro(struct emit *e, const char *filename, const char *purpose,
		     const char *paragraph);
void emit_doc(struct emit *e, const struct idl_routine *r, const char *suffix);
void emit_id_macros(struct emit *e);
void emit_layout_structs(struct emit *e);
void emit_helpers(struct emit *e);
void emit_param(struct params *ps, const char *fmt, const char *name, uint32_t n);
void emit_call_shape(struct emit *e, int col, const char *name, const struct params *ps);
void emit_routine_macro(struct emit *e, const struct idl_routine *r, const char *suffix);

/* Which list params_routine builds. */
enum params_side {
	PARAMS_CLIENT,		/* the client stub's parameters: target, in args, out args */
	PARAMS_HANDLER,		/* the handler's parameters: ctx, in args, out args */
	PARAMS_CALL,		/* the server stub's call of the handler: its arguments */
};

/*
 * params_routine - the parameter (or argument) list of routine r for one
 * side, in order: the first one, then the in args, then the out args, each
 * in declaration order (params.c holds the table of C types).
 */
void params_routine(const struct idl_routine *r, enum params_side side, struct params *ps);

/*
 * names_write - one "ID SUBSYSTEM ROUTINE" line per routine of f, for the
 * operation-name table (idlc -names).
 */
void names_write(FILE *fp, const struct idl_file *f);

void client_header(struct emit *e);
void client_source(struct emit *e);
void server_header(struct emit *e);
void server_source(struct emit *e);

#endif /* IDLC_H */
