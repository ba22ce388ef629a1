/*
 * msg.h - the message format and the three IPC traps: Harbor's kernel ABI.
 *
 * A message is a header followed by a body. A simple body is plain bytes
 * (inline data, copied). A complex body (MSG_BITS_COMPLEX) starts with a
 * descriptor count and that many 12-byte typed descriptors (port rights,
 * out-of-line memory), then inline data. Sizes are in bytes, include the
 * header and are multiples of 4. See docs/abi.md.
 */
#ifndef HARBOR_MSG_H
#define HARBOR_MSG_H

/*
 * The trap: one software interrupt, three operations (%eax = operation,
 * arguments in %ebx, %ecx, %edx, %esi, %edi). Plain #defines, outside the
 * C-only part below, so that the assembly that enters the kernel
 * (kernel/i386/trapentry.S) and the user's trap stubs (user/lib/trap.S)
 * use these very numbers: there is no second copy to disagree.
 */
#define MSG_TRAP_VECTOR		0x30
#define MSG_TRAP_SEND		1
#define MSG_TRAP_RECEIVE	2
#define MSG_TRAP_RPC		3
#define MSG_TRAP_LAST		MSG_TRAP_RPC	/* operations are 1 to MSG_TRAP_LAST */
/* A trap option (the others are below): msg_rpc receives into the buffer in
 * %ebp, not msg (msg_rpc_into, user/lib/trap.S, which needs it here). */
#define MSG_OPT_RCV_BUFFER	0x4

#ifndef __ASSEMBLER__
#include <stdint.h>

/* A name: a task-local number that denotes a right the task holds. */
typedef uint32_t port_name_t;

#define NAME_NULL	((port_name_t)0)	/* no port */
#define NAME_DEAD	((port_name_t)~0u)	/* a right that died in transit */

/* Names every task is born with (see docs/abi.md). */
#define NAME_TASK_SELF	((port_name_t)1)	/* send right to the task's own task port */
#define NAME_THREAD_SELF ((port_name_t)2)	/* send right to the first thread's port */
#define NAME_BOOTSTRAP	((port_name_t)3)	/* send right to the bootstrap (name) server, or NULL */
#define NAME_HOST	((port_name_t)4)	/* init only: send right to the host port */
#define NAME_REPLY	((port_name_t)5)	/* receive right: the first thread's reply port */

/*
 * Dispositions: how a right is passed in a header or descriptor. The
 * receiver sees the resulting right: MOVE/COPY/MAKE_SEND arrive as a send
 * right, MOVE/MAKE_SEND_ONCE as a send-once right, MOVE_RECEIVE as receive.
 */
enum msg_disposition {
	MSG_NONE = 0,			/* no right (header fields only) */
	MSG_MOVE_RECEIVE = 16,
	MSG_MOVE_SEND = 17,
	MSG_MOVE_SEND_ONCE = 18,
	MSG_COPY_SEND = 19,
	MSG_MAKE_SEND = 20,
	MSG_MAKE_SEND_ONCE = 21,
};

/*
 * msg_disposition_kind - the kind of right a disposition delivers, which
 * is what the receiver finds in the header bits or the descriptor:
 * MSG_MOVE_SEND, MSG_MOVE_SEND_ONCE or MSG_MOVE_RECEIVE; MSG_NONE (0) for
 * a value that is no disposition. The kernel (right_kind), idlc and the
 * tests all use this one definition.
 */
static inline uint32_t
msg_disposition_kind(uint32_t disp)
{
	switch (disp) {
	case MSG_MOVE_SEND:
	case MSG_COPY_SEND:
	case MSG_MAKE_SEND:
		return MSG_MOVE_SEND;
	case MSG_MOVE_SEND_ONCE:
	case MSG_MAKE_SEND_ONCE:
		return MSG_MOVE_SEND_ONCE;
	case MSG_MOVE_RECEIVE:
		return MSG_MOVE_RECEIVE;
	}
	return MSG_NONE;
}

/* header.bits: dest disposition in bits 0-7, reply disposition in 8-15. */
#define MSG_BITS(dest, reply)	((uint32_t)(dest) | ((uint32_t)(reply) << 8))
#define MSG_BITS_DEST(bits)	((bits) & 0xff)
#define MSG_BITS_REPLY(bits)	(((bits) >> 8) & 0xff)
#define MSG_BITS_COMPLEX	0x80000000u	/* body starts with descriptors */
#define MSG_BITS_USER		(0xffffu | MSG_BITS_COMPLEX)

/*
 * On send: dest names the destination, reply the reply right to pass.
 * On receive: dest is the receiver's name for the port the message came
 * in on; reply is the receiver's name for the reply right (or NAME_NULL),
 * and the dispositions in bits say what kind of right each now is.
 */
struct msg_header {
	uint32_t bits;
	uint32_t size;		/* whole message in bytes, header included */
	port_name_t dest;
	port_name_t reply;
	uint32_t id;		/* operation id; replies use request id + 100 */
};

/* Limits (bytes). */
#define MSG_SIZE_MIN	((uint32_t)sizeof(struct msg_header))
#define MSG_SIZE_MAX	8192u		/* header + descriptors + inline data */
#define MSG_DESC_MAX	16u		/* descriptors in one message */

/* Complex bodies: a count, then descriptors, then inline data. */
struct msg_body {
	uint32_t desc_count;
};

enum msg_desc_type {
	MSG_DESC_PORT = 1,	/* a port right */
	MSG_DESC_OOL = 2,	/* out-of-line memory (whole pages) */
};

/* OOL modes. */
enum msg_ool_mode {
	MSG_OOL_MOVE = 1,	/* the sender loses the pages */
	MSG_OOL_SHARE = 2,	/* both map the same frames */
	MSG_OOL_COPY = 3,	/* copy-on-write */
};

struct msg_port_desc {
	uint16_t type;		/* MSG_DESC_PORT */
	uint16_t disposition;	/* enum msg_disposition; on receive, the kind of right */
	port_name_t name;	/* on receive, the receiver's name for it */
	uint32_t pad;
};

struct msg_ool_desc {
	uint16_t type;		/* MSG_DESC_OOL */
	uint16_t mode;		/* enum msg_ool_mode */
	uint32_t address;	/* page aligned */
	uint32_t size;		/* bytes, a multiple of the page size */
};

union msg_desc {
	uint16_t type;
	struct msg_port_desc port;
	struct msg_ool_desc ool;
};

/* Replies generated by the interface compiler start with this. */
struct msg_reply_header {
	struct msg_header head;
	int32_t retcode;	/* ERR_OK or an enum harbor_error */
};

#define MSG_REPLY_ID(request_id)	((request_id) + 100)

/*
 * Notifications: messages the kernel itself sends. A send-once
 * notification arrives on a reply port when the reply right was destroyed
 * unused (the server died or dropped it): the waiting client learns it
 * will get no reply.
 */
#define MSG_ID_NOTIFY_SEND_ONCE	64
#define MSG_ID_NOTIFY_DEAD_NAME	65	/* a port we hold a send right to died */
#define MSG_ID_NOTIFY_NO_SENDERS	66	/* no send rights remain to our port */
#define MSG_ID_NOTIFY_SEND_POSSIBLE	67	/* a full queue has room again */
#define MSG_ID_IRQ		72	/* an interrupt on a bound IRQ line */

/* What task port_request_notification asks for. */
enum notify_kind {
	NOTIFY_DEAD_NAME = 1,
	NOTIFY_NO_SENDERS = 2,
	NOTIFY_SEND_POSSIBLE = 3,
};

/*
 * The body of every notification except send-once: the name (in the
 * requester's space) of the right it is about; for MSG_ID_IRQ the line.
 */
struct msg_notification {
	struct msg_header head;
	uint32_t name;
};

/* Trap options (bit flags). Without MSG_OPT_TIMEOUT a trap blocks as long as needed. */
#define MSG_OPT_TIMEOUT	0x1u	/* give up after `timeout` ms; 0 ms means poll */
#define MSG_OPT_NOTIFY	0x2u	/* send: on a full queue, queue anyway and notify later */
#define MSG_OPT_USER	(MSG_OPT_TIMEOUT | MSG_OPT_NOTIFY | MSG_OPT_RCV_BUFFER)

#ifndef __KERNEL__
/*
 * msg_send - queue msg (msg->size bytes) on msg->dest.
 * Errors: ERR_BAD_ADDRESS, ERR_BAD_SIZE, ERR_BAD_NAME, ERR_BAD_RIGHT,
 * ERR_BAD_DISPOSITION, ERR_BAD_MESSAGE, ERR_TIMED_OUT, ERR_PORT_DEAD,
 * ERR_NO_MEMORY, ERR_BAD_ARGUMENT (unknown option bits).
 */
int msg_send(struct msg_header *msg, uint32_t options, uint32_t timeout);

/*
 * msg_receive - take the next message from port (or port set) into buf,
 * which holds size bytes. Errors: ERR_BAD_ADDRESS, ERR_BAD_SIZE,
 * ERR_BAD_NAME, ERR_BAD_RIGHT, ERR_TIMED_OUT, ERR_PORT_DEAD, ERR_BAD_ARGUMENT,
 * ERR_TOO_LARGE (buf->size is set to the size needed; the message stays).
 */
int msg_receive(struct msg_header *buf, uint32_t size, port_name_t port,
		uint32_t options, uint32_t timeout);

/*
 * msg_rpc - send msg, then receive into the same buffer (size bytes) from
 * rcv_port, with no window between. The errors of both calls; a send error
 * means nothing was received.
 */
int msg_rpc(struct msg_header *msg, uint32_t size, port_name_t rcv_port,
	    uint32_t options, uint32_t timeout);

/*
 * msg_rpc_into - msg_rpc, but the answer is received into rcv (size
 * bytes; MSG_OPT_RCV_BUFFER with rcv in %ebp), so msg may be anywhere:
 * a server answers from where the data lies (a cache page with room for
 * the reply's header in front) and takes its next request elsewhere.
 * The errors of msg_rpc.
 */
int msg_rpc_into(const struct msg_header *msg, struct msg_header *rcv, uint32_t size,
		 port_name_t rcv_port, uint32_t options, uint32_t timeout);

/*
 * The client side of an RPC, in the user library (user/lib/call.c; the
 * protocol is in docs/idl.md). The generated stubs call msg_call and
 * msg_call_reject; hand-written code may use the rest.
 *
 * msg_call - make the call a stub packed in m: pass the calling thread's
 * reply port as m's reply right (the stub asked for MSG_MAKE_SEND_ONCE),
 * msg_rpc with a buffer of size bytes, and leave what arrived in m. A call
 * that fails throws the reply port away, with anything still on its way
 * to it, so no later call can take this call's answer. Errors: those of
 * msg_rpc (ERR_TIMED_OUT after msg_call_timeout's limit); ERR_NO_REPLY_PORT
 * (the thread was not started by thread_start); ERR_NO_MEMORY or
 * ERR_NO_SPACE (no spare reply port could be made: nothing was sent).
 */
int msg_call(struct msg_header *m, uint32_t size);

/*
 * msg_call_reject - a stub's verdict on what msg_call left in m: it is not
 * the answer to this call. Lets go of the rights and pages m carries and
 * throws the reply port away, as a failed msg_call does.
 */
void msg_call_reject(struct msg_header *m);

/*
 * msg_call_timeout - make the calling thread's later calls through stubs
 * give up after ms milliseconds (ERR_TIMED_OUT); 0, the default, waits as
 * long as it takes. Returns the previous limit (0 in a thread without a
 * reply port, where it does nothing).
 */
uint32_t msg_call_timeout(uint32_t ms);

/*
 * msg_reply_port - the calling thread's reply port (a receive right): the
 * one the stubs use, NAME_REPLY for the first thread until it is replaced.
 * NAME_NULL if the thread has none (it was not started by thread_start)
 * or no spare port could be made. Take it afresh for each call: after a
 * failed call it is a new port. Hand-written code may make calls on it as
 * the stubs do; one that gives up on an answer must call
 * msg_reply_port_discard.
 */
port_name_t msg_reply_port(void);

/*
 * msg_reply_port_discard - throw the calling thread's reply port away
 * (everything queued on it, and every answer still on its way, is
 * destroyed) and use a fresh one. For hand-written code that gave up on
 * an answer; does nothing in a thread without a reply port.
 */
void msg_reply_port_discard(void);
#endif /* !__KERNEL__ */
#endif /* !__ASSEMBLER__ */

#endif /* HARBOR_MSG_H */
