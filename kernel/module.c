/*
 * module.c - boot modules: the programs GRUB loaded beside the kernel,
 * and starting a task from an executable image (a module's, or one a
 * program loader sent: host image_spawn).
 *
 * grub.cfg gives each module a command line "PATH NAME" (GRUB passes on
 * only "NAME"); NAME is how init and the tests ask for it (host
 * module_spawn). The images stay where
 * GRUB put them, below the frames the kernel hands out, and every spawn
 * loads a fresh copy into the new task.
 */
#include <stddef.h>
#include "kernel/pager.h"
#include "kernel/sched.h"
#include "kernel/module.h"
#include "kernel/elf.h"
#include "kernel/lib.h"
#include "kernel/notify.h"
#include "kernel/pmem.h"
#include "kernel/port.h"
#include "kernel/right.h"
#include "kernel/sched.h"
#include "kernel/space.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/i386/multiboot.h"
#include "harbor/error.h"

struct module {
	char name[32];
	uint32_t start, end;	/* physical */
};

static struct module modules[MODULE_MAX];
static uint32_t nmodules;
static uint32_t modules_end;

/* Copy the word starting at s (up to a space) into out, at most n-1 bytes. */
static const char *
copy_word(const char *s, char *out, size_t n)
{
	size_t i = 0;

	while (*s == ' ')
		s++;
	while (*s && *s != ' ') {
		if (i + 1 < n)
			out[i++] = *s;
		s++;
	}
	out[i] = '\0';
	return s;
}

void
module_init(uint32_t mods_addr, uint32_t mods_count)
{
	const struct multiboot_module *mb = P2V(mods_addr);
	char path[64];

	for (uint32_t i = 0; i < mods_count && nmodules < MODULE_MAX; i++) {
		struct module *m = &modules[nmodules++];
		const char *rest = copy_word(P2V(mb[i].cmdline), path, sizeof(path));
		copy_word(rest, m->name, sizeof(m->name));
		if (m->name[0] == '\0')
			copy_word(path, m->name, sizeof(m->name));
		m->start = mb[i].start;
		m->end = mb[i].end;
		if (m->end > modules_end)
			modules_end = m->end;
		kprintf("harbor: module %s, %u bytes\n", m->name, m->end - m->start);
	}
}

uint32_t
module_end(void)
{
	return modules_end;
}

static struct module *
module_find(const char *name)
{
	for (uint32_t i = 0; i < nmodules; i++)
		if (strcmp(modules[i].name, name) == 0)
			return &modules[i];
	return NULL;
}

/* Give t a send right to p at a well-known name. */
static void
module_give(struct task *t, uint32_t index, struct port *p)
{
	if (p == NULL)
		return;
	port_ref(p);
	p->srights++;
	if (space_alloc_at(t->space, index, p, RIGHT_SEND) == NAME_NULL) {
		notify_srights_dec(p);
		port_release(p);
	}
}

/* The first thread's reply port: a receive right at NAME_REPLY. */
static int
module_reply_port(struct task *t)
{
	struct port *p = port_alloc(t);
	port_name_t name;

	if (p == NULL)
		return ERR_NO_MEMORY;
	port_ref(p);
	name = space_alloc_at(t->space, NAME_REPLY, p, RIGHT_RECEIVE);
	if (name == NAME_NULL) {
		port_destroy(p);
		port_release(p);
		return ERR_NO_SPACE;
	}
	port_receiver_set(p, t, name);
	return ERR_OK;
}

struct task *
module_spawn_image(const struct elf_image *img, const char *args, struct port *bootstrap,
		   struct port *host, uint32_t arg, int *err)
{
	char name[32];
	struct task *t;
	struct thread *th;
	uint32_t entry;

	copy_word(args, name, sizeof(name));
	t = task_create(name, err);
	if (t == NULL)
		return NULL;
	*err = elf_load(t, img, args, &entry);
	if (*err != ERR_OK)
		goto fail;
	th = thread_create(t, entry, USER_ARGS_ADDR - 16, arg, err);
	if (th == NULL)
		goto fail;
	module_give(t, NAME_THREAD_SELF, th->port);
	module_give(t, NAME_BOOTSTRAP, bootstrap);
	module_give(t, NAME_HOST, host);
	*err = module_reply_port(t);
	if (*err != ERR_OK)
		goto fail;
	if (current && current->task)
		pager_set(t, current->task->pager);	/* inherited from its creator */
	sched_make_runnable(th);
	return t;

fail:
	task_terminate(t);
	return NULL;
}

struct task *
module_spawn(const char *args, struct port *bootstrap, struct port *host, uint32_t arg, int *err)
{
	char name[32];
	struct module *m;
	struct elf_image img = { 0 };

	copy_word(args, name, sizeof(name));
	m = module_find(name);
	if (m == NULL) {
		*err = ERR_NOT_FOUND;
		return NULL;
	}
	img.base = P2V(m->start);
	img.size = m->end - m->start;
	return module_spawn_image(&img, args, bootstrap, host, arg, err);
}
