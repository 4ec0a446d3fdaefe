// SPDX-License-Identifier: MIT
/* A types backend whose symbols come from a System.map and whose types
 * come from the BTF underneath (profile extract --btf --system-map). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/vec.h"
#include "sysmap.h"

#define SYSMAP_LINE_MAX 1024

/* Symbols from a System.map ("ffffffff81000000 T _text"); the rest of the
 * queries go to the BTF types underneath. */
struct sysmap_sym {
	char *name;
	uint64_t addr;
};
DXI_VEC(sysmap_syms, struct sysmap_sym);

struct sysmap_types {
	struct dxi_types *inner;
	struct sysmap_syms syms;
};

static struct dxi_error *sm_size(void *priv, const char *type, uint64_t *size)
{
	struct sysmap_types *s = priv;

	return dxi_types_size(s->inner, type, size);
}

static struct dxi_error *sm_member(void *priv, const char *type,
				   const char *path, struct dxi_member *out)
{
	struct sysmap_types *s = priv;

	return dxi_types_member(s->inner, type, path, out);
}

static struct dxi_error *sm_array_len(void *priv, const char *type,
				      const char *path, uint64_t *len)
{
	struct sysmap_types *s = priv;

	return dxi_types_array_len(s->inner, type, path, len);
}

static struct dxi_error *sm_enum(void *priv, const char *enum_type,
			       const char *name, int64_t *value)
{
	struct sysmap_types *s = priv;

	return dxi_types_enum(s->inner, enum_type, name, value);
}

static struct dxi_error *sm_symbol(void *priv, const char *name,
				   uint64_t *addr)
{
	struct sysmap_types *s = priv;

	/* The first of duplicate names wins, as in kallsyms.c. */
	for (size_t i = 0; i < s->syms.len; i++) {
		if (!strcmp(s->syms.data[i].name, name)) {
			*addr = s->syms.data[i].addr;
			return NULL;
		}
	}
	return dxi_error_new(DXI_ERR_NOTFOUND,
			     "symbol %s is not in the System.map", name);
}

static void sm_close(void *priv)
{
	struct sysmap_types *s = priv;

	for (size_t i = 0; i < s->syms.len; i++)
		free(s->syms.data[i].name);
	free(s->syms.data);
	dxi_types_close(s->inner);
	free(s);
}

static const struct dxi_types_ops sysmap_ops = {
	.type_size = sm_size,
	.member = sm_member,
	.array_len = sm_array_len,
	.enumerator = sm_enum,
	.symbol = sm_symbol,
	.close = sm_close,
};

/* Keeps only the symbols the layout queries: a System.map has ~150k. */
static bool wanted(const char *name, const struct dxi_query *q, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (q[i].kind == DXI_Q_SYMBOL && !strcmp(q[i].name, name))
			return true;
	return false;
}

static struct dxi_error *sysmap_load(const char *path, struct sysmap_types *s,
				      const struct dxi_query *q, size_t n)
{
	char line[SYSMAP_LINE_MAX];
	unsigned long lineno = 0;
	FILE *f = fopen(path, "re");

	if (!f)
		return dxi_error_errno(errno, "cannot open System.map", path);
	while (fgets(line, sizeof(line), f)) {
		char name[SYSMAP_LINE_MAX], type;
		unsigned long long addr;
		struct sysmap_sym *sym;

		lineno++;
		if (sscanf(line, "%llx %c %1023s", &addr, &type, name) != 3) {
			fclose(f);
			return dxi_error_new(DXI_ERR_FORMAT,
					     "%s:%lu is not a System.map line (ADDRESS TYPE NAME)",
					     path, lineno);
		}
		if (!wanted(name, q, n))
			continue;
		sym = sysmap_syms_append(&s->syms);
		if (!sym) {
			fclose(f);
			return &dxi_error_nomem;
		}
		sym->addr = addr;
		sym->name = strdup(name);
		if (!sym->name) {
			s->syms.len--;
			fclose(f);
			return &dxi_error_nomem;
		}
	}
	fclose(f);
	if (lineno == 0)
		return dxi_error_new(DXI_ERR_FORMAT, "%s is empty", path);
	return NULL;
}

struct dxi_error *dxi_sysmap_wrap(struct dxi_types *btf, const char *path,
				  const struct dxi_query *q, size_t n,
				  struct dxi_types **out)
{
	struct sysmap_types *s = calloc(1, sizeof(*s));
	struct dxi_types *t = calloc(1, sizeof(*t));
	struct dxi_error *err;

	if (!s || !t) {
		free(s);
		free(t);
		dxi_types_close(btf);
		return &dxi_error_nomem;
	}
	s->inner = btf;
	t->ops = &sysmap_ops;
	t->priv = s;
	t->kind = btf->kind;
	t->path = strdup(btf->path);
	memcpy(t->build_id, btf->build_id, sizeof(t->build_id));
	err = t->path ? sysmap_load(path, s, q, n) : &dxi_error_nomem;
	if (err) {
		dxi_types_close(t);
		return err;
	}
	*out = t;
	return NULL;
}
