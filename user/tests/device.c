/*
 * device.c - what drivers get through the host port: I/O port grants,
 * IRQs as messages, device memory. The CMOS clock (ports 0x70-0x71,
 * IRQ 8) and VGA text memory (0xB8000) are the devices QEMU gives us.
 */
#include "user/tests/tests.h"
#include "harbor/host_client.h"
#include "harbor/task_client.h"
#include "user/tchild/tchild.h"

#define RTC_INDEX	0x70
#define RTC_DATA	0x71
#define RTC_REG_A	0x0A
#define RTC_REG_B	0x0B
#define RTC_REG_C	0x0C
#define RTC_PIE		0x40	/* register B: periodic interrupt enable */
#define IRQ_RTC		8

static uint8_t
rtc_read(uint8_t reg)
{
	uint8_t v;

	__asm__ volatile("outb %0, %1" : : "a"(reg), "Nd"((uint16_t)RTC_INDEX));
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"((uint16_t)RTC_DATA));
	return v;
}

static void
rtc_write(uint8_t reg, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(reg), "Nd"((uint16_t)RTC_INDEX));
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"((uint16_t)RTC_DATA));
}

static void
device_io_grant_allows_in_and_out(void)
{
	EXPECT_OK("grant ourselves the clock's ports",
		  host_io_grant(NAME_HOST, NAME_TASK_SELF, RTC_INDEX, 2));
	/* Register A's low bits are the rate: QEMU starts it non-zero. */
	EXPECT_TRUE("register A reads back", (rtc_read(RTC_REG_A) & 0x0f) != 0);
	EXPECT_ERR("ports above the ISA range", ERR_BAD_ARGUMENT,
		   host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x3ff, 2));
	EXPECT_ERR("no ports", ERR_BAD_ARGUMENT, host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x60, 0));
	EXPECT_ERR("not a task port", ERR_BAD_ARGUMENT,
		   host_io_grant(NAME_HOST, NAME_HOST, 0x60, 1));
}

static void
device_irq_arrives_as_message(void)
{
	port_name_t p = make_port();
	struct msg_notification n;

	EXPECT_OK("grant", host_io_grant(NAME_HOST, NAME_TASK_SELF, RTC_INDEX, 2));
	EXPECT_OK("bind IRQ 8", host_irq_bind(NAME_HOST, IRQ_RTC, p));
	rtc_read(RTC_REG_C);				/* clear anything pending */
	rtc_write(RTC_REG_B, rtc_read(RTC_REG_B) | RTC_PIE);
	EXPECT_OK("first interrupt", msg_receive(&n.head, sizeof(n), p, MSG_OPT_TIMEOUT, 2000));
	EXPECT_EQ("id", MSG_ID_IRQ, n.head.id);
	EXPECT_EQ("line", IRQ_RTC, n.name);
	rtc_read(RTC_REG_C);				/* the device's own acknowledgement */
	EXPECT_ERR("masked until we acknowledge", ERR_TIMED_OUT,
		   msg_receive(&n.head, sizeof(n), p, MSG_OPT_TIMEOUT, 50));
	EXPECT_OK("acknowledge", host_irq_ack(NAME_HOST, IRQ_RTC));
	EXPECT_OK("second interrupt", msg_receive(&n.head, sizeof(n), p, MSG_OPT_TIMEOUT, 2000));
	rtc_write(RTC_REG_B, rtc_read(RTC_REG_B) & ~RTC_PIE);
	rtc_read(RTC_REG_C);
	drop_port(p);
}

static void
device_irq_bad_lines_rejected(void)
{
	port_name_t p = make_port();

	EXPECT_ERR("the timer", ERR_BAD_ARGUMENT, host_irq_bind(NAME_HOST, 0, p));
	EXPECT_ERR("the cascade", ERR_BAD_ARGUMENT, host_irq_bind(NAME_HOST, 2, p));
	EXPECT_ERR("line 16", ERR_BAD_ARGUMENT, host_irq_bind(NAME_HOST, 16, p));
	EXPECT_ERR("ack an unbound line", ERR_BAD_ARGUMENT, host_irq_ack(NAME_HOST, 5));
	drop_port(p);
}

static void
device_vga_memory_maps(void)
{
	uint32_t a;

	EXPECT_OK("map VGA text memory",
		  host_device_map(NAME_HOST, NAME_TASK_SELF, 0xB8000, 4096, &a));
	volatile uint16_t *cell = (volatile uint16_t *)a;
	cell[0] = 0x0748;	/* 'H', grey on black */
	EXPECT_EQ("the screen cell reads back", 0x0748, cell[0]);
	EXPECT_OK("unmap", task_vm_deallocate(NAME_TASK_SELF, a, 4096));
	EXPECT_ERR("RAM is not device memory", ERR_BAD_ADDRESS,
		   host_device_map(NAME_HOST, NAME_TASK_SELF, 0x200000, 4096, &a));
	EXPECT_ERR("unaligned", ERR_BAD_SIZE,
		   host_device_map(NAME_HOST, NAME_TASK_SELF, 0xB8004, 4096, &a));
	EXPECT_ERR("past the ISA hole", ERR_BAD_ADDRESS,
		   host_device_map(NAME_HOST, NAME_TASK_SELF, 0xFF000, 8192, &a));
}

/*
 * A task with I/O grants terminates another task with grants, then uses
 * its own: the kernel must not have reset the loaded I/O bitmap to "no
 * ports" on the way (the child would fault and never say it could).
 */
static void
device_terminating_a_granted_task_keeps_our_grant(void)
{
	struct counts base, want, now;
	port_name_t p = make_port(), task;
	struct msg_header m;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("spawn the child",
		  host_module_spawn(NAME_HOST, "tchild io_after_terminate", p, NAME_HOST, 0, &task));
	task_port_deallocate(NAME_TASK_SELF, task);
	/* Both tasks gone, and one message left on p: the child's "it worked". */
	want = base;
	want.messages++;
	EXPECT_TRUE("the child and its victim are gone, its message queued",
		    counts_settle(&want, &now));
	EXPECT_OK("the child's message", msg_receive(&m, sizeof(m), p, MSG_OPT_TIMEOUT, 0));
	EXPECT_EQ("it could use its ports", TCHILD_IO_OK, m.id);
	drop_port(p);
}

const struct test_case device_cases[] = {
	{ "device_io_grant_allows_in_and_out", device_io_grant_allows_in_and_out },
	{ "device_irq_arrives_as_message", device_irq_arrives_as_message },
	{ "device_irq_bad_lines_rejected", device_irq_bad_lines_rejected },
	{ "device_vga_memory_maps", device_vga_memory_maps },
	{ "device_terminating_a_granted_task_keeps_our_grant",
	  device_terminating_a_granted_task_keeps_our_grant },
	{ NULL, NULL },
};
