/*
 * load.c - where proc finds the program a spawn names: the file /bin/NAME
 * on the disk first, read through the filesystem server and started with
 * host image_spawn; when there is no such file (or no filesystem: a boot
 * without a disk, proc's own tests), the boot module NAME (host
 * module_spawn). A file that is there but is no valid program is an
 * error, not a reason to look further: /bin is what the user sees.
 *
 * proc waits for fs while it reads, so fs must never wait for proc (it
 * does not: it is a boot server, started and adopted before proc serves
 * anyone). docs/servers.md ("Where programs come from").
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "servers/proc/proc.h"
#include "harbor/host_client.h"
#include "user/lib/mem_region.h"

#define PROC_IMAGE_MAX	(4u << 20)	/* the largest program file proc reads */

/*
 * Read the file at fd (size bytes) into fresh pages: *image, *pages
 * bytes of them. Errors: ERR_BAD_ARGUMENT (empty, or over
 * PROC_IMAGE_MAX), ERR_NO_MEMORY, ERR_IO (a short read).
 */
static int
proc_read_image(int fd, uint32_t size, void **image, uint32_t *pages)
{
	uint32_t done = 0;
	int err;

	if (size == 0 || size > PROC_IMAGE_MAX)
		return ERR_BAD_ARGUMENT;
	*pages = (size + MEM_PAGE_SIZE - 1) & ~(MEM_PAGE_SIZE - 1);
	err = mem_region_alloc(*pages, image);
	if (err != ERR_OK)
		return err;
	while (done < size) {
		long got = read(fd, (uint8_t *)*image + done, size - done);
		if (got <= 0)
			break;
		done += (uint32_t)got;
	}
	if (done != size) {
		mem_region_free(*image, *pages);
		return ERR_IO;
	}
	return ERR_OK;
}

int
proc_load(struct proc_server *s, const char *name, const char *kargs, port_name_t *task)
{
	char path[5 + PROC_NAME_MAX] = "/bin/";
	struct stat st;
	void *image;
	uint32_t pages;
	int fd, err;

	/* A module's name has no slash; a path is no program's name. */
	if (strchr(name, '/') == NULL) {
		strlcpy(path + 5, name, sizeof(path) - 5);
		fd = open(path, O_RDONLY);
	} else {
		fd = -1;
	}
	if (fd < 0)
		return host_module_spawn(NAME_HOST, kargs, s->child_bootstrap, NAME_NULL,
					 s->child_start, task);
	err = fstat(fd, &st) != 0 ? ERR_IO :
	      !S_ISREG(st.st_mode) ? ERR_BAD_ARGUMENT :
	      proc_read_image(fd, st.st_size > PROC_IMAGE_MAX ? PROC_IMAGE_MAX + 1 :
			      (uint32_t)st.st_size, &image, &pages);
	close(fd);
	if (err != ERR_OK)
		return err;
	err = host_image_spawn(NAME_HOST, (uint32_t)(uintptr_t)image, pages, kargs,
			       s->child_bootstrap, NAME_NULL, s->child_start, task);
	mem_region_free(image, pages);
	return err;
}
