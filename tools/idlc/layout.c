/*
 * layout.c - where each argument sits in a message.
 *
 * The one place that decides the wire layout, so the client and server
 * generators cannot disagree (docs/idl.md describes it for people):
 *
 *   request: msg_header
 *            [msg_body + one descriptor per port/ool in arg]   (complex only)
 *            fixed in args, in declaration order, each padded to 4 bytes
 *            variable in args, in declaration order: uint32 length, data
 *            padded to 4 bytes
 *   reply:   the same for out args, with the int32 return code between
 *            the descriptors and the fixed args.
 *
 * Receivers must check the kind of right that arrives, not the disposition
 * declared (a copy_send arrives as a move_send right): that mapping is
 * msg_disposition_kind in harbor/msg.h, the kernel's own.
 */
#include "harbor/msg.h"
#include "idlc.h"

/* layout_pad4 - n rounded up to a multiple of 4 (message alignment). */
uint32_t
layout_pad4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

/* layout_is_desc - does an argument of type t travel as a descriptor? */
int
layout_is_desc(const struct idl_type *t)
{
	return t->kind == IDL_PORT || t->kind == IDL_OOL;
}

/* layout_is_var - does it travel in the variable part (length + data)? */
int
layout_is_var(const struct idl_type *t)
{
	return t->kind == IDL_BYTES_VAR || t->kind == IDL_STRING;
}

/*
 * layout_inline_size - bytes t takes in the fixed part: 4 for the 32-bit
 * integers, N padded to 4 for bytes[N], 0 for everything else.
 */
uint32_t
layout_inline_size(const struct idl_type *t)
{
	switch (t->kind) {
	case IDL_INT32:
	case IDL_UINT32:
		return 4;
	case IDL_BYTES_FIXED:
		return layout_pad4(t->bound);
	default:
		return 0;
	}
}

/*
 * layout_compute - fill l for the request (out = 0: the in args) or the
 * reply (out = 1: the out args) of r. A simpleroutine has no reply; its
 * reply layout is still computed (a bare reply header) but never used.
 */
void
layout_compute(const struct idl_routine *r, int out, struct idl_layout *l)
{
	uint32_t fixed = 0, var = 0;
	int i;

	l->ndesc = l->nfixed = l->nvar = 0;
	for (i = 0; i < r->nargs; i++) {
		const struct idl_type *t = &r->args[i].type;

		if (r->args[i].out != out)
			continue;
		if (layout_is_desc(t)) {
			l->ndesc++;
		} else if (layout_is_var(t)) {
			l->nvar++;
			var += 4 + layout_pad4(t->bound);
		} else {
			l->nfixed++;
			fixed += layout_inline_size(t);
		}
	}
	l->fixed = (uint32_t)sizeof(struct msg_header);
	if (l->ndesc > 0)
		l->fixed += (uint32_t)(sizeof(struct msg_body) +
		    (uint32_t)l->ndesc * sizeof(union msg_desc));
	if (out)
		l->fixed += 4;	/* retcode */
	l->fixed += fixed;
	l->max = l->fixed + var;
}

/* layout_disposition_macro - the msg.h name of disposition d, for C output. */
const char *
layout_disposition_macro(int d)
{
	switch (d) {
	case MSG_MOVE_RECEIVE: return "MSG_MOVE_RECEIVE";
	case MSG_MOVE_SEND: return "MSG_MOVE_SEND";
	case MSG_MOVE_SEND_ONCE: return "MSG_MOVE_SEND_ONCE";
	case MSG_COPY_SEND: return "MSG_COPY_SEND";
	case MSG_MAKE_SEND: return "MSG_MAKE_SEND";
	case MSG_MAKE_SEND_ONCE: return "MSG_MAKE_SEND_ONCE";
	default: return "MSG_NONE";
	}
}

/*
 * layout_desc - fill *d for argument a, a descriptor as its sender writes
 * it (received = 0) or as its receiver checks it (received = 1). The four
 * places that write or check descriptors (client and server, request and
 * reply) all take it from here. Returns 1, or 0 (d untouched) when a is
 * not a descriptor.
 */
int
layout_desc(const struct idl_arg *a, int received, struct layout_desc *d)
{
	switch (a->type.kind) {
	case IDL_PORT:
		d->type = "MSG_DESC_PORT";
		d->field = "disposition";
		d->value = layout_disposition_macro(received ?
		    (int)msg_disposition_kind((uint32_t)a->type.disposition) : a->type.disposition);
		return 1;
	case IDL_OOL:
		d->type = "MSG_DESC_OOL";
		d->field = "mode";
		d->value = layout_mode_macro(a->type.mode);
		return 1;
	default:
		return 0;
	}
}

/* layout_mode_macro - the msg.h name of OOL mode m, for C output. */
const char *
layout_mode_macro(int m)
{
	switch (m) {
	case MSG_OOL_MOVE: return "MSG_OOL_MOVE";
	case MSG_OOL_SHARE: return "MSG_OOL_SHARE";
	default: return "MSG_OOL_COPY";
	}
}
