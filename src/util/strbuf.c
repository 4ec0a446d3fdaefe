// SPDX-License-Identifier: MIT
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

static bool strbuf_grow(struct dxi_strbuf *sb, size_t extra)
{
	if (sb->oom)
		return false;
	if (!DXI_GROW(sb->s, sb->cap, sb->len + extra + 1, 64))
		sb->oom = true;
	return !sb->oom;
}

void dxi_strbuf_add(struct dxi_strbuf *sb, const char *s, size_t n)
{
	if (!strbuf_grow(sb, n))
		return;
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void dxi_strbuf_puts(struct dxi_strbuf *sb, const char *s)
{
	dxi_strbuf_add(sb, s, strlen(s));
}

void dxi_strbuf_printf(struct dxi_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !strbuf_grow(sb, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *dxi_strbuf_take(struct dxi_strbuf *sb)
{
	char *s = sb->s;

	if (!s)
		s = strdup("");
	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void dxi_strbuf_free(struct dxi_strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
	sb->oom = false;
}
