// SPDX-License-Identifier: MIT
/*
 * share-mismatch: a page carrying the era's shared marker must count the
 * entries that reference it, across all DAX mappings.
 *
 * 6.1: COW marker, count in index (fs/dax.c dax_mapping_set_cow); the
 *      disassociate off-by-one leaves marker + count 0 with no entry.
 * 6.2-6.14: SHARED marker, count in share (dax_page_share_get/_put).
 * 6.15+: mapping NULL + share (dax_folio_make_shared); the first sharer
 *      still shows mapping set, so a count of 1 appears only after a
 *      sharer left.
 * See docs/kernel-facts.md#shared-marker and #bug-dax-cow-offbyone.
 */
#include <inttypes.h>
#include <stdio.h>

#include "audit.h"
#include "checks.h"

static void share_mismatch(struct dxi_audit *a, const struct dxi_page *p,
			   const struct dxi_page_view *v,
			   const struct dxi_refs *refs)
{
	struct dxi_finding *f;

	if (!a->entries_complete)
		return; /* absence of entries cannot be shown */

	if (v->type != DXI_MEMTYPE_FS_DAX || v->is_tail ||
	    v->assoc != DXI_ASSOC_SHARED)
		return;
	if (v->share == refs->n && v->share != 0)
		return;
	f = dxi_emit(a, &dxi_check_share_mismatch, DXI_SEV_ERROR);
	if (!f)
		return;
	dxi_finding_set_page(f, p);
	f->addr = dxi_page_addr(a->k, p->pfn);
	if (refs->n)
		dxi_finding_set_entry(a, f, dxi_ref_entry(a, &refs->r[0]),
				      refs->r[0].offset);
	snprintf(f->expected, sizeof(f->expected),
		 "share %zu (entries referencing the page)", refs->n);
	snprintf(f->actual, sizeof(f->actual), "share %" PRIu64 "%s", v->share,
		 a->k->rules->shared_text);
	if (v->share == 0) {
		f->tag = DXI_TAG_COW_LEFTOVER;
		snprintf(f->message, sizeof(f->message),
			 "shared marker with a count of 0 and %zu entries: the marker outlived its last sharer",
			 refs->n);
	} else if (refs->n == 0 && a->k->rules->share_in_folio &&
		   p->order == 0) {
		f->tag = DXI_TAG_STALE_SHARE_ORDER0;
		snprintf(f->message, sizeof(f->message),
			 "an order-0 folio with mapping NULL and share %" PRIu64 " that no entry references: it reads as shared with %" PRIu64 " owners",
			 v->share, v->share);
	} else {
		snprintf(f->message, sizeof(f->message),
			 "share count %" PRIu64 " but %zu entries reference the page: a put on the wrong count frees a block still in use (or never frees it)",
			 v->share, refs->n);
	}
}

const struct dxi_check dxi_check_share_mismatch = {
	.id = "share-mismatch",
	.summary = "a shared (reflink) page's count differs from the entries that reference it",
	.kernel_ref = "fs/dax.c dax_page_share_get()/_put(), dax_folio_make_shared()",
	.on_page = share_mismatch,
};
