/*
 * client.c - write <sub>_client.h and <sub>_client.c: the client stubs.
 *
 * A stub looks like an ordinary C function. It checks the caller's
 * arguments against the interface bounds, packs them into a message in a
 * buffer on its stack, calls msg_call (or msg_send for a simpleroutine) and
 * then checks that the reply has exactly the promised shape before it
 * writes a single out argument: a server may be buggy or hostile, and a
 * reply must never make the client write past a caller's buffer. What it
 * turns away goes to msg_call_reject, which also throws the reply port
 * away (user/lib/call.c says why).
 *
 * Parameters: the target port, then the in args in declaration order, then
 * the out args as pointers in declaration order (params.c holds the table
 * of C types, which docs/idl.md shows).
 */
#include <string.h>

#include "harbor/msg.h"
#include "idlc.h"

static void
stub_name(const struct emit *e, const struct idl_routine *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s_%s", e->f->name, r->name);
}

/*
 * client_header - write <sub>_client.h: ids, then a documented prototype
 * for every stub.
 */
void
client_header(struct emit *e)
{
	const struct idl_file *f = e->f;
	char file[IDL_NAME_MAX + 16], name[2 * IDL_NAME_MAX + 2];
	struct params ps;

	snprintf(file, sizeof file, "%s_client.h", f->name);
	emit_file_intro(e, file, "client stubs for the interface:",
	    "Every stub returns ERR_OK with its out args filled; or the error\n"
	    "msg_call/msg_send returned (msg_call's include ERR_TIMED_OUT and\n"
	    "ERR_NO_REPLY_PORT); or ERR_BAD_ARGUMENT if an in arg is over its\n"
	    "bound; or ERR_NO_REPLY if the server dropped the request; or\n"
	    "ERR_BAD_REPLY if the reply does not have the shape the interface\n"
	    "promises (then no out arg is touched); or the error code the\n"
	    "server's handler returned.\n");
	emit(e, "#ifndef HARBOR_%s_CLIENT_H\n#define HARBOR_%s_CLIENT_H\n\n", f->upper, f->upper);
	emit(e, "#include <stdint.h>\n#include \"harbor/msg.h\"\n\n");
	emit_id_macros(e);
	for (int i = 0; i < f->nroutines; i++) {
		const struct idl_routine *r = &f->routines[i];

		emit(e, "\n");
		emit_doc(e, r, "");
		params_routine(r, PARAMS_CLIENT, &ps);
		stub_name(e, r, name, sizeof name);
		emit(e, "int ");
		emit_call_shape(e, 4, name, &ps);
		emit(e, ";\n");
	}
	emit(e, "\n#endif /* HARBOR_%s_CLIENT_H */\n", f->upper);
}

/* Check the caller's variable in args against their bounds before packing. */
static void
emit_check_ins(struct emit *e, const struct idl_routine *r)
{
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];

		if (a->out)
			continue;
		if (a->type.kind == IDL_BYTES_VAR)
			emit(e, "\tif (%s_len > %u)\n\t\treturn ERR_BAD_ARGUMENT;\n",
			    a->name, a->type.bound);
		if (a->type.kind == IDL_STRING)
			emit(e, "\t%s_len = idl_strnlen(%s, %u) + 1;\t/* the NUL travels too */\n"
				"\tif (%s_len > %u)\n\t\treturn ERR_BAD_ARGUMENT;\t/* no NUL within the bound */\n",
			    a->name, a->name, a->type.bound, a->name, a->type.bound);
	}
}

/* Fill the request: header, descriptors, fixed args, variable args. */
static void
emit_pack_request(struct emit *e, const struct idl_routine *r, const struct idl_layout *in)
{
	emit(e, "\t__builtin_memset(&msg.req, 0, sizeof msg.req);\n");
	emit(e, "\tmsg.head.bits = MSG_BITS(MSG_COPY_SEND, %s)%s;\n",
	    r->oneway ? "MSG_NONE" : "MSG_MAKE_SEND_ONCE",
	    in->ndesc > 0 ? " | MSG_BITS_COMPLEX" : "");
	emit(e, "\tmsg.head.dest = target;\n");
	if (!r->oneway)
		emit(e, "\t/* msg_call passes this thread's reply port as head.reply. */\n");
	emit(e, "\tmsg.head.id = ");
	emit_routine_macro(e, r, "_ID;\n");
	if (in->ndesc > 0)
		emit(e, "\tmsg.req.body.desc_count = %d;\n", in->ndesc);
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];
		const char *nm = a->name;
		struct layout_desc d;

		if (a->out)
			continue;
		switch (a->type.kind) {
		case IDL_INT32:
		case IDL_UINT32:
			emit(e, "\tmsg.req.%s = %s;\n", nm, nm);
			break;
		case IDL_BYTES_FIXED:
			emit(e, "\t__builtin_memcpy(msg.req.%s, %s, %u);\n", nm, nm, a->type.bound);
			break;
		case IDL_PORT:
		case IDL_OOL:
			layout_desc(a, 0, &d);
			emit(e, "\tmsg.req.%s.type = %s;\n"
				"\tmsg.req.%s.%s = %s;\n", nm, d.type, nm, d.field, d.value);
			if (a->type.kind == IDL_PORT)
				emit(e, "\tmsg.req.%s.name = %s;\n", nm, nm);
			else
				emit(e, "\tmsg.req.%s.address = %s_addr;\n"
					"\tmsg.req.%s.size = %s_size;\n", nm, nm, nm, nm);
			break;
		default:
			break;
		}
	}
	if (in->nvar == 0) {
		emit(e, "\tmsg.head.size = sizeof msg.req;\n");
		return;
	}
	emit(e, "\t/* The variable part: for each, its length, then the data and\n"
		"\t * zeros up to the next multiple of 4. */\n");
	emit(e, "\toff = sizeof msg.req;\n");
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];

		if (a->out || !layout_is_var(&a->type))
			continue;
		emit(e, "\tidl_put32(msg.raw + off, %s_len);\n", a->name);
		if (a->type.kind == IDL_STRING)
			emit(e, "\tmemcpy(msg.raw + off + 4, %s, %s_len);\n",
			    a->name, a->name);
		else	/* a NULL pointer with length 0 is fine: copy nothing */
			emit(e, "\tif (%s_len > 0)\n\t\tmemcpy(msg.raw + off + 4, %s, %s_len);\n",
			    a->name, a->name, a->name);
		emit(e, "\t__builtin_memset(msg.raw + off + 4 + %s_len, 0, idl_pad4(%s_len) - %s_len);\n",
		    a->name, a->name, a->name);
		emit(e, "\toff += 4 + idl_pad4(%s_len);\n", a->name);
	}
	emit(e, "\tmsg.head.size = off;\n");
}

/* Check the reply's shape; every failure is ERR_BAD_REPLY. */
static void
emit_check_reply(struct emit *e, const struct idl_routine *r, const struct idl_layout *out)
{
	emit(e, "\n\t/* The reply must have exactly the promised shape. Nothing is\n"
		"\t * written to the caller's out args until every check passed, and\n"
		"\t * anything else is turned away (idl_reject). */\n");
	emit(e, "\tif (msg.head.id == MSG_ID_NOTIFY_SEND_ONCE)\t/* the server dropped our reply right (or died) */\n"
		"\t\treturn idl_reject(&msg.head, ERR_NO_REPLY);\n");
	emit(e, "\tif (msg.head.id != MSG_REPLY_ID(");
	emit_routine_macro(e, r, "_ID");
	emit(e, ") ||\n\t    msg.head.size < sizeof msg.err || msg.head.size > sizeof msg)\n"
		"\t\treturn idl_reject(&msg.head, ERR_BAD_REPLY);\n");
	emit(e, "\t/* An error reply is just the reply header and a nonzero code. */\n"
		"\tif (!(msg.head.bits & MSG_BITS_COMPLEX) && msg.head.size == sizeof msg.err &&\n"
		"\t    msg.err.retcode != ERR_OK)\n"
		"\t\treturn msg.err.retcode;\n");

	if (out->nvar == 0)
		emit(e, "\tif (msg.head.size != sizeof msg.rep");
	else
		emit(e, "\tif (msg.head.size < sizeof msg.rep");
	emit(e, " ||\n\t    %s(msg.head.bits & MSG_BITS_COMPLEX)", out->ndesc > 0 ? "!" : "");
	if (out->ndesc > 0)
		emit(e, " ||\n\t    msg.rep.body.desc_count != %d", out->ndesc);
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];
		struct layout_desc d;

		if (a->out && layout_desc(a, 1, &d))
			emit(e, " ||\n\t    msg.rep.%s.type != %s ||\n"
				"\t    msg.rep.%s.%s != %s", a->name, d.type, a->name, d.field, d.value);
	}
	emit(e, " ||\n\t    msg.rep.retcode != ERR_OK)\n\t\treturn idl_reject(&msg.head, ERR_BAD_REPLY);\n");
	if (out->nvar == 0)
		return;

	emit(e, "\toff = sizeof msg.rep;\n");
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];
		const char *nm = a->name;
		uint32_t bound = a->type.bound;

		if (!a->out || !layout_is_var(&a->type))
			continue;
		emit(e, "\t/* %s: %s */\n", nm, a->type.spelling);
		emit(e, "\tif (msg.head.size - off < 4)\n\t\treturn idl_reject(&msg.head, ERR_BAD_REPLY);\n");
		emit(e, "\t%s_n = idl_get32(msg.raw + off);\n", nm);
		emit(e, "\tif (%s_n > %u || %s_n > %s_cap ||\n"
			"\t    msg.head.size - off - 4 < idl_pad4(%s_n))\n"
			"\t\treturn idl_reject(&msg.head, ERR_BAD_REPLY);\n", nm, bound, nm, nm, nm);
		if (a->type.kind == IDL_STRING)
			emit(e, "\t/* The length counts the NUL, which must be the last byte and the only one. */\n"
				"\tif (%s_n == 0 || idl_strnlen((const char *)msg.raw + off + 4, %s_n) != %s_n - 1)\n"
				"\t\treturn idl_reject(&msg.head, ERR_BAD_REPLY);\n", nm, nm, nm);
		emit(e, "\t%s_at = off + 4;\n", nm);
		emit(e, "\toff += 4 + idl_pad4(%s_n);\n", nm);
	}
	emit(e, "\tif (off != msg.head.size)\n\t\treturn idl_reject(&msg.head, ERR_BAD_REPLY);\n");
}

/* Copy the checked reply into the caller's out args. */
static void
emit_unpack_reply(struct emit *e, const struct idl_routine *r)
{
	for (int i = 0; i < r->nargs; i++) {
		if (r->args[i].out) {
			emit(e, "\n\t/* Every check passed: hand the out args to the caller. */\n");
			break;
		}
	}
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];
		const char *nm = a->name;

		if (!a->out)
			continue;
		switch (a->type.kind) {
		case IDL_INT32:
		case IDL_UINT32:
			emit(e, "\t*%s = msg.rep.%s;\n", nm, nm);
			break;
		case IDL_BYTES_FIXED:
			emit(e, "\t__builtin_memcpy(%s, msg.rep.%s, %u);\n", nm, nm, a->type.bound);
			break;
		case IDL_BYTES_VAR:
			emit(e, "\tif (%s_n > 0)\n\t\tmemcpy(%s, msg.raw + %s_at, %s_n);\n"
				"\t*%s_len = %s_n;\n", nm, nm, nm, nm, nm, nm);
			break;
		case IDL_STRING:
			emit(e, "\tmemcpy(%s, msg.raw + %s_at, %s_n);\n", nm, nm, nm);
			break;
		case IDL_PORT:
			emit(e, "\t*%s = msg.rep.%s.name;\n", nm, nm);
			break;
		case IDL_OOL:
			emit(e, "\t*%s_addr = msg.rep.%s.address;\n"
				"\t*%s_size = msg.rep.%s.size;\n", nm, nm, nm, nm);
			break;
		}
	}
	emit(e, "\treturn ERR_OK;\n");
}

/* One stub: declarations, argument checks, packing, the call, the reply. */
static void
emit_stub(struct emit *e, const struct idl_routine *r)
{
	struct idl_layout in, out;
	struct params ps;
	char name[2 * IDL_NAME_MAX + 2];
	uint32_t buf;

	layout_compute(r, 0, &in);
	layout_compute(r, 1, &out);
	buf = in.max;
	if (!r->oneway && out.max > buf)
		buf = out.max;

	emit(e, "\n");
	emit_doc(e, r, "");
	emit(e, "int\n");
	params_routine(r, PARAMS_CLIENT, &ps);
	stub_name(e, r, name, sizeof name);
	emit_call_shape(e, 0, name, &ps);
	emit(e, "\n{\n");
	emit(e, "\t/* One buffer for the request and then the reply. */\n\tunion {\n"
		"\t\tstruct msg_header head;\n"
		"\t\tstruct %s_%s_request req;\n", e->f->name, r->name);
	if (!r->oneway)
		emit(e, "\t\tstruct msg_reply_header err;\n"
			"\t\tstruct %s_%s_reply rep;\n", e->f->name, r->name);
	emit(e, "\t\tuint8_t raw[%u];\n\t} msg;\n", buf);
	if (in.nvar > 0 || out.nvar > 0)
		emit(e, "\tuint32_t off;\n");
	for (int i = 0; i < r->nargs; i++) {
		const struct idl_arg *a = &r->args[i];

		if (!a->out && a->type.kind == IDL_STRING)
			emit(e, "\tuint32_t %s_len;\n", a->name);
		if (a->out && layout_is_var(&a->type))
			emit(e, "\tuint32_t %s_n, %s_at;\n", a->name, a->name);
	}
	if (!r->oneway)
		emit(e, "\tint err;\n");
	emit(e, "\n");

	emit_check_ins(e, r);
	emit_pack_request(e, r, &in);
	if (r->oneway) {
		emit(e, "\treturn msg_send(&msg.head, 0, 0);\n}\n");
		return;
	}
	emit(e, "\n\terr = msg_call(&msg.head, sizeof msg);\n"
		"\tif (err != ERR_OK)\n\t\treturn err;\n");
	emit_check_reply(e, r, &out);
	emit_unpack_reply(e, r);
	emit(e, "}\n");
}

/* client_source - write <sub>_client.c: layouts, helpers, one stub per routine. */
void
client_source(struct emit *e)
{
	char file[IDL_NAME_MAX + 16];

	snprintf(file, sizeof file, "%s_client.c", e->f->name);
	emit_file_intro(e, file, "client stubs for the interface:",
	    "Each stub packs its arguments into a message on its stack, calls\n"
	    "msg_call (msg_send for a simpleroutine), and checks the reply's shape\n"
	    "before it touches any out argument. msg_call (user/lib/call.c) makes\n"
	    "the call on this thread's reply port; docs/idl.md has the protocol.\n");
	emit(e, "#include <stdint.h>\n#include <stddef.h>\n\n"
		"#include \"harbor/msg.h\"\n#include \"harbor/error.h\"\n"
		"#include \"harbor/%s_client.h\"\n", e->f->name);
	emit_layout_structs(e);
	emit_helpers(e);
	/* Only routines have replies to turn away: an interface of
	 * simpleroutines alone gets no idl_reject (it would be unused). */
	int has_reply = 0;
	for (int i = 0; i < e->f->nroutines; i++)
		has_reply |= !e->f->routines[i].oneway;
	if (has_reply)
		emit(e, "\n/*\n"
		" * A message that is not the answer this call waits for: a stale\n"
		" * answer, a notification, a malformed reply. msg_call_reject lets go\n"
		" * of what it carries and throws the reply port away, so that our own\n"
		" * answer, if it is still coming, can never reach a later call.\n"
		" */\n"
		"static int\n"
		"idl_reject(struct msg_header *m, int err)\n"
		"{\n"
		"\tmsg_call_reject(m);\n"
		"\treturn err;\n"
		"}\n");
	for (int i = 0; i < e->f->nroutines; i++)
		emit_stub(e, &e->f->routines[i]);
}
