// SPDX-License-Identifier: MIT
/*
 * Refcount checks: leaked-ref, busy-page, refcount-underflow.
 *
 * Idle and baseline come from the era rules (kern/rules.c; facts in
 * docs/kernel-facts.md#refcount-baseline):
 *  <= 6.14 FS_DAX: idle 1, maps take no reference, so a referenced page
 *          above 1 holds GUP references (fs/dax.c dax_busy_page():
 *          page_ref_count(page) > 1); FOLL_PIN adds 1024.
 *  6.15+  FS_DAX: idle 0, each map takes one (dax_busy_page():
 *          folio_ref_count - folio_mapcount); refcount < mapcount is
 *          corruption.
 *  device-dax: 1-based in every version (docs/kernel-facts.md#device-dax).
 */
#include <stdio.h>

#include "audit.h"
#include "checks.h"

static struct dxi_finding *page_finding(struct dxi_audit *a,
					const struct dxi_check *check,
					enum dxi_severity sev,
					const struct dxi_page *p,
					const struct dxi_refs *refs)
{
	struct dxi_finding *f = dxi_emit(a, check, sev);

	if (!f)
		return NULL;
	dxi_finding_set_page(f, p);
	f->addr = dxi_page_addr(a->k, p->pfn);
	if (refs && refs->n)
		dxi_finding_set_entry(a, f, dxi_ref_entry(a, &refs->r[0]),
				      refs->r[0].offset);
	return f;
}

static void leaked_ref(struct dxi_audit *a, const struct dxi_page *p,
		       const struct dxi_page_view *v,
		       const struct dxi_refs *refs)
{
	struct dxi_finding *f;
	int64_t excess = v->refcount - v->baseline;

	if (!a->entries_complete)
		return; /* absence of entries cannot be shown */

	if (v->is_tail || refs->n || excess <= 0)
		return;
	/* Device-dax pages have no entries; their refs are GUP or maps. */
	if (v->type != DXI_MEMTYPE_FS_DAX)
		return;
	f = page_finding(a, &dxi_check_leaked_ref, DXI_SEV_ERROR, p, NULL);
	if (!f)
		return;
	snprintf(f->expected, sizeof(f->expected), "refcount %lld (no entry references the page)",
		 (long long)v->baseline);
	snprintf(f->actual, sizeof(f->actual), "refcount %lld, mapcount %lld",
		 (long long)v->refcount, (long long)v->mapcount);
	if (!v->zero_based && excess % DXI_GUP_PIN_BIAS == 0) {
		f->tag = DXI_TAG_ORPHANED_PIN;
		snprintf(f->message, sizeof(f->message),
			 "orphaned pin: %lld FOLL_PIN reference(s) on a page no DAX entry references; up to 6.14 inode eviction does not wait for pins, so the block can be reallocated under DMA",
			 (long long)(excess / DXI_GUP_PIN_BIAS));
	} else {
		snprintf(f->message, sizeof(f->message),
			 "%lld reference(s) beyond idle on a page no DAX entry references: a leaked get_page()/GUP reference%s",
			 (long long)excess,
			 v->assoc == DXI_ASSOC_NONE ? "" :
			 " (the page still carries an association)");
	}
}

static void busy_page(struct dxi_audit *a, const struct dxi_page *p,
		      const struct dxi_page_view *v, const struct dxi_refs *refs)
{
	struct dxi_finding *f;

	const struct dxi_inode *ino;
	bool evicting;

	if (v->is_tail || !refs->n || v->refcount <= v->baseline)
		return;
	ino = &a->dax.inodes[dxi_ref_entry(a, &refs->r[0])->inode];
	/* 6.15+ eviction waits for idle pages (fs/dax.c
	 * dax_break_layout_final(), called from ext4/xfs evict_inode): a
	 * held page on an evicting inode blocks it. */
	evicting = ino->evicting && v->zero_based;
	f = page_finding(a, &dxi_check_busy_page, evicting ? DXI_SEV_ERROR : DXI_SEV_WARNING,
			 p, refs);
	if (!f)
		return;
	snprintf(f->expected, sizeof(f->expected), "refcount %lld",
		 (long long)v->baseline);
	snprintf(f->actual, sizeof(f->actual), "refcount %lld, mapcount %lld",
		 (long long)v->refcount, (long long)v->mapcount);
	if (evicting)
		snprintf(f->message, sizeof(f->message),
			 "the inode is being evicted and eviction waits for this page (dax_break_layout_final): %lld reference(s) beyond its mappings -- a leaked reference hangs the unlink forever",
			 (long long)(v->refcount - v->baseline));
	else
		snprintf(f->message, sizeof(f->message),
			 "page is held beyond its mappings (%lld extra: GUP/DMA or a transient fault reference); truncate would wait on it",
			 (long long)(v->refcount - v->baseline));
}

static void refcount_underflow(struct dxi_audit *a, const struct dxi_page *p,
			       const struct dxi_page_view *v,
			       const struct dxi_refs *refs)
{
	struct dxi_finding *f;
	bool below_floor = v->refcount < v->idle;
	bool below_maps = v->zero_based && v->refcount < v->mapcount;

	if (v->is_tail || (!below_floor && !below_maps))
		return;
	f = page_finding(a, &dxi_check_refcount_underflow, DXI_SEV_ERROR, p, refs);
	if (!f)
		return;
	snprintf(f->expected, sizeof(f->expected), "refcount >= %lld",
		 (long long)(below_maps ? v->mapcount : v->idle));
	snprintf(f->actual, sizeof(f->actual), "refcount %lld, mapcount %lld",
		 (long long)v->refcount, (long long)v->mapcount);
	snprintf(f->message, sizeof(f->message), "%s",
		 below_maps ? "refcount below mapcount: a mapping's reference was dropped twice" :
		 v->zero_based ? "negative refcount" :
		 v->type == DXI_MEMTYPE_GENERIC ?
				 "refcount below 1: device-dax pages are 1-based in every kernel (a put without a get)" :
				 "refcount below the 1-based floor of this kernel: a put without a get (an FS_DAX page never reaches 0 up to 6.14)");
}

const struct dxi_check dxi_check_leaked_ref = {
	.id = "leaked-ref",
	.summary = "a page no DAX entry references holds references beyond idle",
	.kernel_ref = "fs/dax.c dax_busy_page(); mm/memremap.c free_zone_device_folio()",
	.on_page = leaked_ref,
};

const struct dxi_check dxi_check_busy_page = {
	.id = "busy-page",
	.summary = "a mapped page is pinned beyond its mappings",
	.kernel_ref = "fs/dax.c dax_busy_page(), dax_layout_busy_page_range()",
	.on_page = busy_page,
};

const struct dxi_check dxi_check_refcount_underflow = {
	.id = "refcount-underflow",
	.summary = "refcount below the version's floor (or below mapcount, 6.15+)",
	.kernel_ref = "mm/mm_init.c __init_zone_device_page(); mm/memremap.c",
	.on_page = refcount_underflow,
};
