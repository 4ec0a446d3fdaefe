// SPDX-License-Identifier: MIT
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

DXI_VEC(charvec, char);

static struct dxi_error *read_all(FILE *f, const char *path, size_t max,
				  char **buf, size_t *len)
{
	struct charvec b = { 0 };

	for (;;) {
		size_t r;

		if (b.len > max) {
			free(b.data);
			return dxi_error_new(DXI_ERR_FORMAT,
					     "%s is larger than %zu MiB",
					     path, max >> 20);
		}
		/* Room for 64 KiB more and the NUL. */
		if (!charvec_reserve(&b, b.len + 65536 + 1)) {
			free(b.data);
			return &dxi_error_nomem;
		}
		r = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
		b.len += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(b.data);
		return dxi_error_errno(EIO, "cannot read", path);
	}
	b.data[b.len] = '\0';
	*buf = b.data;
	*len = b.len;
	return NULL;
}

struct dxi_error *dxi_file_read(const char *path, const char *what,
				size_t max, char **buf, size_t *len)
{
	bool is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "re");
	struct dxi_error *err;

	if (!f)
		return dxi_error_errno(errno, what, path);
	err = read_all(f, is_stdin ? "standard input" : path, max, buf, len);
	if (!is_stdin)
		fclose(f);
	return err;
}
