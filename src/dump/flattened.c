// SPDX-License-Identifier: MIT
/*
 * makedumpfile's flattened stream (what QEMU dump-guest-memory writes for
 * kdump-* formats, and `makedumpfile -F`): a 4096-byte header starting
 * "makedumpfile", then records { be64 offset; be64 size; data[size] }
 * until offset == -1 (makedumpfile.h, QEMU include/sysemu/dump.h).
 * libkdumpfile 0.5.1 cannot read it, so we replay the records into a
 * regular file -- what `makedumpfile -R` does -- cached by the source's
 * identity so a second run reuses it.
 */
#include "target.h"

#include "../util/cache.h"

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MDF_HEADER_SIZE 4096
#define MDF_TYPE_FLAT_HEADER 1
#define MDF_END_FLAG (-1)
/* A record larger than this is not something makedumpfile or QEMU write. */
#define MDF_MAX_RECORD (1LL << 32)

/* Cache path: $XDG_CACHE_HOME/daxinspect/rebuilt/DEV-INO-SIZE-MTIME.kdump */
static char *cache_path(const struct stat *st)
{
	char dir[4096];
	char *path;

	if (!dxi_cache_dir("rebuilt", dir, sizeof(dir)))
		return NULL;
	if (asprintf(&path, "%s/%llx-%llx-%llx-%llx.kdump", dir,
		     (unsigned long long)st->st_dev,
		     (unsigned long long)st->st_ino,
		     (unsigned long long)st->st_size,
		     (unsigned long long)st->st_mtime) < 0)
		return NULL;
	return path;
}

static struct dxi_error *replay(int in, const char *path, int outfd)
{
	static char buf[1 << 20];
	off_t pos = MDF_HEADER_SIZE;

	for (;;) {
		int64_t hdr[2], off, size;
		ssize_t n = pread(in, hdr, sizeof(hdr), pos);

		if (n != (ssize_t)sizeof(hdr))
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "flattened dump %s ends at byte %lld without its end record; the file is truncated (re-copy it)",
					     path, (long long)pos);
		off = (int64_t)be64toh((uint64_t)hdr[0]);
		size = (int64_t)be64toh((uint64_t)hdr[1]);
		pos += (off_t)sizeof(hdr);
		if (off == MDF_END_FLAG)
			return NULL;
		if (off < 0 || size < 0 || size > MDF_MAX_RECORD)
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "flattened dump %s: bad record at byte %lld (offset %lld, size %lld)",
					     path, (long long)pos - 16,
					     (long long)off, (long long)size);
		while (size > 0) {
			size_t chunk = size < (int64_t)sizeof(buf) ?
					       (size_t)size : sizeof(buf);

			n = pread(in, buf, chunk, pos);
			if (n <= 0)
				return dxi_error_new(DXI_ERR_CORRUPT,
						     "flattened dump %s is truncated at byte %lld (re-copy it)",
						     path, (long long)pos);
			if (pwrite(outfd, buf, (size_t)n, off) != n)
				return dxi_error_errno(errno,
						       "cannot write the rebuilt dump of",
						       path);
			pos += n;
			off += n;
			size -= n;
		}
	}
}

struct dxi_error *dxi_flattened_rebuild(int fd, const char *path, int *out_fd)
{
	unsigned char hdr[32];
	struct dxi_error *err;
	char *cpath, *tmp = NULL;
	struct stat st;
	int outfd;

	if (pread(fd, hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr) ||
	    be64toh(*(uint64_t *)(hdr + 16)) != MDF_TYPE_FLAT_HEADER)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "%s starts like a makedumpfile flattened stream but its header is damaged",
				     path);
	if (fstat(fd, &st) < 0)
		return dxi_error_errno(errno, "cannot stat", path);
	cpath = cache_path(&st);
	if (cpath) {
		outfd = open(cpath, O_RDONLY | O_CLOEXEC);
		if (outfd >= 0) {
			dxi_cache_touch(cpath);
			free(cpath);
			*out_fd = outfd;
			return NULL;
		}
		if (asprintf(&tmp, "%s.%d.tmp", cpath, (int)getpid()) < 0)
			tmp = NULL;
	}
	if (tmp)
		outfd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	else
		outfd = open("/var/tmp", O_RDWR | O_TMPFILE | O_CLOEXEC, 0600);
	if (outfd < 0) {
		err = dxi_error_errno(errno, "cannot create a file to rebuild",
				      path);
		free(tmp);
		free(cpath);
		return dxi_error_wrap(err, "set XDG_CACHE_HOME to a writable directory, or run `makedumpfile -R out < %s`", path);
	}
	err = replay(fd, path, outfd);
	if (!err && tmp && rename(tmp, cpath) < 0)
		err = dxi_error_errno(errno, "cannot store the rebuilt dump",
				      cpath);
	if (!err && tmp) {
		bool kept;

		dxi_cache_bound(cpath, &kept);
	}
	if (err) {
		if (tmp)
			unlink(tmp);
		close(outfd);
		outfd = -1;
	}
	free(tmp);
	free(cpath);
	if (err)
		return err;
	*out_fd = outfd;
	return NULL;
}
