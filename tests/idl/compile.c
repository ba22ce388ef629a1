/*
 * compile.c - generated code compiles cleanly wherever it will be used.
 *
 * Every generated .c file (the real interfaces in include/harbor/ and the
 * test interface) is compiled with warnings as errors: once for the host,
 * once 32-bit freestanding with no C library headers, as user programs
 * build it; server files also with -D__KERNEL__, as the kernel builds them.
 * The commands come from tests/idl/Makefrag (IDLT_HOST_CC, IDLT_M32_CC).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tests/check.h"

#if !defined(IDLT_SOURCES) || !defined(IDLT_HOST_CC) || !defined(IDLT_M32_CC)
#error "build with the -D flags in tests/idl/Makefrag"
#endif

static const char *cur_cmd;
static const char *cur_file;
static const char *cur_extra;

/* Compile cur_file with cur_cmd; on failure show the compiler's first line. */
static int
compiles(void)
{
	char cmd[4096], out[400] = "";
	FILE *p;
	int status;

	snprintf(cmd, sizeof cmd, "%s %s -c -o /dev/null %s 2>&1", cur_cmd, cur_extra, cur_file);
	p = popen(cmd, "r");
	EXPECT_TRUE(p != NULL);
	while (fgets(out, sizeof out, p) != NULL && strstr(out, "error") == NULL)
		;
	while (fgetc(p) != EOF)
		;
	status = pclose(p);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		out[strcspn(out, "\n")] = '\0';
		snprintf(check_why, sizeof check_why, "expected a clean compile, saw: %s", out);
		return 0;
	}
	return 1;
}

int
main(void)
{
	char list[] = IDLT_SOURCES, name[256];
	const char *base;

	for (char *file = strtok(list, " "); file != NULL; file = strtok(NULL, " ")) {
		base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
		cur_file = file;
		cur_extra = "";
		cur_cmd = IDLT_HOST_CC;
		snprintf(name, sizeof name, "idl_compiles_host_%s", base);
		check_report(name, compiles());
		cur_cmd = IDLT_M32_CC;
		snprintf(name, sizeof name, "idl_compiles_m32_freestanding_%s", base);
		check_report(name, compiles());
		if (strstr(base, "_server.c") != NULL) {
			cur_extra = "-D__KERNEL__";
			snprintf(name, sizeof name, "idl_compiles_m32_kernel_%s", base);
			check_report(name, compiles());
		}
	}
	return check_done();
}
