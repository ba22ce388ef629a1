/*
 * body.c - message bodies whose every word the receiver checks.
 *
 * A worker's message carries, after its descriptors, a body that says
 * what the message should look like when it arrives: who sent it and at
 * which step, its id, size and header bits, each descriptor's kind of
 * right or out-of-line mode, size and checksum, and for a reply the
 * request it answers. A check word covers all that; the rest of the body
 * is pattern words derived from (sender, step, index). The receiver
 * (fz_take) compares everything, so a message that arrives changed - a
 * wrong word, a lost descriptor, a right of the wrong kind, a page that
 * is not what was sent - is a finding that names the sender and its step.
 *
 * fz_take then deals with what the message brought: names go into the
 * pool (or are let go), out-of-line regions are kept a while or unmapped.
 */
#include "user/fuzz/fthread.h"
#include "harbor/task_client.h"

/* Checks of FZ_F_DATA findings (report.c names them in this order). */
enum {
	C_SIZE, C_ID, C_REPLY_KIND, C_COMPLEX, C_NDESC, C_DESC_TYPE, C_PORT_KIND, C_PORT_NAME,
	C_OOL_MODE, C_OOL_SIZE, C_OOL_ADDR, C_OOL_BYTES, C_WORD, C_HEADER, C_LINK, C_RPC,
	C_NO_REPLY, C_SHAPE, C_RETCODE, C_DEST,
};

static uint32_t
fz_word(uint32_t sender, uint32_t seq, uint32_t i)
{
	return fz_mix(sender * 0x9e3779b1u + seq * 0x85ebca77u + i * 0xc2b2ae3du + 0x27d4eb2fu);
}

/* Where the inline data starts, or 0 if the descriptor area is malformed. */
static uint32_t
body_offset(const struct msg_header *m, uint32_t *ndesc)
{
	uint32_t n;

	*ndesc = 0;
	if (!(m->bits & MSG_BITS_COMPLEX))
		return sizeof(*m);
	if (m->size < sizeof(*m) + 4)
		return 0;
	n = ((const struct msg_body *)(m + 1))->desc_count;
	if (n > MSG_DESC_MAX || sizeof(*m) + 4 + n * sizeof(union msg_desc) > m->size)
		return 0;
	*ndesc = n;
	return sizeof(*m) + 4 + n * sizeof(union msg_desc);
}

static const union msg_desc *
descs(const struct msg_header *m)
{
	return (const union msg_desc *)((const uint8_t *)(m + 1) + 4);
}

/* The check word over the fixed words (but the magic) and the expectations. */
static uint32_t
body_check(const uint32_t *b, uint32_t nexpect)
{
	uint32_t h = 0x3c6ef372u;

	for (uint32_t i = FZ_B_SENDER; i < FZ_B_FIXED + nexpect; i++)
		if (i != FZ_B_CHECK)
			h = fz_mix(h ^ b[i]) + i;
	return h;
}

void
fz_body_write(struct fz_thread *me, struct msg_header *m, const uint32_t *ool_flags,
	      const uint32_t *ool_sums, uint32_t link_sender, uint32_t link_seq)
{
	uint32_t ndesc, off = body_offset(m, &ndesc);
	uint32_t words, nexpect = 3 * ndesc, sender = FZ_SENDER(me->task, me->stream);
	uint32_t *b;
	const union msg_desc *d = descs(m);

	if (off == 0 || m->size > MSG_SIZE_MAX || m->size < off)
		return;
	b = (uint32_t *)((uint8_t *)m + off);
	words = (m->size - off) / 4;
	if (words < FZ_B_FIXED + nexpect) {
		memset(b, 0, words * 4);	/* no room for a checked body */
		return;
	}
	b[FZ_B_MAGIC] = FZ_BODY_MAGIC;
	b[FZ_B_SENDER] = sender;
	b[FZ_B_SEQ] = me->step;
	b[FZ_B_ID] = m->id;
	b[FZ_B_SIZE] = m->size;
	b[FZ_B_BITS] = (m->bits & MSG_BITS_COMPLEX) |
		       (m->reply != NAME_NULL ? MSG_BITS(0, msg_disposition_kind(MSG_BITS_REPLY(m->bits))) : 0);
	b[FZ_B_NDESC] = ndesc;
	b[FZ_B_LINK_SENDER] = link_sender;
	b[FZ_B_LINK_SEQ] = link_seq;
	for (uint32_t i = 0; i < ndesc; i++) {
		uint32_t *e = b + FZ_B_FIXED + 3 * i;
		if (d[i].type == MSG_DESC_PORT) {
			e[0] = MSG_DESC_PORT | msg_disposition_kind(d[i].port.disposition) << 8 |
			       (d[i].port.name == NAME_NULL ? 1u << 16 : 0);
			e[1] = e[2] = 0;
		} else {
			e[0] = d[i].type | (uint32_t)(d[i].ool.mode & 0xff) << 8 |
			       (ool_flags ? ool_flags[i] : 0) << 16;
			e[1] = d[i].ool.size;
			e[2] = ool_sums ? ool_sums[i] : 0;
		}
	}
	for (uint32_t i = FZ_B_FIXED + nexpect; i < words; i++)
		b[i] = fz_word(sender, me->step, i);
	b[FZ_B_CHECK] = body_check(b, nexpect);
}

const uint32_t *
fz_body_of(const struct msg_header *m)
{
	uint32_t ndesc, off = body_offset(m, &ndesc);
	const uint32_t *b = (const uint32_t *)((const uint8_t *)m + off);

	if (off == 0 || m->size > MSG_SIZE_MAX || m->size < off + 4 * FZ_B_FIXED ||
	    b[FZ_B_MAGIC] != FZ_BODY_MAGIC)
		return NULL;
	return b;
}

static void
data_fail(uint32_t what, uint32_t expected, uint32_t seen, const uint32_t *b)
{
	/* extra: who sent it and at which step, so the sender's stream can be replayed too */
	fz_fail(FZ_F_DATA, what, expected, seen,
		b ? FZ_SENDER_TAG(b[FZ_B_SENDER], b[FZ_B_SEQ]) : 0);
}

/* Check one descriptor against what its sender said it would be. */
static void
check_desc(const union msg_desc *d, const uint32_t *e, const uint32_t *b)
{
	uint32_t type = e[0] & 0xff, kind = (e[0] >> 8) & 0xff, flags = e[0] >> 16;

	if (d->type != type) {
		data_fail(C_DESC_TYPE, type, d->type, b);
		return;
	}
	if (type == MSG_DESC_PORT) {
		if (d->port.disposition != kind)
			data_fail(C_PORT_KIND, kind, d->port.disposition, b);
		else if ((flags & 1) && d->port.name != NAME_NULL)
			data_fail(C_PORT_NAME, NAME_NULL, d->port.name, b);
		else if (kind == MSG_MOVE_RECEIVE && d->port.name == NAME_DEAD)
			data_fail(C_PORT_NAME, 0, d->port.name, b);
		return;
	}
	if (d->ool.mode != kind) {
		data_fail(C_OOL_MODE, kind, d->ool.mode, b);
		return;
	}
	if (d->ool.address == 0 && d->ool.size == 0)
		return;		/* the receiver had no room: dropped, as documented */
	if (d->ool.size != e[1]) {
		data_fail(C_OOL_SIZE, e[1], d->ool.size, b);
		return;
	}
	if (d->ool.address % 4096 || d->ool.address < FZ_DYN_BASE ||
	    d->ool.address >= FZ_DYN_TOP) {
		data_fail(C_OOL_ADDR, FZ_DYN_BASE, d->ool.address, b);
		return;
	}
	if ((flags & FZ_R_SUM) && (kind == MSG_OOL_MOVE || kind == MSG_OOL_COPY)) {
		uint32_t sum = fz_sum(d->ool.address, d->ool.size);
		if (sum != e[2])
			data_fail(C_OOL_BYTES, e[2], sum, b);
		fz_stat(FZ_S_OOL_VERIFIED, 1);
	}
}

/* Check m against its body. */
static void
check_message(const struct msg_header *m, const uint32_t *b, port_name_t from)
{
	uint32_t ndesc, off = body_offset(m, &ndesc), words = (m->size - off) / 4, nexpect;
	uint32_t kind = MSG_BITS_REPLY(b[FZ_B_BITS]);

	nexpect = b[FZ_B_NDESC] <= MSG_DESC_MAX ? 3 * b[FZ_B_NDESC] : 0;
	if (FZ_B_FIXED + nexpect > words || b[FZ_B_CHECK] != body_check(b, nexpect)) {
		data_fail(C_HEADER, b[FZ_B_CHECK], body_check(b, nexpect), b);
		return;
	}
	if (m->size != b[FZ_B_SIZE])
		data_fail(C_SIZE, b[FZ_B_SIZE], m->size, b);
	if (m->id != b[FZ_B_ID])
		data_fail(C_ID, b[FZ_B_ID], m->id, b);
	if ((m->bits & MSG_BITS_COMPLEX) != (b[FZ_B_BITS] & MSG_BITS_COMPLEX))
		data_fail(C_COMPLEX, b[FZ_B_BITS], m->bits, b);
	if (MSG_BITS_DEST(m->bits) != 0 || MSG_BITS_REPLY(m->bits) != kind ||
	    (kind == 0 && m->reply != NAME_NULL) ||
	    (kind == MSG_MOVE_RECEIVE) || (m->bits & ~(MSG_BITS_COMPLEX | 0xff00u)))
		data_fail(C_REPLY_KIND, b[FZ_B_BITS], m->bits, b);
	if (from != NAME_NULL && m->dest != from)
		data_fail(C_DEST, from, m->dest, b);
	if (ndesc != b[FZ_B_NDESC]) {
		data_fail(C_NDESC, b[FZ_B_NDESC], ndesc, b);
		return;
	}
	for (uint32_t i = 0; i < ndesc; i++)
		check_desc(&descs(m)[i], b + FZ_B_FIXED + 3 * i, b);
	for (uint32_t i = FZ_B_FIXED + nexpect; i < words; i++) {
		uint32_t want = fz_word(b[FZ_B_SENDER], b[FZ_B_SEQ], i);
		if (b[i] != want) {
			data_fail(C_WORD, want, b[i], b);
			break;
		}
	}
	fz_stat(FZ_S_VERIFIED, 1);
}

/* A notification's shape (ids 64-67 and 72 come only from the kernel). */
static void
check_notification(const struct msg_header *m)
{
	uint32_t want = m->id == MSG_ID_NOTIFY_SEND_ONCE ? sizeof(struct msg_header) :
			sizeof(struct msg_notification);

	if (m->size != want || (m->bits & ~0u) != 0 || m->reply != NAME_NULL)
		fz_fail(FZ_F_DATA, C_SHAPE, want, m->size, m->id);
}

int
fz_take(struct fz_thread *me, struct msg_header *m, port_name_t from, int keep_reply)
{
	const uint32_t *b = fz_body_of(m);
	uint32_t ndesc, off = body_offset(m, &ndesc);
	union msg_desc *d = (union msg_desc *)descs(m);

	if (b)
		check_message(m, b, from);
	else if ((m->id >= MSG_ID_NOTIFY_SEND_ONCE && m->id <= MSG_ID_NOTIFY_SEND_POSSIBLE) ||
		 m->id == MSG_ID_IRQ)
		check_notification(m);
	if (!keep_reply && m->reply != NAME_NULL && m->reply != NAME_DEAD) {
		/* An RPC's reply right goes at once: its client waits for it to be
		 * used or destroyed (then it hears a send-once notification). */
		if (m->id != FZ_ID_RPC && fz_one_in(&me->rng, 2))
			fz_names_add(m->reply);		/* something to send through later */
		else
			task_port_deallocate(NAME_TASK_SELF, m->reply);
	}
	if (off == 0)
		return b != NULL;
	for (uint32_t i = 0; i < ndesc; i++) {
		if (d[i].type == MSG_DESC_PORT && d[i].port.name != NAME_NULL &&
		    d[i].port.name != NAME_DEAD) {
			if (fz_name_ok(d[i].port.name))
				fz_names_add(d[i].port.name);
			else
				task_port_deallocate(NAME_TASK_SELF, d[i].port.name);	/* merged into a protected name */
		} else if (d[i].type == MSG_DESC_OOL && d[i].ool.size != 0) {
			/* Without a checked body no one said what the region is:
			 * fz_step_random shares its own code page, read-only. Such a
			 * region is kept as read-only (never written, never probed
			 * for writability); a copy is still checked to stay put. */
			uint32_t flags = b ? b[FZ_B_FIXED + 3 * i] >> 16 : FZ_R_SHARED | FZ_R_READONLY;
			fz_region_received(me, d[i].ool.mode, d[i].ool.address, d[i].ool.size, flags);
		}
	}
	return b != NULL;
}
