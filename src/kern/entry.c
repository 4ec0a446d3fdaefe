// SPDX-License-Identifier: MIT
/* DAX xarray value entries (dax.h; fs/dax.c DAX_SHIFT and flags,
 * docs/kernel-facts.md): decoded from the raw word, found by index in the
 * walked state, and read again from the target. */
#include "dax.h"

#include <string.h>

#include "xarray.h"

void dxi_dax_entry_decode(uint64_t raw, struct dxi_entry *e)
{
	uint64_t v = raw >> 1;

	e->raw = raw;
	if (!dxi_xa_is_value(raw)) {
		e->kind = DXI_ENTRY_NOT_VALUE;
		e->flags = 0;
		e->pfn = 0;
		return;
	}
	e->flags = v & 0xf;
	e->pfn = v >> DXI_DAX_SHIFT;
	if (e->flags & DXI_DAX_EMPTY)
		e->kind = DXI_ENTRY_EMPTY;
	else if (e->flags & DXI_DAX_ZERO)
		e->kind = DXI_ENTRY_ZERO;
	else
		e->kind = DXI_ENTRY_PFN;
}

uint64_t dxi_entry_npages(const struct dxi_entry *e)
{
	return (e->flags & DXI_DAX_PMD) ? 1ULL << DXI_PMD_ORDER : 1;
}

const struct dxi_entry *dxi_dax_entry_at(const struct dxi_dax_state *s,
					 const struct dxi_inode *ino,
					 uint64_t index)
{
	const struct dxi_entry *e = s->entries + ino->first_entry;
	size_t lo = 0, hi = ino->nentries;

	/* hi = the first entry past index; the covering one is before it,
	 * at most a PMD's length back (damaged xarrays may overlap). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e[mid].index <= index)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (hi--) {
		if (index - e[hi].index < dxi_entry_npages(&e[hi]))
			return &e[hi];
		if (index - e[hi].index >= 1ULL << DXI_PMD_ORDER)
			break;
	}
	return NULL;
}

const char *dxi_entry_kind_name(enum dxi_entry_kind k)
{
	switch (k) {
	case DXI_ENTRY_PFN: return "pfn";
	case DXI_ENTRY_ZERO: return "zero";
	case DXI_ENTRY_EMPTY: return "empty";
	case DXI_ENTRY_NOT_VALUE: return "not-value";
	}
	return "?";
}

/* dxi_dax_reload_entry(): stops the walk at the entry sought. */
struct reload {
	uint64_t index;
	struct dxi_entry *e;
	bool found;
};

static struct dxi_error reload_done = { .code = DXI_ERR_USAGE,
					.is_static = true };

static struct dxi_error *reload_entry(void *arg, uint64_t index,
				      uint64_t span, uint64_t raw)
{
	struct reload *r = arg;

	if (r->index < index || r->index - index >= span)
		return NULL;
	dxi_dax_entry_decode(raw, r->e);
	r->e->index = index;
	r->e->xa_order = (unsigned)__builtin_ctzll(span);
	r->found = true;
	return &reload_done;
}

static void reload_problem(void *arg, uint64_t index, uint64_t node,
			   bool unreadable, bool skipped, const char *msg)
{
	(void)arg, (void)index, (void)node, (void)unreadable, (void)skipped,
		(void)msg;
}

struct dxi_error *dxi_dax_reload_entry(struct dxi_kernel *k,
				       const struct dxi_inode *ino,
				       uint64_t index, struct dxi_entry *out,
				       bool *found)
{
	struct reload r = { .index = index, .e = out };
	struct dxi_xa_visitor v = { .arg = &r, .entry = reload_entry,
				    .problem = reload_problem };
	struct dxi_xa_stats st;
	struct dxi_error *err;

	memset(out, 0, sizeof(*out));
	err = dxi_xa_walk(k, ino->mapping + k->layout.fs.as_i_pages.off, &v,
			  &st);
	*found = r.found;
	return err == &reload_done ? NULL : err;
}
