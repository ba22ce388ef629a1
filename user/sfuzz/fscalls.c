/*
 * fscalls.c - well-formed calls to the filesystem server with hostile
 * arguments: by path on its service port (fs.defs), and on the ports of
 * open files and directories (io.defs, file.defs), plus a check that
 * bytes written to a file of our own come back.
 *
 * Every call that changes the disk gets a safe path (paths.c); calls that
 * only read get any path. Files opened outside SFZ_ROOT are opened for
 * reading only, so their ports refuse writes and truncation.
 */
#include "user/sfuzz/client.h"
#include "harbor/file_client.h"
#include "harbor/fs_client.h"
#include "harbor/io.h"
#include "harbor/io_client.h"
#include "harbor/task_client.h"

#define PAGE	4096u
#define O_RDONLY	0x0
#define O_WRONLY	0x1
#define O_RDWR		0x2
#define O_CREAT		0x40
#define O_EXCL		0x80
#define O_TRUNC		0x200
#define O_APPEND	0x400

static char pa[256], pb[256], buf[8192];

/* Flags for an open of a safe path: any mix, now and then bits no one defines. */
static uint32_t
open_flags(struct sfz_client *c)
{
	static const uint32_t f[] = { O_RDONLY, O_WRONLY, O_RDWR, O_RDWR | O_CREAT, O_WRONLY | O_CREAT | O_TRUNC,
				      O_RDWR | O_CREAT | O_EXCL, O_WRONLY | O_APPEND, O_RDWR | O_CREAT | O_APPEND,
				      3, O_RDONLY | O_TRUNC };

	return sfz_one_in(&c->r, 10) ? sfz_u32(c) : f[sfz_below(&c->r, ARRAY_SIZE(f))];
}

/* A 64-bit size or offset, as two words: small, at block edges, or absurd. */
static void
size64(struct sfz_client *c, uint32_t *lo, uint32_t *hi)
{
	static const uint32_t los[] = { 0, 1, 1023, 1024, 4096, 12 * 1024, 268 * 1024, 70u << 20,
					0x7fffffff, 0xffffffff };

	*lo = sfz_one_in(&c->r, 2) ? sfz_below(&c->r, 20000) : los[sfz_below(&c->r, ARRAY_SIZE(los))];
	*hi = sfz_one_in(&c->r, 6) ? sfz_u32(c) : 0;
}

/* Open path and keep the port (a file or a directory, as io stat says). */
static void
open_and_keep(struct sfz_client *c, port_name_t task, const char *path, uint32_t flags)
{
	port_name_t f = NAME_NULL;
	uint32_t kind = 0, size;
	int err;

	if (sfz_count_kind(c, H_FILE) + sfz_count_kind(c, H_DIR) >= 10)
		sfz_drop(c, sfz_pick(c, sfz_one_in(&c->r, 2) ? H_FILE : H_DIR));
	err = SFZ_CALL(c, SFZ_FS, 0, FS_OPEN_ID, fs_open(c->svc[SFZ_FS], task, path, flags,
							  sfz_u32(c), &f));
	if (err != ERR_OK)
		return;
	/* A FIFO's open answers with an end of the pipe server's. */
	if (SFZ_CALL(c, SFZ_FS, 0, IO_STAT_ID, io_stat(f, &kind, &size)) != ERR_OK)
		kind = 0;
	sfz_hold(c, f, kind == IO_KIND_DIR ? H_DIR : kind == IO_KIND_PIPE ?
		 ((flags & 3) == O_RDONLY ? H_READ_END : H_WRITE_END) : H_FILE,
		 kind == IO_KIND_PIPE ? SFZ_PIPE : SFZ_FS);
}

void
sfz_call_fs(struct sfz_client *c)
{
	port_name_t fs = c->svc[SFZ_FS];
	uint32_t v[7], lo, hi;
	int err;

	switch (sfz_below(&c->r, 16)) {
	case 0:
	case 1:		/* open anything to read; only the sandbox otherwise */
		if (sfz_one_in(&c->r, 2)) {
			sfz_path(c, pa, sizeof(pa), 0);
			open_and_keep(c, NAME_TASK_SELF, pa, O_RDONLY);
		} else {
			sfz_path(c, pa, sizeof(pa), 1);
			open_and_keep(c, sfz_one_in(&c->r, 8) ? sfz_any_right(c) : NAME_TASK_SELF, pa,
				      open_flags(c));
		}
		break;
	case 2:
		sfz_path(c, pa, sizeof(pa), 0);
		SFZ_CALL(c, SFZ_FS, 0, FS_STAT_ID, fs_stat(fs, pa, sfz_below(&c->r, 3), &v[0], &v[1],
							    &v[2], &v[3], &v[4], &v[5], &v[6]));
		break;
	case 3:
		sfz_path(c, pa, sizeof(pa), 1);
		SFZ_CALL(c, SFZ_FS, 0, FS_MKDIR_ID, fs_mkdir(fs, pa, sfz_u32(c)));
		break;
	case 4:
		sfz_path(c, pa, sizeof(pa), 1);
		SFZ_CALL(c, SFZ_FS, 0, FS_RMDIR_ID, fs_rmdir(fs, pa));
		break;
	case 5:
		sfz_path(c, pa, sizeof(pa), 1);
		SFZ_CALL(c, SFZ_FS, 0, FS_UNLINK_ID, fs_unlink(fs, pa));
		break;
	case 6:		/* rename and link keep a link's name a link's name (paths.c) */
	case 7:
		sfz_path(c, pa, sizeof(pa), 1);
		if (sfz_path_is_link(pa))
			sfz_link_path(c, pb, sizeof(pb));
		else
			sfz_path(c, pb, sizeof(pb), 1);
		if (sfz_one_in(&c->r, 2))
			SFZ_CALL(c, SFZ_FS, 0, FS_RENAME_ID, fs_rename(fs, pa, pb));
		else
			SFZ_CALL(c, SFZ_FS, 0, FS_LINK_ID, fs_link(fs, pa, pb));
		break;
	case 8:
		sfz_link_target(c, pa, sizeof(pa));
		sfz_link_path(c, pb, sizeof(pb));
		SFZ_CALL(c, SFZ_FS, 0, FS_SYMLINK_ID, fs_symlink(fs, pa, pb));
		break;
	case 9:
		sfz_path(c, pa, sizeof(pa), 0);
		SFZ_CALL(c, SFZ_FS, 0, FS_READLINK_ID, fs_readlink(fs, pa, pb, sizeof(pb)));
		break;
	case 10:
		sfz_path(c, pa, sizeof(pa), 1);
		SFZ_CALL(c, SFZ_FS, 0, FS_CHMOD_ID, fs_chmod(fs, pa, sfz_u32(c)));
		break;
	case 11:
		sfz_path(c, pa, sizeof(pa), 1);
		size64(c, &lo, &hi);
		SFZ_CALL(c, SFZ_FS, 0, FS_TRUNCATE_ID, fs_truncate(fs, pa, lo, hi));
		break;
	case 12:
		sfz_path(c, pa, sizeof(pa), 1);
		SFZ_CALL(c, SFZ_FS, 0, FS_MKFIFO_ID, fs_mkfifo(fs, pa, sfz_u32(c)));
		break;
	case 13:	/* the figures: within the server's tables */
		err = SFZ_CALL(c, SFZ_FS, 0, FS_STATFS_ID, fs_statfs(fs, &v[0], &v[1], &v[2], &v[3],
								      &v[4], &v[5]));
		if (err == ERR_OK && (v[2] > v[1] || v[4] > v[3] || v[5] != 0))
			sfz_finding(c, SFZ_F_ORACLE, SFZ_FS, FS_STATFS_ID, v[1], v[2]);
		err = SFZ_CALL(c, SFZ_FS, 0, FS_COUNTS_ID, fs_counts(fs, &v[0], &v[1]));
		if (err == ERR_OK && (v[0] > 1024 || v[1] > 16))
			sfz_finding(c, SFZ_F_ORACLE, SFZ_FS, FS_COUNTS_ID, 1024, v[0]);
		if (sfz_one_in(&c->r, 8))
			SFZ_CALL(c, SFZ_FS, 0, FS_SYNC_ID, fs_sync(fs));
		break;
	case 14:	/* open and close, quickly and often */
		sfz_path(c, pa, sizeof(pa), 0);
		for (uint32_t i = 0, n = 2 + sfz_below(&c->r, 20); i < n; i++) {
			port_name_t f = NAME_NULL;
			if (SFZ_CALL(c, SFZ_FS, 0, FS_OPEN_ID, fs_open(fs, NAME_TASK_SELF, pa, O_RDONLY, 0,
									&f)) == ERR_OK && sfz_one_in(&c->r, 2))
				task_port_deallocate(NAME_TASK_SELF, f);
			else if (f != NAME_NULL)
				sfz_hold(c, f, H_FILE, SFZ_FS);
		}
		break;
	default:	/* fs.defs on the wrong port: a file's, a pipe's, the name server's */
		sfz_path(c, pa, sizeof(pa), 1);
		SFZ_CALL(c, SFZ_FS, 0, FS_UNLINK_ID, fs_unlink(sfz_any_right(c), pa));
		break;
	}
}

void
sfz_call_file(struct sfz_client *c)
{
	int i = sfz_pick(c, sfz_one_in(&c->r, 3) ? H_DIR : H_FILE);
	port_name_t f;
	uint32_t n = 0, v[7], lo, hi, addr = 0, size = 0, len;
	int err;

	if (i < 0 || sfz_one_in(&c->r, 12)) {
		f = sfz_any_right(c);		/* file.defs on whatever comes to hand */
	} else {
		f = c->h[i].name;
	}
	switch (sfz_below(&c->r, 11)) {
	case 0:
		SFZ_CALL(c, SFZ_FS, 0, IO_READ_ID, io_read(f, sfz_one_in(&c->r, 4) ? sfz_u32(c) :
							   sfz_below(&c->r, 4097), buf, sizeof(buf), &n));
		break;
	case 1:
		len = sfz_one_in(&c->r, 4) ? 4096 : sfz_below(&c->r, 300);
		if (sfz_is_console(c, f))
			len = sfz_below(&c->r, 80);
		sfz_fill(c, buf, len);
		SFZ_CALL(c, SFZ_FS, 0, IO_WRITE_ID, io_write(f, buf, len, &n));
		break;
	case 2:
		err = SFZ_CALL(c, SFZ_FS, 0, IO_READ_OOL_ID,
			       io_read_ool(f, sfz_one_in(&c->r, 3) ? sfz_u32(c) : sfz_below(&c->r, 70000),
					   &addr, &size, &n));
		if (err == ERR_OK && size)
			vm_deallocate(addr, size);
		break;
	case 3:
		size = PAGE * (1 + sfz_below(&c->r, 4));
		if (vm_allocate(size, &addr) != ERR_OK)
			break;
		sfz_fill(c, (void *)(uintptr_t)addr, size);
		len = sfz_one_in(&c->r, 4) ? sfz_u32(c) : sfz_below(&c->r, size + 1);
		if (sfz_is_console(c, f) && len > 80 && len <= size)
			len = sfz_below(&c->r, 80);
		SFZ_CALL(c, SFZ_FS, 0, IO_WRITE_OOL_ID, io_write_ool(f, addr, size, len, &n));
		vm_deallocate(addr, size);
		break;
	case 4:
		size64(c, &lo, &hi);
		SFZ_CALL(c, SFZ_FS, 0, FILE_SEEK_ID, file_seek(f, lo, hi, sfz_one_in(&c->r, 5) ?
							    sfz_u32(c) : sfz_below(&c->r, 3), &v[0], &v[1]));
		break;
	case 5:
		SFZ_CALL(c, SFZ_FS, 0, FILE_FSTAT_ID, file_fstat(f, &v[0], &v[1], &v[2], &v[3], &v[4],
								  &v[5], &v[6]));
		break;
	case 6:		/* readdir to the end, or a few entries */
		for (uint32_t k = 0, m = 1 + sfz_below(&c->r, 40); k < m; k++)
			if (SFZ_CALL(c, SFZ_FS, 0, FILE_READDIR_ID,
				     file_readdir(f, &v[0], &v[1], pb, sizeof(pb))) != ERR_OK || !pb[0])
				break;
		break;
	case 7:
		size64(c, &lo, &hi);
		SFZ_CALL(c, SFZ_FS, 0, FILE_TRUNCATE_ID, file_truncate(f, lo, hi));
		break;
	case 8:
		SFZ_CALL(c, SFZ_FS, 0, IO_STAT_ID, io_stat(f, &v[0], &v[1]));
		break;
	case 9:		/* close: the call (a no-op), then the right */
		SFZ_CALL(c, SFZ_FS, 0, IO_CLOSE_ID, io_close(f));
		if (i >= 0 && f == c->h[i].name)
			sfz_drop(c, i);
		break;
	default:	/* io.defs and file.defs on the service port */
		SFZ_CALL(c, SFZ_FS, 0, FILE_SEEK_ID, file_seek(c->svc[SFZ_FS], 0, 0, 0, &v[0], &v[1]));
		break;
	}
}

void
sfz_fs_data_check(struct sfz_client *c)
{
	static char want[3 * PAGE], back[3 * PAGE];
	port_name_t fs = c->svc[SFZ_FS], f = NAME_NULL;
	uint32_t len = 1 + sfz_below(&c->r, sizeof(want)), n = 0, got = 0, lo, hi, addr = 0, size = 0;
	char path[32];
	int err;

	snprintf(path, sizeof(path), SFZ_ROOT "/own%u", c->k);
	err = SFZ_CALL(c, SFZ_FS, 0, FS_OPEN_ID, fs_open(fs, NAME_TASK_SELF, path,
							  O_RDWR | O_CREAT | O_TRUNC, 0644, &f));
	if (err != ERR_OK)
		return;		/* the disk may be full, or the sandbox gone: no finding */
	sfz_fill(c, want, len);
	for (uint32_t off = 0; err == ERR_OK && off < len; off += n) {
		uint32_t piece = len - off < 4096 ? len - off : 1 + sfz_below(&c->r, 4096);
		err = SFZ_CALL(c, SFZ_FS, 0, IO_WRITE_ID, io_write(f, want + off, piece, &n));
		if (err == ERR_OK && n == 0)
			err = ERR_DISK_FULL;
	}
	if (err == ERR_OK)
		err = SFZ_CALL(c, SFZ_FS, 0, FILE_SEEK_ID, file_seek(f, 0, 0, 0, &lo, &hi));
	if (err == ERR_OK && sfz_one_in(&c->r, 2)) {	/* back out of line, in one piece */
		err = SFZ_CALL(c, SFZ_FS, 0, IO_READ_OOL_ID, io_read_ool(f, len, &addr, &size, &got));
		if (err == ERR_OK && got == len)
			memcpy(back, (void *)(uintptr_t)addr, len);
		if (err == ERR_OK && size)
			vm_deallocate(addr, size);
	} else {
		while (err == ERR_OK && got < len) {
			err = SFZ_CALL(c, SFZ_FS, 0, IO_READ_ID, io_read(f, len - got > 4096 ? 4096 :
									 len - got, back + got,
									 sizeof(back) - got, &n));
			if (err == ERR_OK && n == 0)
				break;
			got += err == ERR_OK ? n : 0;
		}
	}
	sfz_stat(c->board, SFZ_S_DATA_CHECKS, 1);
	if (err == ERR_OK && (got != len || memcmp(back, want, len) != 0))
		sfz_finding(c, SFZ_F_DATA, SFZ_FS, IO_READ_ID, len, got);
	task_port_deallocate(NAME_TASK_SELF, f);
}
