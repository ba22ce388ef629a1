/*
 * msgcopy.h - a message's rights on their way into and out of the kernel.
 */
#ifndef KERNEL_MSGCOPY_H
#define KERNEL_MSGCOPY_H

#include <stdint.h>
#include "harbor/msg.h"

struct kmsg;
struct task;

/*
 * msg_copyin - check every right m names (destination, reply, port
 * descriptors) and every out-of-line region, then take them out of t
 * into m. Either all of it happens, or (on error) nothing changes.
 * Errors: ERR_BAD_NAME, ERR_BAD_RIGHT, ERR_BAD_DISPOSITION, ERR_PORT_DEAD,
 * ERR_BAD_MESSAGE (descriptor count, type, OOL mode, overlapping moves),
 * ERR_BAD_SIZE / ERR_BAD_ADDRESS (an OOL region misaligned or not mapped),
 * ERR_NO_MEMORY.
 */
int msg_copyin(struct task *t, struct kmsg *m);

/*
 * msg_copyout - give t m's rights under new names, write the message to
 * ubuf (checked writable before) and free m. `rcv_name` is t's name for
 * the port it came in on. Returns ERR_OK or ERR_BAD_ADDRESS.
 */
int msg_copyout(struct task *t, struct kmsg *m, uint32_t ubuf, port_name_t rcv_name);

/*
 * msg_consume_dest - the send through t's destination right `name` with
 * disposition disp happened: a moved send or send-once right is used up.
 */
void msg_consume_dest(struct task *t, port_name_t name, uint32_t disp);

/* msg_release_rights - destroy the rights m carries (before freeing it). */
void msg_release_rights(struct kmsg *m);

#endif /* KERNEL_MSGCOPY_H */
