/*
 * parse.c - read an interface file and check every rule of the language.
 *
 * A recursive-descent parser for the grammar in docs/idl.md, one function
 * per rule. Besides the grammar it checks what would otherwise surface
 * later as a confusing C compiler error or a message the kernel refuses:
 * duplicate names, names the generated code already uses, bounds of 0 or
 * too large for a message, too many descriptors, out arguments on a
 * simpleroutine. The first problem ends the run with file:line:col and a
 * sentence a student can act on.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harbor/msg.h"
#include "idlc.h"

struct parser {
	struct lexer lx;
	struct tok cur;		/* the token we are looking at */
	int prev_line, prev_col; /* just after the token before it */
};

/* Move to the next token. A /// comment may stand only before a routine
 * or the subsystem line, which take cur.doc themselves before calling. */
static void
next(struct parser *p)
{
	if (p->cur.doc != NULL)
		idl_error(p->lx.path, p->cur.doc_line, p->cur.doc_col,
		    "a /// doc comment must stand right before a routine "
		    "(or the subsystem line); use # or // for other comments");
	p->prev_line = p->cur.end_line;
	p->prev_col = p->cur.end_col;
	lex_next(&p->lx, &p->cur);
}

/* Report a missing token just after the previous one, where it belongs. */
static void
expect(struct parser *p, enum tok_kind kind, const char *where)
{
	if (p->cur.kind != kind)
		idl_error(p->lx.path, p->prev_line, p->prev_col,
		    "expected %s %s, found '%s'", lex_kind_name(kind), where,
		    p->cur.text);
	next(p);
}

static int
is_word(const struct parser *p, const char *word)
{
	return p->cur.kind == TOK_IDENT && strcmp(p->cur.text, word) == 0;
}

/*
 * Names that would break the generated C: keywords, the types it uses, and
 * the parameters and locals every stub declares.
 */
static int
is_reserved(const char *name)
{
	static const char *const words[] = {
		"auto", "break", "case", "char", "const", "continue", "default",
		"do", "double", "else", "enum", "extern", "float", "for", "goto",
		"if", "inline", "int", "long", "register", "restrict", "return",
		"short", "signed", "sizeof", "static", "struct", "switch",
		"typedef", "union", "unsigned", "void", "volatile", "while",
		"uint8_t", "uint16_t", "uint32_t", "int32_t", "size_t",
		"port_name_t", "NULL", "in", "out", "routine", "simpleroutine",
		"subsystem",
		/* parameters and locals of the generated functions */
		"target", "ctx", "req", "reply", "msg", "err", "off",
		"req_raw", "reply_raw", "head", "body", "retcode",
	};
	size_t i;

	/* the static helpers and the msg.h calls the stubs make */
	if (strncmp(name, "idl_", 4) == 0 || strncmp(name, "msg_", 4) == 0)
		return 1;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(name, words[i]) == 0)
			return 1;
	return 0;
}

/* Read a NAME token that will become part of a C identifier. */
static void
parse_name(struct parser *p, char *name, const char *what)
{
	if (p->cur.kind != TOK_IDENT)
		idl_error(p->lx.path, p->cur.line, p->cur.col,
		    "expected %s, found '%s'", what, p->cur.text);
	/* Lowercase first letters keep names apart from the macros
	 * (MSG_..., ERR_..., TASK_...) the generated code uses. */
	if (!islower((unsigned char)p->cur.text[0]))
		idl_error(p->lx.path, p->cur.line, p->cur.col,
		    "'%s' cannot be used as %s: names start with a lowercase "
		    "letter", p->cur.text, what);
	if (is_reserved(p->cur.text))
		idl_error(p->lx.path, p->cur.line, p->cur.col,
		    "'%s' cannot be used as %s: it is a C keyword or a name "
		    "the generated code uses itself%s", p->cur.text, what,
		    strchr(p->cur.text, '_') ? " (names starting idl_ or msg_ included)" : "");
	strcpy(name, p->cur.text);
	next(p);
}

/* The largest bound one variable argument could have: a message with only
 * a header, a return code and the length word around it. */
#define BOUND_MAX (MSG_SIZE_MAX - (uint32_t)sizeof(struct msg_reply_header) - 4)

static uint32_t
parse_bound(struct parser *p, const char *type)
{
	int line = p->cur.line, col = p->cur.col;
	uint32_t n;

	if (p->cur.kind != TOK_NUMBER)
		idl_error(p->lx.path, line, col,
		    "expected a number after '%s', found '%s'", type, p->cur.text);
	n = p->cur.number;
	if (n == 0)
		idl_error(p->lx.path, line, col,
		    "bad bound 0 for %s: it must be at least 1", type);
	if (n > BOUND_MAX)
		idl_error(p->lx.path, line, col,
		    "bad bound %u for %s: a message holds at most %u bytes "
		    "(MSG_SIZE_MAX), so the bound can be at most %u",
		    n, type, MSG_SIZE_MAX, BOUND_MAX);
	next(p);
	return n;
}

/* Find word in a table of {word, value}; -1 if absent. */
struct word_value {
	const char *word;
	int value;
};

static int
lookup(const struct word_value *tab, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(tab[i].word, word) == 0)
			return tab[i].value;
	return -1;
}

static const struct word_value dispositions[] = {
	{ "copy_send", MSG_COPY_SEND },
	{ "make_send", MSG_MAKE_SEND },
	{ "move_send", MSG_MOVE_SEND },
	{ "make_send_once", MSG_MAKE_SEND_ONCE },
	{ "move_send_once", MSG_MOVE_SEND_ONCE },
	{ "move_receive", MSG_MOVE_RECEIVE },
};

static const struct word_value modes[] = {
	{ "move", MSG_OOL_MOVE },
	{ "share", MSG_OOL_SHARE },
	{ "copy", MSG_OOL_COPY },
};

/* port(disposition) or ool(mode): the word inside the parentheses. */
static int
parse_paren_word(struct parser *p, const char *type,
		 const struct word_value *tab, size_t n, const char *choices)
{
	int v;

	expect(p, TOK_LPAREN, type[0] == 'p' ? "after 'port'" : "after 'ool'");
	if (p->cur.kind != TOK_IDENT || (v = lookup(tab, n, p->cur.text)) < 0)
		idl_error(p->lx.path, p->cur.line, p->cur.col,
		    "unknown %s '%s'; write one of: %s", type, p->cur.text,
		    choices);
	next(p);
	expect(p, TOK_RPAREN, type[0] == 'p' ? "to close 'port('" : "to close 'ool('");
	return v;
}

/* Remember how the type was written, for comments in the generated code. */
static const char *
spell(const char *fmt, const char *word, uint32_t n)
{
	char buf[128];
	char *s;

	snprintf(buf, sizeof buf, fmt, word ? word : "", n);
	s = strdup(buf);
	if (s == NULL) {
		fprintf(stderr, "idlc: out of memory\n");
		exit(1);
	}
	return s;
}

/* type := int32 | uint32 | bytes[N] | bytes<=N | string<=N
 *       | port(disposition) | ool(mode) */
static void
parse_type(struct parser *p, struct idl_type *t)
{
	char word[IDL_NAME_MAX];
	int line = p->cur.line, col = p->cur.col;

	memset(t, 0, sizeof *t);
	if (p->cur.kind != TOK_IDENT)
		idl_error(p->lx.path, line, col,
		    "expected a type after ':', found '%s'", p->cur.text);
	strcpy(word, p->cur.text);
	next(p);

	if (strcmp(word, "int32") == 0) {
		t->kind = IDL_INT32;
		t->spelling = "int32";
	} else if (strcmp(word, "uint32") == 0) {
		t->kind = IDL_UINT32;
		t->spelling = "uint32";
	} else if (strcmp(word, "bytes") == 0 && p->cur.kind == TOK_LBRACKET) {
		next(p);
		t->kind = IDL_BYTES_FIXED;
		t->bound = parse_bound(p, "bytes[N]");
		expect(p, TOK_RBRACKET, "to close 'bytes['");
		t->spelling = spell("bytes[%s%u]", NULL, t->bound);
	} else if (strcmp(word, "bytes") == 0 || strcmp(word, "string") == 0) {
		int is_string = word[0] == 's';

		if (p->cur.kind != TOK_LE)
			idl_error(p->lx.path, p->prev_line, p->prev_col,
			    is_string ? "expected '<=N' after 'string', as in string<=64"
				      : "expected '[N]' or '<=N' after 'bytes', as in "
					"bytes[16] or bytes<=256");
		next(p);
		t->kind = is_string ? IDL_STRING : IDL_BYTES_VAR;
		t->bound = parse_bound(p, is_string ? "string<=N" : "bytes<=N");
		t->spelling = spell("%s<=%u", word, t->bound);
	} else if (strcmp(word, "port") == 0) {
		t->kind = IDL_PORT;
		t->disposition = parse_paren_word(p, "port disposition", dispositions,
		    sizeof dispositions / sizeof dispositions[0],
		    "copy_send, make_send, move_send, make_send_once, "
		    "move_send_once, move_receive");
		for (size_t i = 0; i < sizeof dispositions / sizeof dispositions[0]; i++)
			if (dispositions[i].value == t->disposition)
				t->spelling = spell("port(%s)", dispositions[i].word, 0);
	} else if (strcmp(word, "ool") == 0) {
		t->kind = IDL_OOL;
		t->mode = parse_paren_word(p, "ool mode", modes,
		    sizeof modes / sizeof modes[0], "move, share, copy");
		for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
			if (modes[i].value == t->mode)
				t->spelling = spell("ool(%s)", modes[i].word, 0);
	} else {
		idl_error(p->lx.path, line, col,
		    "unknown type '%s'; the types are int32, uint32, bytes[N], "
		    "bytes<=N, string<=N, port(disposition) and ool(mode)", word);
	}
}

/*
 * The generated code names a few things after each argument (text_len,
 * text_cap, ...). Two arguments whose names meet that way would declare
 * the same C name twice, so refuse them here with a clear message.
 */
static const char *const derived_suffixes[] = {
	"", "_len", "_cap", "_at", "_n", "_pad", "_addr", "_size",
};
#define NSUFFIX (sizeof derived_suffixes / sizeof derived_suffixes[0])

static void
check_arg_names(struct parser *p, const struct idl_routine *r, const struct idl_arg *a)
{
	char mine[IDL_NAME_MAX + 8], theirs[IDL_NAME_MAX + 8];
	int i;
	size_t s, u;

	for (i = 0; i < r->nargs; i++) {
		const struct idl_arg *b = &r->args[i];

		if (strcmp(a->name, b->name) == 0)
			idl_error(p->lx.path, a->line, a->col,
			    "duplicate argument '%s' in routine '%s' "
			    "(first at line %d)", a->name, r->name, b->line);
		for (s = 0; s < NSUFFIX; s++) {
			for (u = 0; u < NSUFFIX; u++) {
				snprintf(mine, sizeof mine, "%s%s", a->name, derived_suffixes[s]);
				snprintf(theirs, sizeof theirs, "%s%s", b->name, derived_suffixes[u]);
				if (strcmp(mine, theirs) == 0)
					idl_error(p->lx.path, a->line, a->col,
					    "argument '%s' clashes with '%s': the "
					    "generated code uses the name '%s' for both; "
					    "rename one", a->name, b->name, mine);
			}
		}
	}
}

/* arg := [in | out] NAME ':' type */
static void
parse_arg(struct parser *p, struct idl_routine *r)
{
	struct idl_arg *a;

	if (r->nargs == IDL_ARGS_MAX)
		idl_error(p->lx.path, p->cur.line, p->cur.col,
		    "too many arguments in routine '%s' (at most %d)",
		    r->name, IDL_ARGS_MAX);
	a = &r->args[r->nargs];
	memset(a, 0, sizeof *a);
	if (is_word(p, "in")) {
		next(p);
	} else if (is_word(p, "out")) {
		a->out = 1;
		if (r->oneway)
			idl_error(p->lx.path, p->cur.line, p->cur.col,
			    "a simpleroutine gets no reply, so it cannot have "
			    "'out' arguments; make '%s' a routine", r->name);
		next(p);
	}
	a->line = p->cur.line;
	a->col = p->cur.col;
	parse_name(p, a->name, "an argument name");
	expect(p, TOK_COLON, "between the argument name and its type");
	parse_type(p, &a->type);
	check_arg_names(p, r, a);
	r->nargs++;
}

/* Whole-routine limits: descriptors and bytes in each direction. */
static void
check_sizes(struct parser *p, const struct idl_routine *r)
{
	for (int out = 0; out <= 1; out++) {
		struct idl_layout l;
		const char *dir = out ? "reply" : "request";

		layout_compute(r, out, &l);
		if ((uint32_t)l.ndesc > MSG_DESC_MAX)
			idl_error(p->lx.path, r->line, r->col,
			    "routine '%s' has %d port and ool %s arguments; a "
			    "message carries at most %u descriptors (MSG_DESC_MAX)",
			    r->name, l.ndesc, out ? "out" : "in", MSG_DESC_MAX);
		if (l.max > MSG_SIZE_MAX)
			idl_error(p->lx.path, r->line, r->col,
			    "routine '%s': its %s can reach %u bytes; a message holds "
			    "at most %u (MSG_SIZE_MAX): lower some bounds",
			    r->name, dir, l.max, MSG_SIZE_MAX);
	}
}

/* routine := [doc] (routine | simpleroutine) NAME '(' [arg {',' arg}] ')' ';' */
static void
parse_routine(struct parser *p, struct idl_file *f)
{
	struct idl_routine *r;
	size_t len;
	int i;

	if (f->nroutines == IDL_ROUTINES_MAX)
		idl_error(p->lx.path, p->cur.line, p->cur.col,
		    "too many routines (at most %d: replies use id + 100, so "
		    "more would make a reply id equal a request id)",
		    IDL_ROUTINES_MAX);
	r = &f->routines[f->nroutines];
	memset(r, 0, sizeof *r);
	r->oneway = is_word(p, "simpleroutine");
	r->doc = p->cur.doc;
	p->cur.doc = NULL;
	r->id = f->base + (uint32_t)f->nroutines;
	next(p);

	r->line = p->cur.line;
	r->col = p->cur.col;
	parse_name(p, r->name, "a routine name");
	len = strlen(r->name);
	if (strcmp(r->name, "dispatch") == 0 ||
	    (len >= 8 && strcmp(r->name + len - 8, "_handler") == 0) ||
	    (len >= 5 && strcmp(r->name + len - 5, "_stub") == 0))
		idl_error(p->lx.path, r->line, r->col,
		    "'%s' cannot be a routine name: the generated code uses "
		    "<subsystem>_dispatch and names ending in _handler and _stub",
		    r->name);
	for (i = 0; i < f->nroutines; i++)
		if (strcasecmp(f->routines[i].name, r->name) == 0)
			idl_error(p->lx.path, r->line, r->col,
			    "duplicate routine '%s' (first declared at line %d)",
			    r->name, f->routines[i].line);

	expect(p, TOK_LPAREN, "after the routine name");
	if (p->cur.kind != TOK_RPAREN) {
		parse_arg(p, r);
		while (p->cur.kind == TOK_COMMA) {
			next(p);
			parse_arg(p, r);
		}
	}
	expect(p, TOK_RPAREN, "to close the argument list (or ',' between arguments)");
	expect(p, TOK_SEMI, "at the end of the routine declaration");
	check_sizes(p, r);
	f->nroutines++;
}

/* subsystem := [doc] 'subsystem' NAME NUMBER ';' */
static void
parse_subsystem(struct parser *p, struct idl_file *f)
{
	if (!is_word(p, "subsystem"))
		idl_error(p->lx.path, p->cur.line, p->cur.col,
		    "missing subsystem: the file must start with "
		    "'subsystem NAME BASE;', as in 'subsystem task 1000;'");
	f->doc = p->cur.doc;
	p->cur.doc = NULL;
	next(p);
	parse_name(p, f->name, "the subsystem name");
	if (p->cur.kind != TOK_NUMBER)
		idl_error(p->lx.path, p->cur.line, p->cur.col,
		    "expected the subsystem's base id (a number) after its name, "
		    "found '%s'", p->cur.text);
	f->base = p->cur.number;
	if (f->base > 0xffffffffu - 2 * IDL_ROUTINES_MAX)
		idl_error(p->lx.path, p->cur.line, p->cur.col,
		    "base id %u too large: ids and reply ids (id + 100) must "
		    "fit in 32 bits", f->base);
	next(p);
	expect(p, TOK_SEMI, "at the end of the subsystem line");
	for (size_t i = 0; f->name[i] != '\0'; i++)
		f->upper[i] = (char)toupper((unsigned char)f->name[i]);
}

/*
 * parse_file - parse src, the text of the interface file path, into f.
 * Any error in the file ends the program through idl_error (exit 1), so
 * on return f holds a complete, checked interface.
 */
void
parse_file(struct idl_file *f, const char *path, const char *src)
{
	struct parser p;

	memset(f, 0, sizeof *f);
	memset(&p, 0, sizeof p);
	f->path = path;
	lex_init(&p.lx, path, src);
	lex_next(&p.lx, &p.cur);

	parse_subsystem(&p, f);
	while (p.cur.kind != TOK_EOF) {
		if (!is_word(&p, "routine") && !is_word(&p, "simpleroutine"))
			idl_error(path, p.cur.line, p.cur.col,
			    "expected 'routine' or 'simpleroutine', found '%s'",
			    p.cur.text);
		parse_routine(&p, f);
	}
	if (p.cur.doc != NULL)
		idl_error(path, p.cur.doc_line, p.cur.doc_col,
		    "a /// doc comment at the end of the file documents nothing");
	if (f->nroutines == 0)
		idl_error(path, p.cur.line, p.cur.col,
		    "the interface declares no routines; add at least one "
		    "'routine NAME(...);'");
}
