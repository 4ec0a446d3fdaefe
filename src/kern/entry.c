// SPDX-License-Identifier: MIT
/* DAX xarray value entries decoded (dax.h; fs/dax.c DAX_SHIFT and flags,
 * docs/kernel-facts.md): pure functions of the raw word. */
#include "dax.h"
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
