/*
 * mem.c - tchild's `mem` mode: keep a region of memory for the test suite.
 *
 * The copy-on-write tests need a frame mapped by several tasks at once:
 * shared writable, shared read-only, copied, copied again. This mode is
 * one such holder. It keeps the one out-of-line region it was last given
 * (include/harbor/testmem.defs), writes and reads words of it when asked,
 * and hands it on shared or copied. It never looks at a region's bytes on
 * its own, so whatever a peek sees is what the kernel left in the frame.
 */
#include "user/lib/ulib.h"
#include "user/tchild/tchild.h"
#include "harbor/task_client.h"
#include "harbor/testmem_server.h"

/* The region kept: its address here and its size (0: none). */
static uint32_t kept_addr, kept_size;

/* Keep a region just received, giving back the one kept before. */
static int
keep(uint32_t addr, uint32_t size)
{
	if (kept_size != 0)
		vm_deallocate(kept_addr, kept_size);
	kept_addr = addr;
	kept_size = size;
	return ERR_OK;
}

/* The word at offset of the region kept, or NULL if there is none there. */
static volatile uint32_t *
word(uint32_t offset)
{
	if (offset % 4 != 0 || offset >= kept_size)
		return NULL;
	return (volatile uint32_t *)(kept_addr + offset);
}

int
testmem_take_share_handler(void *ctx, uint32_t region_addr, uint32_t region_size)
{
	(void)ctx;
	return keep(region_addr, region_size);
}

int
testmem_take_copy_handler(void *ctx, uint32_t region_addr, uint32_t region_size)
{
	(void)ctx;
	return keep(region_addr, region_size);
}

int
testmem_take_move_handler(void *ctx, uint32_t region_addr, uint32_t region_size)
{
	(void)ctx;
	return keep(region_addr, region_size);
}

int
testmem_poke_handler(void *ctx, uint32_t offset, uint32_t value)
{
	volatile uint32_t *w = word(offset);

	(void)ctx;
	if (w == NULL)
		return ERR_BAD_ARGUMENT;
	*w = value;
	return ERR_OK;
}

int
testmem_peek_handler(void *ctx, uint32_t offset, uint32_t *value)
{
	volatile uint32_t *w = word(offset);

	(void)ctx;
	if (w == NULL)
		return ERR_BAD_ARGUMENT;
	*value = *w;
	return ERR_OK;
}

int
testmem_give_share_handler(void *ctx, uint32_t *region_addr, uint32_t *region_size)
{
	(void)ctx;
	if (kept_size == 0)
		return ERR_BAD_ARGUMENT;
	*region_addr = kept_addr;
	*region_size = kept_size;
	return ERR_OK;
}

int
testmem_give_copy_handler(void *ctx, uint32_t *region_addr, uint32_t *region_size)
{
	return testmem_give_share_handler(ctx, region_addr, region_size);
}

void
mem_serve(port_name_t service)
{
	server_loop(service, testmem_dispatch, NULL);
}
