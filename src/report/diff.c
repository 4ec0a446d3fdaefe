// SPDX-License-Identifier: MIT
#include "diff.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../util/json.h"
#include "../util/jsonread.h"
#include "../util/file.h"
#include "../util/strbuf.h"

/* One input: its parsed document and what it says about itself. */
struct side {
	const char *path;
	struct dxi_jval doc;
	const struct dxi_jval *findings;
	const char *kind, *release, *build_id;
	char **keys, **sigs;	/* per finding: match key, compared fields */
	bool *used;
};

/* The fields whose difference makes a finding "changed", in this order. */
static const char *const fields[] = {
	"severity", "message", "expected", "actual", "known_bug", "count",
	"last_pfn", "last_index",
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))
/* A check --json output or bundle larger than this is not one. */
#define DIFF_MAX_INPUT (1ull << 30)

/* A field as one comparable string: a known bug by its id. */
static void field_str(const struct dxi_jval *x, const char *key,
		      struct dxi_strbuf *sb)
{
	const struct dxi_jval *v = dxi_jget(x, key);

	if (!v || v->type == DXI_JNULL)
		dxi_strbuf_puts(sb, "-");
	else if (v->type == DXI_JSTR)
		dxi_strbuf_printf(sb, "\"%s\"", v->s);
	else if (v->type == DXI_JNUM)
		dxi_strbuf_printf(sb, "%" PRId64, v->i);
	else if (v->type == DXI_JOBJ)
		dxi_strbuf_printf(sb, "{%s}", dxi_jstr(v, "id", "?"));
	else
		dxi_strbuf_puts(sb, "?");
}

char *dxi_diff_key(const struct dxi_jval *x)
{
	const struct dxi_jval *ino = dxi_jget(x, "inode");
	struct dxi_strbuf sb = { 0 };

	dxi_strbuf_printf(&sb, "%s|", dxi_jstr(x, "check", "?"));
	if (ino && ino->type == DXI_JOBJ)
		dxi_strbuf_printf(&sb, "%s:%" PRId64, dxi_jstr(ino, "dev", "?"),
				  dxi_jint(ino, "ino", 0));
	else
		dxi_strbuf_puts(&sb, "-");
	dxi_strbuf_puts(&sb, "|");
	field_str(x, "index", &sb);
	dxi_strbuf_puts(&sb, "|");
	field_str(x, "pfn", &sb);
	return sb.oom ? (dxi_strbuf_free(&sb), NULL) : dxi_strbuf_take(&sb);
}

static char *sig_of(const struct dxi_jval *x)
{
	struct dxi_strbuf sb = { 0 };

	for (size_t i = 0; i < NFIELDS; i++) {
		field_str(x, fields[i], &sb);
		dxi_strbuf_puts(&sb, "\x1f");
	}
	return sb.oom ? (dxi_strbuf_free(&sb), NULL) : dxi_strbuf_take(&sb);
}

static void side_free(struct side *s)
{
	for (size_t i = 0; s->findings && i < s->findings->n; i++) {
		free(s->keys ? s->keys[i] : NULL);
		free(s->sigs ? s->sigs[i] : NULL);
	}
	free(s->keys);
	free(s->sigs);
	free(s->used);
	dxi_jval_free(&s->doc);
}

static struct dxi_error *load(const char *path, struct side *s)
{
	const struct dxi_jval *meta;
	struct dxi_error *err;
	char *text = NULL;
	size_t n;

	s->path = path;
	err = dxi_file_read(path, "cannot open", DIFF_MAX_INPUT, &text, &n);
	if (err)
		return err;
	err = dxi_json_parse(text, &s->doc);
	free(text);
	if (err)
		return dxi_error_wrap(err, "%s is not readable JSON (give the output of `daxinspect check --json` or a bundle)",
				      path);
	s->kind = dxi_jstr(&s->doc, "kind", "");
	s->findings = dxi_jget(&s->doc, "findings");
	if ((strcmp(s->kind, "check") && strcmp(s->kind, "bundle")) ||
	    !s->findings || s->findings->type != DXI_JARR)
		return dxi_error_new(DXI_ERR_FORMAT,
				     "%s is not a daxinspect check --json output or bundle (kind \"%s\"); make one with `daxinspect check --json TARGET > FILE` or `daxinspect report --bundle FILE TARGET`",
				     path, s->kind);
	meta = dxi_jget(&s->doc, strcmp(s->kind, "check") ? "kernel" : "target");
	s->release = dxi_jstr(meta, "release", "?");
	s->build_id = dxi_jstr(meta, "build_id", "?");
	n = s->findings->n;
	s->keys = calloc(n + 1, sizeof(*s->keys));
	s->sigs = calloc(n + 1, sizeof(*s->sigs));
	s->used = calloc(n + 1, sizeof(*s->used));
	if (!s->keys || !s->sigs || !s->used)
		return &dxi_error_nomem;
	for (size_t i = 0; i < n; i++) {
		const struct dxi_jval *x = &s->findings->items[i];

		if (x->type != DXI_JOBJ)
			return dxi_error_new(DXI_ERR_FORMAT,
					     "%s: finding %zu is not an object; the file is damaged",
					     path, i);
		s->keys[i] = dxi_diff_key(x);
		s->sigs[i] = sig_of(x);
		if (!s->keys[i] || !s->sigs[i])
			return &dxi_error_nomem;
	}
	return NULL;
}

/* Any JSON value, as read, written back. */
void dxi_diff_write_val(struct dxi_json *j, const char *key,
		      const struct dxi_jval *v)
{
	switch (v->type) {
	case DXI_JNULL: dxi_json_null(j, key); break;
	case DXI_JBOOL: dxi_json_bool(j, key, v->b); break;
	case DXI_JNUM: dxi_json_i64(j, key, v->i); break;
	case DXI_JSTR: dxi_json_string(j, key, v->s); break;
	case DXI_JARR:
		dxi_json_begin_array(j, key);
		for (size_t i = 0; i < v->n; i++)
			dxi_diff_write_val(j, NULL, &v->items[i]);
		dxi_json_end_array(j);
		break;
	case DXI_JOBJ:
		dxi_json_begin_object(j, key);
		for (size_t i = 0; i < v->n; i++)
			dxi_diff_write_val(j, v->keys[i], &v->items[i]);
		dxi_json_end_object(j);
		break;
	}
}

/* The result: indexes into A and B. */
struct pair {
	size_t a, b;
};

struct result {
	size_t *appeared, *disappeared;
	struct pair *changed;
	size_t nappeared, ndisappeared, nchanged, nunchanged;
};

static void match(struct side *a, struct side *b, struct result *r)
{
	size_t na = a->findings->n, nb = b->findings->n;

	/* Identical findings first, so a reordering is no change. */
	for (size_t j = 0; j < nb; j++)
		for (size_t i = 0; i < na; i++)
			if (!a->used[i] && !strcmp(a->keys[i], b->keys[j]) &&
			    !strcmp(a->sigs[i], b->sigs[j])) {
				a->used[i] = b->used[j] = true;
				r->nunchanged++;
				break;
			}
	for (size_t j = 0; j < nb; j++) {
		for (size_t i = 0; !b->used[j] && i < na; i++)
			if (!a->used[i] && !strcmp(a->keys[i], b->keys[j])) {
				a->used[i] = b->used[j] = true;
				r->changed[r->nchanged++] = (struct pair){ i, j };
			}
		if (!b->used[j])
			r->appeared[r->nappeared++] = j;
	}
	for (size_t i = 0; i < na; i++)
		if (!a->used[i])
			r->disappeared[r->ndisappeared++] = i;
}

void dxi_diff_print_finding(const struct dxi_jval *x, char mark,
			    const char *suffix, FILE *f)
{
	const struct dxi_jval *ino = dxi_jget(x, "inode");

	fprintf(f, "%c %-7s %s", mark, dxi_jstr(x, "severity", "?"),
		dxi_jstr(x, "check", "?"));
	if (ino && ino->type == DXI_JOBJ)
		fprintf(f, " %s:%" PRId64 " %s", dxi_jstr(ino, "dev", "?"),
			dxi_jint(ino, "ino", 0), dxi_jstr(ino, "path", "(no path)"));
	if (dxi_jget(x, "index") && dxi_jget(x, "index")->type == DXI_JNUM)
		fprintf(f, " index %" PRId64, dxi_jint(x, "index", 0));
	if (dxi_jget(x, "pfn") && dxi_jget(x, "pfn")->type == DXI_JNUM)
		fprintf(f, " pfn %#" PRIx64, dxi_jint(x, "pfn", 0));
	if (dxi_jint(x, "count", 1) > 1)
		fprintf(f, " (+%" PRId64 " pages)", dxi_jint(x, "count", 1) - 1);
	fprintf(f, ": %s%s\n", dxi_jstr(x, "message", ""), suffix);
}

static void text_finding(const struct dxi_jval *x, char mark, FILE *f)
{
	fputs("  ", f);
	dxi_diff_print_finding(x, mark, "", f);
}

static void print_text(const struct side *a, const struct side *b,
		       const struct result *r, FILE *f)
{
	fprintf(f, "a  %s (%s; kernel %s, build-id %s)\n", a->path, a->kind,
		a->release, a->build_id);
	fprintf(f, "b  %s (%s; kernel %s, build-id %s)\n", b->path, b->kind,
		b->release, b->build_id);
	fprintf(f, "\nappeared in b: %zu\n", r->nappeared);
	for (size_t i = 0; i < r->nappeared; i++)
		text_finding(&b->findings->items[r->appeared[i]], '+', f);
	fprintf(f, "\ndisappeared from a: %zu\n", r->ndisappeared);
	for (size_t i = 0; i < r->ndisappeared; i++)
		text_finding(&a->findings->items[r->disappeared[i]], '-', f);
	fprintf(f, "\nchanged: %zu\n", r->nchanged);
	for (size_t i = 0; i < r->nchanged; i++) {
		const struct dxi_jval *x = &a->findings->items[r->changed[i].a];
		const struct dxi_jval *y = &b->findings->items[r->changed[i].b];

		text_finding(y, '~', f);
		for (size_t k = 0; k < NFIELDS; k++) {
			struct dxi_strbuf sx = { 0 }, sy = { 0 };

			field_str(x, fields[k], &sx);
			field_str(y, fields[k], &sy);
			if (sx.s && sy.s && strcmp(sx.s, sy.s))
				fprintf(f, "      %-10s %s -> %s\n", fields[k], sx.s, sy.s);
			dxi_strbuf_free(&sx);
			dxi_strbuf_free(&sy);
		}
	}
	fprintf(f, "\nsummary: %zu appeared, %zu disappeared, %zu changed, %zu unchanged\n",
		r->nappeared, r->ndisappeared, r->nchanged, r->nunchanged);
}

static void json_side(struct dxi_json *j, const char *name,
		      const struct side *s)
{
	dxi_json_begin_object(j, name);
	dxi_json_string(j, "path", s->path);
	dxi_json_string(j, "kind", s->kind);
	dxi_json_string(j, "release", s->release);
	dxi_json_string(j, "build_id", s->build_id);
	dxi_json_u64(j, "findings", s->findings->n);
	dxi_json_end_object(j);
}

static void print_json(const struct side *a, const struct side *b,
		       const struct result *r, FILE *f)
{
	struct dxi_json j;

	dxi_json_init(&j, f);
	dxi_json_begin_object(&j, NULL);
	dxi_json_u64(&j, "schema_version", 1);
	dxi_json_string(&j, "kind", "diff");
	json_side(&j, "a", a);
	json_side(&j, "b", b);
	dxi_json_begin_object(&j, "summary");
	dxi_json_u64(&j, "appeared", r->nappeared);
	dxi_json_u64(&j, "disappeared", r->ndisappeared);
	dxi_json_u64(&j, "changed", r->nchanged);
	dxi_json_u64(&j, "unchanged", r->nunchanged);
	dxi_json_end_object(&j);
	dxi_json_begin_array(&j, "appeared");
	for (size_t i = 0; i < r->nappeared; i++)
		dxi_diff_write_val(&j, NULL, &b->findings->items[r->appeared[i]]);
	dxi_json_end_array(&j);
	dxi_json_begin_array(&j, "disappeared");
	for (size_t i = 0; i < r->ndisappeared; i++)
		dxi_diff_write_val(&j, NULL, &a->findings->items[r->disappeared[i]]);
	dxi_json_end_array(&j);
	dxi_json_begin_array(&j, "changed");
	for (size_t i = 0; i < r->nchanged; i++) {
		const struct dxi_jval *x = &a->findings->items[r->changed[i].a];
		const struct dxi_jval *y = &b->findings->items[r->changed[i].b];
		const struct dxi_jval *ino = dxi_jget(y, "inode");

		dxi_json_begin_object(&j, NULL);
		dxi_json_begin_object(&j, "key");
		dxi_json_string(&j, "check", dxi_jstr(y, "check", "?"));
		if (ino)
			dxi_diff_write_val(&j, "inode", ino);
		else
			dxi_json_null(&j, "inode");
		dxi_diff_write_val(&j, "index", dxi_jget(y, "index") ? dxi_jget(y, "index") : &(struct dxi_jval){ 0 });
		dxi_diff_write_val(&j, "pfn", dxi_jget(y, "pfn") ? dxi_jget(y, "pfn") : &(struct dxi_jval){ 0 });
		dxi_json_end_object(&j);
		dxi_json_begin_array(&j, "fields");
		for (size_t k = 0; k < NFIELDS; k++) {
			struct dxi_strbuf sx = { 0 }, sy = { 0 };

			field_str(x, fields[k], &sx);
			field_str(y, fields[k], &sy);
			if (sx.s && sy.s && strcmp(sx.s, sy.s))
				dxi_json_string(&j, NULL, fields[k]);
			dxi_strbuf_free(&sx);
			dxi_strbuf_free(&sy);
		}
		dxi_json_end_array(&j);
		dxi_diff_write_val(&j, "a", x);
		dxi_diff_write_val(&j, "b", y);
		dxi_json_end_object(&j);
	}
	dxi_json_end_array(&j);
	dxi_json_end_object(&j);
	fputc('\n', f);
}

struct dxi_error *dxi_diff_files(const char *a_path, const char *b_path,
				 bool json, FILE *f, bool *appeared)
{
	struct side a = { 0 }, b = { 0 };
	struct result r = { 0 };
	struct dxi_error *err;

	err = load(a_path, &a);
	if (!err)
		err = load(b_path, &b);
	if (!err) {
		size_t na = a.findings->n, nb = b.findings->n;

		r.appeared = calloc(nb + 1, sizeof(*r.appeared));
		r.disappeared = calloc(na + 1, sizeof(*r.disappeared));
		r.changed = calloc(nb + 1, sizeof(*r.changed));
		if (!r.appeared || !r.disappeared || !r.changed)
			err = &dxi_error_nomem;
	}
	if (!err) {
		match(&a, &b, &r);
		if (json)
			print_json(&a, &b, &r, f);
		else
			print_text(&a, &b, &r, f);
		*appeared = r.nappeared > 0;
	}
	free(r.appeared);
	free(r.disappeared);
	free(r.changed);
	side_free(&a);
	side_free(&b);
	return err;
}
