/*
 * server.c - write <sub>_server.h and <sub>_server.c: the server dispatch.
 *
 * The server side is one function, <sub>_dispatch, and one handler per
 * routine that the server's author writes. dispatch looks the id up in a
 * bounds-checked table of stubs; each stub checks that the request has
 * exactly the declared shape (size, descriptors, kinds of right, lengths,
 * string terminators) before the handler runs, so a handler only ever sees
 * arguments that obey the interface. The stub then packs the handler's out
 * arguments into the reply. A bad request gets an error reply instead.
 */
#include <string.h>

#include "harbor/msg.h"
#include "idlc.h"

/* What a handler's out argument means, for its doc comment. */
static void
emit_handler_notes(struct emit *e, const struct idl_routine *r)
{
	int said = 0;

	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];

		if (!a->out || !layout_is_var(&a->type))
			continue;
		if (!said)
			emit(e, "/*\n");
		said = 1;
		if (a->type.kind == IDL_BYTES_VAR)
			emit(e, " * %s: a %u-byte buffer; set *%s_len to the bytes used.\n",
			    a->name, a->type.bound, a->name);
		else
			emit(e, " * %s: a %u-byte buffer (starts as \"\"); write a NUL-terminated string.\n",
			    a->name, a->type.bound);
	}
	if (said)
		emit(e, " */\n");
}

/*
 * server_header - write <sub>_server.h: ids, buffer sizes, the handlers
 * the server's author writes, and dispatch.
 */
void
server_header(struct emit *e)
{
	const struct idl_file *f = e->f;
	char file[IDL_NAME_MAX + 16], name[2 * IDL_NAME_MAX + 16];
	uint32_t req_max = 0, reply_max = (uint32_t)sizeof(struct msg_reply_header);
	struct params ps;

	for (int i = 0; i < f->nroutines; i++) {
		struct idl_layout in, out;

		layout_compute(&f->routines[i], 0, &in);
		layout_compute(&f->routines[i], 1, &out);
		if (in.max > req_max)
			req_max = in.max;
		if (!f->routines[i].oneway && out.max > reply_max)
			reply_max = out.max;
	}

	snprintf(file, sizeof file, "%s_server.h", f->name);
	emit_file_intro(e, file, "server side of the interface:",
	    "The server's author writes one handler per routine; a handler\n"
	    "returns ERR_OK and fills its out args, or returns an error code,\n"
	    "which becomes the client's return value. The server loop receives a\n"
	    "message and calls the dispatch function, which checks it, calls the\n"
	    "handler and builds the reply.\n");
	emit(e, "#ifndef HARBOR_%s_SERVER_H\n#define HARBOR_%s_SERVER_H\n\n", f->upper, f->upper);
	emit(e, "#include <stdint.h>\n#include \"harbor/msg.h\"\n\n");
	emit_id_macros(e);
	emit(e, "\n/* Buffer sizes, in bytes: the largest request, and the largest reply\n"
		" * (the reply buffer passed to %s_dispatch must hold this many). */\n", f->name);
	emit(e, "#define %s_REQUEST_MAX\t%uu\n#define %s_REPLY_MAX\t%uu\n",
	    f->upper, req_max, f->upper, reply_max);

	for (int i = 0; i < f->nroutines; i++) {
		const struct idl_routine *r = &f->routines[i];

		emit(e, "\n");
		emit_doc(e, r, "_handler");
		emit_handler_notes(e, r);
		params_routine(r, PARAMS_HANDLER, &ps);
		snprintf(name, sizeof name, "%s_%s_handler", f->name, r->name);
		emit(e, "int ");
		emit_call_shape(e, 4, name, &ps);
		emit(e, ";\n");
	}

	emit(e, "\n/*\n"
		" * %s_dispatch - serve one request: check it has exactly the shape its\n"
		" * routine declares, run the handler, and build the reply in reply.\n"
		" * req must point to req->size readable bytes (as msg_receive delivers\n"
		" * them); reply to %s_REPLY_MAX writable bytes, not overlapping req.\n"
		" * ctx is passed to the handler untouched.\n"
		" *\n"
		" * Returns 1 if a reply was built in reply (send it with msg_send; its\n"
		" * dest is req->reply), or 0 if there is nothing to send: the routine is\n"
		" * a simpleroutine, or the request brought no reply right (the reply\n"
		" * is built whole all the same, so its rights can be released). A request\n"
		" * with an unknown id gets an ERR_BAD_OPERATION reply, a malformed one\n"
		" * an ERR_BAD_MESSAGE reply, and in both cases no handler runs; a\n"
		" * handler's error becomes an error reply too. Such a refused request's\n"
		" * rights are still the caller's to release, and its error reply is\n"
		" * built even when 0 says there is nobody to send it to, so the caller\n"
		" * can tell (user/lib/server.c clears reply->size first).\n"
		" */\n", f->name, f->upper);
	emit(e, "int %s_dispatch(void *ctx, const struct msg_header *req, struct msg_header *reply);\n",
	    f->name);
	emit(e, "\n#endif /* HARBOR_%s_SERVER_H */\n", f->upper);
}

/* Emit conditions joined by ||, as one if that sends an error reply. */
struct conds {
	char text[2 * IDL_ARGS_MAX + 8][2 * IDL_NAME_MAX + 80];
	int n;
};

static void
cond(struct conds *c, const char *fmt, const char *a, const char *b)
{
	snprintf(c->text[c->n++], sizeof c->text[0], fmt, a, b);
}

static void
emit_conds(struct emit *e, const struct conds *c, const char *code)
{
	emit(e, "\tif (");
	for (int i = 0; i < c->n; i++)
		emit(e, "%s%s", i ? " ||\n\t    " : "", c->text[i]);
	emit(e, ")\n\t\treturn idl_error_reply(req, reply, %s);\n", code);
}

/* Check the request's size, complex bit, descriptors and variable part. */
static void
emit_check_request(struct emit *e, const struct idl_routine *r, const struct idl_layout *in)
{
	struct conds c = { .n = 0 };
	struct layout_desc d;
	char num[32], lhs[IDL_NAME_MAX + 24];

	emit(e, "\t/* Shape: size, complex bit, descriptors; the size first, so the\n"
		"\t * other checks only read bytes the request has. */\n");
	if (in->nvar == 0) {
		cond(&c, "req->size != sizeof *in", NULL, NULL);
	} else {
		snprintf(num, sizeof num, "%u", in->max);
		cond(&c, "req->size < sizeof *in || req->size > %s", num, NULL);
	}
	cond(&c, in->ndesc ? "!(req->bits & MSG_BITS_COMPLEX)" : "(req->bits & MSG_BITS_COMPLEX)",
	    NULL, NULL);
	if (in->ndesc > 0) {
		snprintf(num, sizeof num, "%d", in->ndesc);
		cond(&c, "in->body.desc_count != %s", num, NULL);
	}
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];

		if (a->out || !layout_desc(a, 1, &d))
			continue;
		cond(&c, "in->%s.type != %s", a->name, d.type);
		snprintf(lhs, sizeof lhs, "in->%s.%s", a->name, d.field);
		cond(&c, "%s != %s", lhs, d.value);
	}
	emit_conds(e, &c, "ERR_BAD_MESSAGE");
	if (in->nvar == 0)
		return;

	emit(e, "\t/* The variable part: each length within its bound and the data\n"
		"\t * inside the message; together they must fill it exactly. */\n");
	emit(e, "\toff = sizeof *in;\n");
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];
		const char *nm = a->name;

		if (a->out || !layout_is_var(&a->type))
			continue;
		emit(e, "\t/* %s: %s */\n", nm, a->type.spelling);
		emit(e, "\tif (req->size - off < 4)\n\t\treturn idl_error_reply(req, reply, ERR_BAD_MESSAGE);\n");
		emit(e, "\t%s_len = idl_get32(req_raw + off);\n", nm);
		emit(e, "\tif (%s_len > %u || req->size - off - 4 < idl_pad4(%s_len))\n"
			"\t\treturn idl_error_reply(req, reply, ERR_BAD_MESSAGE);\n",
		    nm, a->type.bound, nm);
		if (a->type.kind == IDL_STRING) {
			emit(e, "\t%s = (const char *)req_raw + off + 4;\n", nm);
			emit(e, "\t/* The length counts the NUL, which must be the last byte and the only one. */\n"
				"\tif (%s_len == 0 || idl_strnlen(%s, %s_len) != %s_len - 1)\n"
				"\t\treturn idl_error_reply(req, reply, ERR_BAD_MESSAGE);\n",
			    nm, nm, nm, nm);
		} else {
			emit(e, "\t%s = req_raw + off + 4;\n", nm);
		}
		emit(e, "\toff += 4 + idl_pad4(%s_len);\n", nm);
	}
	emit(e, "\tif (off != req->size)\n\t\treturn idl_error_reply(req, reply, ERR_BAD_MESSAGE);\n");
}

/* The handler call, with each argument taken from the request or pointing
 * into the reply. */
static void
emit_handler_call(struct emit *e, const struct idl_routine *r)
{
	struct params ps;
	char name[2 * IDL_NAME_MAX + 16];

	params_routine(r, PARAMS_CALL, &ps);
	snprintf(name, sizeof name, "%s_%s_handler", e->f->name, r->name);
	emit(e, "\t%s", r->oneway ? "(void)" : "err = ");
	emit_call_shape(e, 16, name, &ps);
	emit(e, ";\n");
}

/* After the handler: check its variable out args, then pack the reply. */
static void
emit_pack_reply(struct emit *e, const struct idl_routine *r, const struct idl_layout *out)
{
	int nth = 0;

	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];
		const char *nm = a->name;

		if (!a->out || !layout_is_var(&a->type))
			continue;
		if (nth++ == 0)
			emit(e, "\t/* A handler that breaks the interface gets its client\n"
				"\t * ERR_BAD_REPLY, never a malformed reply. */\n");
		if (a->type.kind == IDL_STRING)
			emit(e, "\t%s_len = idl_strnlen(%s, %u) + 1;\t/* the NUL travels too */\n",
			    nm, nm, a->type.bound);
		emit(e, "\tif (%s_len > %u)\n\t\treturn idl_error_reply(req, reply, ERR_BAD_REPLY);\n",
		    nm, a->type.bound);
	}
	if (out->nvar > 0) {
		emit(e, "\t/* Slide each variable arg down to just after the previous one. */\n");
		emit(e, "\toff = sizeof *out;\n");
	}
	nth = 0;
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];
		const char *nm = a->name;

		if (!a->out || !layout_is_var(&a->type))
			continue;
		emit(e, "\tidl_put32(reply_raw + off, %s_len);\n", nm);
		/* The first one was written in place; later ones may move. */
		if (nth++ > 0)
			emit(e, "\t__builtin_memmove(reply_raw + off + 4, %s, %s_len);\n", nm, nm);
		emit(e, "\t__builtin_memset(reply_raw + off + 4 + %s_len, 0, idl_pad4(%s_len) - %s_len);\n",
		    nm, nm, nm);
		emit(e, "\toff += 4 + idl_pad4(%s_len);\n", nm);
	}
	emit(e, "\tidl_reply_start(req, reply, %s, %s);\n",
	    out->ndesc > 0 ? "MSG_BITS_COMPLEX" : "0", out->nvar > 0 ? "off" : "sizeof *out");
	if (out->ndesc > 0)
		emit(e, "\tout->body.desc_count = %d;\n", out->ndesc);
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];
		struct layout_desc d;

		if (a->out && layout_desc(a, 0, &d))
			emit(e, "\tout->%s.type = %s;\n"
				"\tout->%s.%s = %s;\n", a->name, d.type, a->name, d.field, d.value);
	}
	/* The reply is built whole even when no one can receive it: the
	 * rights it carries are then destroyed with it, never left behind. */
	emit(e, "\tout->retcode = ERR_OK;\n"
		"\t/* Built whole even with no one to answer (e.g. a task that\n"
		"\t * terminated itself): whoever drops it drops its rights too. */\n"
		"\treturn idl_has_reply_right(req);\n");
}

/* One stub: the checks, the handler call, the reply. */
static void
emit_stub(struct emit *e, const struct idl_routine *r)
{
	const char *sub = e->f->name;
	struct idl_layout in, out;
	uint32_t at;

	layout_compute(r, 0, &in);
	layout_compute(r, 1, &out);
	emit(e, "\n/* %s: check the request, run the handler, build the reply. */\n"
		"static int\n%s_%s_stub(void *ctx, const struct msg_header *req, struct msg_header *reply)\n{\n",
	    r->name, sub, r->name);
	emit(e, "\tconst struct %s_%s_request *in = (const void *)req;\n", sub, r->name);
	if (in.nvar > 0)
		emit(e, "\tconst uint8_t *req_raw = (const uint8_t *)req;\n");
	if (!r->oneway)
		emit(e, "\tstruct %s_%s_reply *out = (void *)reply;\n", sub, r->name);
	if (out.nvar > 0)
		emit(e, "\tuint8_t *reply_raw = (uint8_t *)reply;\n");
	/* Variable out args are first written where they would sit if every
	 * earlier one were at its bound, so each has room whatever the others
	 * hold; emit_pack_reply slides them together afterwards. */
	at = out.fixed;
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];

		if (!layout_is_var(&a->type))
			continue;
		if (a->out) {
			emit(e, "\t%s *%s = (%s *)(reply_raw + %u);\n",
			    a->type.kind == IDL_STRING ? "char" : "uint8_t", a->name,
			    a->type.kind == IDL_STRING ? "char" : "uint8_t", at + 4);
			at += 4 + layout_pad4(a->type.bound);
		} else {
			emit(e, "\tconst %s *%s;\n",
			    a->type.kind == IDL_STRING ? "char" : "uint8_t", a->name);
		}
		emit(e, "\tuint32_t %s_len;\n", a->name);
	}
	if (in.nvar > 0 || out.nvar > 0)
		emit(e, "\tuint32_t off;\n");
	if (!r->oneway)
		emit(e, "\tint err;\n");
	emit(e, "\n");

	emit_check_request(e, r, &in);

	emit(e, "\n\t/* The request is well formed: the handler takes over. */\n");
	/* Out args start zeroed, so a handler that leaves one unset sends no
	 * stale bytes. The header is not zeroed: every reply path writes all
	 * of it (idl_reply_start), and zeroing it too made getpid's 28-byte
	 * reply a loop of about 38 instructions instead of two stores. */
	if (!r->oneway)
		emit(e, "\t__builtin_memset((uint8_t *)out + sizeof out->head, 0,\n"
			"\t    sizeof *out - sizeof out->head);\n");
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];

		if (a->out && a->type.kind == IDL_BYTES_VAR)
			emit(e, "\t%s_len = 0;\n", a->name);
		if (a->out && a->type.kind == IDL_STRING)
			emit(e, "\t%s[0] = '\\0';\n", a->name);
	}
	emit_handler_call(e, r);
	if (r->oneway) {
		emit(e, "\treturn 0;\t/* a simpleroutine never replies, even with an error */\n}\n");
		return;
	}
	emit(e, "\tif (err != ERR_OK)\n\t\treturn idl_error_reply(req, reply, err);\n");
	emit_pack_reply(e, r, &out);
	emit(e, "}\n");
}

/* The static helpers every server file needs: replies and error replies. */
static void
emit_reply_helpers(struct emit *e)
{
	emit(e,
	    "\n/* Can we answer req at all? Only if it brought a reply right. */\n"
	    "static int\n"
	    "idl_has_reply_right(const struct msg_header *req)\n"
	    "{\n"
	    "\tuint32_t kind = MSG_BITS_REPLY(req->bits);\n\n"
	    "\treturn req->reply != NAME_NULL &&\n"
	    "\t    (kind == MSG_MOVE_SEND_ONCE || kind == MSG_MOVE_SEND);\n"
	    "}\n\n"
	    "/* Fill reply's header: to req's reply right, which it uses up, with\n"
	    " * the id the client waits for. */\n"
	    "static void\n"
	    "idl_reply_start(const struct msg_header *req, struct msg_header *reply,\n"
	    "\t\tuint32_t complex, uint32_t size)\n"
	    "{\n"
	    "\treply->bits = MSG_BITS(MSG_BITS_REPLY(req->bits), MSG_NONE) | complex;\n"
	    "\treply->size = size;\n"
	    "\treply->dest = req->reply;\n"
	    "\treply->reply = NAME_NULL;\n"
	    "\treply->id = MSG_REPLY_ID(req->id);\n"
	    "}\n\n"
	    "/* An error reply is only the reply header with a nonzero code. It is\n"
	    " * built even without a reply right to send it through, so that the\n"
	    " * caller of dispatch sees the request was refused. Returns what\n"
	    " * dispatch returns: 1 if there is a reply to send, else 0. */\n"
	    "static int\n"
	    "idl_error_reply(const struct msg_header *req, struct msg_header *reply, int code)\n"
	    "{\n"
	    "\tstruct msg_reply_header *r = (struct msg_reply_header *)reply;\n\n"
	    "\tidl_reply_start(req, &r->head, 0, sizeof *r);\n"
	    "\tr->retcode = code;\n"
	    "\treturn idl_has_reply_right(req);\n"
	    "}\n");
}

/* server_source - write <sub>_server.c: layouts, stubs, table, dispatch. */
void
server_source(struct emit *e)
{
	const struct idl_file *f = e->f;
	char file[IDL_NAME_MAX + 16];

	snprintf(file, sizeof file, "%s_server.c", f->name);
	emit_file_intro(e, file, "server dispatch for the interface:",
	    "dispatch looks the request's id up in a table, the routine's stub\n"
	    "checks every byte of the request against the declaration, and only\n"
	    "then does the handler run.\n");
	emit(e, "#include <stdint.h>\n#include <stddef.h>\n\n"
		"#include \"harbor/msg.h\"\n#include \"harbor/error.h\"\n"
		"#include \"harbor/%s_server.h\"\n", f->name);
	emit_layout_structs(e);
	emit_helpers(e);
	emit_reply_helpers(e);
	for (int i = 0; i < f->nroutines; i++)
		emit_stub(e, &f->routines[i]);

	emit(e, "\n/* The stubs by id - %s_BASE, with a bounds check in %s_dispatch. */\n"
		"typedef int idl_stub_fn(void *ctx, const struct msg_header *req,\n"
		"\t\t\tstruct msg_header *reply);\n\n"
		"static idl_stub_fn *const idl_stubs[%s_COUNT] = {\n", f->upper, f->name, f->upper);
	for (int i = 0; i < f->nroutines; i++) {
		emit(e, "\t[");
		emit_routine_macro(e, &f->routines[i], "_ID");
		emit(e, " - %s_BASE] = %s_%s_stub,\n", f->upper, f->name, f->routines[i].name);
	}
	emit(e, "};\n");

	emit(e, "\n/* %s_dispatch - see %s_server.h for the contract. */\nint\n"
		"%s_dispatch(void *ctx, const struct msg_header *req, struct msg_header *reply)\n{\n"
		"\tuint32_t index;\n\n"
		"\t/* The kernel delivers no such sizes, but a server must not trust that. */\n"
		"\tif (req->size < sizeof *req || req->size > MSG_SIZE_MAX || req->size %% 4 != 0)\n"
		"\t\treturn idl_error_reply(req, reply, ERR_BAD_MESSAGE);\n"
		"\tindex = req->id - %s_BASE;\t/* an id below the base wraps to a huge index */\n"
		"\tif (index >= %s_COUNT || idl_stubs[index] == NULL)\n"
		"\t\treturn idl_error_reply(req, reply, ERR_BAD_OPERATION);\n"
		"\treturn idl_stubs[index](ctx, req, reply);\n}\n",
	    f->name, f->name, f->name, f->upper, f->upper);
}
