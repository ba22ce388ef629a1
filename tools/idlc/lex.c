/*
 * lex.c - cut an interface file into tokens, and report errors.
 *
 * The language has few tokens: identifiers, numbers and the punctuation
 * ; , : ( ) [ ] <=. Comments run from # or // to the end of the line and
 * vanish; /// comments are documentation: the lexer gathers consecutive
 * /// lines and hangs them on the next token, so the parser can carry them
 * onto the routine they stand before. Every token knows its line and
 * column, because every error idlc reports names file:line:col.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "idlc.h"

/*
 * idl_error - print "path:line:col: error: message" on stderr and exit 1.
 * The one way idlc reports a problem in an interface file; it never
 * returns, so callers need no error paths.
 */
void
idl_error(const char *path, int line, int col, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d:%d: error: ", path, line, col);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/*
 * lex_init - start reading src (the NUL-terminated text of path) from its
 * first character.
 */
void
lex_init(struct lexer *lx, const char *path, const char *src)
{
	lx->path = path;
	lx->src = src;
	lx->p = src;
	lx->line = 1;
	lx->col = 1;
}

/* Step over one character, keeping line and column right. */
static void
advance(struct lexer *lx)
{
	if (*lx->p == '\n') {
		lx->line++;
		lx->col = 1;
	} else {
		lx->col++;
	}
	lx->p++;
}

/* Append one /// line (without the slashes and one leading space) to *doc. */
static void
doc_append(char **doc, const char *text, size_t len)
{
	size_t old = *doc ? strlen(*doc) : 0;
	char *d = realloc(*doc, old + len + 2);

	if (d == NULL) {
		fprintf(stderr, "idlc: out of memory\n");
		exit(1);
	}
	memcpy(d + old, text, len);
	d[old + len] = '\n';
	d[old + len + 1] = '\0';
	*doc = d;
}

/*
 * Skip blanks and comments. /// lines are kept in *doc; an ordinary
 * comment or a blank line between /// lines and the token does not break
 * the link, which keeps the rule simple to state: "the /// lines before".
 */
static void
skip_space(struct lexer *lx, struct tok *t)
{
	for (;;) {
		char c = *lx->p;

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			advance(lx);
		} else if (c == '#' || (c == '/' && lx->p[1] == '/')) {
			int is_doc = c == '/' && lx->p[2] == '/' && lx->p[3] != '/';
			const char *start;

			if (is_doc && t->doc == NULL) {
				t->doc_line = lx->line;
				t->doc_col = lx->col;
			}
			if (is_doc) {
				advance(lx);
				advance(lx);
				advance(lx);
				if (*lx->p == ' ')
					advance(lx);
			}
			start = lx->p;
			while (*lx->p != '\n' && *lx->p != '\0')
				advance(lx);
			if (is_doc)
				doc_append(&t->doc, start, (size_t)(lx->p - start));
		} else {
			return;
		}
	}
}

/* Read a decimal or 0x hexadecimal number that must fit in 32 bits. */
static void
read_number(struct lexer *lx, struct tok *t)
{
	int base = 10;
	uint64_t v = 0;
	int n = 0;

	if (lx->p[0] == '0' && (lx->p[1] == 'x' || lx->p[1] == 'X')) {
		base = 16;
		advance(lx);
		advance(lx);
	}
	for (;;) {
		int c = (unsigned char)*lx->p;
		int d;

		if (isdigit(c))
			d = c - '0';
		else if (base == 16 && isxdigit(c))
			d = tolower(c) - 'a' + 10;
		else if (isalpha(c) || c == '_')
			idl_error(lx->path, lx->line, lx->col,
			    "unexpected '%c' in a number", c);
		else
			break;
		v = v * (uint64_t)base + (uint64_t)d;
		if (v > 0xffffffffu)
			idl_error(lx->path, t->line, t->col,
			    "number too large: it must fit in 32 bits");
		if (n < IDL_NAME_MAX - 1)
			t->text[n++] = (char)c;
		advance(lx);
	}
	if (n == 0)
		idl_error(lx->path, t->line, t->col, "expected hex digits after '0x'");
	t->text[n] = '\0';
	t->number = (uint32_t)v;
	t->kind = TOK_NUMBER;
}

/*
 * lex_next - read the next token into t. At the end of the file t->kind is
 * TOK_EOF. A character that starts no token is an error (idl_error).
 * t->doc is the /// text before the token (malloc'd), or NULL.
 */
void
lex_next(struct lexer *lx, struct tok *t)
{
	static const struct {
		char c;
		enum tok_kind kind;
	} punct[] = {
		{ ';', TOK_SEMI }, { ',', TOK_COMMA }, { ':', TOK_COLON },
		{ '(', TOK_LPAREN }, { ')', TOK_RPAREN },
		{ '[', TOK_LBRACKET }, { ']', TOK_RBRACKET },
	};
	int c;
	size_t i;

	memset(t, 0, sizeof *t);
	skip_space(lx, t);
	t->line = lx->line;
	t->col = lx->col;
	c = (unsigned char)*lx->p;

	if (c == '\0') {
		t->kind = TOK_EOF;
		strcpy(t->text, "end of file");
	} else if (isalpha(c) || c == '_') {
		int n = 0;

		while (isalnum((unsigned char)*lx->p) || *lx->p == '_') {
			if (n == IDL_NAME_MAX - 1)
				idl_error(lx->path, t->line, t->col,
				    "name too long (at most %d characters)",
				    IDL_NAME_MAX - 1);
			t->text[n++] = *lx->p;
			advance(lx);
		}
		t->text[n] = '\0';
		t->kind = TOK_IDENT;
	} else if (isdigit(c)) {
		read_number(lx, t);
	} else if (c == '<') {
		if (lx->p[1] != '=')
			idl_error(lx->path, t->line, t->col,
			    "unexpected '<': a bound is written '<=N', as in bytes<=64");
		advance(lx);
		advance(lx);
		t->kind = TOK_LE;
		strcpy(t->text, "<=");
	} else {
		for (i = 0; i < sizeof punct / sizeof punct[0]; i++)
			if (punct[i].c == c)
				break;
		if (i == sizeof punct / sizeof punct[0]) {
			if (isprint(c))
				idl_error(lx->path, t->line, t->col,
				    "unexpected character '%c'", c);
			idl_error(lx->path, t->line, t->col,
			    "unexpected character (byte 0x%02x)", c);
		}
		t->kind = punct[i].kind;
		t->text[0] = (char)c;
		t->text[1] = '\0';
		advance(lx);
	}
	t->end_line = lx->line;
	t->end_col = lx->col;
}

/* lex_kind_name - how to name a token kind in an "expected ..." message. */
const char *
lex_kind_name(enum tok_kind kind)
{
	static const char *const names[] = {
		[TOK_EOF] = "end of file",
		[TOK_IDENT] = "a name",
		[TOK_NUMBER] = "a number",
		[TOK_SEMI] = "';'",
		[TOK_COMMA] = "','",
		[TOK_COLON] = "':'",
		[TOK_LPAREN] = "'('",
		[TOK_RPAREN] = "')'",
		[TOK_LBRACKET] = "'['",
		[TOK_RBRACKET] = "']'",
		[TOK_LE] = "'<='",
	};

	if ((unsigned)kind >= sizeof names / sizeof names[0])
		return "a token";
	return names[kind];
}
