/*
 * wire.c - the table of every routine the fuzzed servers serve, requests
 * laid out from it with hostile values, and the ways they are broken.
 *
 * The layout is docs/idl.md's: header; if there are port or ool
 * arguments, the body's count and one descriptor each; the fixed part
 * (every uint32, in order); the variable part (each string or bytes: a
 * length word, then the data padded to 4). Mutations never write '.' or
 * '/' into a path, so a broken request cannot climb out of SFZ_ROOT
 * (paths.c), and keep bytes that reach the screen printable.
 */
#include "user/sfuzz/wire.h"
#include "harbor/console_client.h"
#include "harbor/file_client.h"
#include "harbor/fs_client.h"
#include "harbor/interrupt_client.h"
#include "harbor/io_client.h"
#include "harbor/mem_client.h"
#include "harbor/name_client.h"
#include "harbor/pager_client.h"
#include "harbor/pipe_client.h"
#include "harbor/proc_client.h"

#define PAGE	4096u

const struct sfz_routine sfz_routines[] = {
	{ NAME_ADD_ID, SFZ_NAME, T_NAME, W_OWN, "name add", "sN32 pO" },
	{ NAME_LOOKUP_ID, SFZ_NAME, T_NAME, W_WAITS, "name lookup", "sN32 uw" },
	{ NAME_REMOVE_ID, SFZ_NAME, T_NAME, W_OWN, "name remove", "sN32 pO" },
	{ NAME_ADD_WITH_KEY_ID, SFZ_NAME, T_NAME, W_OWN, "name add_with_key", "sN32 pO" },
	{ MEM_HELLO_ID, SFZ_MEM, T_MEM, 0, "mem hello", "pT" },
	{ MEM_ALLOCATE_ID, SFZ_MEM, T_MEM, 0, "mem allocate", "un um" },
	{ MEM_ALLOCATE_FIXED_ID, SFZ_MEM, T_MEM, 0, "mem allocate_fixed", "u un um" },
	{ MEM_DEALLOCATE_ID, SFZ_MEM, T_MEM, 0, "mem deallocate", "u un" },
	{ MEM_PROTECT_ID, SFZ_MEM, T_MEM, 0, "mem protect", "u un um" },
	{ MEM_STATS_ID, SFZ_MEM, T_MEM, 0, "mem stats", "" },
	{ PAGER_FAULT_ID, SFZ_MEM, T_MEM, 0, "pager fault", "u u u um u" },
	{ IO_READ_ID, SFZ_CONSOLE, T_IO, W_WAITS, "io read", "un" },
	{ IO_WRITE_ID, SFZ_CONSOLE, T_IO, W_WAITS | W_SCREEN, "io write", "bX4096" },
	{ IO_READ_OOL_ID, SFZ_CONSOLE, T_IO, W_WAITS, "io read_ool", "un" },
	{ IO_WRITE_OOL_ID, SFZ_CONSOLE, T_IO, W_WAITS | W_SCREEN, "io write_ool", "o un" },
	{ IO_CLOSE_ID, SFZ_CONSOLE, T_IO, 0, "io close", "" },
	{ IO_STAT_ID, SFZ_CONSOLE, T_IO, 0, "io stat", "" },
	{ CONSOLE_OPEN_ID, SFZ_CONSOLE, T_CONSOLE, 0, "console open", "" },
	{ CONSOLE_FOREGROUND_ID, SFZ_CONSOLE, T_CONSOLE, W_WAITS, "console foreground", "pS" },
	{ CONSOLE_SET_MODE_ID, SFZ_CONSOLE, T_CONSOLE, 0, "console set_mode", "um" },
	{ CONSOLE_INTERRUPT_PORT_ID, SFZ_CONSOLE, T_CONSOLE, 0, "console interrupt_port", "pO" },
	{ CONSOLE_CLEAR_ID, SFZ_CONSOLE, T_CONSOLE, W_RARE, "console clear", "" },
	{ CONSOLE_INJECT_ID, SFZ_CONSOLE, T_CONSOLE, W_WAITS | W_SCREEN, "console inject", "bK256" },
	{ INTERRUPT_KEY_ID, SFZ_PROC, T_PROC, W_ONEWAY, "interrupt key", "um um" },
	{ PIPE_CREATE_ID, SFZ_PIPE, T_PIPE, 0, "pipe create", "" },
	{ PIPE_FIFO_OPEN_ID, SFZ_PIPE, T_PIPE, 0, "pipe fifo_open", "uk um" },
	{ PIPE_STATS_ID, SFZ_PIPE, T_PIPE, 0, "pipe stats", "" },
	{ FS_OPEN_ID, SFZ_FS, T_FS, 0, "fs open", "pT sP256 uf um" },
	{ FS_STAT_ID, SFZ_FS, T_FS, 0, "fs stat", "sP256 um" },
	{ FS_MKDIR_ID, SFZ_FS, T_FS, 0, "fs mkdir", "sP256 um" },
	{ FS_RMDIR_ID, SFZ_FS, T_FS, 0, "fs rmdir", "sP256" },
	{ FS_UNLINK_ID, SFZ_FS, T_FS, 0, "fs unlink", "sP256" },
	{ FS_RENAME_ID, SFZ_FS, T_FS, 0, "fs rename", "sP256 sP256" },
	{ FS_LINK_ID, SFZ_FS, T_FS, 0, "fs link", "sP256 sP256" },
	{ FS_SYMLINK_ID, SFZ_FS, T_FS, 0, "fs symlink", "sL256 sP256" },
	{ FS_READLINK_ID, SFZ_FS, T_FS, 0, "fs readlink", "sP256" },
	{ FS_CHMOD_ID, SFZ_FS, T_FS, 0, "fs chmod", "sP256 um" },
	{ FS_TRUNCATE_ID, SFZ_FS, T_FS, 0, "fs truncate", "sP256 un u" },
	{ FS_SYNC_ID, SFZ_FS, T_FS, W_RARE, "fs sync", "" },
	{ FS_STATFS_ID, SFZ_FS, T_FS, 0, "fs statfs", "" },
	{ FS_MKFIFO_ID, SFZ_FS, T_FS, 0, "fs mkfifo", "sP256 um" },
	{ FS_COUNTS_ID, SFZ_FS, T_FS, 0, "fs counts", "" },
	{ FILE_SEEK_ID, SFZ_FS, T_FILE, 0, "file seek", "un u um" },
	{ FILE_FSTAT_ID, SFZ_FS, T_FILE, 0, "file fstat", "" },
	{ FILE_READDIR_ID, SFZ_FS, T_FILE, 0, "file readdir", "" },
	{ FILE_TRUNCATE_ID, SFZ_FS, T_FILE, 0, "file truncate", "un u" },
	{ PROC_STARTUP_ID, SFZ_PROC, T_PROC, 0, "proc startup", "pT" },
	{ PROC_GETPID_ID, SFZ_PROC, T_PROCESS, 0, "proc getpid", "" },
	{ PROC_EXIT_ID, SFZ_PROC, T_PROCESS, 0, "proc exit", "u" },
	{ PROC_SPAWN_ID, SFZ_PROC, T_PROCESS, W_WAITS, "proc spawn", "bA512 pR pR pR sP256" },
	{ PROC_WAIT_ID, SFZ_PROC, T_PROCESS, W_WAITS, "proc wait", "ui um" },
	{ PROC_KILL_ID, SFZ_PROC, T_PROCESS, 0, "proc kill", "ui" },
	{ PROC_LIST_ID, SFZ_PROC, T_PROC, 0, "proc list", "ui" },
	{ PROC_ADOPT_ID, SFZ_PROC, T_PROCESS, 0, "proc adopt", "pT sQ32" },
	{ PROC_ATTACH_ID, SFZ_PROC, T_PROC, 0, "proc attach", "pT sQ32" },
	{ PROC_FOREGROUND_ID, SFZ_PROC, T_PROCESS, 0, "proc foreground", "ui" },
	{ PROC_INTERRUPT_ID, SFZ_PROC, T_PROC, 0, "proc interrupt", "" },
	{ PROC_UPTIME_ID, SFZ_PROC, T_PROC, 0, "proc uptime", "" },
	{ PROC_KERNEL_COUNTS_ID, SFZ_PROC, T_PROC, 0, "proc kernel_counts", "" },
};
const uint32_t sfz_nroutines = ARRAY_SIZE(sfz_routines);

const struct sfz_routine *
sfz_routine_find(uint32_t id)
{
	for (uint32_t i = 0; i < sfz_nroutines; i++)
		if (sfz_routines[i].id == id)
			return &sfz_routines[i];
	return NULL;
}

static void
put32(struct sfz_wire *w, uint32_t off, uint32_t v)
{
	memcpy(w->m.bytes + off, &v, 4);
}

/* A value for a u argument of flavour f. */
static uint32_t
value_u(struct sfz_client *c, char f)
{
	struct sfz_rng *r = &c->r;
	static const uint32_t flags[] = { 0, 1, 2, 0x42, 0x241, 0x242, 0xc2, 0x441, 0x202, 0x40, 3 };

	switch (f) {
	case 'w':	/* a lookup's wait: mostly none or short; a long one is rare */
		if (sfz_one_in(r, 40))
			return sfz_one_in(r, 2) ? 60000 : 0xffffffffu;
		return sfz_one_in(r, 2) ? 0 : sfz_below(r, 400);
	case 'f':
		return sfz_one_in(r, 8) ? sfz_rand(r) : flags[sfz_below(r, ARRAY_SIZE(flags))];
	case 'n':
		switch (sfz_below(r, 6)) {
		case 0:	return sfz_below(r, 64);
		case 1:	return sfz_below(r, 8193);
		case 2:	return 4096 + sfz_below(r, 3) - 1;
		case 3:	return (1u << 20) + sfz_below(r, 3) - 1;
		default: return sfz_u32(c);
		}
	case 'i': {
		int kid = (int)sfz_below(r, SFZ_KIDS);
		if (c->kids[kid] != 0 && sfz_one_in(r, 2))
			return (uint32_t)c->kids[kid];
		return sfz_one_in(r, 2) ? (uint32_t)-1 : sfz_u32(c);
	}
	case 'k':
		return sfz_one_in(r, 4) ? sfz_u32(c) : 1 + sfz_below(r, 4);
	case 'm':
		return sfz_one_in(r, 4) ? sfz_u32(c) : sfz_below(r, 4);
	}
	return sfz_u32(c);
}

/* A right for a p argument of flavour f. */
static port_name_t
value_p(struct sfz_client *c, char f)
{
	struct sfz_rng *r = &c->r;
	int i;

	switch (f) {
	case 'T':
		return sfz_one_in(r, 2) ? NAME_TASK_SELF : sfz_any_right(c);
	case 'O':	/* rights that go when we go: nothing of ours outlives us */
		if (sfz_one_in(r, 5))
			return sfz_one_in(r, 2) ? NAME_NULL : NAME_TASK_SELF;
		i = sfz_pick(c, sfz_one_in(r, 4) ? H_DEAD : H_PORT);
		return i >= 0 ? c->h[i].name : NAME_TASK_SELF;
	case 'S':
		i = sfz_pick(c, H_SESSION);
		if (i >= 0 && sfz_one_in(r, 2))
			return c->h[i].name;
		return sfz_one_in(r, 2) ? c->svc[SFZ_CONSOLE] : sfz_any_right(c);
	}
	return sfz_any_right(c);
}

/* The data of an s or b argument of flavour f, at most bound bytes (a string's NUL included). */
static uint32_t
value_data(struct sfz_client *c, char type, char f, uint32_t bound, char *buf, int quiet)
{
	uint32_t len;

	switch (f) {
	case 'N':
		sfz_service_name(c, buf, bound);
		break;
	case 'P':
		sfz_path(c, buf, bound, 1);
		break;
	case 'L':
		sfz_link_target(c, buf, bound);
		break;
	case 'Q':
		len = sfz_below(&c->r, bound < 12 ? bound : 12);
		sfz_fill(c, buf, len);
		buf[len] = '\0';
		break;
	case 'A':
		return sfz_program(c, buf, bound);
	case 'K':
		len = sfz_below(&c->r, bound < 24 ? bound : 24) + 1;
		sfz_fill(c, buf, len);
		for (uint32_t i = 0; i < len; i++)
			if (sfz_one_in(&c->r, 6))
				buf[i] = "\n\b\x15\x04\x03\x7f\t\r"[sfz_below(&c->r, 8)];
		return len;
	default:	/* X: printable text, short mostly (always, to the screen) */
		len = sfz_one_in(&c->r, 8) && !quiet ? sfz_below(&c->r, bound + 1) : sfz_below(&c->r, 80);
		sfz_fill(c, buf, len);
		return len;
	}
	return type == 's' ? (uint32_t)strlen(buf) + 1 : (uint32_t)strlen(buf);
}

/* Lay out the descriptors (pass 1), the fixed part (pass 2), the variable part (pass 3). */
int
sfz_wire_build(struct sfz_client *c, const struct sfz_routine *r, port_name_t dest,
	       struct sfz_wire *w)
{
	static char data[MSG_SIZE_MAX];
	uint32_t off = sizeof(struct msg_header), ndesc = 0;
	const char *s;

	memset(w, 0, sizeof(*w));
	w->r = r;
	w->printable = (r->flags & W_SCREEN) != 0;
	w->quiet = w->printable && sfz_is_console(c, dest);
	for (s = r->sig; *s; s++)
		if ((*s == 'p' || *s == 'o') && (s == r->sig || s[-1] == ' '))
			ndesc++;
	w->m.head.bits = MSG_BITS(MSG_COPY_SEND, (r->flags & W_ONEWAY) ? MSG_NONE :
				  MSG_MAKE_SEND_ONCE) | (ndesc ? MSG_BITS_COMPLEX : 0);
	w->m.head.dest = dest;
	w->m.head.id = r->id;
	if (ndesc) {
		put32(w, off, ndesc);
		off += 4;
	}
	for (int pass = 1; pass <= 3; pass++) {
		for (s = r->sig; *s; ) {
			char type = s[0], f = s[1] && s[1] != ' ' && !isdigit((unsigned char)s[1]) ?
					     s[1] : ' ';
			uint32_t bound = 0;
			const char *d = s + 1 + (f != ' ');
			while (isdigit((unsigned char)*d))
				bound = bound * 10 + (uint32_t)(*d++ - '0');
			s = *d == ' ' ? d + 1 : d;

			if (pass == 1 && type == 'p') {
				struct msg_port_desc pd = { MSG_DESC_PORT, MSG_COPY_SEND, value_p(c, f), 0 };
				w->desc_at[w->ndesc++] = off;
				memcpy(w->m.bytes + off, &pd, sizeof(pd));
				off += sizeof(pd);
			} else if (pass == 1 && type == 'o') {
				uint32_t size = PAGE * (1 + sfz_below(&c->r, 2)), addr = 0;
				if (vm_allocate(size, &addr) != ERR_OK)
					return ERR_NO_MEMORY;
				sfz_fill(c, (void *)(uintptr_t)addr, size);
				w->ool_addr = addr;
				w->ool_size = size;
				struct msg_ool_desc od = { MSG_DESC_OOL, MSG_OOL_COPY, addr, size };
				w->desc_at[w->ndesc++] = off;
				memcpy(w->m.bytes + off, &od, sizeof(od));
				off += sizeof(od);
			} else if (pass == 2 && type == 'u') {
				uint32_t v = value_u(c, f);
				/* The len after an ool argument: within the region, mostly;
				 * to the screen, short or past the region. */
				if (w->ool_size && w->nfixed == 0 && (w->quiet || !sfz_one_in(&c->r, 4)))
					v = w->quiet && sfz_one_in(&c->r, 4) ? w->ool_size + 1 + v % 4096 :
					    sfz_below(&c->r, w->quiet ? 80 : w->ool_size + 1);
				w->fixed_at[w->nfixed++] = off;
				put32(w, off, v);
				off += 4;
			} else if (pass == 3 && (type == 's' || type == 'b')) {
				uint32_t len = value_data(c, type, f, bound, data, w->quiet);
				w->var_at[w->nvar++] = off;
				put32(w, off, len);
				memcpy(w->m.bytes + off + 4, data, len);
				off += 4 + ((len + 3) & ~3u);
			}
		}
	}
	w->m.head.size = off;
	return ERR_OK;
}

void
sfz_wire_own_ports(struct sfz_client *c, struct sfz_wire *w)
{
	for (uint32_t i = 0; i < w->ndesc; i++) {
		union msg_desc *d = (union msg_desc *)(w->m.bytes + w->desc_at[i]);
		if (w->desc_at[i] + sizeof(*d) <= w->m.head.size && d->type == MSG_DESC_PORT)
			d->port.name = value_p(c, 'O');
	}
}

void
sfz_wire_done(struct sfz_wire *w)
{
	if (w->ool_size)
		vm_deallocate(w->ool_addr, w->ool_size);	/* copied: ours still (or moved: nothing) */
	w->ool_size = 0;
}

/* A byte that may go anywhere in a request: never '.' or '/', printable when it must be. */
static uint8_t
junk_byte(struct sfz_client *c, const struct sfz_wire *w)
{
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ ";

	if (!w->printable && sfz_one_in(&c->r, 2))
		return sfz_one_in(&c->r, 2) ? 0 : 0xff;
	return (uint8_t)safe[sfz_below(&c->r, sizeof(safe) - 1)];
}

static uint32_t
random_disposition(struct sfz_client *c)
{
	static const uint32_t d[] = { MSG_NONE, MSG_MOVE_RECEIVE, MSG_MOVE_SEND, MSG_MOVE_SEND_ONCE,
				      MSG_COPY_SEND, MSG_MAKE_SEND, MSG_MAKE_SEND_ONCE, 99 };

	return d[sfz_below(&c->r, ARRAY_SIZE(d))];
}

/* Break one part of a port or ool descriptor. */
static void
mutate_desc(struct sfz_client *c, struct sfz_wire *w, uint32_t at)
{
	union msg_desc *d = (union msg_desc *)(w->m.bytes + at);

	switch (sfz_below(&c->r, 5)) {
	case 0:
		d->type = (uint16_t)(sfz_one_in(&c->r, 2) ? (uint32_t)(3 - d->type) : sfz_rand(&c->r));
		break;
	case 1:
		if (d->type == MSG_DESC_PORT)
			d->port.disposition = (uint16_t)random_disposition(c);
		else
			d->ool.mode = (uint16_t)sfz_below(&c->r, 5);
		break;
	case 2:
		if (d->type == MSG_DESC_PORT)
			d->port.name = sfz_one_in(&c->r, 3) ? sfz_rand(&c->r) :
				       (w->r->flags & W_OWN) ? value_p(c, 'O') : sfz_any_right(c);
		else
			d->ool.address = sfz_one_in(&c->r, 2) ? sfz_u32(c) : d->ool.address + PAGE;
		break;
	case 3:
		if (d->type == MSG_DESC_OOL)
			d->ool.size = sfz_one_in(&c->r, 2) ? sfz_u32(c) : d->ool.size + PAGE;
		else
			d->port.pad = sfz_rand(&c->r);
		break;
	default:	/* a port right where data was, or the other way round */
		if (d->type == MSG_DESC_PORT && w->ool_size)
			*d = (union msg_desc){ .ool = { MSG_DESC_OOL, MSG_OOL_COPY, w->ool_addr,
							w->ool_size } };
		else
			*d = (union msg_desc){ .port = { MSG_DESC_PORT, MSG_COPY_SEND,
							 (w->r->flags & W_OWN) ? value_p(c, 'O') :
							 sfz_any_right(c), 0 } };
		break;
	}
}

/* Break one part of a variable argument: its length, or its NUL. */
static void
mutate_var(struct sfz_client *c, struct sfz_wire *w, uint32_t at)
{
	uint32_t len;
	uint8_t *data = w->m.bytes + at + 4;
	int inside;

	memcpy(&len, w->m.bytes + at, 4);
	/* (A length an earlier mutation made huge must not reach past the buffer.) */
	inside = at + 4 <= w->m.head.size && len <= w->m.head.size - at - 4;
	switch (sfz_below(&c->r, 4)) {
	case 0:
		len += sfz_below(&c->r, 9) - 4;
		break;
	case 1:
		len = sfz_u32(c);
		break;
	case 2:		/* a string without its NUL */
		if (len > 0 && inside) {
			uint8_t b = junk_byte(c, w);
			data[len - 1] = b ? b : 'A';
		}
		return;
	default:	/* a NUL in the middle */
		if (len > 1 && inside)
			data[sfz_below(&c->r, len - 1)] = 0;
		return;
	}
	memcpy(w->m.bytes + at, &len, 4);
}

void
sfz_wire_mutate(struct sfz_client *c, struct sfz_wire *w)
{
	struct msg_header *h = &w->m.head;
	uint32_t n = 1 + sfz_below(&c->r, 3), size;

	w->mutated = 1;
	while (n-- > 0) {
		switch (sfz_below(&c->r, 9)) {
		case 0:		/* the complex bit, or how the reply right is passed */
			if (sfz_one_in(&c->r, 2))
				h->bits ^= MSG_BITS_COMPLEX;
			else
				h->bits = (h->bits & ~0xff00u) | MSG_BITS(0, random_disposition(c));
			break;
		case 1:		/* another id */
			switch (sfz_below(&c->r, 4)) {
			case 0:	h->id += sfz_below(&c->r, 7) - 3; break;
			case 1:	h->id = sfz_routines[sfz_below(&c->r, sfz_nroutines)].id; break;
			case 2:	h->id = MSG_REPLY_ID(h->id); break;
			default: h->id = sfz_one_in(&c->r, 2) ? 64 + sfz_below(&c->r, 9) : sfz_rand(&c->r);
			}
			break;
		case 2:		/* another size: cut short, or longer with junk after */
			size = h->size;
			if (sfz_one_in(&c->r, 2))
				size = size - 4 * sfz_below(&c->r, 9);
			else
				size += 4 * sfz_below(&c->r, 33);
			if (size < sizeof(*h) || size > MSG_SIZE_MAX)
				size = sizeof(*h);
			for (uint32_t i = h->size; i < size; i++)
				w->m.bytes[i] = junk_byte(c, w);
			h->size = size;
			break;
		case 3:		/* the descriptor count */
			if (h->size >= sizeof(*h) + 4)
				put32(w, sizeof(*h), sfz_one_in(&c->r, 2) ? sfz_below(&c->r, 18) :
						     sfz_u32(c));
			break;
		case 4:
		case 5:
			if (w->ndesc)
				mutate_desc(c, w, w->desc_at[sfz_below(&c->r, w->ndesc)]);
			else if (w->nvar)
				mutate_var(c, w, w->var_at[sfz_below(&c->r, w->nvar)]);
			break;
		case 6:
			if (w->nfixed)
				put32(w, w->fixed_at[sfz_below(&c->r, w->nfixed)], sfz_u32(c));
			break;
		case 7:
			if (w->nvar)
				mutate_var(c, w, w->var_at[sfz_below(&c->r, w->nvar)]);
			break;
		default:	/* any byte after the header */
			if (h->size > sizeof(*h))
				w->m.bytes[sizeof(*h) + sfz_below(&c->r, h->size - sizeof(*h))] =
					junk_byte(c, w);
			break;
		}
	}
}
