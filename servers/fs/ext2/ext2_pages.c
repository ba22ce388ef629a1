/*
 * ext2_pages.c - whole 4 KiB pages of files, kept for reads.
 *
 * The block cache holds blocks (1 KiB on Harbor's disk), wherever they
 * lie; a 4 KiB read copies four of them into the reply. A kept page is
 * the same bytes once more, contiguous, with room in front for a reply's
 * header, so the fs server can answer a page-sized read from where the
 * data lies (msg_rpc_into) and the bytes are copied once, by the kernel,
 * instead of twice (docs/filesystem.md, "The page cache").
 *
 * Direct-mapped: page `index` of inode `ino` can only be in slot
 * (ino + index) mod EXT2_PAGES, so a lookup is one compare. Only regular
 * files, only whole pages inside the file. A page is only ever stale if
 * the file changed, and every change of a file's bytes or size goes
 * through node_write, node_truncate or node_free, which forget the
 * inode's pages first (pages_forget).
 */
#include <string.h>
#include "servers/fs/ext2/ext2_fs.h"

static struct ext2_page *
page_slot(struct ext2_fs *fs, uint32_t ino, uint32_t index)
{
	return &fs->pages[(ino + index) & (EXT2_PAGES - 1)];
}

void
pages_forget(struct ext2_fs *fs, uint32_t ino)
{
	for (int i = 0; i < EXT2_PAGES; i++)
		if (fs->pages[i].ino == ino)
			fs->pages[i].ino = 0;
}

/* Read page index of n (a regular file holding it whole) into slot p. */
static int
page_fill(struct ext2_fs *fs, struct ext2_node *n, uint32_t index, struct ext2_page *p)
{
	uint32_t got;
	int err;

	p->ino = 0;	/* empty until it holds the whole page */
	err = node_read(fs, n, (uint64_t)index * EXT2_PAGE_SIZE, p->data, EXT2_PAGE_SIZE, &got);
	if (err != ERR_OK || got != EXT2_PAGE_SIZE)
		return err != ERR_OK ? err : ERR_CORRUPT;
	p->ino = n->ino;
	p->index = index;
	return ERR_OK;
}

uint8_t *
ext2_read_page(struct ext2_fs *fs, int fd)
{
	struct ext2_file *f = fd >= 0 && fd < EXT2_FD_MAX && fs->files[fd].ino ? &fs->files[fd] : NULL;
	struct ext2_node n;
	struct ext2_page *p;
	uint32_t index;

	if (f == NULL || (f->flags & EXT2_O_ACCMODE) == EXT2_O_WRONLY ||
	    f->pos % EXT2_PAGE_SIZE != 0 || f->pos / EXT2_PAGE_SIZE > 0xffffffffu)
		return NULL;
	index = (uint32_t)(f->pos / EXT2_PAGE_SIZE);
	p = page_slot(fs, f->ino, index);
	if (p->ino != f->ino || p->index != index) {
		/* A miss: only a regular file with the whole page inside it. */
		if (node_get(fs, f->ino, &n) != ERR_OK ||
		    (n.i.i_mode & EXT2_S_IFMT) != EXT2_S_IFREG ||
		    node_size(&n) < f->pos + EXT2_PAGE_SIZE ||
		    page_fill(fs, &n, index, p) != ERR_OK)
			return NULL;	/* ext2_read says why, if anything is wrong */
	}
	f->pos += EXT2_PAGE_SIZE;
	return p->data;
}
