/*
 * parse.c - a command line into words. No quoting and no variables but
 * $?: the words are what is between spaces and tabs, and a last word &
 * (or a & glued to the last word) asks for the background.
 */
#include "user/sh/sh.h"

int
sh_parse(char *line, struct sh_command *c, char *numbuf, size_t numcap)
{
	char *p = line;

	c->argc = 0;
	c->background = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			*p++ = '\0';
		if (*p == '\0')
			break;
		if (c->argc == SH_WORDS_MAX) {
			fprintf(stderr, "sh: too many words (at most %d)\n", SH_WORDS_MAX);
			return -1;
		}
		c->argv[c->argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
	}
	if (c->argc > 0) {
		char *last = c->argv[c->argc - 1];
		size_t n = strlen(last);
		if (n > 0 && last[n - 1] == '&') {
			c->background = 1;
			last[n - 1] = '\0';
			if (n == 1)
				c->argc--;
		}
	}
	for (int i = 0; i < c->argc; i++)
		if (strcmp(c->argv[i], "$?") == 0) {
			snprintf(numbuf, numcap, "%d", sh_status);
			c->argv[i] = numbuf;
		}
	c->argv[c->argc] = NULL;
	return c->argc > 0;
}
