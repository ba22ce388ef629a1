/*
 * check.h - what the coordinator knows of the servers before the clients
 * start, and how it judges them after every client is dead (check.c).
 */
#ifndef USER_SFUZZ_CHECK_H
#define USER_SFUZZ_CHECK_H

#include "user/sfuzz/sfuzz.h"

#define SFZ_SERVER_PIDS	12

/* Everything that must be the same at the end, and the coordinator's ports. */
struct sfz_base {
	port_name_t svc[SFZ_SERVERS];	/* name, mem (our pager port), console, pipe, fs, proc */
	port_name_t process;		/* our process port */
	int32_t pid;
	uint32_t kernel[7];		/* host object counts: tasks ... frames free */
	uint32_t fs_files, fs_clients;
	uint32_t pipes, ends, parked;
	uint32_t procs;			/* entries in proc's table */
	uint32_t names_free;		/* names the name server would still take */
	uint32_t sessions_free;		/* sessions the console would still open */
	struct {
		int32_t pid;
		char name[16];
	} server[SFZ_SERVER_PIDS];	/* the servers as proc lists them */
	uint32_t nservers;
	char motd[256];
	uint32_t motd_len;
};

/*
 * sfz_check_start - find the servers (name: the name server), join proc,
 * make the sandbox, ask every server the known-good questions once (so a
 * failure at the end is the run's doing), and take the baseline once the
 * system holds still. Returns ERR_OK, or the error that stops the run
 * (reported).
 */
int sfz_check_start(port_name_t name, struct sfz_base *b);

/*
 * sfz_check_end - once every client is dead: end what the clients left
 * running (their children), put back what a client may change for good
 * on purpose (who hears ^C, the console's mode), ask every server the
 * known-good questions, check that every server still runs, and wait for
 * the counts to come back to b's. Fills res's check_fails, deaths and
 * leaks; prints what failed.
 */
void sfz_check_end(const struct sfz_base *b, struct sfz_result *res);

/* sfz_now - milliseconds since boot. */
uint32_t sfz_now(void);

#endif /* USER_SFUZZ_CHECK_H */
