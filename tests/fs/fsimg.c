/*
 * fsimg.c - the ext2 host tests' disk images (fsimg.h). The staging tree:
 *
 *   /hello.txt         "hello, disk\n"
 *   /hard.txt          a second name of hello.txt, mode 0444
 *   /link              symbolic link to hello.txt
 *   /medium.txt        3000 numbered 33-byte lines (99,000 bytes)
 *   /big.bin           sparse: "start of big\n" at 0, "end of big\n" at 70 MiB
 *   /dir/sub/leaf.txt  "leaf\n"
 *   /empty/            an empty directory
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "harbor/error.h"
#include "tests/fs/fsimg.h"

static const char *mke2fs = "mke2fs", *e2fsck = "e2fsck";

static int
mem_read(void *ctx, uint32_t sector, uint32_t count, void *buf)
{
	struct fsimg *img = ctx;

	if (img->fail_io || sector >= img->sectors || count > img->sectors - sector ||
	    (img->cut_at && img->writes >= img->cut_at))
		return ERR_IO;
	memcpy(buf, img->data + (size_t)sector * 512, (size_t)count * 512);
	return ERR_OK;
}

static int
mem_write(void *ctx, uint32_t sector, uint32_t count, const void *buf)
{
	struct fsimg *img = ctx;

	if (img->fail_io || sector >= img->sectors || count > img->sectors - sector)
		return ERR_IO;
	if (img->cut_at && img->writes >= img->cut_at)
		return ERR_IO;				/* dead */
	if (img->cut_at && count > img->cut_at - img->writes)
		count = img->cut_at - img->writes;	/* torn: the rest never lands */
	memcpy(img->data + (size_t)sector * 512, buf, (size_t)count * 512);
	img->writes += count;
	return ERR_OK;
}

static uint32_t
mem_now(void *ctx)
{
	return 1700000000u;
}

static void
mem_log(void *ctx, const char *line)
{
	struct fsimg *img = ctx;

	snprintf(img->log, sizeof(img->log), "%s", line);
}

static void
tools_find(void)
{
	if (access("/sbin/mke2fs", X_OK) == 0 && system("command -v mke2fs >/dev/null") != 0) {
		mke2fs = "/sbin/mke2fs";
		e2fsck = "/sbin/e2fsck";
	}
}

static int
put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* Build the staging tree and the image file for (mb, bs) once. */
static int
fsimg_template(uint32_t mb, uint32_t bs, char *file, size_t cap)
{
	char dir[128], cmd[2048], path[512];
	FILE *f;

	snprintf(file, cap, "/tmp/harbor-fstest-%d-%u-%u.img", (int)getpid(), mb, bs);
	if (access(file, R_OK) == 0)
		return 0;
	tools_find();
	snprintf(dir, sizeof(dir), "/tmp/harbor-fstest-%d-stage", (int)getpid());
	snprintf(cmd, sizeof(cmd), "rm -rf %s && mkdir -p %s/dir/sub %s/empty", dir, dir, dir);
	if (system(cmd) != 0)
		return -1;
	if (put_file(dir, "hello.txt", "hello, disk\n") || put_file(dir, "dir/sub/leaf.txt", "leaf\n"))
		return -1;
	snprintf(path, sizeof(path), "%s/medium.txt", dir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	for (int i = 0; i < 3000; i++)
		fprintf(f, "line %06d of medium.txt ......\n", i);
	fclose(f);
	snprintf(path, sizeof(path), "%s/big.bin", dir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs("start of big\n", f);
	fseek(f, 70L << 20, SEEK_SET);
	fputs("end of big\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "cd %s && ln hello.txt hard.txt && chmod 0444 hard.txt && ln -s hello.txt link && "
		 "%s -q -F -t ext2 -b %u -m 0 -E root_owner=0:0 -d %s %s %uM >/dev/null 2>&1 && rm -rf %s",
		 dir, mke2fs, bs, dir, file, mb, dir);
	return system(cmd) == 0 ? 0 : -1;
}

int
fsimg_make(struct fsimg *img, uint32_t mb, uint32_t bs)
{
	char file[128];
	FILE *f;

	memset(img, 0, sizeof(*img));
	if (fsimg_template(mb, bs, file, sizeof(file)) != 0)
		return -1;
	img->sectors = mb * 2048;
	img->data = malloc((size_t)img->sectors * 512);
	if (img->data == NULL || (f = fopen(file, "rb")) == NULL)
		return -1;
	size_t got = fread(img->data, 512, img->sectors, f);
	fclose(f);
	if (got != img->sectors)
		return -1;
	img->dev.ctx = img;
	img->dev.sectors = img->sectors;
	img->dev.read = mem_read;
	img->dev.write = mem_write;
	img->dev.now = mem_now;
	img->dev.log = mem_log;
	return 0;
}

void
fsimg_free(struct fsimg *img)
{
	free(img->data);
	img->data = NULL;
}

int
fsimg_fsck(struct fsimg *img, char *why, size_t cap)
{
	char file[128], cmd[1024];
	FILE *f;
	int status;

	snprintf(file, sizeof(file), "/tmp/harbor-fstest-%d-check.img", (int)getpid());
	if ((f = fopen(file, "wb")) == NULL)
		return 0;
	fwrite(img->data, 512, img->sectors, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s -fn %s 2>&1 | grep -v -e '^Pass ' -e '^e2fsck ' "
		 "-e 'files.*blocks$' | head -c %u", e2fsck, file, (unsigned)cap - 1);
	snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), "; exit $(%s -fn %s >/dev/null 2>&1; echo $?)",
		 e2fsck, file);
	if ((f = popen(cmd, "r")) == NULL)
		return 0;
	size_t n = fread(why, 1, cap - 1, f);
	why[n] = 0;
	for (size_t i = 0; i < n; i++)
		if (why[i] == '\n')
			why[i] = ' ';
	status = pclose(f);
	unlink(file);
	return status == 0;
}

int
fsimg_mount(struct fsimg *img, int read_only, struct ext2_fs **fs)
{
	img->log[0] = 0;
	return ext2_mount(&img->dev, read_only, fs);
}

void
fsimg_cleanup(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -f /tmp/harbor-fstest-%d-*.img", (int)getpid());
	if (system(cmd) != 0)
		fprintf(stderr, "fsimg: could not remove the test images\n");
}

int
fsimg_repair(struct fsimg *img, char *why, size_t cap)
{
	char file[128], cmd[512];
	FILE *f;
	int status;

	snprintf(file, sizeof(file), "/tmp/harbor-fstest-%d-repair.img", (int)getpid());
	if ((f = fopen(file, "wb")) == NULL)
		return 0;
	fwrite(img->data, 512, img->sectors, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s -fy %s >/dev/null 2>&1", e2fsck, file);
	status = system(cmd);
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 99;
	if (status > 1) {
		snprintf(why, cap, "e2fsck -fy exited with %d", status);
		unlink(file);
		return 0;
	}
	if ((f = fopen(file, "rb")) == NULL)
		return 0;
	size_t got = fread(img->data, 512, img->sectors, f);
	fclose(f);
	unlink(file);
	return got == img->sectors;
}
