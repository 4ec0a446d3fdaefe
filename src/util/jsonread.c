// SPDX-License-Identifier: MIT
#include "jsonread.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

#define MAX_DEPTH 64

struct parser {
	const char *p;
	const char *start;
};

static struct dxi_error *perr(struct parser *ps, const char *what)
{
	return dxi_error_new(DXI_ERR_FORMAT, "JSON: %s at byte %zu", what,
			     (size_t)(ps->p - ps->start));
}

static void ws(struct parser *ps)
{
	while (*ps->p && isspace((unsigned char)*ps->p))
		ps->p++;
}

static struct dxi_error *value(struct parser *ps, struct dxi_jval *v, int depth);

static struct dxi_error *string(struct parser *ps, char **out)
{
	size_t cap = 16, len = 0;
	char *s = malloc(cap);

	if (!s)
		return &dxi_error_nomem;
	ps->p++; /* opening quote */
	while (*ps->p && *ps->p != '"') {
		char c = *ps->p++;

		if (c == '\\') {
			c = *ps->p++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': {
				unsigned u = 0;

				for (int i = 0; i < 4; i++) {
					if (!isxdigit((unsigned char)*ps->p)) {
						free(s);
						return perr(ps, "bad \\u escape");
					}
					u = u * 16 + (unsigned)(isdigit((unsigned char)*ps->p) ?
						*ps->p - '0' : (tolower((unsigned char)*ps->p) - 'a' + 10));
					ps->p++;
				}
				c = u < 0x80 ? (char)u : '?';
				break;
			}
			case '"': case '\\': case '/': break;
			default:
				free(s);
				return perr(ps, "bad escape");
			}
		}
		if (!DXI_GROW(s, cap, len + 2, 32)) {
			free(s);
			return &dxi_error_nomem;
		}
		s[len++] = c;
	}
	if (*ps->p != '"') {
		free(s);
		return perr(ps, "unterminated string");
	}
	ps->p++;
	s[len] = '\0';
	*out = s;
	return NULL;
}

static struct dxi_error *append(struct dxi_jval *v, char *key,
				struct dxi_jval *item)
{
	struct dxi_jval *items = realloc(v->items, (v->n + 1) * sizeof(*items));

	if (!items)
		return &dxi_error_nomem;
	v->items = items;
	if (v->type == DXI_JOBJ) {
		char **keys = realloc(v->keys, (v->n + 1) * sizeof(*keys));

		if (!keys)
			return &dxi_error_nomem;
		v->keys = keys;
		v->keys[v->n] = key;
	}
	v->items[v->n++] = *item;
	return NULL;
}

static struct dxi_error *container(struct parser *ps, struct dxi_jval *v,
				   int depth, bool obj)
{
	char close = obj ? '}' : ']';

	v->type = obj ? DXI_JOBJ : DXI_JARR;
	ps->p++;
	ws(ps);
	if (*ps->p == close) {
		ps->p++;
		return NULL;
	}
	for (;;) {
		struct dxi_jval item = { 0 };
		struct dxi_error *err;
		char *key = NULL;

		ws(ps);
		if (obj) {
			if (*ps->p != '"')
				return perr(ps, "expected a key");
			err = string(ps, &key);
			if (err)
				return err;
			ws(ps);
			if (*ps->p != ':') {
				free(key);
				return perr(ps, "expected ':'");
			}
			ps->p++;
		}
		err = value(ps, &item, depth + 1);
		if (!err)
			err = append(v, key, &item);
		if (err) {
			free(key);
			dxi_jval_free(&item);
			return err;
		}
		ws(ps);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == close) {
			ps->p++;
			return NULL;
		}
		return perr(ps, "expected ',' or a closing bracket");
	}
}

static struct dxi_error *value(struct parser *ps, struct dxi_jval *v, int depth)
{
	memset(v, 0, sizeof(*v));
	if (depth > MAX_DEPTH)
		return perr(ps, "nested too deeply");
	ws(ps);
	switch (*ps->p) {
	case '{': return container(ps, v, depth, true);
	case '[': return container(ps, v, depth, false);
	case '"': v->type = DXI_JSTR; return string(ps, &v->s);
	case 't':
		if (strncmp(ps->p, "true", 4))
			break;
		ps->p += 4; v->type = DXI_JBOOL; v->b = true;
		return NULL;
	case 'f':
		if (strncmp(ps->p, "false", 5))
			break;
		ps->p += 5; v->type = DXI_JBOOL;
		return NULL;
	case 'n':
		if (strncmp(ps->p, "null", 4))
			break;
		ps->p += 4; v->type = DXI_JNULL;
		return NULL;
	default: {
		char *end;

		v->type = DXI_JNUM;
		v->d = strtod(ps->p, &end);
		if (end == ps->p)
			break;
		v->i = strtoll(ps->p, NULL, 10);
		ps->p = end;
		return NULL;
	}
	}
	return perr(ps, "unexpected character");
}

struct dxi_error *dxi_json_parse(const char *text, struct dxi_jval *out)
{
	struct parser ps = { .p = text, .start = text };
	struct dxi_error *err = value(&ps, out, 0);

	if (!err) {
		ws(&ps);
		if (*ps.p)
			err = perr(&ps, "trailing data");
	}
	if (err)
		dxi_jval_free(out);
	return err;
}

void dxi_jval_free(struct dxi_jval *v)
{
	for (size_t i = 0; i < v->n; i++) {
		dxi_jval_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->s);
	memset(v, 0, sizeof(*v));
}

const struct dxi_jval *dxi_jget(const struct dxi_jval *obj, const char *key)
{
	if (!obj || obj->type != DXI_JOBJ)
		return NULL;
	for (size_t i = 0; i < obj->n; i++) {
		if (!strcmp(obj->keys[i], key))
			return &obj->items[i];
	}
	return NULL;
}

const char *dxi_jstr(const struct dxi_jval *obj, const char *key,
		     const char *def)
{
	const struct dxi_jval *v = dxi_jget(obj, key);

	return v && v->type == DXI_JSTR ? v->s : def;
}

int64_t dxi_jint(const struct dxi_jval *obj, const char *key, int64_t def)
{
	const struct dxi_jval *v = dxi_jget(obj, key);

	return v && v->type == DXI_JNUM ? v->i : def;
}
