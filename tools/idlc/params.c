/*
 * params.c - how each kind of argument appears in the generated C, in one
 * table: as the client stub's parameters, as the handler's parameters,
 * and as the arguments the server's stub passes to the handler.
 *
 * Each cell is a list of C parameters (or arguments) separated by ", ":
 * %s stands for the argument's name and %u for its bound. Keeping the
 * three sides in one row keeps them in step: a new kind of argument is one
 * new row. docs/idl.md shows the client and handler columns for people.
 */
#include <string.h>

#include "idlc.h"

struct param_row {
	const char *client[2];	/* the client stub's parameters: [0] in arg, [1] out arg */
	const char *handler[2];	/* the handler's parameters */
	const char *call[2];	/* what the server's stub passes to the handler */
};

static const struct param_row param_rows[] = {
	[IDL_INT32] = {
		.client = { "int32_t %s", "int32_t *%s" },
		.handler = { "int32_t %s", "int32_t *%s" },
		.call = { "in->%s", "&out->%s" },
	},
	[IDL_UINT32] = {
		.client = { "uint32_t %s", "uint32_t *%s" },
		.handler = { "uint32_t %s", "uint32_t *%s" },
		.call = { "in->%s", "&out->%s" },
	},
	[IDL_BYTES_FIXED] = {
		.client = { "const uint8_t %s[%u]", "uint8_t %s[%u]" },
		.handler = { "const uint8_t %s[%u]", "uint8_t %s[%u]" },
		.call = { "in->%s", "out->%s" },
	},
	/* A client's variable out arg comes with the room it has (_cap); the
	 * handler's buffer is always the bound's size. */
	[IDL_BYTES_VAR] = {
		.client = { "const void *%s, uint32_t %s_len",
			    "void *%s, uint32_t %s_cap, uint32_t *%s_len" },
		.handler = { "const void *%s, uint32_t %s_len", "void *%s, uint32_t *%s_len" },
		.call = { "%s, %s_len", "%s, &%s_len" },
	},
	[IDL_STRING] = {
		.client = { "const char *%s", "char *%s, uint32_t %s_cap" },
		.handler = { "const char *%s", "char *%s" },
		.call = { "%s", "%s" },
	},
	/* A handler takes a port as a plain word: a name in a user server,
	 * a port pointer in the kernel's own handlers (kernel/kobject.c). */
	[IDL_PORT] = {
		.client = { "port_name_t %s", "port_name_t *%s" },
		.handler = { "uint32_t %s", "uint32_t *%s" },
		.call = { "in->%s.name", "&out->%s.name" },
	},
	[IDL_OOL] = {
		.client = { "uint32_t %s_addr, uint32_t %s_size",
			    "uint32_t *%s_addr, uint32_t *%s_size" },
		.handler = { "uint32_t %s_addr, uint32_t %s_size",
			     "uint32_t *%s_addr, uint32_t *%s_size" },
		.call = { "in->%s.address, in->%s.size", "&out->%s.address, &out->%s.size" },
	},
};

/* Append each parameter of one cell, filled in for argument a. */
static void
params_cell(struct params *ps, const char *cell, const struct idl_arg *a)
{
	char one[IDL_NAME_MAX + 40];

	while (*cell != '\0') {
		const char *end = strstr(cell, ", ");
		size_t n = end ? (size_t)(end - cell) : strlen(cell);

		if (n >= sizeof one)	/* cannot happen: the cells are short */
			n = sizeof one - 1;
		memcpy(one, cell, n);
		one[n] = '\0';
		emit_param(ps, one, a->name, a->type.bound);
		cell += end ? n + 2 : n;
	}
}

/*
 * params_routine - routine r's parameter (or argument) list for one side,
 * into ps: the side's first entry (target or ctx), then the in args, then
 * the out args, each in declaration order. Cannot fail.
 */
void
params_routine(const struct idl_routine *r, enum params_side side, struct params *ps)
{
	static const char *const first[] = {
		[PARAMS_CLIENT] = "port_name_t target",
		[PARAMS_HANDLER] = "void *ctx",
		[PARAMS_CALL] = "ctx",
	};

	ps->n = 0;
	emit_param(ps, first[side], NULL, 0);
	for (int out = 0; out <= 1; out++) {
		for (int i = 0; i < r->nargs; i++) {
			const struct idl_arg *a = &r->args[i];
			const struct param_row *row = &param_rows[a->type.kind];

			if (a->out != out)
				continue;
			if (side == PARAMS_CLIENT)
				params_cell(ps, row->client[out], a);
			else if (side == PARAMS_HANDLER)
				params_cell(ps, row->handler[out], a);
			else
				params_cell(ps, row->call[out], a);
		}
	}
}
