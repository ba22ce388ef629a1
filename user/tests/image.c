/*
 * image.c - starting programs from images rather than boot modules: the
 * kernel's host image_spawn, given a real program read from /bin and
 * images broken every way kernel/elf.c checks for, and the system's
 * process server loading a program from /bin (servers/proc/load.c).
 *
 * The /bin cases copy a program to a name no boot module has, so that
 * only the disk can be where it came from, and remove it afterwards.
 */
#include <fcntl.h>
#include <unistd.h>
#include "user/tests/tests.h"
#include "harbor/echo_client.h"
#include "harbor/host_client.h"
#include "harbor/layout.h"
#include "harbor/name_client.h"
#include "harbor/proc.h"
#include "harbor/proc_client.h"
#include "harbor/task_client.h"

#define IMAGE_PAGES	2
#define IMAGE_BYTES	(IMAGE_PAGES * 4096u)
#define IMAGE_READ_MAX	(1024u * 1024u)

/* The two headers an image starts with, as kernel/elf.c reads them. */
struct image_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct image_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

static uint8_t image[IMAGE_BYTES] __attribute__((aligned(4096)));
static uint8_t file_pages[IMAGE_READ_MAX] __attribute__((aligned(4096)));

static struct image_ehdr *const eh = (struct image_ehdr *)image;
static struct image_phdr *const ph = (struct image_phdr *)(image + sizeof(struct image_ehdr));

/*
 * A well-formed image with one segment, which the cases then break. (As
 * it is, it would start a task running its own header bytes: it is never
 * sent unbroken.)
 */
static void
image_template(void)
{
	memset(image, 0, sizeof(image));
	memcpy(eh->ident, "\x7f" "ELF\x01\x01\x01", 7);
	eh->type = 2;			/* ET_EXEC */
	eh->machine = 3;		/* EM_386 */
	eh->version = 1;
	eh->entry = USER_BASE;
	eh->phoff = sizeof(*eh);
	eh->ehsize = sizeof(*eh);
	eh->phentsize = sizeof(*ph);
	eh->phnum = 1;
	ph[0] = (struct image_phdr){ .type = 1, .offset = 0, .vaddr = USER_BASE,
				     .filesz = 200, .memsz = 4096, .flags = 5 };
}

static int
image_spawn(uint32_t size, const char *args)
{
	port_name_t task = NAME_NULL;
	int err = host_image_spawn(NAME_HOST, (uint32_t)image, size, args, NAME_NULL, NAME_NULL, 0,
				   &task);

	if (err == ERR_OK) {
		/* A broken image that ran: do not leave it running. */
		task_terminate(task, 0);
		task_port_deallocate(NAME_TASK_SELF, task);
	}
	return err;
}

static void
image_spawn_refuses_broken_images(void)
{
	struct counts base, now;

	EXPECT_OK("counts", counts_get(&base));
	image_template();
	eh->ident[1] = 'X';
	EXPECT_ERR("no ELF magic", ERR_BAD_ARGUMENT, image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	eh->machine = 62;
	EXPECT_ERR("not i386", ERR_BAD_ARGUMENT, image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	eh->phoff = IMAGE_BYTES - 16;
	EXPECT_ERR("program headers past the end", ERR_BAD_ARGUMENT,
		   image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	eh->phnum = 17;
	EXPECT_ERR("17 program headers", ERR_BAD_ARGUMENT, image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	ph[0].vaddr = 0xC0000000u;
	EXPECT_ERR("a segment in the kernel", ERR_BAD_ARGUMENT, image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	ph[0].vaddr = 0x1000;
	EXPECT_ERR("a segment below user space", ERR_BAD_ARGUMENT,
		   image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	ph[0].memsz = 0xFFFFF000u;
	EXPECT_ERR("a segment that wraps", ERR_BAD_ARGUMENT, image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	ph[0].offset = 4096;
	ph[0].filesz = ph[0].memsz = IMAGE_BYTES;
	EXPECT_ERR("file bytes past the image", ERR_BAD_ARGUMENT,
		   image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	ph[0].filesz = 8192;
	EXPECT_ERR("more file bytes than memory", ERR_BAD_ARGUMENT,
		   image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	eh->phnum = 2;
	ph[1] = ph[0];
	ph[1].vaddr = USER_BASE + 0x800;
	EXPECT_ERR("overlapping segments", ERR_BAD_ARGUMENT, image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	ph[0].memsz = 64u << 20;
	EXPECT_ERR("a 64 MiB segment", ERR_NO_MEMORY, image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	eh->entry = 0xC0001000u;
	EXPECT_ERR("entry in the kernel", ERR_BAD_ARGUMENT, image_spawn(IMAGE_BYTES, "broken"));
	image_template();
	eh->entry = 0;
	EXPECT_ERR("empty arguments", ERR_BAD_ARGUMENT, image_spawn(IMAGE_BYTES, ""));
	EXPECT_ERR("no image at all", ERR_BAD_ARGUMENT, image_spawn(0, "broken"));
	EXPECT_TRUE("no task started, every frame back", counts_settle(&base, &now));
}

/* Read the file at path into file_pages; its length, or 0. */
static uint32_t
read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	uint32_t done = 0;
	long got;

	if (fd < 0)
		return 0;
	while (done < IMAGE_READ_MAX &&
	       (got = read(fd, file_pages + done, IMAGE_READ_MAX - done)) > 0)
		done += (uint32_t)got;
	close(fd);
	return done < IMAGE_READ_MAX ? done : 0;
}

/* Write len bytes of file_pages to path (made anew). */
static int
write_file(const char *path, const void *data, uint32_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	long put;

	if (fd < 0)
		return ERR_NOT_FOUND;
	put = write(fd, data, len);
	close(fd);
	return put == (long)len ? ERR_OK : ERR_IO;
}

static void
image_spawn_runs_a_program_from_bin(void)
{
	struct counts base, now;
	port_name_t link, task = NAME_NULL, service = NAME_NULL;
	uint32_t len;
	int32_t sum = 0;

	EXPECT_OK("counts", counts_get(&base));
	len = read_file("/bin/tchild");
	link = make_port();
	EXPECT_TRUE("read /bin/tchild", len > 4096);
	EXPECT_OK("image_spawn tchild echo",
		  host_image_spawn(NAME_HOST, (uint32_t)file_pages, (len + 4095) & ~4095u,
				   "tchild echo", link, NAME_NULL, 0, &task));
	EXPECT_OK("its hello", link_hello(link, &service));
	EXPECT_OK("it echoes (so it saw its argument)", echo_add(service, 40, 2, &sum));
	EXPECT_EQ("sum", 42, sum);
	task_terminate(task, 0);
	task_port_deallocate(NAME_TASK_SELF, task);
	task_port_deallocate(NAME_TASK_SELF, service);
	drop_port(link);
	EXPECT_TRUE("counts back to baseline", counts_settle(&base, &now));
}

/* Our process port in the system's proc (attached once). */
static port_name_t
system_proc(void)
{
	static port_name_t me = NAME_NULL;
	port_name_t proc;
	int32_t pid;

	if (me == NAME_NULL && name_lookup(NAME_BOOTSTRAP, "proc", 0, &proc) == ERR_OK) {
		if (proc_attach(proc, NAME_TASK_SELF, "tests", &me, &pid) != ERR_OK)
			me = NAME_NULL;
		task_port_deallocate(NAME_TASK_SELF, proc);
	}
	return me;
}

/* Spawn the program whose argument block is args (len bytes) and wait for it. */
static int
proc_run(port_name_t me, const char *args, uint32_t len, int32_t *status, uint32_t *how)
{
	int32_t pid, child;
	int err = proc_spawn(me, args, len, NAME_NULL, NAME_NULL, NAME_NULL, "", &pid);

	if (err == ERR_OK)
		err = proc_wait(me, pid, 0, &child, status, how);
	return err;
}

static void
proc_spawn_loads_from_bin(void)
{
	static const char found[] = "bingrep\0-c\0found me\0/samples/deep/er/still/leaf.txt";
	static const char absent[] = "bingrep\0-c\0not there\0/samples/deep/er/still/leaf.txt";
	static const char bad[] = "badelf";
	static const char none[] = "no_such_program";
	port_name_t me = system_proc();
	uint32_t len = read_file("/bin/grep");
	int32_t status = -1;
	uint32_t how = 99;

	EXPECT_TRUE("attached to the system's proc", me != NAME_NULL);
	EXPECT_TRUE("read /bin/grep", len > 4096);
	EXPECT_OK("copy it to /bin/bingrep (no module has that name)",
		  write_file("/bin/bingrep", file_pages, len));
	EXPECT_OK("bingrep finds its text", proc_run(me, found, sizeof(found), &status, &how));
	EXPECT_EQ("how it ended", PROC_EXITED, how);
	EXPECT_EQ("status: a line matched", 0, status);
	status = -1;
	EXPECT_OK("bingrep does not find another",
		  proc_run(me, absent, sizeof(absent), &status, &how));
	EXPECT_EQ("status: no line matched", 1, status);
	memset(file_pages, 0x5a, 8192);
	memcpy(file_pages, "\x7f" "ELF", 4);
	EXPECT_OK("write a corrupt /bin/badelf", write_file("/bin/badelf", file_pages, 8192));
	EXPECT_ERR("proc refuses it", ERR_BAD_ARGUMENT,
		   proc_run(me, bad, sizeof(bad), &status, &how));
	EXPECT_ERR("neither /bin nor a module", ERR_NOT_FOUND,
		   proc_run(me, none, sizeof(none), &status, &how));
	unlink("/bin/bingrep");
	unlink("/bin/badelf");
	sync();		/* else fs's periodic sync writes under later cases' object counts */
	EXPECT_TRUE("proc still answers", proc_run(me, found, sizeof(found), &status, &how) ==
		    ERR_NOT_FOUND);
}

const struct test_case image_cases[] = {
	{ "image_spawn_refuses_broken_images", image_spawn_refuses_broken_images },
	{ "image_spawn_runs_a_program_from_bin", image_spawn_runs_a_program_from_bin },
	{ "proc_spawn_loads_from_bin", proc_spawn_loads_from_bin },
	{ NULL, NULL },
};
