/*
 * kobj.h - what the kernel-object requests (kobj.c) and the checks of
 * their replies (kcheck.c) share: the request being made and the names of
 * the checks.
 */
#ifndef USER_FUZZ_KOBJ_H
#define USER_FUZZ_KOBJ_H

#include "user/fuzz/fthread.h"

/* Checks of FZ_F_REPLY and FZ_F_ORACLE findings (report.c names them in this order). */
enum {
	C_RPC = 15, C_NO_REPLY, C_SHAPE, C_RETCODE, C_DEST, C_ZERO, C_IOGRANT, C_DEVMAP,
	C_PRIORITY, C_NEWNAME, C_THREADPORT, C_MEMCTL = 27, C_IMAGE,
};

enum kif { K_TASK, K_THREAD, K_HOST };

/* The request being made: what the checks of the reply need. */
struct kreq {
	uint32_t id;		/* the routine (before mutation) */
	enum kif iface;
	int mutated;
	port_name_t target;
	uint32_t arg[4];	/* arguments the reply checks need */
};

/*
 * fz_check_reply - check reply rep (or a send-once notification) to
 * request q (routine req_id as sent), sent with reply right kind `kind`:
 * its shape, its return code, and for a valid request what the interface
 * promises. Findings go to fz_fail; the rights the reply carries are kept
 * or let go.
 */
void fz_check_reply(struct fz_thread *me, const struct kreq *q, uint32_t req_id,
		    struct msg_header *rep, uint32_t kind);

#endif /* USER_FUZZ_KOBJ_H */
