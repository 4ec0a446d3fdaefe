// SPDX-License-Identifier: MIT
#include "json.h"

#include <inttypes.h>

void dxi_json_init(struct dxi_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = true;
}

static void json_escape(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (*p < 0x20 || *p >= 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void json_key(struct dxi_json *j, const char *key)
{
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fputc(',', j->f);
		fputc('\n', j->f);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->f);
	}
	j->first[j->depth] = false;
	if (key) {
		json_escape(j->f, key);
		fputs(": ", j->f);
	}
}

static void json_open(struct dxi_json *j, const char *key, char c)
{
	json_key(j, key);
	fputc(c, j->f);
	if (j->depth + 1 < DXI_JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void json_close(struct dxi_json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty) {
		fputc('\n', j->f);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->f);
	}
	fputc(c, j->f);
	if (j->depth == 0)
		fputc('\n', j->f);
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
		fputs("null", j->f);
}

void dxi_json_u64(struct dxi_json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	fprintf(j->f, "%" PRIu64, v);
}

void dxi_json_i64(struct dxi_json *j, const char *key, int64_t v)
{
	json_key(j, key);
	fprintf(j->f, "%" PRId64, v);
}

void dxi_json_hex(struct dxi_json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	fprintf(j->f, "\"0x%" PRIx64 "\"", v);
}

void dxi_json_bool(struct dxi_json *j, const char *key, bool v)
{
	json_key(j, key);
	fputs(v ? "true" : "false", j->f);
}

void dxi_json_null(struct dxi_json *j, const char *key)
{
	json_key(j, key);
	fputs("null", j->f);
}
