/*
 * names.c - the operation-name table: every routine's message id and name.
 *
 *   idlc -names OUTFILE a.defs b.defs ...
 *
 * writes one line per routine of every file: "ID SUBSYSTEM ROUTINE" (a
 * reply's id is ID + 100). The trace renderer (tools/trace/) and GDB's
 * commands (tools/gdb/harbor.py) read it to call a message by its
 * operation's name instead of its number. The build writes
 * build/gen/harbor/opnames.txt from every include/harbor/NAME.defs.
 */
#include "idlc.h"

void
names_write(FILE *fp, const struct idl_file *f)
{
	for (int i = 0; i < f->nroutines; i++)
		fprintf(fp, "%u %s %s\n", f->routines[i].id, f->name, f->routines[i].name);
}
