/*
 * kcheck.c - the check of what a kernel object answers to the fuzzer's
 * requests (kobj.c): the reply's shape and return code, and for a valid
 * request what the interface promises: a new port name is not a reserved
 * one, a priority is in range, no grant of an I/O port the kernel drives
 * succeeds, device memory lands where the kernel places it, the memory
 * control right is never given twice, no garbage image starts a task.
 */
#include "user/fuzz/kobj.h"
#include "harbor/host_client.h"
#include "harbor/host_server.h"	/* HOST_REPLY_MAX: the largest reply */
#include "harbor/task_client.h"
#include "harbor/task_server.h"
#include "harbor/thread_client.h"
#include "harbor/thread_server.h"

/* I/O ports the kernel itself drives: no task may be granted them. */
static int
grant_hits_kernel(uint32_t base, uint32_t count)
{
	static const uint32_t kernel_ports[][2] = {
		{ 0x20, 0x22 },		/* master PIC */
		{ 0xa0, 0xa2 },		/* slave PIC */
		{ 0x40, 0x44 },		/* PIT */
		{ 0xf4, 0xf5 },		/* isa-debug-exit */
	};

	for (uint32_t i = 0; i < ARRAY_SIZE(kernel_ports); i++)
		if (base < kernel_ports[i][1] && kernel_ports[i][0] - base < count)
			return 1;
	return 0;
}

/* What a valid request's successful reply promises, checked. */
static void
check_promises(struct fz_thread *me, const struct kreq *q, const struct msg_header *rep)
{
	const uint32_t *w = (const uint32_t *)rep;

	if (q->iface == K_TASK && q->target != NAME_TASK_SELF)
		return;		/* another task's port or memory: nothing to look at here */
	switch (q->id) {
	case TASK_PORT_ALLOCATE_ID:
	case TASK_PORT_SET_ALLOCATE_ID:
		if ((w[6] & 0xff) <= NAME_REPLY || w[6] == NAME_DEAD)
			fz_fail(FZ_F_ORACLE, C_NEWNAME, 6, w[6], q->id);
		else if (q->id == TASK_PORT_ALLOCATE_ID)
			fz_names_add(w[6]);	/* (a full pool lets another name go) */
		else
			fz_list_add(fz_task.sets, FZ_SETS_MAX, w[6], 0);
		break;
	case THREAD_GET_PRIORITY_ID:
		if (w[6] < 1 || w[6] > 31)
			fz_fail(FZ_F_ORACLE, C_PRIORITY, 16, w[6], q->id);
		break;
	case HOST_IO_GRANT_ID:
		if (!(fz_board->skip & FZ_SKIP_IOGRANT) && grant_hits_kernel(q->arg[0], q->arg[1]))
			fz_fail(FZ_F_ORACLE, C_IOGRANT, 0, q->arg[0], q->arg[1]);
		break;
	case HOST_MEMORY_CONTROL_ID:
		fz_fail(FZ_F_ORACLE, C_MEMCTL, ERR_DENIED, ERR_OK, q->id);	/* given twice */
		break;
	case HOST_IMAGE_SPAWN_ID:
		fz_fail(FZ_F_ORACLE, C_IMAGE, ERR_BAD_ARGUMENT, ERR_OK, q->id);	/* garbage ran */
		break;
	case HOST_DEVICE_MAP_ID:
		if (w[6] % 4096 || w[6] < FZ_DYN_BASE || w[6] >= FZ_DYN_TOP)
			fz_fail(FZ_F_ORACLE, C_DEVMAP, FZ_DYN_BASE, w[6], q->id);
		else if (fz_task.device_size == 0) {
			fz_task.device_addr = w[6];
			fz_task.device_size = q->arg[1];
		} else {
			vm_deallocate(w[6], q->arg[1]);
		}
		break;
	}
}

/* Keep or let go of the rights a reply carries (a thread's or task's port). */
static void
take_reply_rights(const struct kreq *q, struct msg_header *rep)
{
	union msg_desc *d = (union msg_desc *)((uint8_t *)(rep + 1) + 4);
	uint32_t n;

	if (!(rep->bits & MSG_BITS_COMPLEX) || rep->size < 40)
		return;
	n = ((struct msg_body *)(rep + 1))->desc_count;
	for (uint32_t i = 0; i < n && i < 1; i++) {
		if (d[i].type != MSG_DESC_PORT || d[i].port.name == NAME_NULL ||
		    d[i].port.name == NAME_DEAD)
			continue;
		if (!q->mutated && d[i].port.disposition != MSG_MOVE_SEND)
			fz_fail(FZ_F_REPLY, C_THREADPORT, MSG_MOVE_SEND, d[i].port.disposition, q->id);
		if (q->id == TASK_THREAD_CREATE_ID)
			fz_list_add(fz_task.parked, FZ_PARKED_MAX, d[i].port.name, 1);
		else if (q->id == HOST_MODULE_SPAWN_ID)
			fz_list_add(fz_task.children, FZ_CHILDREN_MAX, d[i].port.name, 0);
		else
			task_port_deallocate(NAME_TASK_SELF, d[i].port.name);
	}
}

void
fz_check_reply(struct fz_thread *me, const struct kreq *q, uint32_t req_id,
	    struct msg_header *rep, uint32_t kind)
{
	static const uint32_t max[] = { TASK_REPLY_MAX, THREAD_REPLY_MAX, HOST_REPLY_MAX };
	static const uint32_t base[] = { TASK_BASE, THREAD_BASE, HOST_BASE };
	static const uint32_t count[] = { TASK_COUNT, THREAD_COUNT, HOST_COUNT };
	uint32_t off = rep->bits & MSG_BITS_COMPLEX && rep->size >= 24 ?
		       24 + 12 * ((const uint32_t *)rep)[5] : 20;	/* the return code follows the descriptors */
	int32_t ret = off + 4 <= rep->size && off < MSG_SIZE_MAX ? *(const int32_t *)((const uint8_t *)rep + off) : -1;

	fz_stat(FZ_S_KOBJ_REPLIES, 1);
	if (rep->id == MSG_ID_NOTIFY_SEND_ONCE) {
		/* Only a one-way routine that was served answers nothing. */
		if (kind != MSG_MOVE_SEND_ONCE || req_id != THREAD_TERMINATE_ID ||
		    rep->size != sizeof(*rep))
			fz_fail(FZ_F_REPLY, C_NO_REPLY, MSG_REPLY_ID(req_id), rep->id, req_id);
		return;
	}
	if (rep->id != MSG_REPLY_ID(req_id) || rep->size < 24 || rep->size > max[q->iface] ||
	    rep->size % 4 || rep->reply != NAME_NULL || (rep->bits & ~MSG_BITS_COMPLEX) ||
	    rep->dest != me->r_k) {
		fz_fail(FZ_F_REPLY, C_SHAPE, MSG_REPLY_ID(req_id), rep->id, rep->size);
		return;
	}
	if (ret < 0 || ret >= ERR_COUNT || (ret != ERR_OK && (rep->size != 24 ||
	    (rep->bits & MSG_BITS_COMPLEX)))) {
		fz_fail(FZ_F_REPLY, C_RETCODE, 0, ret, req_id);
		return;
	}
	if (req_id - base[q->iface] >= count[q->iface] && ret != ERR_BAD_OPERATION)
		fz_fail(FZ_F_REPLY, C_RETCODE, ERR_BAD_OPERATION, ret, req_id);
	take_reply_rights(q, rep);
	if (ret == ERR_OK && !q->mutated)
		check_promises(me, q, rep);
}
