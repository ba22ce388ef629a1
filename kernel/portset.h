/*
 * portset.h - port sets: receive from any of several ports.
 *
 * A set is a struct port with is_set: it has no queue of its own, only
 * members (ports whose receive rights its owner holds; a port is in at
 * most one set) and the threads waiting to receive from any of them.
 */
#ifndef KERNEL_PORTSET_H
#define KERNEL_PORTSET_H

struct port;

/* portset_insert - put p in set (leaving any set it was in); wake a set receiver if p has mail. */
void portset_insert(struct port *set, struct port *p);

/* portset_remove - take p out of its set, if it is in one. */
void portset_remove(struct port *p);

/* portset_first - the member whose queue has a message, oldest member first, or NULL. */
struct port *portset_first(struct port *set);

/* portset_destroy - the set's name is gone: release its members, wake its receivers. */
void portset_destroy(struct port *set);

#endif /* KERNEL_PORTSET_H */
