/*
 * parse.c - a command line into a pipeline. No quoting and no variables
 * but $?: words are what is between spaces and tabs, and the operators
 * | < > >> 2> and a last & stand apart from the words around them even
 * when glued to them ("ps|upper", ">out"). A 2 is the start of 2> only
 * at the start of a word, so "a2>f" is the word a2 and > f.
 */
#include "user/sh/sh.h"

enum sh_token {
	SH_WORD, SH_PIPE, SH_IN, SH_OUT, SH_APPEND, SH_ERR, SH_AMP, SH_END,
};

struct sh_lexer {
	const char *p;		/* the rest of the line */
	char *out;		/* where the next word's bytes go */
	char *end;
};

static int
sh_special(char ch)
{
	return ch == '|' || ch == '<' || ch == '>' || ch == '&';
}

/* The next token; a word's text is copied out and returned in *word. */
static enum sh_token
sh_next(struct sh_lexer *l, char **word)
{
	const char *p = l->p;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	l->p = p + 1;
	switch (*p) {
	case '\0':
		l->p = p;
		return SH_END;
	case '|':
		return SH_PIPE;
	case '&':
		return SH_AMP;
	case '<':
		return SH_IN;
	case '>':
		if (p[1] == '>') {
			l->p = p + 2;
			return SH_APPEND;
		}
		return SH_OUT;
	case '2':
		if (p[1] == '>') {
			l->p = p + 2;
			return SH_ERR;
		}
		break;
	}
	*word = l->out;
	while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && !sh_special(*p) &&
	       l->out < l->end - 1)
		*l->out++ = *p++;
	*l->out++ = '\0';
	l->p = p;
	return SH_WORD;
}

static int
sh_mistake(const char *what)
{
	fprintf(stderr, "sh: %s\n", what);
	return -1;
}

int
sh_parse(const char *line, struct sh_command *c, char *numbuf, size_t numcap)
{
	struct sh_lexer l = { .p = line, .out = c->words, .end = c->words + sizeof(c->words) };
	struct sh_stage *st = &c->stages[0];
	enum sh_token t, redirect;
	char *word = NULL;

	memset(c->stages, 0, sizeof(c->stages));
	c->nstages = 1;
	c->background = 0;
	while ((t = sh_next(&l, &word)) != SH_END) {
		if (c->background)
			return sh_mistake("& must come last");
		switch (t) {
		case SH_WORD:
			if (st->argc == SH_WORDS_MAX)
				return sh_mistake("too many words in one program");
			st->argv[st->argc++] = strcmp(word, "$?") == 0 ?
				(snprintf(numbuf, numcap, "%d", sh_status), numbuf) : word;
			break;
		case SH_PIPE:
			if (st->argc == 0)
				return sh_mistake("a | with no program before it");
			if (c->nstages == SH_STAGES_MAX)
				return sh_mistake("too many programs in one pipeline");
			st = &c->stages[c->nstages++];
			break;
		case SH_AMP:
			c->background = 1;
			break;
		default:
			redirect = t;
			if (sh_next(&l, &word) != SH_WORD)
				return sh_mistake("a redirection needs a file name after it");
			if (redirect == SH_IN)
				st->in = word;
			else if (redirect == SH_ERR)
				st->err = word;
			else {
				st->out = word;
				st->append = redirect == SH_APPEND;
			}
			break;
		}
	}
	if (st->argc == 0 && (c->nstages > 1 || st->in || st->out || st->err))
		return sh_mistake("a | or a redirection with no program after it");
	for (int i = 0; i < c->nstages; i++)
		c->stages[i].argv[c->stages[i].argc] = NULL;
	return st->argc > 0;
}
