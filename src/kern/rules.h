/* SPDX-License-Identifier: MIT */
/*
 * Per-era reading of an FS_DAX / device-dax page (DESIGN.md 2 table,
 * KERNEL-FACTS.md 2-6, 12): what its mapping word means, where the share
 * count is, and which refcount is "idle". Checks ask this, never the
 * version.
 */
#ifndef DXI_KERN_RULES_H
#define DXI_KERN_RULES_H

#include "kernel.h"
#include "page.h"

enum dxi_assoc {
	DXI_ASSOC_NONE,		/* mapping NULL (and no share in 6.15+) */
	DXI_ASSOC_MAPPING,	/* mapping is an address_space pointer */
	DXI_ASSOC_SHARED,	/* the era's shared/COW marker */
	DXI_ASSOC_TAIL,		/* tail of a large folio (TAIL_MAPPING) */
	DXI_ASSOC_ODD,		/* low bits set that DAX never sets (anon, movable) */
};

struct dxi_page_view {
	enum dxi_memtype type;
	enum dxi_assoc assoc;
	uint64_t mapping;	/* for ASSOC_MAPPING */
	uint64_t index;		/* the folio's index (per page in <= 6.14) */
	uint64_t share;		/* for ASSOC_SHARED */
	int64_t refcount;	/* folio refcount */
	int64_t mapcount;	/* folio mapcount (0 = unmapped) */
	int64_t idle;		/* refcount of an unmapped, unpinned page */
	int64_t baseline;	/* refcount with its mappings and no pins */
	bool is_tail;		/* checks look at the head instead */
	bool zero_based;	/* 6.15+ FS_DAX */
};

const char *dxi_assoc_name(enum dxi_assoc a);
void dxi_page_view(const struct dxi_kernel *k, enum dxi_memtype type,
		   const struct dxi_page *p, struct dxi_page_view *v);
/* True when a page of this type is in its idle state (nothing to show). */
bool dxi_page_is_idle(const struct dxi_page_view *v);

/* GUP_PIN_COUNTING_BIAS (include/linux/mm.h): FOLL_PIN adds 1024 on
 * non-compound pages. */
#define DXI_GUP_PIN_BIAS 1024

#endif
