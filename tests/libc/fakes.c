/*
 * fakes.c - the system under Harbor's C library, faked for host tests:
 * the stdio sink (captures the text), the region source (aligned host
 * memory, page by page, with freed pages poisoned for ASan), the mutex's
 * sleeping half and abort (a longjmp back to the test).
 */
#include <sanitizer/asan_interface.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harbor/error.h"
#include "user/lib/include/harbor/sync.h"
#include "tests/libc/libc_host.h"

#define PAGE		4096u
#define REGIONS_MAX	4096

jmp_buf fake_abort_jmp;
int fake_abort_calls;

char fake_out[8192];
size_t fake_out_len;
int fake_out_writes;
size_t fake_out_last_write;
int fake_sink_refuse;

size_t fake_regions_live, fake_pages_live;
int fake_region_mistakes;
int fake_region_refuse;

static struct {
	char *base;
	size_t pages;
	unsigned char *live;	/* one byte per page */
	size_t live_pages;
} regions[REGIONS_MAX];

/* The names the library calls: declared here, since no header of the host has them. */
void hb_abort(void) __attribute__((noreturn));
int stdio_sink_write(void *ctx, const char *buf, size_t len);
int stdio_sink_read(void *ctx, char *buf, size_t size, size_t *got);
int mem_region_alloc(size_t size, void **addr);
int mem_region_free(void *addr, size_t size);

void
hb_abort(void)
{
	fake_abort_calls++;
	longjmp(fake_abort_jmp, 1);
}

void
fake_out_reset(void)
{
	fake_out_len = 0;
	fake_out[0] = '\0';
	fake_out_writes = 0;
	fake_out_last_write = 0;
	fake_sink_refuse = 0;
}

int
stdio_sink_write(void *ctx, const char *buf, size_t len)
{
	if (fake_sink_refuse)
		return ERR_BAD_NAME;
	if (len > 256)
		abort();	/* stdio promised pieces of at most STDIO_CHUNK */
	if (fake_out_len + len < sizeof(fake_out)) {
		memcpy(fake_out + fake_out_len, buf, len);
		fake_out_len += len;
		fake_out[fake_out_len] = '\0';
	}
	fake_out_writes++;
	fake_out_last_write = len;
	return ERR_OK;
}

int
stdio_sink_read(void *ctx, char *buf, size_t size, size_t *got)
{
	*got = 0;
	return ERR_OK;
}

/*
 * The mutex's fast paths are inline atomics, and with one thread its slow
 * halves run only after a test's abort() longjmp'd out of malloc with the
 * lock held: the next call takes the abandoned lock over.
 */
int
mutex_lock_wait(struct mutex *m)
{
	m->count = 1;
	return ERR_OK;
}

int
mutex_unlock_wake(struct mutex *m)
{
	m->count = 0;
	return ERR_OK;
}

int
mem_region_alloc(size_t size, void **addr)
{
	int i;

	if (size == 0 || size % PAGE)
		return ERR_BAD_SIZE;
	if (fake_region_refuse)
		return ERR_NO_MEMORY;
	for (i = 0; i < REGIONS_MAX && regions[i].base; i++)
		;
	if (i == REGIONS_MAX)
		return ERR_NO_SPACE;
	regions[i].base = aligned_alloc(PAGE, size);
	regions[i].pages = size / PAGE;
	regions[i].live = malloc(regions[i].pages);
	memset(regions[i].base, 0, size);
	memset(regions[i].live, 1, regions[i].pages);
	regions[i].live_pages = regions[i].pages;
	fake_regions_live++;
	fake_pages_live += regions[i].pages;
	*addr = regions[i].base;
	return ERR_OK;
}

int
mem_region_free(void *addr, size_t size)
{
	char *a = addr;

	if ((uintptr_t)a % PAGE || size % PAGE)
		return ERR_BAD_SIZE;
	for (int i = 0; i < REGIONS_MAX; i++) {
		char *base = regions[i].base;
		if (base == NULL || a < base || a >= base + regions[i].pages * PAGE)
			continue;
		for (size_t p = (size_t)(a - base) / PAGE; p < (size_t)(a - base + size) / PAGE; p++) {
			if (p >= regions[i].pages || !regions[i].live[p]) {
				fake_region_mistakes++;
				continue;
			}
			regions[i].live[p] = 0;
			regions[i].live_pages--;
			fake_pages_live--;
			/* A page given back must never be touched again: let ASan say so. */
			ASAN_POISON_MEMORY_REGION(base + p * PAGE, PAGE);
		}
		if (regions[i].live_pages == 0) {
			ASAN_UNPOISON_MEMORY_REGION(base, regions[i].pages * PAGE);
			free(base);
			free(regions[i].live);
			regions[i].base = NULL;
			fake_regions_live--;
		}
		return ERR_OK;
	}
	fake_region_mistakes++;
	return ERR_BAD_ADDRESS;
}
