/*
 * kmsg.c - allocating messages in transit.
 *
 * Small messages (most RPCs) come from a zone; larger ones take whole
 * contiguous pool pages. Either way the bytes are charged to the task
 * that holds the destination's receive right (it chose the queue limit)
 * until the message is received or destroyed; kmsg_recharge moves the
 * charge when the receive right moves.
 */
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/pool.h"
#include "harbor/layout.h"
#include "harbor/error.h"

struct kmsg_small {
	struct kmsg k;
	uint8_t bytes[KMSG_SMALL];
};

static struct zone kmsg_zone = ZONE_INIT("kmsg", struct kmsg_small);
static uint32_t kmsg_large_count;

struct kmsg *
kmsg_alloc(uint32_t size, struct task *t)
{
	uint32_t total = sizeof(struct kmsg) + size;
	uint32_t pages = size <= KMSG_SMALL ? 0 : ROUNDUP(total, PAGE_SIZE) / PAGE_SIZE;
	uint32_t charge = pages ? pages * PAGE_SIZE : sizeof(struct kmsg_small);
	struct kmsg *m;

	if (pool_charge(t, charge) != 0)
		return NULL;
	m = pages ? pool_page_alloc(pages) : zone_alloc(&kmsg_zone);
	if (m == NULL) {
		pool_uncharge(t, charge);
		return NULL;
	}
	if (pages)
		kmsg_large_count++;
	m->charged = t;
	m->alloc_size = charge;
	m->size = size;
	return m;
}

int
kmsg_charge_extra(struct kmsg *m, uint32_t bytes)
{
	if (pool_charge(m->charged, bytes) != 0)
		return ERR_NO_MEMORY;
	m->extra_charge += bytes;
	return ERR_OK;
}

void
kmsg_recharge(struct kmsg *m, struct task *t)
{
	uint32_t bytes = m->alloc_size + m->extra_charge;

	pool_uncharge(m->charged, bytes);
	m->charged = pool_charge(t, bytes) == ERR_OK ? t : NULL;
}

void
kmsg_free(struct kmsg *m)
{
	pool_uncharge(m->charged, m->alloc_size + m->extra_charge);
	if (m->alloc_size == sizeof(struct kmsg_small)) {
		zone_free(&kmsg_zone, m);
	} else {
		kmsg_large_count--;
		pool_page_free(m, m->alloc_size / PAGE_SIZE);
	}
}

uint32_t
kmsg_count(void)
{
	return kmsg_zone.in_use + kmsg_large_count;
}
