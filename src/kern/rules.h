/* SPDX-License-Identifier: MIT */
/*
 * Per-era reading of an FS_DAX / device-dax page (docs/design.md#page-view;
 * the facts: docs/kernel-facts.md#era-summary): what its mapping word
 * means, where the share count is, and which refcount is "idle". Checks
 * ask this, never the version.
 */
#ifndef DXI_KERN_RULES_H
#define DXI_KERN_RULES_H

#include <daxinspect/model.h>

#include "kernel.h"
#include "page.h"

/*
 * The rules of one era, chosen once per kernel (k->rules, from
 * k->semantics) and read by the page view and the checks, which have no
 * per-era ifs: the variation is in the const structs of rules.c.
 */
struct dxi_rules {
	/* FS_DAX refcounts are 0-based (idle 0) rather than 1-based. */
	bool fsdax_zero_based;
	/* Each page-table map takes a reference: baseline = idle + mapcount. */
	bool maps_take_refs;
	/* The shared marker: (mapping & shared_mask) == shared_value, and
	 * with shared_needs_count a non-zero count as well. */
	uint64_t shared_mask, shared_value;
	bool shared_needs_count;
	/* No shared marker at all (5.10: no reflink under DAX, so
	 * dax_associate_entry() always stores the address_space). */
	bool no_shared_marker;
	/* How a finding names the marker beside the count. */
	const char *shared_text;
	/* The count is folio->share, so a freed order-0 folio can keep it. */
	bool share_in_folio;
	/* A PMD entry's pages are one order-9 folio whose head carries the
	 * entry's index (tails TAIL_MAPPING); else each page has index + i. */
	bool per_folio;
	/* The scheme a patched kernel of this layout may use instead, whose
	 * marker this era calls odd (semantics hint); DXI_SEM_AUTO: none. */
	enum dxi_semantics patched;
};

extern const struct dxi_rules dxi_rules_5_10, dxi_rules_6_1, dxi_rules_6_2,
	dxi_rules_6_15, dxi_rules_seed_0x4;
/* The rules of an era; NULL for DXI_SEM_AUTO (not an era). */
const struct dxi_rules *dxi_rules_of(enum dxi_semantics s);

const char *dxi_assoc_name(enum dxi_assoc a);
/* How rules r read page p's mapping word (the page view's assoc). */
enum dxi_assoc dxi_assoc_of(const struct dxi_rules *r, const struct dxi_page *p);
void dxi_page_view(const struct dxi_kernel *k, enum dxi_memtype type,
		   const struct dxi_page *p, struct dxi_page_view *v);
/* True when a page of this type is in its idle state (nothing to show). */
bool dxi_page_is_idle(const struct dxi_page_view *v);

/* GUP_PIN_COUNTING_BIAS (include/linux/mm.h): FOLL_PIN adds 1024 on
 * non-compound pages. */
#define DXI_GUP_PIN_BIAS 1024

#endif
