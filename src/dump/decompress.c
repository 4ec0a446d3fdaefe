// SPDX-License-Identifier: MIT
/*
 * Dumps attached compressed (vmcore.xz, .gz, .zst, .bz2; told by their
 * magic bytes, not their names): decompressed once into
 * $XDG_CACHE_HOME/daxinspect/decompressed/, named by the XXH64 of the
 * compressed bytes and their size (the content, not the name: a renamed
 * or re-copied attachment is a hit), then opened as any dump. The cache
 * is bounded (src/util/cache.h). Zero pages are left as holes: an ELF
 * dump is mostly zeros.
 */
#include "target.h"

#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "../util/cache.h"
#include "../util/xxh64.h"

#define CHUNK (1 << 20)
#define BLOCK 4096

enum kind { K_NONE, K_XZ, K_GZ, K_ZST, K_BZ2 };
static const char *const kind_name[] = { "none", "xz", "gzip", "zstd", "bzip2" };

static enum kind detect(const unsigned char *m, size_t n)
{
	if (n >= 6 && !memcmp(m, "\xfd" "7zXZ\0", 6))
		return K_XZ;
	if (n >= 3 && m[0] == 0x1f && m[1] == 0x8b && m[2] == 8)
		return K_GZ;
	if (n >= 4 && !memcmp(m, "\x28\xb5\x2f\xfd", 4))
		return K_ZST;
	if (n >= 4 && !memcmp(m, "BZh", 3) && m[3] >= '1' && m[3] <= '9')
		return K_BZ2;
	return K_NONE;
}

bool dxi_decompress_detect(const void *magic, size_t n)
{
	return detect(magic, n) != K_NONE;
}

struct job {
	const char *path;	/* the compressed file, for messages */
	enum kind kind;
	int in, out;
	unsigned char *ibuf, *obuf;
	size_t ilen;		/* bytes in ibuf from the last fill */
	uint64_t ipos, isize;	/* compressed bytes read, and in all */
	uint64_t opos;		/* decompressed bytes written (holes too) */
	bool eof;
	/* Progress bar on a terminal only. */
	bool tty;
	int shown;
	struct timespec last;
};

static struct dxi_error *fill(struct job *j)
{
	ssize_t n = pread(j->in, j->ibuf, CHUNK, (off_t)j->ipos);

	if (n < 0)
		return dxi_error_errno(errno, "cannot read", j->path);
	j->ilen = (size_t)n;
	j->ipos += (uint64_t)n;
	j->eof = n == 0;
	return NULL;
}

static void progress(struct job *j, bool done)
{
	struct timespec now;
	int pct;

	if (!j->tty)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	pct = j->isize ? (int)(j->ipos * 100 / j->isize) : 100;
	/* Ten redraws a second at most, the first at once. */
	if (!done && j->shown >= 0 &&
	    (now.tv_sec - j->last.tv_sec) * 1000000000L +
			    (now.tv_nsec - j->last.tv_nsec) < 100000000L)
		return;
	j->shown = pct;
	j->last = now;
	if (done) {
		fputs("\r\033[K", stderr);
		return;
	}
	fprintf(stderr, "\r[%-40.*s] %3d%%  %.1f MiB out",
		pct * 40 / 100, "########################################", pct,
		(double)j->opos / (1 << 20));
}

static bool all_zero(const unsigned char *p, size_t n)
{
	return !p[0] && !memcmp(p, p + 1, n - 1);
}

/* Writes n decompressed bytes, skipping all-zero blocks (holes). */
static struct dxi_error *emit(struct job *j, const unsigned char *p, size_t n)
{
	while (n) {
		size_t b = BLOCK - (size_t)(j->opos % BLOCK);

		if (b > n)
			b = n;
		if (!all_zero(p, b) &&
		    pwrite(j->out, p, b, (off_t)j->opos) != (ssize_t)b)
			return dxi_error_wrap(
				dxi_error_errno(errno ? errno : ENOSPC,
						"cannot write the decompressed copy of",
						j->path),
				"free space in the cache (or lower DAXINSPECT_CACHE_MAX), or decompress it yourself");
		j->opos += b;
		p += b;
		n -= b;
	}
	progress(j, false);
	return NULL;
}

static struct dxi_error *truncated(struct job *j)
{
	return dxi_error_new(DXI_ERR_CORRUPT,
			     "%s: the %s stream ends early, after %llu compressed bytes: the file is truncated (re-copy it)",
			     j->path, kind_name[j->kind],
			     (unsigned long long)j->ipos);
}

static struct dxi_error *corrupt(struct job *j, const char *why)
{
	return dxi_error_new(DXI_ERR_CORRUPT,
			     "%s: the %s data is corrupt near compressed byte %llu (%s); re-copy it",
			     j->path, kind_name[j->kind],
			     (unsigned long long)j->ipos, why);
}

static struct dxi_error *run_xz(struct job *j)
{
	lzma_stream s = LZMA_STREAM_INIT;
	struct dxi_error *err = NULL;

	if (lzma_stream_decoder(&s, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
		return &dxi_error_nomem;
	for (;;) {
		lzma_ret r;

		if (!s.avail_in && !j->eof) {
			if ((err = fill(j)))
				break;
			s.next_in = j->ibuf;
			s.avail_in = j->ilen;
		}
		s.next_out = j->obuf;
		s.avail_out = CHUNK;
		r = lzma_code(&s, j->eof ? LZMA_FINISH : LZMA_RUN);
		if ((err = emit(j, j->obuf, CHUNK - s.avail_out)))
			break;
		if (r == LZMA_STREAM_END)
			break;
		if (r == LZMA_BUF_ERROR && j->eof) {
			err = truncated(j);
			break;
		}
		if (r == LZMA_MEM_ERROR) {
			err = &dxi_error_nomem;
			break;
		}
		if (r != LZMA_OK && r != LZMA_BUF_ERROR) {
			err = corrupt(j, r == LZMA_DATA_ERROR ? "bad data" :
					 r == LZMA_FORMAT_ERROR ? "bad header" :
					 r == LZMA_OPTIONS_ERROR ? "unsupported options" :
					 "bad check or header");
			break;
		}
	}
	lzma_end(&s);
	return err;
}

static struct dxi_error *run_gz(struct job *j)
{
	struct dxi_error *err = NULL;
	z_stream z = { 0 };

	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return &dxi_error_nomem;
	for (;;) {
		size_t got;
		int r;

		if (!z.avail_in && !j->eof) {
			if ((err = fill(j)))
				break;
			z.next_in = j->ibuf;
			z.avail_in = (uInt)j->ilen;
		}
		z.next_out = j->obuf;
		z.avail_out = CHUNK;
		r = inflate(&z, Z_NO_FLUSH);
		got = CHUNK - z.avail_out;
		if ((err = emit(j, j->obuf, got)))
			break;
		if (r == Z_STREAM_END) {
			/* Another member (gzip files concatenate), or the end. */
			if (!z.avail_in) {
				if ((err = fill(j)) || j->eof)
					break;
				z.next_in = j->ibuf;
				z.avail_in = (uInt)j->ilen;
			}
			if (z.avail_in < 2 || z.next_in[0] != 0x1f ||
			    z.next_in[1] != 0x8b)
				break; /* trailing bytes, as gzip -d ignores */
			inflateReset(&z);
			continue;
		}
		if (r == Z_MEM_ERROR) {
			err = &dxi_error_nomem;
			break;
		}
		if (r != Z_OK && r != Z_BUF_ERROR) {
			err = corrupt(j, z.msg ? z.msg : "bad data");
			break;
		}
		/* All input read, nothing more comes out, no end: cut short. */
		if (j->eof && !z.avail_in && !got) {
			err = truncated(j);
			break;
		}
	}
	inflateEnd(&z);
	return err;
}

static struct dxi_error *run_zst(struct job *j)
{
	ZSTD_DStream *ds = ZSTD_createDStream();
	struct dxi_error *err = NULL;
	ZSTD_inBuffer in = { 0 };
	size_t r = 1;

	if (!ds)
		return &dxi_error_nomem;
	for (;;) {
		ZSTD_outBuffer out = { j->obuf, CHUNK, 0 };

		if (in.pos == in.size && !j->eof) {
			if ((err = fill(j)))
				break;
			in.src = j->ibuf;
			in.size = j->ilen;
			in.pos = 0;
		}
		/* r == 0: the last frame is complete and flushed. */
		if (j->eof && in.pos == in.size && !r)
			break;
		r = ZSTD_decompressStream(ds, &out, &in);
		if (ZSTD_isError(r)) {
			err = corrupt(j, ZSTD_getErrorName(r));
			break;
		}
		if ((err = emit(j, j->obuf, out.pos)))
			break;
		if (j->eof && in.pos == in.size && r && !out.pos) {
			err = truncated(j);
			break;
		}
	}
	ZSTD_freeDStream(ds);
	return err;
}

static struct dxi_error *run_bz2(struct job *j)
{
	struct dxi_error *err = NULL;
	bz_stream b = { 0 };

	if (BZ2_bzDecompressInit(&b, 0, 0) != BZ_OK)
		return &dxi_error_nomem;
	for (;;) {
		size_t got;
		int r;

		if (!b.avail_in && !j->eof) {
			if ((err = fill(j)))
				break;
			b.next_in = (char *)j->ibuf;
			b.avail_in = (unsigned)j->ilen;
		}
		b.next_out = (char *)j->obuf;
		b.avail_out = CHUNK;
		r = BZ2_bzDecompress(&b);
		got = CHUNK - b.avail_out;
		if ((err = emit(j, j->obuf, got)))
			break;
		if (r == BZ_STREAM_END) {
			/* Another stream (pbzip2 writes many), or the end. */
			if (!b.avail_in) {
				if ((err = fill(j)) || j->eof)
					break;
				b.next_in = (char *)j->ibuf;
				b.avail_in = (unsigned)j->ilen;
			}
			if (b.avail_in < 3 || memcmp(b.next_in, "BZh", 3))
				break;
			{
				char *next = b.next_in;
				unsigned avail = b.avail_in;

				BZ2_bzDecompressEnd(&b);
				memset(&b, 0, sizeof(b));
				if (BZ2_bzDecompressInit(&b, 0, 0) != BZ_OK) {
					err = &dxi_error_nomem;
					break;
				}
				b.next_in = next;
				b.avail_in = avail;
			}
			continue;
		}
		if (r == BZ_MEM_ERROR) {
			err = &dxi_error_nomem;
			break;
		}
		if (r != BZ_OK) {
			err = corrupt(j, "bad data");
			break;
		}
		if (j->eof && !b.avail_in && !got) {
			err = truncated(j);
			break;
		}
	}
	BZ2_bzDecompressEnd(&b);
	return err;
}

static struct dxi_error *run(struct job *j)
{
	struct dxi_error *err;

	j->ibuf = malloc(CHUNK);
	j->obuf = malloc(CHUNK);
	if (!j->ibuf || !j->obuf) {
		err = &dxi_error_nomem;
	} else {
		err = j->kind == K_XZ ? run_xz(j) : j->kind == K_GZ ? run_gz(j) :
		      j->kind == K_ZST ? run_zst(j) : run_bz2(j);
		/* The holes at the end make the size. */
		if (!err && ftruncate(j->out, (off_t)j->opos) < 0)
			err = dxi_error_errno(errno, "cannot write the decompressed copy of",
					      j->path);
	}
	progress(j, true);
	free(j->ibuf);
	free(j->obuf);
	return err;
}

/* XXH64 of the whole compressed file: its content is the cache key. */
static struct dxi_error *hash_file(int fd, const char *path, uint64_t *out)
{
	unsigned char *buf = malloc(CHUNK);
	struct dxi_xxh64 h;
	off_t pos = 0;
	ssize_t n;

	if (!buf)
		return &dxi_error_nomem;
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	dxi_xxh64_init(&h, 0);
	while ((n = pread(fd, buf, CHUNK, pos)) > 0) {
		dxi_xxh64_update(&h, buf, (size_t)n);
		pos += n;
	}
	free(buf);
	if (n < 0)
		return dxi_error_errno(errno, "cannot read", path);
	*out = dxi_xxh64_digest(&h);
	return NULL;
}

/* Decompresses into a new file in dir (or an unnamed one in /var/tmp when
 * there is no cache): an O_TMPFILE, so a failed or interrupted run leaves
 * no partial file, linked as cpath once complete. */
static struct dxi_error *decompress(struct job *j, const char *dir,
				    const char *cpath, int *out_fd)
{
	struct dxi_error *err;
	char proc[64];

	j->out = open(dir ? dir : "/var/tmp", O_RDWR | O_TMPFILE | O_CLOEXEC, 0600);
	if (j->out < 0)
		return dxi_error_wrap(
			dxi_error_errno(errno, "cannot create a file in", dir ? dir : "/var/tmp"),
			"decompressing %s needs a writable cache: set XDG_CACHE_HOME to a writable directory, or decompress it yourself",
			j->path);
	if (j->tty)
		fprintf(stderr, "daxinspect: decompressing %s (%s) once, into %s\n",
			j->path, kind_name[j->kind], cpath ? cpath : "an unnamed file");
	err = run(j);
	if (!err && cpath) {
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", j->out);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, cpath, AT_SYMLINK_FOLLOW) < 0 &&
		    errno != EEXIST)
			err = dxi_error_errno(errno, "cannot store the decompressed dump",
					      cpath);
	}
	if (err) {
		close(j->out);
		return err;
	}
	*out_fd = j->out;
	return NULL;
}

struct dxi_error *dxi_decompressed_open(int fd, const char *path,
					struct dxi_target **out)
{
	unsigned char magic[8] = { 0 };
	struct job j = { .path = path, .in = fd, .shown = -1 };
	char dir[4096] = "", cpath[4200], opened[4200];
	struct dxi_error *err;
	bool have_dir, kept = true;
	struct stat st;
	uint64_t key = 0, max = 0;
	int dfd = -1;

	if (pread(fd, magic, sizeof(magic), 0) < 0 || fstat(fd, &st) < 0) {
		err = dxi_error_errno(errno, "cannot read", path);
		close(fd);
		return err;
	}
	j.kind = detect(magic, sizeof(magic));
	j.isize = (uint64_t)st.st_size;
	j.tty = isatty(STDERR_FILENO);
	err = dxi_cache_max(&max);
	if (!err)
		err = hash_file(fd, path, &key);
	if (err) {
		close(fd);
		return err;
	}
	have_dir = dxi_cache_dir("decompressed", dir, sizeof(dir));
	snprintf(cpath, sizeof(cpath), "%s/%016llx-%llx.vmcore", dir,
		 (unsigned long long)key, (unsigned long long)st.st_size);
	if (have_dir && access(cpath, R_OK) == 0) {
		dxi_cache_touch(cpath);
		snprintf(opened, sizeof(opened), "%s", cpath);
	} else {
		err = decompress(&j, have_dir ? dir : NULL,
				 have_dir ? cpath : NULL, &dfd);
		if (err) {
			close(fd);
			return err;
		}
		/* A file never linked is opened through its descriptor. */
		if (have_dir)
			snprintf(opened, sizeof(opened), "%s", cpath);
		else
			snprintf(opened, sizeof(opened), "/proc/self/fd/%d", dfd);
	}
	close(fd);
	err = dxi_target_open(opened, out);
	if (dfd >= 0)
		close(dfd);
	if (err)
		return dxi_error_wrap(err, "%s, decompressed (%s) into %s", path,
				      kind_name[j.kind], opened);
	free((*out)->path);
	(*out)->path = strdup(path);
	if (!(*out)->path) {
		dxi_target_close(*out);
		return &dxi_error_nomem;
	}
	snprintf((*out)->desc.container, sizeof((*out)->desc.container), "%s",
		 kind_name[j.kind]);
	if (have_dir) {
		dxi_cache_bound(cpath, &kept);
		if (!kept)
			fprintf(stderr, "daxinspect: note: the decompressed %s is larger than the cache bound (DAXINSPECT_CACHE_MAX, %llu bytes): it was not kept\n",
				path, (unsigned long long)max);
	}
	snprintf((*out)->desc.cache_path, sizeof((*out)->desc.cache_path), "%.*s",
		 (int)sizeof((*out)->desc.cache_path) - 1,
		 have_dir && kept ? cpath : "");
	return NULL;
}
