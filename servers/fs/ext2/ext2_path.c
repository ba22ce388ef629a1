/*
 * ext2_path.c - from a path to an inode: one directory lookup per
 * component, following symbolic links (in the middle of a path always,
 * at its end when asked) at most EXT2_SYMLINK_DEPTH deep, so a loop of
 * links ends in ERR_SYMLINK_LOOP. A path is at most as long as its
 * components; nothing here can go round for ever, whatever the
 * directories on the disk say.
 */
#include <stdlib.h>
#include <string.h>
#include "servers/fs/ext2/ext2_fs.h"

static int
is_dir(const struct ext2_node *n)
{
	return (n->i.i_mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
}

/* The inode a directory entry names: it must be in use. */
static int
path_entry(struct ext2_fs *fs, uint32_t ino, struct ext2_node *n)
{
	int err = node_get(fs, ino, n);

	if (err != ERR_OK)
		return err;
	if (n->i.i_links_count == 0 || (n->i.i_mode & EXT2_S_IFMT) == 0)
		return fs_corrupt(fs, "a directory entry names a free inode", ino);
	return ERR_OK;
}

int
link_target(struct ext2_fs *fs, struct ext2_node *n, char **out)
{
	uint64_t size = node_size(n);
	uint32_t got;
	char *t;
	int err;

	if (size == 0 || size >= fs->block_size)
		return fs_corrupt(fs, "a symbolic link of absurd length", n->ino);
	if ((t = malloc((size_t)size + 1)) == NULL)
		return ERR_NO_MEMORY;
	if (n->i.i_blocks == 0) {
		if (size >= EXT2_FAST_LINK_MAX) {
			free(t);
			return fs_corrupt(fs, "a fast symbolic link too long for its inode", n->ino);
		}
		memcpy(t, n->i.i_block, (size_t)size);
	} else if ((err = node_read(fs, n, 0, t, (uint32_t)size, &got)) != ERR_OK ||
		   got != size) {
		free(t);
		return err != ERR_OK ? err : ERR_CORRUPT;
	}
	t[size] = 0;
	*out = t;
	return ERR_OK;
}

/*
 * Resolve path[0..len) from directory *cur (absolute paths from the
 * root); the result replaces *cur. depth counts the links followed.
 */
static int
resolve(struct ext2_fs *fs, const char *path, uint32_t len, int follow, int depth,
	struct ext2_node *cur)
{
	uint32_t i = 0;
	int err;

	if (len > 0 && path[0] == '/' && (err = path_entry(fs, EXT2_ROOT_INO, cur)) != ERR_OK)
		return err;
	for (;;) {
		while (i < len && path[i] == '/')
			i++;
		if (i == len)
			return ERR_OK;
		uint32_t start = i;
		while (i < len && path[i] != '/')
			i++;
		uint32_t n = i - start;
		int last = 1;
		for (uint32_t j = i; j < len; j++)
			if (path[j] != '/')
				last = 0;
		if (n > EXT2_NAME_LEN)
			return ERR_NAME_TOO_LONG;
		if (!is_dir(cur))
			return ERR_NOT_DIR;
		uint32_t ino;
		struct ext2_node next;
		if ((err = dir_lookup(fs, cur, path + start, n, &ino)) != ERR_OK)
			return err;
		if ((err = path_entry(fs, ino, &next)) != ERR_OK)
			return err;
		if ((next.i.i_mode & EXT2_S_IFMT) == EXT2_S_IFLNK && (!last || follow ||
		    (i < len && path[len - 1] == '/'))) {
			char *t;
			if (depth >= EXT2_SYMLINK_DEPTH)
				return ERR_SYMLINK_LOOP;
			if ((err = link_target(fs, &next, &t)) != ERR_OK)
				return err;
			/* A relative target starts in the directory holding the link: *cur. */
			err = resolve(fs, t, (uint32_t)strlen(t), 1, depth + 1, cur);
			free(t);
			if (err != ERR_OK)
				return err;
			continue;
		}
		*cur = next;
	}
}

int
path_walk(struct ext2_fs *fs, const char *path, int follow, struct ext2_node *out)
{
	int err;

	if (path == NULL || path[0] == 0)
		return ERR_BAD_ARGUMENT;
	if ((err = path_entry(fs, EXT2_ROOT_INO, out)) != ERR_OK)
		return err;
	return resolve(fs, path, (uint32_t)strlen(path), follow, 0, out);
}

int
path_parent(struct ext2_fs *fs, const char *path, struct ext2_node *dir, const char **name,
	    uint32_t *len)
{
	uint32_t end, start;
	int err;

	if (path == NULL || path[0] == 0)
		return ERR_BAD_ARGUMENT;
	end = (uint32_t)strlen(path);
	while (end > 0 && path[end - 1] == '/')
		end--;
	if (end == 0)
		return ERR_BAD_ARGUMENT;	/* "/": no last component */
	start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (end - start > EXT2_NAME_LEN)
		return ERR_NAME_TOO_LONG;
	if ((err = path_entry(fs, EXT2_ROOT_INO, dir)) != ERR_OK)
		return err;
	if ((err = resolve(fs, path, start, 1, 0, dir)) != ERR_OK)
		return err;
	if (!is_dir(dir))
		return ERR_NOT_DIR;
	*name = path + start;
	*len = end - start;
	return ERR_OK;
}
