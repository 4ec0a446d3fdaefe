// SPDX-License-Identifier: MIT
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static struct dxi_error *read_all(FILE *f, const char *path, size_t max,
				  char **buf, size_t *len)
{
	char *b = NULL;
	size_t n = 0, cap = 0;

	for (;;) {
		size_t r;

		if (n > max) {
			free(b);
			return dxi_error_new(DXI_ERR_FORMAT,
					     "%s is larger than %zu MiB",
					     path, max >> 20);
		}
		if (n + 1 >= cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			nb = realloc(b, cap);
			if (!nb) {
				free(b);
				return &dxi_error_nomem;
			}
			b = nb;
		}
		r = fread(b + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(b);
		return dxi_error_errno(EIO, "cannot read", path);
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
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
