/*
 * main.c - idlc's command line: read one interface file, write four.
 *
 *   idlc -o OUTDIR file.defs
 *   idlc -names OUTFILE file.defs...
 *
 * writes OUTDIR/harbor/<sub>_client.h, <sub>_client.c, <sub>_server.h and
 * <sub>_server.c, where <sub> is the subsystem the file names, so that
 * `#include "harbor/task_client.h"` works with -IOUTDIR. The build runs it
 * with OUTDIR = build/gen (docs/idl.md). Errors in the interface file are
 * reported as file:line:col and exit 1; nothing is written then.
 *
 * The second form writes the table of every routine's id and name across
 * all the files given (names.c), for the trace tools.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "idlc.h"

static void
usage(void)
{
	fprintf(stderr, "usage: idlc -o OUTDIR file.defs\n       idlc -names OUTFILE file.defs...\n");
	exit(2);
}

/* Read the whole file into a NUL-terminated string. */
static char *
read_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL) {
		fprintf(stderr, "idlc: cannot open %s: %s\n", path, strerror(errno));
		exit(1);
	}
	do {
		if (cap - len < 4096) {
			cap = cap ? 2 * cap : 8192;
			buf = realloc(buf, cap + 1);
			if (buf == NULL) {
				fprintf(stderr, "idlc: out of memory\n");
				exit(1);
			}
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	fclose(fp);
	if (memchr(buf, '\0', len) != NULL) {
		fprintf(stderr, "%s: error: the file contains a NUL byte; is it text?\n", path);
		exit(1);
	}
	buf[len] = '\0';
	return buf;
}

/* mkdir -p: make path and any missing parents. */
static void
make_dir(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof buf, "%s", path);
	for (char *s = buf + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "idlc: cannot create %s: %s\n", buf, strerror(errno));
			exit(1);
		}
		*s = c;
		if (c == '\0')
			return;
	}
}

/* Write one generated file through gen, via a temporary name, so a failed
 * run never leaves a half-written file for make to trust. */
static void
write_one(const struct idl_file *f, const char *dir, const char *suffix,
	  void (*gen)(struct emit *))
{
	char path[4096], tmp[4100];
	struct emit e;

	snprintf(path, sizeof path, "%s/%s%s", dir, f->name, suffix);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	e.f = f;
	e.fp = fopen(tmp, "w");
	if (e.fp == NULL) {
		fprintf(stderr, "idlc: cannot write %s: %s\n", tmp, strerror(errno));
		exit(1);
	}
	gen(&e);
	if (ferror(e.fp) || fclose(e.fp) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "idlc: cannot write %s: %s\n", path, strerror(errno));
		remove(tmp);
		exit(1);
	}
}

/* The build finds the output by the file's name (task.defs makes
 * task_client.c), so the subsystem must be called what its file is. */
static void
check_file_name(const struct idl_file *f, const char *input)
{
	const char *base = strrchr(input, '/');
	size_t len;

	base = base ? base + 1 : input;
	len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".defs") == 0)
		len -= 5;
	if (strlen(f->name) != len || strncmp(f->name, base, len) != 0)
		idl_error(input, 1, 1, "the subsystem is called '%s' but the file "
		    "is '%s': name the file %s.defs, since the build expects "
		    "%.*s_client.c and friends from it", f->name, base, f->name,
		    (int)len, base);
}

/* idlc -names OUTFILE file.defs...: the operation-name table, via a temporary name. */
static int
names_main(int argc, char **argv)
{
	static struct idl_file f;
	char tmp[4100];
	FILE *fp;

	if (argc < 3)
		usage();
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
	fp = fopen(tmp, "w");
	if (fp == NULL) {
		fprintf(stderr, "idlc: cannot write %s: %s\n", tmp, strerror(errno));
		exit(1);
	}
	fprintf(fp, "# id subsystem routine: every operation (replies: id + 100). Made by idlc -names.\n");
	for (int i = 3; i < argc; i++) {
		memset(&f, 0, sizeof f);
		parse_file(&f, argv[i], read_file(argv[i]));
		names_write(fp, &f);
	}
	if (ferror(fp) || fclose(fp) != 0 || rename(tmp, argv[2]) != 0) {
		fprintf(stderr, "idlc: cannot write %s: %s\n", argv[2], strerror(errno));
		remove(tmp);
		exit(1);
	}
	return 0;
}

/* main - idlc -o OUTDIR file.defs; exits 0, or 1 on any error (2: usage). */
int
main(int argc, char **argv)
{
	static struct idl_file f;	/* large: keep it off the stack */
	const char *outdir = NULL, *input = NULL;
	char dir[4096];
	char *src;

	if (argc > 1 && strcmp(argv[1], "-names") == 0)
		return names_main(argc, argv);

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			outdir = argv[++i];
		else if (argv[i][0] == '-' || input != NULL)
			usage();
		else
			input = argv[i];
	}
	if (outdir == NULL || input == NULL)
		usage();

	src = read_file(input);
	parse_file(&f, input, src);
	check_file_name(&f, input);

	make_dir(outdir);
	snprintf(dir, sizeof dir, "%s/harbor", outdir);
	make_dir(dir);
	write_one(&f, dir, "_client.h", client_header);
	write_one(&f, dir, "_client.c", client_source);
	write_one(&f, dir, "_server.h", server_header);
	write_one(&f, dir, "_server.c", server_source);
	return 0;
}
