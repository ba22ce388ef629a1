/*
 * pager.c - tchild's memory-server modes, for user/tests/mem.c.
 *
 * Each reports what it saw as one word sent to its bootstrap port
 * (struct mem_child_msg), then ends or is killed by its fault:
 *   stack_grow       recurse through ~256 KiB of stack (the memory server
 *                    grows it), report its checksum, exit
 *   stack_overflow   recurse until the stack passes its 1 MiB limit
 *   wild             write to an address in no region
 *   mem_hold         take 64 pages at once, touch 16 lazy ones, report,
 *                    and wait to be killed
 *   own_pager        make a port of its own its pager, then fault
 *   pager_bootstrap  make its bootstrap port its pager, then fault at
 *                    MEM_CHILD_FAULT_ADDR
 *   pager_late       the same pager; twice, receive into
 *                    MEM_CHILD_FAULT_ADDR (the kernel's copy faults) and
 *                    report the trap's result
 */
#include "user/lib/ulib.h"
#include "harbor/mem.h"
#include "harbor/mem_client.h"
#include "harbor/task_client.h"
#include "user/tchild/tchild.h"

static void
report(uint32_t word)
{
	struct mem_child_msg m = {
		.head = { .bits = MSG_BITS(MSG_COPY_SEND, MSG_NONE), .size = sizeof(m),
			  .dest = NAME_BOOTSTRAP, .id = MEM_CHILD_MSG_ID },
		.word = word,
	};

	msg_send(&m.head, MSG_OPT_TIMEOUT, 1000);
}

/* Use about depth KiB of stack; the sum keeps the compiler from folding it. */
static uint32_t __attribute__((noinline))
dig(uint32_t depth)
{
	volatile uint8_t frame[1024];

	for (uint32_t i = 0; i < sizeof(frame); i += 64)
		frame[i] = (uint8_t)(depth + i);
	if (depth == 0)
		return frame[0];
	return dig(depth - 1) + frame[64];
}

int
pager_child(const char *mode)
{
	if (strcmp(mode, "stack_grow") == 0) {
		report(dig(256));
		return 0;
	}
	if (strcmp(mode, "stack_overflow") == 0) {
		report(dig(4096));	/* 4 MiB: past the limit */
		return 0;
	}
	if (strcmp(mode, "wild") == 0) {
		*(volatile uint32_t *)MEM_CHILD_FAULT_ADDR = 1;
		return 0;
	}
	if (strcmp(mode, "mem_hold") == 0) {
		uint32_t a, b;
		if (vm_allocate(64 * PAGE_SIZE, &a) != ERR_OK ||
		    mem_allocate(mem_port, 64 * PAGE_SIZE, 0, &b) != ERR_OK)
			return 1;
		for (uint32_t i = 0; i < 16; i++)
			((volatile uint32_t *)b)[i * PAGE_SIZE / 4] = i;
		report(dig(64));
		for (;;)
			sleep_ms(1000);
	}
	if (strcmp(mode, "own_pager") == 0) {
		port_name_t p;
		if (task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK ||
		    task_port_make_send(NAME_TASK_SELF, p) != ERR_OK ||
		    task_set_pager(NAME_TASK_SELF, p) != ERR_OK)
			return 1;
		report(1);
		*(volatile uint32_t *)MEM_CHILD_FAULT_ADDR = 1;
		return 0;
	}
	if (strcmp(mode, "pager_bootstrap") == 0) {
		if (task_set_pager(NAME_TASK_SELF, NAME_BOOTSTRAP) != ERR_OK)
			return 1;
		*(volatile uint32_t *)MEM_CHILD_FAULT_ADDR = 1;
		return 0;
	}
	if (strcmp(mode, "pager_late") == 0) {
		port_name_t p;
		if (task_set_pager(NAME_TASK_SELF, NAME_BOOTSTRAP) != ERR_OK ||
		    task_port_allocate(NAME_TASK_SELF, &p) != ERR_OK)
			return 1;
		for (int i = 0; i < 2; i++)
			report((uint32_t)msg_receive((struct msg_header *)MEM_CHILD_FAULT_ADDR,
						     PAGE_SIZE, p, MSG_OPT_TIMEOUT, 0));
		return 0;
	}
	return 2;
}
