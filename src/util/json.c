// SPDX-License-Identifier: MIT
#include "json.h"

#include <stdio.h>

void dxi_json_init(struct dxi_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = true;
	j->compact = false;
}

void dxi_json_init_compact(struct dxi_json *j, FILE *f)
{
	dxi_json_init(j, f);
	j->compact = true;
}

/*
 * Output goes through the stdio buffer with the _unlocked calls and no
 * printf: a check --json of a lab dump is about 1 MB, and per-character
 * fputc()/fprintf() made rendering cost more than the audit itself.
 */
static void put(FILE *f, const char *s, size_t n)
{
	fwrite_unlocked(s, 1, n, f);
}

static void json_escape(FILE *f, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *run;

	putc_unlocked('"', f);
	for (;;) {
		for (run = p; *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\';
		     p++)
			;
		put(f, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		switch (*p) {
		case '"': put(f, "\\\"", 2); break;
		case '\\': put(f, "\\\\", 2); break;
		case '\n': put(f, "\\n", 2); break;
		case '\t': put(f, "\\t", 2); break;
		case '\r': put(f, "\\r", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[*p >> 4],
				      hex[*p & 15] };

			put(f, u, sizeof(u));
		}
		}
		p++;
	}
	putc_unlocked('"', f);
}

static void newline_indent(struct dxi_json *j)
{
	static const char spaces[2 * DXI_JSON_MAX_DEPTH] = { [0 ... 2 * DXI_JSON_MAX_DEPTH - 1] = ' ' };

	if (j->compact)
		return;
	putc_unlocked('\n', j->f);
	put(j->f, spaces, 2 * (size_t)j->depth);
}

static void json_key(struct dxi_json *j, const char *key)
{
	if (j->depth > 0) {
		if (!j->first[j->depth])
			putc_unlocked(',', j->f);
		newline_indent(j);
	}
	j->first[j->depth] = false;
	if (key) {
		json_escape(j->f, key);
		put(j->f, ": ", j->compact ? 1 : 2);
	}
}

/* v in decimal (base 10) or hex (16), written backwards from end. */
static char *format_u64(char *end, uint64_t v, unsigned base)
{
	do {
		*--end = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	return end;
}

static void json_open(struct dxi_json *j, const char *key, char c)
{
	json_key(j, key);
	putc_unlocked(c, j->f);
	if (j->depth + 1 < DXI_JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void json_close(struct dxi_json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		newline_indent(j);
	putc_unlocked(c, j->f);
	if (j->depth == 0)
		putc_unlocked('\n', j->f);
}

void dxi_json_begin_object(struct dxi_json *j, const char *key)
{
	json_open(j, key, '{');
}

void dxi_json_begin_array(struct dxi_json *j, const char *key)
{
	json_open(j, key, '[');
}

void dxi_json_end_object(struct dxi_json *j)
{
	json_close(j, '}');
}

void dxi_json_end_array(struct dxi_json *j)
{
	json_close(j, ']');
}

void dxi_json_string(struct dxi_json *j, const char *key, const char *s)
{
	json_key(j, key);
	if (s)
		json_escape(j->f, s);
	else
		put(j->f, "null", 4);
}

void dxi_json_u64(struct dxi_json *j, const char *key, uint64_t v)
{
	char buf[24], *end = buf + sizeof(buf), *p = format_u64(end, v, 10);

	json_key(j, key);
	put(j->f, p, (size_t)(end - p));
}

void dxi_json_i64(struct dxi_json *j, const char *key, int64_t v)
{
	char buf[24], *end = buf + sizeof(buf);
	char *p = format_u64(end, v < 0 ? -(uint64_t)v : (uint64_t)v, 10);

	if (v < 0)
		*--p = '-';
	json_key(j, key);
	put(j->f, p, (size_t)(end - p));
}

void dxi_json_hex(struct dxi_json *j, const char *key, uint64_t v)
{
	char buf[24], *end = buf + sizeof(buf) - 1, *p = format_u64(end, v, 16);

	*end = '"';
	*--p = 'x';
	*--p = '0';
	*--p = '"';
	json_key(j, key);
	put(j->f, p, (size_t)(end + 1 - p));
}

void dxi_json_bool(struct dxi_json *j, const char *key, bool v)
{
	json_key(j, key);
	put(j->f, v ? "true" : "false", v ? 4 : 5);
}

void dxi_json_null(struct dxi_json *j, const char *key)
{
	json_key(j, key);
	put(j->f, "null", 4);
}
