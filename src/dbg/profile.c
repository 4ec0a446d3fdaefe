// SPDX-License-Identifier: MIT
#include "profile.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../util/strmap.h"

#define ABSENT UINT64_MAX
#define LINE_MAX_LEN 1024

struct profile_priv {
	const char *path;
	struct dxi_strmap facts; /* "member\tstruct page\tmapping" -> value */
};

static const char *kind_word(enum dxi_query_kind k)
{
	switch (k) {
	case DXI_Q_SIZE: return "size";
	case DXI_Q_MEMBER: return "member";
	case DXI_Q_ARRAYLEN: return "arraylen";
	case DXI_Q_ENUM: return "enum";
	case DXI_Q_SYMBOL: return "symbol";
	}
	return "?";
}

static void fact_key(char *key, size_t size, enum dxi_query_kind k,
		     const char *type, const char *name)
{
	if (type)
		snprintf(key, size, "%s\t%s\t%s", kind_word(k), type,
			 name ? name : "");
	else
		snprintf(key, size, "%s\t%s", kind_word(k), name ? name : "");
}

static struct dxi_error *lookup(struct profile_priv *p, enum dxi_query_kind k,
				const char *type, const char *name,
				uint64_t *value)
{
	char key[512];

	fact_key(key, sizeof(key), k, type, name);
	if (!dxi_strmap_get(&p->facts, key, value))
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "type profile %s does not record %s %s%s%s; it was made by another daxinspect version: re-extract it with `daxinspect profile extract`",
				     p->path, kind_word(k), type ? type : "",
				     type ? " " : "", name ? name : "");
	if (*value == ABSENT)
		return dxi_error_new(DXI_ERR_NOTFOUND,
				     "%s %s%s%s does not exist in this kernel",
				     kind_word(k), type ? type : "",
				     type ? " " : "", name ? name : "");
	return NULL;
}

static struct dxi_error *profile_type_size(void *priv, const char *type,
					   uint64_t *size)
{
	return lookup(priv, DXI_Q_SIZE, type, NULL, size);
}

static struct dxi_error *profile_member(void *priv, const char *type,
					const char *path,
					struct dxi_member *out)
{
	uint64_t v;
	struct dxi_error *err = lookup(priv, DXI_Q_MEMBER, type, path, &v);

	if (err)
		return err;
	out->offset = v >> 32;
	out->size = v & 0xffffffffULL;
	return NULL;
}

static struct dxi_error *profile_array_len(void *priv, const char *type,
					   const char *path, uint64_t *len)
{
	return lookup(priv, DXI_Q_ARRAYLEN, type, path, len);
}

/* Enumerator names are unique in C: a profile records them alone. */
static struct dxi_error *profile_enum(void *priv, const char *enum_type,
				      const char *name, int64_t *value)
{
	uint64_t v;
	struct dxi_error *err = lookup(priv, DXI_Q_ENUM, NULL, name, &v);

	(void)enum_type;
	if (!err)
		*value = (int64_t)v;
	return err;
}

static struct dxi_error *profile_symbol(void *priv, const char *name,
					uint64_t *addr)
{
	return lookup(priv, DXI_Q_SYMBOL, NULL, name, addr);
}

static void profile_close(void *priv)
{
	struct profile_priv *p = priv;

	dxi_strmap_free(&p->facts);
	free(p);
}

static const struct dxi_types_ops profile_ops = {
	.type_size = profile_type_size,
	.member = profile_member,
	.array_len = profile_array_len,
	.enumerator = profile_enum,
	.symbol = profile_symbol,
	.close = profile_close,
};

/* Splits a line on tabs in place; returns the field count. */
static int split_tabs(char *line, char **f, int max)
{
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		f[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

static bool parse_value(const char *s, int base, uint64_t *v)
{
	char *end;

	if (!strcmp(s, "-")) {
		*v = ABSENT;
		return true;
	}
	errno = 0;
	*v = base == 10 && s[0] == '-' ? (uint64_t)strtoll(s, &end, 10) :
					 strtoull(s, &end, base);
	return *s && !*end && !errno;
}

static struct dxi_error *parse_line(struct profile_priv *p, struct dxi_types *t,
				    char *line)
{
	char *f[6], key[512];
	int n = split_tabs(line, f, 6);
	uint64_t v, sz;

	if (!strcmp(f[0], "build-id") && n == 2) {
		snprintf(t->build_id, sizeof(t->build_id), "%s", f[1]);
		return NULL;
	}
	if (!strcmp(f[0], "release") && n == 2) {
		snprintf(t->release, sizeof(t->release), "%s", f[1]);
		return NULL;
	}
	if (!strcmp(f[0], "source") || !strcmp(f[0], "daxinspect-profile"))
		return NULL;
	if (!strcmp(f[0], "size") && n == 3 && parse_value(f[2], 10, &v))
		fact_key(key, sizeof(key), DXI_Q_SIZE, f[1], NULL);
	else if (!strcmp(f[0], "arraylen") && n == 4 &&
		 parse_value(f[3], 10, &v))
		fact_key(key, sizeof(key), DXI_Q_ARRAYLEN, f[1], f[2]);
	else if (!strcmp(f[0], "enum") && n == 3 && parse_value(f[2], 10, &v))
		fact_key(key, sizeof(key), DXI_Q_ENUM, NULL, f[1]);
	else if (!strcmp(f[0], "symbol") && n == 3 &&
		 parse_value(f[2], 16, &v))
		fact_key(key, sizeof(key), DXI_Q_SYMBOL, NULL, f[1]);
	else if (!strcmp(f[0], "member") && n == 4 && !strcmp(f[3], "-")) {
		v = ABSENT;
		fact_key(key, sizeof(key), DXI_Q_MEMBER, f[1], f[2]);
	} else if (!strcmp(f[0], "member") && n == 5 &&
		   parse_value(f[3], 10, &v) && parse_value(f[4], 10, &sz) &&
		   v < (1ULL << 31) && sz < (1ULL << 31)) {
		v = v << 32 | sz;
		fact_key(key, sizeof(key), DXI_Q_MEMBER, f[1], f[2]);
	} else {
		return dxi_error_new(DXI_ERR_CORRUPT, "malformed line");
	}
	if (!dxi_strmap_set(&p->facts, key, v))
		return &dxi_error_nomem;
	return NULL;
}

struct dxi_error *dxi_profile_open(const char *path, struct dxi_types **out)
{
	struct profile_priv *p = calloc(1, sizeof(*p));
	struct dxi_types *t = calloc(1, sizeof(*t));
	struct dxi_error *err = NULL;
	char line[LINE_MAX_LEN];
	unsigned lineno = 0;
	FILE *f = NULL;

	if (!p || !t) {
		free(p);
		free(t);
		return &dxi_error_nomem;
	}
	t->ops = &profile_ops;
	t->priv = p;
	t->kind = DXI_TYPES_PROFILE;
	t->path = strdup(path);
	p->path = t->path;
	if (!t->path) {
		err = &dxi_error_nomem;
		goto out;
	}
	f = fopen(path, "re");
	if (!f) {
		err = dxi_error_errno(errno, "cannot open type profile", path);
		goto out;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (lineno == 1 &&
		    strncmp(line, "daxinspect-profile\t", 19) != 0) {
			err = dxi_error_new(DXI_ERR_DEBUGINFO,
					    "%s is not a daxinspect type profile (make one with `daxinspect profile extract`)",
					    path);
			goto out;
		}
		if (line[0] == '#' || line[0] == '\n')
			continue;
		err = parse_line(p, t, line);
		if (err) {
			err = dxi_error_wrap(err, "type profile %s line %u",
					     path, lineno);
			goto out;
		}
	}
	if (lineno == 0)
		err = dxi_error_new(DXI_ERR_DEBUGINFO,
				    "type profile %s is empty", path);
out:
	if (f)
		fclose(f);
	if (err) {
		dxi_types_close(t);
		return err;
	}
	*out = t;
	return NULL;
}

struct dxi_error *dxi_profile_peek_build_id(const char *path, char *out,
					    size_t size)
{
	char line[LINE_MAX_LEN];
	FILE *f = fopen(path, "re");

	out[0] = '\0';
	if (!f)
		return dxi_error_errno(errno, "cannot open type profile", path);
	for (int i = 0; i < 4 && fgets(line, sizeof(line), f); i++) {
		if (!strncmp(line, "build-id\t", 9)) {
			line[strcspn(line, "\r\n")] = '\0';
			snprintf(out, size, "%s", line + 9);
			break;
		}
	}
	fclose(f);
	return NULL;
}

static struct dxi_error *answer(struct dxi_types *src,
				const struct dxi_query *q, FILE *f)
{
	struct dxi_error *err = NULL;
	struct dxi_member m;
	uint64_t v;
	int64_t sv;

	switch (q->kind) {
	case DXI_Q_SIZE:
		err = dxi_types_size(src, q->type, &v);
		if (!err)
			fprintf(f, "size\t%s\t%" PRIu64 "\n", q->type, v);
		else if (err->code == DXI_ERR_NOTFOUND)
			fprintf(f, "size\t%s\t-\n", q->type);
		break;
	case DXI_Q_MEMBER:
		err = dxi_types_member(src, q->type, q->name, &m);
		if (!err)
			fprintf(f, "member\t%s\t%s\t%" PRIu64 "\t%" PRIu64 "\n",
				q->type, q->name, m.offset, m.size);
		else if (err->code == DXI_ERR_NOTFOUND)
			fprintf(f, "member\t%s\t%s\t-\n", q->type, q->name);
		break;
	case DXI_Q_ARRAYLEN:
		err = dxi_types_array_len(src, q->type, q->name, &v);
		if (!err)
			fprintf(f, "arraylen\t%s\t%s\t%" PRIu64 "\n", q->type,
				q->name, v);
		else if (err->code == DXI_ERR_NOTFOUND)
			fprintf(f, "arraylen\t%s\t%s\t-\n", q->type, q->name);
		break;
	case DXI_Q_ENUM:
		err = dxi_types_enum(src, q->type, q->name, &sv);
		if (!err)
			fprintf(f, "enum\t%s\t%" PRId64 "\n", q->name, sv);
		else if (err->code == DXI_ERR_NOTFOUND)
			fprintf(f, "enum\t%s\t-\n", q->name);
		break;
	case DXI_Q_SYMBOL:
		err = dxi_types_symbol(src, q->name, &v);
		if (!err)
			fprintf(f, "symbol\t%s\t%" PRIx64 "\n", q->name, v);
		else if (err->code == DXI_ERR_NOTFOUND)
			fprintf(f, "symbol\t%s\t-\n", q->name);
		break;
	}
	dxi_error_catch(&err, DXI_ERR_NOTFOUND);
	if (q->optional && src->kind == DXI_TYPES_PROFILE)
		dxi_error_catch(&err, DXI_ERR_DEBUGINFO); /* not recorded */
	return err;
}

struct dxi_error *dxi_profile_write(FILE *f, struct dxi_types *src,
				    const char *release,
				    const struct dxi_query *queries, size_t n)
{
	fprintf(f, "daxinspect-profile\t%d\n", DXI_PROFILE_VERSION);
	fprintf(f, "build-id\t%s\n", src->build_id);
	fprintf(f, "release\t%s\n", release ? release : "");
	fprintf(f, "source\t%s %s\n", dxi_types_kind_name(src->kind), src->path);
	for (size_t i = 0; i < n; i++) {
		struct dxi_error *err = answer(src, &queries[i], f);

		if (err)
			return err;
	}
	return ferror(f) ? dxi_error_new(DXI_ERR_IO,
					 "writing the profile failed") :
			   NULL;
}
