/*
 * calls.c - well-formed calls through the generated stubs, with hostile
 * arguments, to the name server, the memory server, the console, the
 * pipe server and proc (fs is fscalls.c). Each step makes one call or a
 * few, on the right port or, now and then, the wrong one; what comes
 * back is judged by sfz_end, and where the interface says exactly what a
 * call must answer, by the step itself (SFZ_F_ORACLE, SFZ_F_DATA).
 */
#include "user/sfuzz/client.h"
#include "harbor/console_client.h"
#include "harbor/io.h"
#include "harbor/io_client.h"
#include "harbor/mem.h"
#include "harbor/mem_client.h"
#include "harbor/name_client.h"
#include "harbor/pipe.h"
#include "harbor/pipe_client.h"
#include "harbor/proc.h"
#include "harbor/proc_client.h"
#include "harbor/task_client.h"

#define PAGE	4096u

static char big[8192];		/* data for writes, and room for reads */

/* A port for an io.defs call: one of ours mostly, anything now and then. */
static port_name_t
io_target(struct sfz_client *c, uint32_t want)
{
	int i = want != H_NONE ? sfz_pick(c, want) : -1;

	if (i < 0 || sfz_one_in(&c->r, 6))
		i = sfz_pick_io(c);
	if (i < 0 || sfz_one_in(&c->r, 10))
		return sfz_any_right(c);
	return c->h[i].name;
}

/* A short count mostly; at the interface's edges now and then. */
static uint32_t
count_of(struct sfz_client *c)
{
	static const uint32_t edges[] = { 0, 1, 4095, 4096, 4097, 8192, 1u << 20, (1u << 20) + 1,
					  0xffffffff };

	return sfz_one_in(&c->r, 3) ? edges[sfz_below(&c->r, ARRAY_SIZE(edges))] :
				      1 + sfz_below(&c->r, 600);
}

/* A name a boot server registered: no client may take it or remove it. */
static int
is_service_name(const char *nm)
{
	static const char *const servers[] = { "fs", "pipe", "console", "proc", "ata" };

	for (uint32_t i = 0; i < ARRAY_SIZE(servers); i++)
		if (strcmp(nm, servers[i]) == 0)
			return 1;
	return 0;
}

void
sfz_call_name(struct sfz_client *c)
{
	port_name_t ns = c->svc[SFZ_NAME], got = NAME_NULL, mine;
	char nm[40];
	uint32_t wait;
	int err, slot = (int)sfz_below(&c->r, SFZ_NAMES);

	switch (sfz_below(&c->r, 5)) {
	case 0:		/* look a name up, waiting for it now and then */
		sfz_service_name(c, nm, sizeof(nm));
		wait = sfz_one_in(&c->r, 3) ? sfz_below(&c->r, 300) : 0;
		err = SFZ_CALL(c, SFZ_NAME, wait != 0, NAME_LOOKUP_ID, name_lookup(ns, nm, wait, &got));
		if (err == ERR_OK && sfz_one_in(&c->r, 2))
			sfz_hold(c, got, H_SERVICE, SFZ_NAME);
		else if (err == ERR_OK)
			task_port_deallocate(NAME_TASK_SELF, got);
		break;
	case 1:		/* register a port of ours; a lookup must give it back */
		mine = sfz_own_port(c);
		snprintf(nm, sizeof(nm), "sfz%u-%u", c->k, (uint32_t)slot);
		err = SFZ_CALL(c, SFZ_NAME, 0, NAME_ADD_WITH_KEY_ID,
			       name_add_with_key(ns, nm, mine, &got));
		if (err == ERR_OK) {
			if (c->keys[slot] != NAME_NULL)
				task_port_deallocate(NAME_TASK_SELF, c->keys[slot]);
			strlcpy(c->names[slot], nm, sizeof(c->names[slot]));
			c->keys[slot] = got;
			err = SFZ_CALL(c, SFZ_NAME, 0, NAME_LOOKUP_ID, name_lookup(ns, nm, 0, &got));
			if (err != ERR_OK || got != mine)
				sfz_finding(c, SFZ_F_ORACLE, SFZ_NAME, NAME_LOOKUP_ID, mine,
					    err != ERR_OK ? (uint32_t)err : got);
			if (err == ERR_OK)
				task_port_deallocate(NAME_TASK_SELF, got);
		}
		break;
	case 2:		/* remove one of ours with its key, or with a right that is no key */
		if (c->names[slot][0] && sfz_one_in(&c->r, 2)) {
			err = SFZ_CALL(c, SFZ_NAME, 0, NAME_REMOVE_ID,
				       name_remove(ns, c->names[slot], c->keys[slot]));
			c->names[slot][0] = '\0';
		} else {
			sfz_service_name(c, nm, sizeof(nm));
			err = SFZ_CALL(c, SFZ_NAME, 0, NAME_REMOVE_ID,
				       name_remove(ns, nm, sfz_any_right(c)));
			if (err == ERR_OK && is_service_name(nm))
				sfz_finding(c, SFZ_F_ORACLE, SFZ_NAME, NAME_REMOVE_ID, ERR_DENIED, err);
		}
		break;
	case 3:		/* add a malformed name, or a right that is no service */
		sfz_service_name(c, nm, sizeof(nm));
		mine = sfz_one_in(&c->r, 2) ? NAME_TASK_SELF : sfz_own_port(c);
		err = SFZ_CALL(c, SFZ_NAME, 0, NAME_ADD_ID, name_add(ns, nm, mine));
		if (err == ERR_OK && is_service_name(nm))
			sfz_finding(c, SFZ_F_ORACLE, SFZ_NAME, NAME_ADD_ID, ERR_EXISTS, err);
		break;
	default:	/* the wrong port: a name request to another server */
		sfz_service_name(c, nm, sizeof(nm));
		SFZ_CALL(c, SFZ_NAME, 0, NAME_LOOKUP_ID, name_lookup(sfz_any_right(c), nm, 0, &got));
		if (got != NAME_NULL)
			task_port_deallocate(NAME_TASK_SELF, got);
		break;
	}
}

/* A region's size: whole pages mostly, odd or huge now and then. */
static uint32_t
size_of(struct sfz_client *c)
{
	static const uint32_t odd[] = { 0, 1, PAGE - 1, PAGE + 1, MEM_REGION_MAX, MEM_REGION_MAX + PAGE,
					0x80000000u, 0xfffff000u };

	return sfz_one_in(&c->r, 4) ? odd[sfz_below(&c->r, ARRAY_SIZE(odd))] :
				      PAGE * (1 + sfz_below(&c->r, 16));
}

void
sfz_call_mem(struct sfz_client *c)
{
	port_name_t m = c->svc[SFZ_MEM], got = NAME_NULL;
	uint32_t addr = 0, size = size_of(c), flags = sfz_below(&c->r, 4), v[5];
	struct sfz_region *g = &c->reg[sfz_below(&c->r, SFZ_REGIONS)];
	int err;

	if (sfz_one_in(&c->r, 8))
		flags = sfz_u32(c);
	switch (sfz_below(&c->r, 7)) {
	case 0:		/* allocate, and touch what we may */
		err = SFZ_CALL(c, SFZ_MEM, 0, MEM_ALLOCATE_ID, mem_allocate(m, size, flags, &addr));
		if (err != ERR_OK)
			break;
		if (!(flags & MEM_ALLOC_READONLY) && size <= 16 * PAGE)
			for (uint32_t a = addr; a < addr + size; a += PAGE)
				*(volatile uint32_t *)(uintptr_t)a = a;
		if (g->size)
			SFZ_CALL(c, SFZ_MEM, 0, MEM_DEALLOCATE_ID, mem_deallocate(m, g->addr, g->size));
		*g = (struct sfz_region){ addr, size };
		break;
	case 1:		/* give back a region of ours: whole, a part, or askew */
		if (g->size == 0)
			break;
		addr = g->addr;
		size = g->size;
		if (sfz_one_in(&c->r, 3))
			size = sfz_one_in(&c->r, 2) ? size - PAGE : size + PAGE;
		if (sfz_one_in(&c->r, 4))
			addr += sfz_one_in(&c->r, 2) ? PAGE : 1;
		err = SFZ_CALL(c, SFZ_MEM, 0, MEM_DEALLOCATE_ID, mem_deallocate(m, addr, size));
		if (err == ERR_OK && addr == g->addr && size == g->size)
			*g = (struct sfz_region){ 0 };
		break;
	case 2:		/* a fixed range: over ours, at the area's edges, anywhere */
		addr = sfz_one_in(&c->r, 2) && g->size ? g->addr + PAGE :
		       sfz_one_in(&c->r, 2) ? MEM_AREA_TOP - PAGE * sfz_below(&c->r, 3) : sfz_u32(c);
		if (SFZ_CALL(c, SFZ_MEM, 0, MEM_ALLOCATE_FIXED_ID,
			     mem_allocate_fixed(m, addr, size, flags)) == ERR_OK)
			SFZ_CALL(c, SFZ_MEM, 0, MEM_DEALLOCATE_ID, mem_deallocate(m, addr, size));
		break;
	case 3:		/* protect a part of ours (never touched again) */
		if (g->size)
			SFZ_CALL(c, SFZ_MEM, 0, MEM_PROTECT_ID,
				 mem_protect(m, g->addr, sfz_one_in(&c->r, 2) ? PAGE : size, sfz_u32(c)));
		break;
	case 4:		/* stats: within the interface's bounds */
		err = SFZ_CALL(c, SFZ_MEM, 0, MEM_STATS_ID, mem_stats(m, &v[0], &v[1], &v[2], &v[3],
								       &v[4]));
		if (err == ERR_OK && (v[4] > 64 || v[1] > v[3]))
			sfz_finding(c, SFZ_F_ORACLE, SFZ_MEM, MEM_STATS_ID, v[3], v[1]);
		break;
	case 5:		/* hello again, for ourselves or for a right that is no task */
		err = SFZ_CALL(c, SFZ_MEM, 0, MEM_HELLO_ID,
			       mem_hello(m, sfz_one_in(&c->r, 2) ? NAME_TASK_SELF : sfz_any_right(c),
					 &got));
		if (err == ERR_OK)
			sfz_finding(c, SFZ_F_ORACLE, SFZ_MEM, MEM_HELLO_ID, ERR_EXISTS, err);
		break;
	default:	/* the memory server's routines on someone else's port */
		SFZ_CALL(c, SFZ_MEM, 0, MEM_ALLOCATE_ID,
			 mem_allocate(sfz_any_right(c), PAGE, 0, &addr));
		break;
	}
}

void
sfz_call_console(struct sfz_client *c)
{
	port_name_t con = c->svc[SFZ_CONSOLE], s = NAME_NULL, t;
	uint32_t n = 0, kind, len, addr = 0, size = 0;
	int err;

	switch (sfz_below(&c->r, 10)) {
	case 0:		/* write a short line, rarely a long one */
		len = sfz_one_in(&c->r, 20) ? sfz_below(&c->r, 4098) : sfz_below(&c->r, 60);
		memset(big, '.', len);
		if (len > 0)
			big[len - 1] = '\n';
		SFZ_CALL(c, SFZ_CONSOLE, 0, IO_WRITE_ID, io_write(io_target(c, H_SESSION), big, len, &n));
		break;
	case 1:
		t = io_target(c, H_SESSION);
		SFZ_CALL(c, SFZ_CONSOLE, 0, IO_STAT_ID, io_stat(t, &kind, &len));
		break;
	case 2:		/* a session, or one given back */
		if (sfz_count_kind(c, H_SESSION) < 3 &&
		    SFZ_CALL(c, SFZ_CONSOLE, 0, CONSOLE_OPEN_ID, console_open(con, &s)) == ERR_OK)
			sfz_hold(c, s, H_SESSION, SFZ_CONSOLE);
		else
			sfz_drop(c, sfz_pick(c, H_SESSION));
		break;
	case 3:
		t = io_target(c, H_SESSION);
		SFZ_CALL(c, SFZ_CONSOLE, 0, CONSOLE_FOREGROUND_ID,
			 console_foreground(sfz_one_in(&c->r, 4) ? t : con,
					    sfz_one_in(&c->r, 3) ? con : io_target(c, H_SESSION)));
		break;
	case 4:
		SFZ_CALL(c, SFZ_CONSOLE, 0, CONSOLE_SET_MODE_ID,
			 console_set_mode(io_target(c, H_SESSION), sfz_one_in(&c->r, 3) ?
				 sfz_u32(c) : sfz_below(&c->r, 2)));
		break;
	case 5:		/* who hears ^C: us, nobody, or a right that is no port of ours */
		SFZ_CALL(c, SFZ_CONSOLE, 0, CONSOLE_INTERRUPT_PORT_ID,
			 console_interrupt_port(con, sfz_one_in(&c->r, 3) ? NAME_NULL :
						sfz_own_port(c)));
		break;
	case 6:		/* type: letters, lines and control keys */
		len = 1 + sfz_below(&c->r, 20);
		sfz_fill(c, big, len);
		for (uint32_t i = 0; i < len; i++)
			if (sfz_one_in(&c->r, 5))
				big[i] = "\n\b\x15\x04\x03\x7f"[sfz_below(&c->r, 6)];
		SFZ_CALL(c, SFZ_CONSOLE, 0, CONSOLE_INJECT_ID, console_inject(con, big, len));
		break;
	case 7:		/* read: may wait for input, or for the foreground */
		SFZ_CALL(c, SFZ_CONSOLE, 1, IO_READ_ID,
			 io_read(io_target(c, H_SESSION), count_of(c), big, sizeof(big), &n));
		break;
	case 8:
		err = SFZ_CALL(c, SFZ_CONSOLE, 1, IO_READ_OOL_ID,
			       io_read_ool(io_target(c, H_SESSION), count_of(c), &addr, &size, &n));
		if (err == ERR_OK && size)
			vm_deallocate(addr, size);
		break;
	default:	/* out of line: a region of dots, len within it or not */
		if (vm_allocate(PAGE, &addr) != ERR_OK)
			break;
		memset((void *)(uintptr_t)addr, '.', PAGE);
		len = sfz_one_in(&c->r, 4) ? sfz_u32(c) : sfz_below(&c->r, 80);
		SFZ_CALL(c, SFZ_CONSOLE, 0, IO_WRITE_OOL_ID,
			 io_write_ool(io_target(c, H_SESSION), addr, PAGE, len, &n));
		vm_deallocate(addr, PAGE);
		break;
	}
	if (sfz_one_in(&c->r, 60))
		SFZ_CALL(c, SFZ_CONSOLE, 0, CONSOLE_CLEAR_ID, console_clear(con));
}

/* A pipe of our own: bytes written whole come back in order. */
static void
pipe_round_trip(struct sfz_client *c)
{
	static char back[4096];
	port_name_t rd = NAME_NULL, wr = NAME_NULL;
	uint32_t len = 1 + sfz_below(&c->r, 4096), n = 0, got = 0;
	int err = SFZ_CALL(c, SFZ_PIPE, 0, PIPE_CREATE_ID, pipe_create(c->svc[SFZ_PIPE], &rd, &wr));

	if (err != ERR_OK)
		return;
	sfz_fill(c, big, len);
	err = SFZ_CALL(c, SFZ_PIPE, 0, IO_WRITE_ID, io_write(wr, big, len, &n));
	while (err == ERR_OK && got < len) {
		err = SFZ_CALL(c, SFZ_PIPE, 0, IO_READ_ID, io_read(rd, len - got, back + got,
								  sizeof(back) - got, &n));
		if (err == ERR_OK && n == 0)
			break;
		got += err == ERR_OK ? n : 0;
	}
	sfz_stat(c->board, SFZ_S_DATA_CHECKS, 1);
	if (err == ERR_OK && (got != len || memcmp(back, big, len) != 0))
		sfz_finding(c, SFZ_F_DATA, SFZ_PIPE, IO_READ_ID, len, got);
	task_port_deallocate(NAME_TASK_SELF, rd);
	task_port_deallocate(NAME_TASK_SELF, wr);
}

void
sfz_call_pipe(struct sfz_client *c)
{
	port_name_t p = c->svc[SFZ_PIPE], rd = NAME_NULL, wr = NAME_NULL, t;
	uint32_t n = 0, len, addr = 0, size = 0, v[3];
	int err;

	switch (sfz_below(&c->r, 10)) {
	case 0:
		if (sfz_count_kind(c, H_READ_END) + sfz_count_kind(c, H_WRITE_END) >= 6)
			sfz_drop(c, sfz_pick(c, sfz_one_in(&c->r, 2) ? H_READ_END : H_WRITE_END));
		if (SFZ_CALL(c, SFZ_PIPE, 0, PIPE_CREATE_ID, pipe_create(p, &rd, &wr)) == ERR_OK) {
			sfz_hold(c, rd, H_READ_END, SFZ_PIPE);
			sfz_hold(c, wr, H_WRITE_END, SFZ_PIPE);
		}
		break;
	case 1:		/* a named pipe, by a key others use too */
		len = sfz_one_in(&c->r, 4) ? sfz_u32(c) : 1 + sfz_below(&c->r, 2);
		err = SFZ_CALL(c, SFZ_PIPE, 0, PIPE_FIFO_OPEN_ID,
			       pipe_fifo_open(p, sfz_one_in(&c->r, 4) ? sfz_u32(c) : 1 + sfz_below(&c->r, 4),
					      len, &rd));
		if (err == ERR_OK)
			sfz_hold(c, rd, len == PIPE_FIFO_READ ? H_READ_END : H_WRITE_END, SFZ_PIPE);
		break;
	case 2:		/* the server's own figures stay within its tables */
		err = SFZ_CALL(c, SFZ_PIPE, 0, PIPE_STATS_ID, pipe_stats(p, &v[0], &v[1], &v[2]));
		if (err == ERR_OK && (v[0] > 32 || v[1] > 96 || v[2] > 64))
			sfz_finding(c, SFZ_F_ORACLE, SFZ_PIPE, PIPE_STATS_ID, 32, v[0]);
		break;
	case 3:
		t = io_target(c, H_WRITE_END);
		len = sfz_one_in(&c->r, 4) ? count_of(c) : sfz_below(&c->r, 200);
		if (len > sizeof(big) || (sfz_is_console(c, t) && len > 80))
			len = sfz_below(&c->r, 80);
		sfz_fill(c, big, len);
		SFZ_CALL(c, SFZ_PIPE, 1, IO_WRITE_ID, io_write(t, big, len, &n));
		break;
	case 4:
		SFZ_CALL(c, SFZ_PIPE, 1, IO_READ_ID,
			 io_read(io_target(c, H_READ_END), count_of(c), big, sizeof(big), &n));
		break;
	case 5:
		err = SFZ_CALL(c, SFZ_PIPE, 1, IO_READ_OOL_ID,
			       io_read_ool(io_target(c, H_READ_END), count_of(c), &addr, &size, &n));
		if (err == ERR_OK && size)
			vm_deallocate(addr, size);
		break;
	case 6:		/* out of line: up to three pages, len within them or not */
		size = PAGE * (1 + sfz_below(&c->r, 3));
		if (vm_allocate(size, &addr) != ERR_OK)
			break;
		sfz_fill(c, (void *)(uintptr_t)addr, size);
		t = io_target(c, H_WRITE_END);
		len = sfz_one_in(&c->r, 4) ? sfz_u32(c) : sfz_below(&c->r, size + 1);
		if (sfz_is_console(c, t) && len > 80 && len <= size)
			len = sfz_below(&c->r, 80);
		SFZ_CALL(c, SFZ_PIPE, 1, IO_WRITE_OOL_ID, io_write_ool(t, addr, size, len, &n));
		vm_deallocate(addr, size);
		break;
	case 7:		/* close: the right, or just the call */
		t = io_target(c, sfz_one_in(&c->r, 2) ? H_READ_END : H_WRITE_END);
		SFZ_CALL(c, SFZ_PIPE, 0, IO_CLOSE_ID, io_close(t));
		if (sfz_one_in(&c->r, 2))
			sfz_drop(c, sfz_pick(c, sfz_one_in(&c->r, 2) ? H_READ_END : H_WRITE_END));
		break;
	case 8:
		SFZ_CALL(c, SFZ_PIPE, 0, IO_STAT_ID, io_stat(io_target(c, H_READ_END), &v[0], &v[1]));
		break;
	default:
		pipe_round_trip(c);
		break;
	}
}

/* A free slot for a child's pid, waiting for (or killing) an old child first. */
static int
kid_slot(struct sfz_client *c)
{
	int32_t child, status;
	uint32_t how;

	for (int i = 0; i < SFZ_KIDS; i++)
		if (c->kids[i] == 0)
			return i;
	int i = (int)sfz_below(&c->r, SFZ_KIDS);
	if (sfz_one_in(&c->r, 2))
		SFZ_CALL(c, SFZ_PROC, 0, PROC_KILL_ID, proc_kill(c->process, c->kids[i]));
	if (SFZ_CALL(c, SFZ_PROC, 0, PROC_WAIT_ID, proc_wait(c->process, c->kids[i], PROC_WAIT_NOHANG,
							    &child, &status, &how)) != ERR_TIMED_OUT)
		c->kids[i] = 0;
	return c->kids[i] == 0 ? i : -1;
}

void
sfz_call_proc(struct sfz_client *c)
{
	port_name_t pub = c->svc[SFZ_PROC], me = c->process, got = NAME_NULL, std[3];
	static char args[512], cwd[256], name[32];
	int32_t pid = 0, child, status, from;
	uint32_t how, v[7], len;
	int err, slot;

	if (me == NAME_NULL)
		return;
	switch (sfz_below(&c->r, 10)) {
	case 0:		/* a program that ends by itself, or a malformed spawn */
		if ((slot = kid_slot(c)) < 0)
			break;
		len = sfz_program(c, args, sizeof(args));
		for (int i = 0; i < 3; i++)
			std[i] = sfz_one_in(&c->r, 3) ? NAME_NULL : sfz_any_right(c);
		sfz_path(c, cwd, sizeof(cwd), 0);
		err = SFZ_CALL(c, SFZ_PROC, 0, PROC_SPAWN_ID,
			       proc_spawn(me, args, len, std[0], std[1], std[2], cwd, &pid));
		if (err == ERR_OK)
			c->kids[slot] = pid;
		break;
	case 1:		/* wait for one of ours, for any, or for no child of ours */
		slot = (int)sfz_below(&c->r, SFZ_KIDS);
		pid = sfz_one_in(&c->r, 3) ? PROC_ANY : sfz_one_in(&c->r, 4) ? (int32_t)sfz_u32(c) :
		      c->kids[slot];
		how = sfz_one_in(&c->r, 2) ? PROC_WAIT_NOHANG : 0;
		err = SFZ_CALL(c, SFZ_PROC, how == 0, PROC_WAIT_ID,
			       proc_wait(me, pid, how, &child, &status, &how));
		for (int i = 0; err == ERR_OK && i < SFZ_KIDS; i++)
			if (c->kids[i] == child)
				c->kids[i] = 0;
		break;
	case 2:		/* kill: a child of ours, or anyone (servers and clients refuse) */
		pid = sfz_one_in(&c->r, 2) ? c->kids[sfz_below(&c->r, SFZ_KIDS)] : (int32_t)sfz_u32(c);
		SFZ_CALL(c, SFZ_PROC, 0, PROC_KILL_ID, proc_kill(me, pid));
		break;
	case 3:		/* getpid: ours, always */
		err = SFZ_CALL(c, SFZ_PROC, 0, PROC_GETPID_ID, proc_getpid(me, &pid));
		if (err == ERR_OK && pid != c->pid)
			sfz_finding(c, SFZ_F_ORACLE, SFZ_PROC, PROC_GETPID_ID, (uint32_t)c->pid,
				    (uint32_t)pid);
		break;
	case 4:		/* the process list from anywhere */
		from = sfz_one_in(&c->r, 2) ? (int32_t)sfz_below(&c->r, 80) : (int32_t)sfz_u32(c);
		SFZ_CALL(c, SFZ_PROC, 0, PROC_LIST_ID, proc_list(sfz_one_in(&c->r, 2) ? pub : me, from,
								  &pid, &child, &how, name,
								  sizeof(name)));
		break;
	case 5:		/* the routines that need a caller, on the public port */
		err = SFZ_CALL(c, SFZ_PROC, 0, PROC_GETPID_ID, proc_getpid(pub, &pid));
		if (err == ERR_OK)	/* (not ERR_DENIED: a raw message may have moved our right away) */
			sfz_finding(c, SFZ_F_ORACLE, SFZ_PROC, PROC_GETPID_ID, ERR_DENIED, err);
		break;
	case 6:		/* startup and attach again: we are no spawned task, and attached */
		err = SFZ_CALL(c, SFZ_PROC, 0, PROC_STARTUP_ID,
			       proc_startup(pub, NAME_TASK_SELF, &got, &pid, args, sizeof(args), &len,
					    &std[0], &std[1], &std[2], cwd, sizeof(cwd)));
		if (err == ERR_OK)
			sfz_finding(c, SFZ_F_ORACLE, SFZ_PROC, PROC_STARTUP_ID, ERR_NOT_FOUND, err);
		err = SFZ_CALL(c, SFZ_PROC, 0, PROC_ATTACH_ID,
			       proc_attach(pub, NAME_TASK_SELF, "again", &got, &pid));
		if (err == ERR_OK)
			sfz_finding(c, SFZ_F_ORACLE, SFZ_PROC, PROC_ATTACH_ID, ERR_EXISTS, err);
		break;
	case 7:		/* foreground: a child of ours, nobody, or a stranger */
		pid = sfz_one_in(&c->r, 3) ? 0 : sfz_one_in(&c->r, 2) ? c->kids[sfz_below(&c->r, SFZ_KIDS)] :
		      (int32_t)sfz_u32(c);
		SFZ_CALL(c, SFZ_PROC, 0, PROC_FOREGROUND_ID, proc_foreground(me, pid));
		if (sfz_one_in(&c->r, 4))
			SFZ_CALL(c, SFZ_PROC, 0, PROC_INTERRUPT_ID, proc_interrupt(pub, &pid));
		break;
	case 8:		/* adopt a port of ours (it goes when we go), or ourselves again */
		snprintf(name, sizeof(name), "ad%u", c->k);
		err = SFZ_CALL(c, SFZ_PROC, 0, PROC_ADOPT_ID,
			       proc_adopt(me, sfz_one_in(&c->r, 2) ? NAME_TASK_SELF : sfz_own_port(c),
					  sfz_one_in(&c->r, 4) ? "" : name, &pid));
		break;
	default:
		SFZ_CALL(c, SFZ_PROC, 0, PROC_UPTIME_ID, proc_uptime(pub, &how));
		SFZ_CALL(c, SFZ_PROC, 0, PROC_KERNEL_COUNTS_ID,
			 proc_kernel_counts(me, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6]));
		break;
	}
}
