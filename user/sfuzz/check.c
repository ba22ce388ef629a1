/*
 * check.c - the coordinator's judgement of the servers: the baseline
 * before the clients start, and after every client is dead, a
 * known-good request to each server and the counts of what they hold.
 *
 * The known-good requests (known_good) are asked at the start too, so a
 * failure at the end is the run's doing. The counts that must come back
 * exactly: the kernel's tasks, threads, ports (a right a server keeps
 * holds its port, even a dead one), messages and notification requests;
 * fs's open files and clients; the pipe server's pipes, ends and kept
 * requests; proc's table; how many names the name server and how many
 * sessions the console would still take. Free frames must come back to
 * within SFZ_FRAMES_SLACK: servers' heaps keep what they grew to.
 */
#include "user/sfuzz/check.h"
#include "harbor/console_client.h"
#include "harbor/fs_client.h"
#include "harbor/host_client.h"
#include "harbor/io.h"
#include "harbor/io_client.h"
#include "harbor/mem_client.h"
#include "harbor/name_client.h"
#include "harbor/pipe_client.h"
#include "harbor/proc.h"
#include "harbor/proc_client.h"
#include "harbor/task_client.h"

#define SFZ_FRAMES_SLACK	64	/* pages the servers' heaps may keep */
#define SFZ_SETTLE_MS		75000	/* a kept lookup waits up to 60 s (name.defs) */
#define SFZ_PROCS_MAX		64	/* proc's table (servers/proc/proc.h) */

static const char *const kernel_names[7] = {
	"tasks", "threads", "ports", "messages", "notification requests", "pool pages", "free frames",
};

uint32_t
sfz_now(void)
{
	uint32_t ms = 0;

	host_time(NAME_HOST, &ms);
	return ms;
}

/* Report a failed check; returns 1 if it passed. */
static int
good(const char *what, int ok, int err)
{
	if (!ok)
		printf("sfuzz: check %s failed: %s\n", what, error_string(err));
	return ok;
}

/* A port of ours with a send right under its name. */
static port_name_t
own_port(void)
{
	port_name_t p = NAME_NULL;

	if (task_port_allocate(NAME_TASK_SELF, &p) == ERR_OK)
		task_port_make_send(NAME_TASK_SELF, p);
	return p;
}

static void
drop_port(port_name_t p)
{
	task_port_deallocate(NAME_TASK_SELF, p);
	task_port_deallocate(NAME_TASK_SELF, p);
}

/* Read up to cap bytes of /etc/motd into buf; its length, or -1. */
static int
read_motd(const struct sfz_base *b, char *buf, uint32_t cap)
{
	port_name_t f = NAME_NULL;
	uint32_t len = 0;
	int err = fs_open(b->svc[SFZ_FS], NAME_TASK_SELF, "/etc/motd", 0, 0, &f);

	if (err == ERR_OK)
		err = io_read(f, cap, buf, cap, &len);
	if (f != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, f);
	return err == ERR_OK ? (int)len : -1;
}

/* The console, end to end: a session in the foreground reads a typed line. */
static int
console_reads(const struct sfz_base *b)
{
	port_name_t con = b->svc[SFZ_CONSOLE], s = NAME_NULL;
	char line[64];
	uint32_t n = 0, tries = 0;
	int err = console_open(con, &s), seen = 0;

	if (err == ERR_OK)
		err = console_foreground(con, s);
	if (err == ERR_OK)
		err = console_inject(con, "\x15sfz-ok\n", 8);
	/* Input nobody read (the clients typed too) comes first: read until our line. */
	msg_call_timeout(5000);
	while (err == ERR_OK && !seen && tries++ < 32) {
		err = io_read(s, sizeof(line) - 1, line, sizeof(line) - 1, &n);
		line[err == ERR_OK ? n : 0] = '\0';
		seen = strcmp(line, "sfz-ok\n") == 0;
	}
	/* And out of line: the answer's pages come from a region of the
	 * console's (the first one it touches makes the kernel give its
	 * thread a pager reply port: at the start, that is in the baseline). */
	uint32_t addr = 0, size = 0, ool_ok = 0;
	if (err == ERR_OK)
		err = console_inject(con, "sfz-ool\n", 8);
	if (err == ERR_OK)
		err = io_read_ool(s, 64, &addr, &size, &n);
	if (err == ERR_OK) {
		ool_ok = n == 8 && memcmp((void *)(uintptr_t)addr, "sfz-ool\n", 8) == 0;
		vm_deallocate(addr, size);
	}
	msg_call_timeout(0);
	console_foreground(con, con);
	if (s != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, s);
	return good("console_reads_a_typed_line", err == ERR_OK && seen && ool_ok, err);
}

/* One spawn of /bin/true through proc, and its exit status. */
static int
proc_spawns(const struct sfz_base *b)
{
	int32_t pid = 0, child = 0, status = -1;
	uint32_t how = 99;
	int err = proc_spawn(b->process, "true", 5, NAME_NULL, NAME_NULL, NAME_NULL, "/", &pid);

	msg_call_timeout(20000);
	if (err == ERR_OK)
		err = proc_wait(b->process, pid, 0, &child, &status, &how);
	msg_call_timeout(0);
	if (err == ERR_OK && (child != pid || status != 0 || how != PROC_EXITED))
		printf("sfuzz: spawned pid %d; wait gave pid %d, status %d, how %u\n", pid, child,
		       status, how);
	return good("proc_spawns_true_and_waits", err == ERR_OK && child == pid && status == 0 &&
		    how == PROC_EXITED, err);
}

/* Ask every server a question whose answer is known; the number that failed. */
static uint32_t
known_good(const struct sfz_base *b)
{
	static char buf[256];
	port_name_t ns = b->svc[SFZ_NAME], p = NAME_NULL, q, rd = NAME_NULL, wr = NAME_NULL;
	port_name_t key = NAME_NULL;
	uint32_t fails = 0, n = 0, v[7], addr = 0, size = 0;
	int32_t pid = 0;
	int err;

	err = name_lookup(ns, "fs", 0, &p);
	fails += !good("name_lookup_fs", err == ERR_OK && p == b->svc[SFZ_FS], err);
	if (err == ERR_OK)
		task_port_deallocate(NAME_TASK_SELF, p);
	err = name_lookup(ns, "sfz.none", 0, &p);
	fails += !good("name_lookup_missing", err == ERR_NOT_FOUND, err);
	q = own_port();
	err = name_add_with_key(ns, "sfz.check", q, &key);
	if (err == ERR_OK)
		err = name_lookup(ns, "sfz.check", 0, &p);
	if (err == ERR_OK) {
		err = p == q ? ERR_OK : ERR_BAD_REPLY;
		task_port_deallocate(NAME_TASK_SELF, p);
	}
	if (err == ERR_OK)
		err = name_remove(ns, "sfz.check", key);
	fails += !good("name_add_lookup_remove", err == ERR_OK, err);
	if (key != NAME_NULL)
		task_port_deallocate(NAME_TASK_SELF, key);
	drop_port(q);

	err = vm_allocate(2 * 4096, &addr);
	if (err == ERR_OK) {
		*(volatile uint32_t *)(uintptr_t)(addr + 4096) = 1;
		err = mem_stats(b->svc[SFZ_MEM], &v[0], &v[1], &v[2], &v[3], &v[4]);
	}
	if (err == ERR_OK)
		err = vm_deallocate(addr, 2 * 4096);
	fails += !good("mem_allocate_touch_free", err == ERR_OK, err);

	err = io_write(b->svc[SFZ_CONSOLE], "sfuzz: the console answers\n", 27, &n);
	fails += !good("console_writes", err == ERR_OK && n == 27, err);
	fails += !console_reads(b);

	err = pipe_create(b->svc[SFZ_PIPE], &rd, &wr);
	if (err == ERR_OK)
		err = io_write(wr, "sfuzz pipe round trip, one hundred bytes long......................"
			       "................................", 100, &n);
	if (err == ERR_OK)
		err = io_read(rd, 100, buf, sizeof(buf), &n);
	fails += !good("pipe_round_trip", err == ERR_OK && n == 100 &&
		       strncmp(buf, "sfuzz pipe round trip", 21) == 0, err);
	err = io_write(wr, "out of line", 11, &n);
	if (err == ERR_OK)
		err = io_read_ool(rd, 4096, &addr, &size, &n);
	if (err == ERR_OK) {
		err = n == 11 && memcmp((void *)(uintptr_t)addr, "out of line", 11) == 0 ? ERR_OK :
		      ERR_BAD_REPLY;
		vm_deallocate(addr, size);
	}
	fails += !good("pipe_round_trip_out_of_line", err == ERR_OK, err);
	if (rd != NAME_NULL) {
		task_port_deallocate(NAME_TASK_SELF, rd);
		task_port_deallocate(NAME_TASK_SELF, wr);
	}

	err = fs_stat(b->svc[SFZ_FS], "/etc/motd", 0, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6]);
	fails += !good("fs_stat_motd", err == ERR_OK && v[3] > 0, err);
	int len = read_motd(b, buf, sizeof(buf));
	fails += !good("fs_read_motd", len > 0 && (uint32_t)len == b->motd_len &&
		       memcmp(buf, b->motd, b->motd_len) == 0, len < 0 ? ERR_IO : ERR_OK);
	err = fs_open(b->svc[SFZ_FS], NAME_TASK_SELF, "/etc/motd", 0, 0, &p);
	if (err == ERR_OK) {
		err = io_read_ool(p, 4096, &addr, &v[0], &n);
		task_port_deallocate(NAME_TASK_SELF, p);
	}
	if (err == ERR_OK) {
		err = n == b->motd_len && memcmp((void *)(uintptr_t)addr, b->motd, n) == 0 ? ERR_OK :
		      ERR_BAD_REPLY;
		vm_deallocate(addr, v[0]);
	}
	fails += !good("fs_read_motd_out_of_line", err == ERR_OK, err);
	err = fs_counts(b->svc[SFZ_FS], &v[0], &v[1]);
	fails += !good("fs_counts", err == ERR_OK, err);

	err = proc_getpid(b->process, &pid);
	fails += !good("proc_getpid", err == ERR_OK && pid == b->pid, err);
	fails += !proc_spawns(b);
	return fails;
}

static int
kernel_counts(uint32_t *k)
{
	return host_object_counts(NAME_HOST, &k[0], &k[1], &k[2], &k[3], &k[4], &k[5], &k[6]);
}

/* proc's table: how many entries, and (if list) each one's pid and name. */
static uint32_t
proc_table(const struct sfz_base *b, struct sfz_base *list)
{
	int32_t from = 0, pid, parent;
	uint32_t state, n = 0;
	char name[32];

	while (n < SFZ_PROCS_MAX && proc_list(b->svc[SFZ_PROC], from, &pid, &parent, &state, name,
					      sizeof(name)) == ERR_OK) {
		static const char *const servers[] = { "init", "mem", "name", "console", "pipe", "ata",
						       "fs", "proc" };
		for (uint32_t i = 0; list && i < ARRAY_SIZE(servers); i++)
			if (strcmp(name, servers[i]) == 0 && list->nservers < SFZ_SERVER_PIDS) {
				list->server[list->nservers].pid = pid;
				strlcpy(list->server[list->nservers++].name, name, 16);
			}
		n++;
		from = pid + 1;
	}
	return n;
}

/* proc's table as it is now, one line each (to see what a leak is). */
static void
proc_table_print(const struct sfz_base *b)
{
	int32_t from = 0, pid, parent;
	uint32_t state;
	char name[32];

	while (proc_list(b->svc[SFZ_PROC], from, &pid, &parent, &state, name, sizeof(name)) == ERR_OK) {
		printf("sfuzz: proc's table: pid %d, parent %d, %s, %s\n", pid, parent,
		       state == PROC_RUNNING ? "running" : "zombie", name);
		from = pid + 1;
	}
}

/* How many more names the name server takes now (each then removed with its key). */
static uint32_t
names_free(const struct sfz_base *b)
{
	static port_name_t key[80];
	port_name_t q = own_port();
	char nm[16];
	uint32_t n = 0;

	while (n < ARRAY_SIZE(key)) {
		snprintf(nm, sizeof(nm), "sfz.cap%u", n);
		if (name_add_with_key(b->svc[SFZ_NAME], nm, q, &key[n]) != ERR_OK)
			break;
		n++;
	}
	for (uint32_t i = 0; i < n; i++) {
		snprintf(nm, sizeof(nm), "sfz.cap%u", i);
		name_remove(b->svc[SFZ_NAME], nm, key[i]);
		task_port_deallocate(NAME_TASK_SELF, key[i]);
	}
	drop_port(q);
	return n;
}

/* How many more sessions the console opens now (each then closed). */
static uint32_t
sessions_free(const struct sfz_base *b)
{
	static port_name_t s[40];
	uint32_t n = 0;

	while (n < ARRAY_SIZE(s) && console_open(b->svc[SFZ_CONSOLE], &s[n]) == ERR_OK)
		n++;
	for (uint32_t i = 0; i < n; i++)
		task_port_deallocate(NAME_TASK_SELF, s[i]);
	return n;
}

/* Everything counted now, into now. */
static int
measure(const struct sfz_base *b, struct sfz_base *now)
{
	if (kernel_counts(now->kernel) != ERR_OK ||
	    fs_counts(b->svc[SFZ_FS], &now->fs_files, &now->fs_clients) != ERR_OK ||
	    pipe_stats(b->svc[SFZ_PIPE], &now->pipes, &now->ends, &now->parked) != ERR_OK)
		return ERR_NOT_FOUND;
	now->procs = proc_table(b, NULL);
	return ERR_OK;
}

/* Is now back at b (frames within the slack, pool pages aside)? */
static int
same(const struct sfz_base *b, const struct sfz_base *now)
{
	for (int i = 0; i < 5; i++)
		if (b->kernel[i] != now->kernel[i])
			return 0;
	return now->kernel[6] + SFZ_FRAMES_SLACK >= b->kernel[6] && b->fs_files == now->fs_files &&
	       b->fs_clients == now->fs_clients && b->pipes == now->pipes && b->ends == now->ends &&
	       b->parked == now->parked && b->procs == now->procs;
}

int
sfz_check_start(port_name_t name, struct sfz_base *b)
{
	static const char *const names[SFZ_SERVERS] = { NULL, NULL, "console", "pipe", "fs", "proc" };
	struct sfz_base again;
	uint32_t fails;
	int err;

	memset(b, 0, sizeof(*b));
	b->svc[SFZ_NAME] = name;
	b->svc[SFZ_MEM] = mem_port;
	for (uint32_t s = SFZ_CONSOLE; s < SFZ_SERVERS; s++)
		if ((err = name_lookup(name, names[s], 5000, &b->svc[s])) != ERR_OK) {
			printf("sfuzz: no %s: %s\n", names[s], error_string(err));
			return err;
		}
	if ((err = proc_attach(b->svc[SFZ_PROC], NAME_TASK_SELF, "sfuzz", &b->process, &b->pid)) != ERR_OK) {
		printf("sfuzz: cannot join proc: %s\n", error_string(err));
		return err;
	}
	err = fs_mkdir(b->svc[SFZ_FS], SFZ_ROOT, 0755);
	if (err != ERR_OK && err != ERR_EXISTS) {
		printf("sfuzz: cannot make %s: %s\n", SFZ_ROOT, error_string(err));
		return err;
	}
	int len = read_motd(b, b->motd, sizeof(b->motd));
	if (len <= 0) {
		printf("sfuzz: cannot read /etc/motd\n");
		return ERR_IO;
	}
	b->motd_len = (uint32_t)len;
	if ((fails = known_good(b)) != 0) {
		printf("sfuzz: %u known-good requests failed before the run\n", fails);
		return ERR_BAD_REPLY;
	}
	b->procs = proc_table(b, b);
	b->names_free = names_free(b);
	b->sessions_free = sessions_free(b);
	/* Still: the same counts twice, a little apart (the servers finish
	 * what the questions above started: closes, a sync tick). */
	for (int tries = 0; tries < 50; tries++) {
		if (measure(b, b) != ERR_OK)
			return ERR_NOT_FOUND;
		sleep_ms(200);
		again = *b;
		if (measure(b, &again) != ERR_OK)
			return ERR_NOT_FOUND;
		if (memcmp(again.kernel, b->kernel, sizeof(b->kernel)) == 0 && same(b, &again))
			break;
	}
	return ERR_OK;
}

/* End every process the run left that proc will let us: the clients' children. */
static void
end_leftovers(const struct sfz_base *b)
{
	int32_t from = 0, pid, parent;
	uint32_t state;
	char name[32];

	while (proc_list(b->svc[SFZ_PROC], from, &pid, &parent, &state, name, sizeof(name)) == ERR_OK) {
		int known = 0;
		for (uint32_t i = 0; i < b->nservers; i++)
			known |= b->server[i].pid == pid;
		if (!known && pid != b->pid && state == PROC_RUNNING &&
		    proc_kill(b->process, pid) == ERR_OK)
			printf("sfuzz: ended pid %d (%s), a client's child still running\n", pid, name);
		from = pid + 1;
	}
}

/* Every server proc listed at the start still runs, under the same pid. */
static uint32_t
servers_died(const struct sfz_base *b)
{
	struct sfz_base now;
	uint32_t dead = 0;

	memset(&now, 0, sizeof(now));
	proc_table(b, &now);
	for (uint32_t i = 0; i < b->nservers; i++) {
		int seen = 0;
		for (uint32_t j = 0; j < now.nservers; j++)
			seen |= now.server[j].pid == b->server[i].pid &&
				strcmp(now.server[j].name, b->server[i].name) == 0;
		if (!seen) {
			printf("sfuzz: server %s (pid %d) is gone\n", b->server[i].name, b->server[i].pid);
			dead++;
		}
	}
	return dead;
}

void
sfz_check_end(const struct sfz_base *b, struct sfz_result *res)
{
	port_name_t con = b->svc[SFZ_CONSOLE];
	struct sfz_base now;
	uint32_t start = sfz_now(), leaks = 0;

	memset(&now, 0, sizeof(now));
	res->deaths = servers_died(b);
	end_leftovers(b);
	/* What any client may change for everyone, as the interfaces allow:
	 * who hears ^C, the console port's mode, the foreground. */
	console_set_mode(con, 0);
	console_interrupt_port(con, b->svc[SFZ_PROC]);
	console_foreground(con, con);
	console_inject(con, "\x15\n", 2);	/* a read a dead client left on the console port */
	res->check_fails = known_good(b);
	while (measure(b, &now) != ERR_OK || !same(b, &now)) {
		if (sfz_now() - start > SFZ_SETTLE_MS)
			break;
		sleep_ms(250);
	}
	now.names_free = names_free(b);
	now.sessions_free = sessions_free(b);
	for (int i = 0; i < 7; i++) {
		if (i == 5 || b->kernel[i] == now.kernel[i])
			continue;
		if (i == 6 && now.kernel[6] + SFZ_FRAMES_SLACK >= b->kernel[6])
			continue;
		printf("sfuzz: LEAK kernel %s: %u at the start, %u now\n", kernel_names[i],
		       b->kernel[i], now.kernel[i]);
		leaks++;
	}
#define SFZ_SAME(what, field) \
	do { \
		if (b->field != now.field) { \
			printf("sfuzz: LEAK %s: %u at the start, %u now\n", what, b->field, now.field); \
			leaks++; \
		} \
	} while (0)
	SFZ_SAME("fs open files", fs_files);
	SFZ_SAME("fs clients", fs_clients);
	SFZ_SAME("pipes", pipes);
	SFZ_SAME("pipe ends", ends);
	SFZ_SAME("pipe kept requests", parked);
	SFZ_SAME("proc table entries", procs);
	SFZ_SAME("names the name server takes", names_free);
	SFZ_SAME("sessions the console opens", sessions_free);
#undef SFZ_SAME
	printf("sfuzz: frames %u at the start, %u now; the counts settled in %u ms\n", b->kernel[6],
	       now.kernel[6], sfz_now() - start);
	if (leaks)
		proc_table_print(b);
	res->leaks = leaks;
}
