// SPDX-License-Identifier: MIT
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const subdirs[] = { "rebuilt", "decompressed" };

static int mkdir_p(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return mkdir(dir, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

static bool cache_root(char *out, size_t size)
{
	const char *base = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (base && *base)
		snprintf(out, size, "%s/daxinspect", base);
	else if (home && *home)
		snprintf(out, size, "%s/.cache/daxinspect", home);
	else
		return false;
	return true;
}

bool dxi_cache_dir(const char *sub, char *out, size_t size)
{
	char root[4096];

	if (!cache_root(root, sizeof(root)))
		return false;
	snprintf(out, size, "%s/%s", root, sub);
	return mkdir_p(out) == 0;
}

struct dxi_error *dxi_cache_max(uint64_t *out)
{
	const char *s = getenv("DAXINSPECT_CACHE_MAX");
	unsigned long long v;
	char *end;

	*out = DXI_CACHE_MAX_DEFAULT;
	if (!s || !*s)
		return NULL;
	errno = 0;
	v = strtoull(s, &end, 10);
	switch (*end) {
	case 'T': case 't': v <<= 10; /* fall through */
	case 'G': case 'g': v <<= 10; /* fall through */
	case 'M': case 'm': v <<= 10; /* fall through */
	case 'K': case 'k': v <<= 10; end++; break;
	default: break;
	}
	if (errno || end == s || *end || s[0] == '-')
		return dxi_error_new(DXI_ERR_FORMAT,
				     "DAXINSPECT_CACHE_MAX=%s is not a size; give bytes or a number with K, M, G or T (e.g. 8G)",
				     s);
	*out = v;
	return NULL;
}

void dxi_cache_touch(const char *path)
{
	/* The access time only: the flattened cache keys on a file's mtime.
	 * Best effort: a cache on a read-only filesystem still serves. */
	const struct timespec t[2] = { { .tv_nsec = UTIME_NOW },
				       { .tv_nsec = UTIME_OMIT } };

	(void)utimensat(AT_FDCWD, path, t, 0);
}

struct entry {
	char *path;
	uint64_t bytes;
	struct timespec used;
};

static int older_first(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->used.tv_sec != y->used.tv_sec)
		return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
	if (x->used.tv_nsec != y->used.tv_nsec)
		return x->used.tv_nsec < y->used.tv_nsec ? -1 : 1;
	return strcmp(x->path, y->path);
}

void dxi_cache_bound(const char *keep, bool *kept)
{
	struct entry *v = NULL, *keepe = NULL;
	size_t n = 0, cap = 0;
	uint64_t max, total = 0;
	struct dxi_error *err = dxi_cache_max(&max);
	char root[4096];

	*kept = true;
	if (err) {
		dxi_error_free(err);
		return;
	}
	if (!cache_root(root, sizeof(root)))
		return;
	for (size_t s = 0; s < sizeof(subdirs) / sizeof(subdirs[0]); s++) {
		char dir[4200];
		struct dirent *de;
		DIR *d;

		snprintf(dir, sizeof(dir), "%s/%s", root, subdirs[s]);
		d = opendir(dir);
		while (d && (de = readdir(d))) {
			struct stat st;
			char *p;

			size_t len = strlen(de->d_name);

			/* A .tmp is another run's file being written. */
			if (de->d_name[0] == '.' ||
			    (len > 4 && !strcmp(de->d_name + len - 4, ".tmp")) ||
			    asprintf(&p, "%s/%s", dir, de->d_name) < 0)
				continue;
			if (stat(p, &st) < 0 || !S_ISREG(st.st_mode) ||
			    (n == cap && !(v = reallocarray(v, cap = cap ? 2 * cap : 64, sizeof(*v))))) {
				free(p);
				if (!v)
					break;
				continue;
			}
			/* Blocks, not size: rebuilt and decompressed dumps are sparse. */
			v[n].path = p;
			v[n].bytes = (uint64_t)st.st_blocks * 512;
			v[n].used = st.st_atim;
			total += v[n++].bytes;
		}
		if (d)
			closedir(d);
	}
	if (v)
		qsort(v, n, sizeof(*v), older_first);
	for (size_t i = 0; i < n && total > max; i++) {
		if (keep && !strcmp(v[i].path, keep)) {
			keepe = &v[i];
			continue;
		}
		if (unlink(v[i].path) == 0)
			total -= v[i].bytes;
	}
	if (keepe && total > max && unlink(keepe->path) == 0)
		*kept = false;
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}
