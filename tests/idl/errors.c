/*
 * errors.c - idlc explains each kind of mistake at the right place.
 *
 * For every file in tests/idl/bad/ we run idlc and check three things: it
 * exits 1, its message starts with the file:line:col where the mistake is,
 * and the message names the problem (a key phrase, so rewording the rest
 * of a sentence does not break the test). It must also write no files.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "tests/check.h"

#ifndef IDLC_PATH
#error "build with -DIDLC_PATH=\"path/to/idlc\""
#endif

struct bad_case {
	const char *file;	/* in tests/idl/bad/ */
	const char *where;	/* line:col */
	const char *phrase;	/* must appear in the message */
};

static const struct bad_case cases[] = {
	{ "missing_semicolon", "2:21", "expected ';'" },
	{ "missing_colon", "2:12", "expected ':'" },
	{ "missing_paren", "2:20", "expected ')'" },
	{ "missing_subsystem", "2:1", "missing subsystem" },
	{ "no_routines", "2:1", "declares no routines" },
	{ "unknown_type", "2:14", "unknown type 'int'" },
	{ "unknown_disposition", "2:19", "unknown port disposition 'send'" },
	{ "unknown_ool_mode", "2:18", "unknown ool mode 'lend'" },
	{ "duplicate_routine", "4:9", "duplicate routine 'a'" },
	{ "duplicate_argument", "2:26", "duplicate argument 'x'" },
	{ "generated_name_clash", "2:27", "clashes with 'data'" },
	{ "reserved_name", "2:11", "'target' cannot be used" },
	{ "reserved_routine_name", "2:9", "'dispatch' cannot be a routine name" },
	{ "c_keyword", "2:11", "'int' cannot be used" },
	{ "capital_name", "2:9", "start with a lowercase letter" },
	{ "bound_zero", "2:21", "bad bound 0" },
	{ "bound_too_large", "2:20", "bad bound 9000" },
	{ "message_too_large", "3:9", "can reach 10028 bytes" },
	{ "too_many_descriptors", "2:9", "at most 16 descriptors" },
	{ "out_in_simpleroutine", "2:28", "cannot have 'out' arguments" },
	{ "unexpected_character", "2:22", "unexpected character '$'" },
	{ "lone_less_than", "2:19", "unexpected '<'" },
	{ "number_too_large", "1:15", "number too large" },
	{ "stray_doc_comment", "3:2", "doc comment must stand right before a routine" },
	{ "wrong_file_name", "1:1", "name the file other.defs" },
};

static const struct bad_case *current;

/* Run idlc on the current case's file; check exit status and message. */
static int
idlc_reports_it(void)
{
	char cmd[1024], out[300] = "", prefix[400], path[256];
	struct stat st;
	FILE *p;
	int status;

	snprintf(path, sizeof path, "tests/idl/bad/%s.defs", current->file);
	snprintf(cmd, sizeof cmd, "%s -o %s %s 2>&1", IDLC_PATH, IDLT_OUT, path);
	p = popen(cmd, "r");
	EXPECT_TRUE(p != NULL);
	if (fgets(out, sizeof out, p) == NULL)
		out[0] = '\0';
	while (fgetc(p) != EOF)
		;
	status = pclose(p);
	out[strcspn(out, "\n")] = '\0';

	EXPECT_TRUE(WIFEXITED(status));
	EXPECT(1, WEXITSTATUS(status));
	snprintf(prefix, sizeof prefix, "%s:%s: error: ", path, current->where);
	if (strncmp(out, prefix, strlen(prefix)) != 0 || strstr(out, current->phrase) == NULL) {
		snprintf(check_why, sizeof check_why, "expected \"%.150s...%.100s...\", saw \"%.200s\"",
		    prefix, current->phrase, out);
		return 0;
	}
	EXPECT_TRUE(stat(IDLT_OUT "/harbor", &st) != 0);	/* nothing written */
	return 1;
}

int
main(void)
{
	char name[128];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		current = &cases[i];
		snprintf(name, sizeof name, "idlc_error_%s", current->file);
		check_report(name, idlc_reports_it());
	}
	return check_done();
}
