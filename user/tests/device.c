/*
 * device.c - what drivers get through the host port: I/O port grants,
 * IRQs as messages, device memory. The CMOS clock (ports 0x70-0x71,
 * IRQ 8) and VGA text memory (0xB8000) are the devices QEMU gives us.
 * What a driver must not get: the ports the kernel drives itself, and a
 * port, line or page another task holds.
 */
#include "user/tests/tests.h"
#include "harbor/echo_client.h"
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

	/* The console holds the first text page (0xB8000); the next is free. */
	EXPECT_OK("map VGA text memory (page 1)",
		  host_device_map(NAME_HOST, NAME_TASK_SELF, 0xB9000, 4096, &a));
	volatile uint16_t *cell = (volatile uint16_t *)a;
	cell[0] = 0x0748;	/* 'H', grey on black */
	EXPECT_EQ("the screen cell reads back", 0x0748, cell[0]);
	EXPECT_OK("unmap", vm_deallocate(a, 4096));
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

/*
 * A helper task (tchild "io PORT") that reads one I/O port before it
 * answers each echo request: io_child_ask says whether it could.
 */
struct io_child {
	port_name_t task, service;
};

static int
io_child_start(struct io_child *c, uint32_t port)
{
	char mode[24];

	snprintf(mode, sizeof(mode), "io %u", port);
	return spawn_child(mode, &c->task, &c->service);
}

/* ERR_OK if the child read its port and answered; ERR_NO_REPLY if the read killed it. */
static int
io_child_ask(struct io_child *c)
{
	int32_t sum = 0;
	int err = echo_add(c->service, 1, 2, &sum);

	return err == ERR_OK && sum != 3 ? ERR_BAD_REPLY : err;
}

static void
io_child_end(struct io_child *c)
{
	task_terminate(c->task, 0);	/* ERR_PORT_DEAD if the read killed it: fine */
	task_port_deallocate(NAME_TASK_SELF, c->task);
	task_port_deallocate(NAME_TASK_SELF, c->service);
}

/*
 * io_child_try - grant a fresh child [base, base+count), then let it read
 * `port`: *grant gets the grant's result, and the return value says
 * whether the read worked (ERR_OK) or killed the child (ERR_NO_REPLY).
 */
static int
io_child_try(uint32_t port, uint32_t base, uint32_t count, int *grant)
{
	struct io_child c;
	int err = io_child_start(&c, port);

	*grant = err;
	if (err != ERR_OK)
		return err;
	*grant = host_io_grant(NAME_HOST, c.task, base, count);
	err = io_child_ask(&c);
	io_child_end(&c);
	return err;
}

/* The I/O ports no task may have (kernel/device.c has the reasons). */
static const struct {
	const char *what;
	uint32_t base, count;
} kernel_ports[] = {
	{ "ISA DMA controller 1", 0x00, 0x20 },
	{ "PIC 1", 0x20, 2 },
	{ "IMCR", 0x22, 2 },
	{ "PIT", 0x40, 4 },
	{ "keyboard controller commands", 0x64, 1 },
	{ "ISA DMA page registers", 0x80, 0x10 },
	{ "system control port A", 0x92, 1 },
	{ "PIC 2", 0xa0, 2 },
	{ "ISA DMA controller 2", 0xc0, 0x20 },
	{ "QEMU isa-debug-exit", 0xf4, 4 },
};

static void
device_io_grant_refuses_kernel_ports(void)
{
	struct counts base, now;
	char what[96];
	int grant, used;

	EXPECT_OK("counts", counts_get(&base));
	for (uint32_t i = 0; i < sizeof(kernel_ports) / sizeof(kernel_ports[0]); i++) {
		uint32_t first = kernel_ports[i].base;
		uint32_t last = first + kernel_ports[i].count - 1;

		snprintf(what, sizeof(what), "%s (0x%x-0x%x), all of it", kernel_ports[i].what,
			 first, last);
		EXPECT_ERR(what, ERR_DENIED,
			   host_io_grant(NAME_HOST, NAME_TASK_SELF, first, last - first + 1));
		snprintf(what, sizeof(what), "%s, its last port 0x%x", kernel_ports[i].what, last);
		EXPECT_ERR(what, ERR_DENIED, host_io_grant(NAME_HOST, NAME_TASK_SELF, last, 1));
		/* Refused for a child too, and the child still faults on it. */
		used = io_child_try(first, first, last - first + 1, &grant);
		snprintf(what, sizeof(what), "%s, granted to a child", kernel_ports[i].what);
		EXPECT_ERR(what, ERR_DENIED, grant);
		snprintf(what, sizeof(what), "%s, the child reads 0x%x and is killed",
			 kernel_ports[i].what, first);
		EXPECT_ERR(what, ERR_NO_REPLY, used);
	}
	/* A range reaching into a kernel port is refused whole: 0x61 stays ungranted. */
	used = io_child_try(0x61, 0x61, 4, &grant);
	EXPECT_ERR("0x61-0x64 (reaches the keyboard controller's commands)", ERR_DENIED, grant);
	EXPECT_ERR("the child reads 0x61 and is killed", ERR_NO_REPLY, used);
	/* The control: a port a driver may have works, so the kills above were the grants'. */
	used = io_child_try(0x61, 0x61, 1, &grant);
	EXPECT_OK("0x61 alone (system control port B: harmless to read)", grant);
	EXPECT_OK("the child reads 0x61 and answers", used);
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
}

/* The console server took COM1, the keyboard's data port, IRQs 1 and 4. */
static void
device_console_holds_its_devices(void)
{
	port_name_t p = make_port();

	EXPECT_ERR("COM1", ERR_BUSY, host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x3f8, 8));
	EXPECT_ERR("COM1's last port", ERR_BUSY, host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x3ff, 1));
	EXPECT_ERR("keyboard data", ERR_BUSY, host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x60, 1));
	EXPECT_ERR("IRQ 1", ERR_BUSY, host_irq_bind(NAME_HOST, 1, p));
	EXPECT_ERR("IRQ 4", ERR_BUSY, host_irq_bind(NAME_HOST, 4, p));
	EXPECT_ERR("VGA text page 0", ERR_BUSY,
		   host_device_map(NAME_HOST, NAME_TASK_SELF, 0xB8000, 4096, &(uint32_t){ 0 }));
	drop_port(p);
}

static void
device_io_port_one_task_at_a_time(void)
{
	struct counts base, now;
	struct io_child a, b, c;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("start child A", io_child_start(&a, 0x61));
	EXPECT_OK("grant 0x61 to A", host_io_grant(NAME_HOST, a.task, 0x61, 1));
	EXPECT_OK("A reads it", io_child_ask(&a));
	EXPECT_OK("grant it to A again", host_io_grant(NAME_HOST, a.task, 0x61, 1));
	EXPECT_ERR("grant it to us while A holds it", ERR_BUSY,
		   host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x61, 1));
	EXPECT_ERR("grant us 0x61-0x63, reaching into it", ERR_BUSY,
		   host_io_grant(NAME_HOST, NAME_TASK_SELF, 0x61, 3));
	EXPECT_OK("start child B", io_child_start(&b, 0x61));
	EXPECT_ERR("grant it to B while A holds it", ERR_BUSY,
		   host_io_grant(NAME_HOST, b.task, 0x61, 1));
	EXPECT_ERR("B got nothing: its read kills it", ERR_NO_REPLY, io_child_ask(&b));
	io_child_end(&b);
	EXPECT_OK("A still reads it", io_child_ask(&a));
	io_child_end(&a);
	/* A died: 0x61 is free again, and the refused grants took 0x61-0x63 for no one. */
	EXPECT_OK("start child C", io_child_start(&c, 0x61));
	EXPECT_OK("grant 0x61-0x63 to C", host_io_grant(NAME_HOST, c.task, 0x61, 3));
	EXPECT_OK("C reads 0x61", io_child_ask(&c));
	io_child_end(&c);
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
}

static void
device_irq_one_port_at_a_time(void)
{
	port_name_t p1 = make_port(), p2 = make_port();

	/* IRQ 5: no device behind it in QEMU's PC, so no interrupt arrives. */
	EXPECT_OK("bind IRQ 5 to p1", host_irq_bind(NAME_HOST, 5, p1));
	EXPECT_OK("bind it to p1 again", host_irq_bind(NAME_HOST, 5, p1));
	EXPECT_ERR("bind it to p2 while p1 lives", ERR_BUSY, host_irq_bind(NAME_HOST, 5, p2));
	drop_port(p1);
	EXPECT_OK("bind it to p2 once p1 died", host_irq_bind(NAME_HOST, 5, p2));
	drop_port(p2);
	EXPECT_ERR("p2 died too: the line is unbound", ERR_BAD_ARGUMENT,
		   host_irq_ack(NAME_HOST, 5));
}

static void
device_memory_one_task_at_a_time(void)
{
	struct counts base, now;
	port_name_t task, service;
	uint32_t a;

	EXPECT_OK("counts", counts_get(&base));
	EXPECT_OK("map VGA page 0xBA000 into us",
		  host_device_map(NAME_HOST, NAME_TASK_SELF, 0xBA000, 4096, &a));
	EXPECT_OK("unmap it (we still hold it)", vm_deallocate(a, 4096));
	EXPECT_OK("start a child", spawn_child("echo", &task, &service));
	EXPECT_ERR("map our page into the child", ERR_BUSY,
		   host_device_map(NAME_HOST, task, 0xBA000, 4096, &a));
	EXPECT_OK("map the next page into the child",
		  host_device_map(NAME_HOST, task, 0xBB000, 4096, &a));
	EXPECT_ERR("map the child's page into us", ERR_BUSY,
		   host_device_map(NAME_HOST, NAME_TASK_SELF, 0xBB000, 4096, &a));
	EXPECT_ERR("map both pages into us", ERR_BUSY,
		   host_device_map(NAME_HOST, NAME_TASK_SELF, 0xBA000, 8192, &a));
	EXPECT_OK("terminate the child", task_terminate(task, 0));
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	EXPECT_OK("its page is free again",
		  host_device_map(NAME_HOST, NAME_TASK_SELF, 0xBB000, 4096, &a));
	EXPECT_OK("unmap it", vm_deallocate(a, 4096));
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
}

const struct test_case device_cases[] = {
	{ "device_io_grant_allows_in_and_out", device_io_grant_allows_in_and_out },
	{ "device_irq_arrives_as_message", device_irq_arrives_as_message },
	{ "device_irq_bad_lines_rejected", device_irq_bad_lines_rejected },
	{ "device_vga_memory_maps", device_vga_memory_maps },
	{ "device_terminating_a_granted_task_keeps_our_grant",
	  device_terminating_a_granted_task_keeps_our_grant },
	{ "device_io_grant_refuses_kernel_ports", device_io_grant_refuses_kernel_ports },
	{ "device_console_holds_its_devices", device_console_holds_its_devices },
	{ "device_io_port_one_task_at_a_time", device_io_port_one_task_at_a_time },
	{ "device_irq_one_port_at_a_time", device_irq_one_port_at_a_time },
	{ "device_memory_one_task_at_a_time", device_memory_one_task_at_a_time },
	{ NULL, NULL },
};
