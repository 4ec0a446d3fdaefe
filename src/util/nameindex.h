/* SPDX-License-Identifier: MIT */
/*
 * A name -> value index whose names live elsewhere (kallsyms' name arena,
 * libbpf's string section): the table holds only values, and asks the
 * owner for a value's name when probing. Indexing 100k+ names this way
 * copies nothing; a dxi_strmap (which strdup()s every key) took 3x longer.
 *
 * A key is a name and a small class number, so "struct page" and the
 * typedef "page" can both be there without building either string.
 */
#ifndef DXI_UTIL_NAMEINDEX_H
#define DXI_UTIL_NAMEINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The name and class of an indexed value. */
typedef const char *dxi_nameindex_name_fn(const void *owner, uint64_t value,
					  unsigned *cls);

struct dxi_nameindex {
	uint64_t *slots;	/* value + 1; 0 is empty */
	size_t mask, len;
	dxi_nameindex_name_fn *name;
	const void *owner;
};

/* Room for about `expect` entries without growing; false on OOM. */
bool dxi_nameindex_init(struct dxi_nameindex *ix, size_t expect,
			dxi_nameindex_name_fn *name, const void *owner);
/* Adds value under its own name and class unless that key is already
 * there: the first wins, as in a symbol table. A value without a name
 * (NULL or "") is skipped. False on OOM. */
bool dxi_nameindex_add(struct dxi_nameindex *ix, uint64_t value);
bool dxi_nameindex_get(const struct dxi_nameindex *ix, unsigned cls,
		       const char *name, uint64_t *value);
void dxi_nameindex_free(struct dxi_nameindex *ix);

#endif
