/* SPDX-License-Identifier: MIT */
/* A growable NUL-terminated string; on allocation failure it latches an
 * error flag and further appends are ignored, so callers check once. */
#ifndef DXI_UTIL_STRBUF_H
#define DXI_UTIL_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct dxi_strbuf {
	char *s;
	size_t len, cap;
	bool oom;
};

void dxi_strbuf_add(struct dxi_strbuf *sb, const char *s, size_t n);
void dxi_strbuf_puts(struct dxi_strbuf *sb, const char *s);
void dxi_strbuf_printf(struct dxi_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns the string ("" if empty) and leaves sb empty; caller frees. */
char *dxi_strbuf_take(struct dxi_strbuf *sb);
void dxi_strbuf_free(struct dxi_strbuf *sb);

#endif
