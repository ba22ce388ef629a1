/*
 * paths.c - what the strings in a hostile request look like: paths for
 * fs, targets of symbolic links, names for the name server, argument
 * blocks for proc's spawn.
 *
 * A client may do anything to the sandbox SFZ_ROOT, and must not be able
 * to touch the rest of the disk (the next boot's /bin, the tests' files).
 * So a path handed to a call that changes the disk is "safe": it starts
 * at SFZ_ROOT, its ".." never climbs above it, and no ".." follows a
 * name that may be a symbolic link. Only names l0..l3 may be symbolic
 * links: symlink makes only those, and rename or link keeps a link's
 * name a link name (fscalls.c). A link's target never holds ".." and,
 * when absolute, starts below SFZ_ROOT. Then every lookup a safe path
 * makes stays under SFZ_ROOT, whatever the clients built there. Paths
 * that only read (stat, readlink, open for reading) may be anything.
 */
#include "user/sfuzz/client.h"

static const char *const dirs[] = { "d0", "d1", "d2", "d3" };
static const char *const files[] = { "f0", "f1", "f2", "f3", "q0", "q1" };
static const char *const links[] = { "l0", "l1", "l2", "l3" };

/* Append s to buf (cap bytes, at *n so far); what does not fit is cut. */
static void
put(char *buf, uint32_t cap, uint32_t *n, const char *s)
{
	while (*s && *n + 1 < cap)
		buf[(*n)++] = *s++;
	buf[*n] = '\0';
}

/* A name from the pools, or an odd one; *link is set for a link's name. */
static void
put_name(struct sfz_client *c, char *buf, uint32_t cap, uint32_t *n, int *link)
{
	struct sfz_rng *r = &c->r;
	char odd[8];

	*link = 0;
	switch (sfz_below(r, 12)) {
	case 0: case 1: case 2: case 3:
		put(buf, cap, n, dirs[sfz_below(r, ARRAY_SIZE(dirs))]);
		return;
	case 4: case 5: case 6:
		put(buf, cap, n, files[sfz_below(r, ARRAY_SIZE(files))]);
		return;
	case 7: case 8:
		put(buf, cap, n, links[sfz_below(r, ARRAY_SIZE(links))]);
		*link = 1;
		return;
	case 9:		/* a name as long as a directory entry allows, or one more */
		for (uint32_t i = 255 + sfz_below(r, 2); i > 0; i--)
			put(buf, cap, n, "x");
		return;
	case 10:	/* bytes no one types: high ones, a space, a tab */
		for (uint32_t i = 0; i < 4; i++)
			odd[i] = sfz_one_in(r, 3) ? " \t"[sfz_below(r, 2)] : (char)(0x80 + sfz_below(r, 127));
		odd[4] = '\0';
		put(buf, cap, n, odd);
		return;
	default:
		put(buf, cap, n, "e");
		return;
	}
}

void
sfz_path(struct sfz_client *c, char *buf, uint32_t cap, int safe)
{
	static const char *const wild[] = {
		"/etc/motd", "/bin/true", "/", "", "etc/motd", "/etc/../etc/motd", "/bin/",
		SFZ_ROOT "/../../../etc", "//////", "/no/such/thing", "/etc/motd/x", "/bin/.",
		"/lost+found", "/samples/deep/er/still/leaf.txt", "..", ".",
	};
	struct sfz_rng *r = &c->r;
	uint32_t n = 0, depth = 0, parts;
	int link, after_link = 0;

	buf[0] = '\0';
	if (!safe && sfz_one_in(r, 2)) {
		if (sfz_one_in(r, 6)) {		/* random bytes, NUL-terminated */
			uint32_t len = sfz_below(r, cap);
			for (uint32_t i = 0; i < len; i++)
				buf[i] = (char)(1 + sfz_below(r, 255));
			buf[len] = '\0';
		} else if (sfz_one_in(r, 6)) {	/* as long as the interface allows: "a/a/a..." */
			for (uint32_t i = 0; i + 1 < cap; i++)
				buf[i] = i % 2 ? '/' : 'a';
			buf[cap - 1] = '\0';
		} else {
			put(buf, cap, &n, wild[sfz_below(r, ARRAY_SIZE(wild))]);
		}
		return;
	}
	put(buf, cap, &n, (const char *[]){ SFZ_ROOT, "/" SFZ_ROOT, "/." SFZ_ROOT,
					     SFZ_ROOT "/." }[sfz_below(r, 4)]);
	parts = sfz_below(r, 5);
	for (uint32_t i = 0; i < parts; i++) {
		put(buf, cap, &n, sfz_one_in(r, 8) ? "//" : "/");
		if (sfz_one_in(r, 8)) {
			put(buf, cap, &n, ".");
		} else if (depth > 0 && !after_link && sfz_one_in(r, 6)) {
			put(buf, cap, &n, "..");
			depth--;
		} else {
			put_name(c, buf, cap, &n, &link);
			after_link |= link;
			depth++;
		}
	}
	if (sfz_one_in(r, 8))
		put(buf, cap, &n, "/");
}

int
sfz_path_is_link(const char *path)
{
	uint32_t end = (uint32_t)strlen(path), start;

	while (end > 0 && path[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return end - start == 2 && path[start] == 'l' && path[start + 1] >= '0' &&
	       path[start + 1] <= '3';
}

void
sfz_link_path(struct sfz_client *c, char *buf, uint32_t cap)
{
	uint32_t n;

	do
		sfz_path(c, buf, cap - 4, 1);
	while (buf[0] == '\0');
	n = (uint32_t)strlen(buf);
	while (n > 0 && buf[n - 1] == '/')
		buf[--n] = '\0';
	put(buf, cap, &n, "/");
	put(buf, cap, &n, links[sfz_below(&c->r, ARRAY_SIZE(links))]);
}

void
sfz_link_target(struct sfz_client *c, char *buf, uint32_t cap)
{
	struct sfz_rng *r = &c->r;
	uint32_t n = 0, parts = 1 + sfz_below(r, 3);
	int link;

	buf[0] = '\0';
	if (sfz_one_in(r, 2))
		put(buf, cap, &n, SFZ_ROOT "/");
	for (uint32_t i = 0; i < parts; i++) {
		if (i > 0)
			put(buf, cap, &n, "/");
		put_name(c, buf, cap, &n, &link);
	}
	if (sfz_one_in(r, 6))		/* longer than fits in the inode (a slow link) */
		while (n + 3 < cap && n < 200)
			put(buf, cap, &n, "/f0");
	if (n == 0)
		put(buf, cap, &n, "f0");
}

void
sfz_service_name(struct sfz_client *c, char *buf, uint32_t cap)
{
	static const char *const names[] = {
		"fs", "pipe", "console", "proc", "ata", "name", "nosuch", "", "UPPER.ok",
		"bad name", "bad!", "a/b", "0123456789012345678901234567890",
	};
	struct sfz_rng *r = &c->r;
	uint32_t n = 0;

	buf[0] = '\0';
	if (sfz_one_in(r, 2)) {
		snprintf(buf, cap, "sfz%u-%u", c->k, sfz_below(r, 6));
		return;
	}
	put(buf, cap, &n, names[sfz_below(r, ARRAY_SIZE(names))]);
}

uint32_t
sfz_program(struct sfz_client *c, char *buf, uint32_t cap)
{
	/* Programs that end by themselves whatever their standard ports are. */
	static const struct { const char *args; uint32_t len; } good[] = {
		{ "true", 5 }, { "false", 6 }, { "echo\0sfz", 9 }, { "hello", 6 }, { "sleep\0" "0", 8 },
		{ "tchild\0proc_exit\0" "3", 19 }, { "tchild\0proc_pid", 16 }, { "nosuch", 7 },
		{ "echo\0a b\0\0c", 12 },
	};
	struct sfz_rng *r = &c->r;
	uint32_t len, i;

	switch (sfz_below(r, 8)) {
	case 0:		/* too many strings */
		for (len = 0; len + 2 <= cap && len < 2 * 20; len += 2)
			memcpy(buf + len, "e", 2);
		memcpy(buf, "echo", 5);
		return len;
	case 1:		/* a name too long, or with a space in it */
		len = sfz_one_in(r, 2) ? 40 : 8;
		for (i = 0; i < len && i + 1 < cap; i++)
			buf[i] = sfz_one_in(r, 4) ? ' ' : 'z';
		buf[i] = '\0';
		return i + 1;
	case 2:		/* no NUL at the end, or nothing at all */
		len = sfz_below(r, 6);
		memcpy(buf, "truex", len);
		return len;
	default:
		i = sfz_below(r, ARRAY_SIZE(good));
		len = good[i].len < cap ? good[i].len : cap;
		memcpy(buf, good[i].args, len);
		return len;
	}
}
