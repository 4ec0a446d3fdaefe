/* SPDX-License-Identifier: MIT */
/*
 * A small JSON reader (a DOM), enough to read back what daxinspect
 * writes (bug-report bundles). Strings keep \uXXXX escapes below 0x80
 * decoded and others as '?'. Depth and size are bounded.
 */
#ifndef DXI_UTIL_JSONREAD_H
#define DXI_UTIL_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum dxi_jtype { DXI_JNULL, DXI_JBOOL, DXI_JNUM, DXI_JSTR, DXI_JARR, DXI_JOBJ };

struct dxi_jval {
	enum dxi_jtype type;
	bool b;
	int64_t i;		/* integers are kept exactly */
	double d;
	char *s;
	struct dxi_jval *items;	/* array items or object values */
	char **keys;		/* object keys */
	size_t n;
};

struct dxi_error *dxi_json_parse(const char *text, struct dxi_jval *out);
void dxi_jval_free(struct dxi_jval *v);
/* Member of an object, or NULL. */
const struct dxi_jval *dxi_jget(const struct dxi_jval *obj, const char *key);
/* The string of key, or def when absent or not a string. */
const char *dxi_jstr(const struct dxi_jval *obj, const char *key,
		     const char *def);
int64_t dxi_jint(const struct dxi_jval *obj, const char *key, int64_t def);

#endif
