/*
 * file.c - the requests on an open file's port: io.defs (read, write,
 * their out-of-line forms, close, stat) and file.defs (seek, fstat,
 * readdir, truncate). Each handler is one call of the ext2 core on the
 * file's descriptor; the core checks the access the file was opened for.
 *
 * Large reads go out of line: read_ool reads straight into fresh pages
 * that move to the client with the reply, so a 1 MiB read is one request
 * and no copy through a message buffer.
 */
#include "user/lib/ulib.h"
#include "harbor/file_server.h"
#include "harbor/io.h"
#include "harbor/io_server.h"
#include "servers/fs/fs.h"

#define PAGE	4096u

/*
 * The region the last read_ool moved to its client. The pages left with
 * the reply, but the memory server still counts the region as ours (one
 * of MEM_REGIONS): give it back at the next request, when the reply has
 * gone (unmapping what is no longer mapped is nothing to the kernel).
 */
static uint32_t moved_addr, moved_size;

void
file_forget_moved(void)
{
	if (moved_size != 0) {
		vm_deallocate(moved_addr, moved_size);
		moved_addr = moved_size = 0;
	}
}

/* What a handler is called with: the server and the file asked. */
struct file_call {
	struct fs_server *srv;
	struct fs_file *f;
};

int
file_dispatch_any(struct fs_server *srv, struct fs_file *f, const struct msg_header *req,
		  struct msg_header *reply)
{
	struct file_call call = { srv, f };

	if (req->id >= FILE_BASE && req->id < FILE_BASE + FILE_COUNT)
		return file_dispatch(&call, req, reply);
	return io_dispatch(&call, req, reply);
}

int
io_read_handler(void *ctx, uint32_t count, void *data, uint32_t *data_len)
{
	struct file_call *c = ctx;

	const uint8_t *page;

	if (count > IO_INLINE_MAX)
		return ERR_BAD_ARGUMENT;
	if (count >= EXT2_PAGE_SIZE && (page = ext2_read_page(c->srv->fs, c->f->fd)) != NULL) {
		/* The bytes stay in the page; file_answer_from_page sends them. */
		c->srv->answer_page = page;
		c->srv->answer_data = data;
		*data_len = EXT2_PAGE_SIZE;
		return ERR_OK;
	}
	return ext2_read(c->srv->fs, c->f->fd, data, count, data_len);
}

void
file_answer_from_page(struct fs_server *srv, const struct msg_header *reply)
{
	const uint8_t *page = srv->answer_page;
	uint32_t off = (uint32_t)(srv->answer_data - (const uint8_t *)reply);
	uint8_t *msg = (uint8_t *)page - off;

	srv->answer_page = NULL;
	if (reply->size != off + EXT2_PAGE_SIZE)
		return;		/* not the read's answer after all: no data to send */
	if (off > EXT2_PAGE_ROOM) {
		/* No room for the header in front (the stub's layout would have
		 * to change): the data goes into the reply after all. */
		memcpy(srv->answer_data, page, EXT2_PAGE_SIZE);
		return;
	}
	memcpy(msg, reply, off);
	server_answer_from((struct msg_header *)msg);
}

int
io_read_ool_handler(void *ctx, uint32_t count, uint32_t *data_addr, uint32_t *data_size,
		    uint32_t *len)
{
	struct file_call *c = ctx;
	uint32_t size = (count + PAGE - 1) & ~(PAGE - 1), addr = 0;
	int err;

	if (count == 0 || count > IO_OOL_MAX)
		return ERR_BAD_ARGUMENT;
	if ((err = vm_allocate(size, &addr)) != ERR_OK)
		return err;
	err = ext2_read(c->srv->fs, c->f->fd, (void *)(uintptr_t)addr, count, len);
	if (err != ERR_OK) {
		vm_deallocate(addr, size);
		return err;
	}
	*data_addr = addr;	/* moved to the client with the reply */
	*data_size = size;
	moved_addr = addr;
	moved_size = size;
	return ERR_OK;
}

int
io_write_handler(void *ctx, const void *data, uint32_t data_len, uint32_t *written)
{
	struct file_call *c = ctx;

	return ext2_write(c->srv->fs, c->f->fd, data, data_len, written);
}

int
io_write_ool_handler(void *ctx, uint32_t data_addr, uint32_t data_size, uint32_t len,
		     uint32_t *written)
{
	struct file_call *c = ctx;
	int err;

	if (len > data_size)
		return ERR_BAD_ARGUMENT;	/* the loop unmaps the pages of a refused request */
	err = ext2_write(c->srv->fs, c->f->fd, (const void *)(uintptr_t)data_addr, len, written);
	if (err == ERR_OK)
		vm_deallocate(data_addr, data_size);	/* else the loop does, with the request */
	return err;
}

int
io_close_handler(void *ctx)
{
	/* Other tasks may hold rights to this file too (a child's standard
	 * output): it closes when the last right goes (files_release). */
	return ERR_OK;
}

int
io_stat_handler(void *ctx, uint32_t *kind, uint32_t *size)
{
	struct file_call *c = ctx;
	struct ext2_stat st;
	int err = ext2_fstat(c->srv->fs, c->f->fd, &st);

	if (err != ERR_OK)
		return err;
	*kind = (st.mode & 0xf000) == 0x4000 ? IO_KIND_DIR : IO_KIND_FILE;
	*size = st.size > 0xffffffffu ? 0xffffffffu : (uint32_t)st.size;
	return ERR_OK;
}

int
file_seek_handler(void *ctx, uint32_t offset_lo, uint32_t offset_hi, uint32_t whence,
		  uint32_t *pos_lo, uint32_t *pos_hi)
{
	struct file_call *c = ctx;
	uint64_t pos = 0;
	int64_t off = (int64_t)(((uint64_t)offset_hi << 32) | offset_lo);
	int err = ext2_seek(c->srv->fs, c->f->fd, off, (int)whence, &pos);

	*pos_lo = (uint32_t)pos;
	*pos_hi = (uint32_t)(pos >> 32);
	return err;
}

int
file_fstat_handler(void *ctx, uint32_t *ino, uint32_t *mode, uint32_t *links, uint32_t *size_lo,
		   uint32_t *size_hi, uint32_t *blocks, uint32_t *mtime)
{
	struct file_call *c = ctx;
	struct ext2_stat st;
	int err = ext2_fstat(c->srv->fs, c->f->fd, &st);

	if (err != ERR_OK)
		return err;
	*ino = st.ino;
	*mode = st.mode;
	*links = st.links;
	*size_lo = (uint32_t)st.size;
	*size_hi = (uint32_t)(st.size >> 32);
	*blocks = st.blocks;
	*mtime = st.mtime;
	return ERR_OK;
}

int
file_readdir_handler(void *ctx, uint32_t *ino, uint32_t *type, char *name)
{
	static struct ext2_dirent d;
	struct file_call *c = ctx;
	int err = ext2_readdir(c->srv->fs, c->f->fd, &d);

	if (err != ERR_OK)
		return err;
	*ino = d.ino;
	*type = d.type;
	memcpy(name, d.name, strlen(d.name) + 1);	/* at most 255 characters: fits */
	return ERR_OK;
}

int
file_truncate_handler(void *ctx, uint32_t size_lo, uint32_t size_hi)
{
	struct file_call *c = ctx;

	return ext2_ftruncate(c->srv->fs, c->f->fd, ((uint64_t)size_hi << 32) | size_lo);
}
