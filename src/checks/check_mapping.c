// SPDX-License-Identifier: MIT
/*
 * Association checks: mapping-mismatch (entry -> page) and stale-mapping
 * (page -> entry).
 *
 * fs/dax.c dax_associate_entry() sets page->mapping/index (<= 6.14: every
 * page of a PMD entry, index + i; 6.15+: the folio head, index = the
 * entry's aligned index, tails TAIL_MAPPING). The association lives as
 * long as the entry: unmapping does not clear it, deleting the entry
 * does (dax_disassociate_entry / dax_folio_put). Device-dax pages keep
 * mapping forever (drivers/dax/device.c dax_set_mapping) and are skipped.
 * See docs/kernel-facts.md#association-lifetime.
 */
#include <inttypes.h>
#include <stdio.h>

#include "audit.h"
#include "checks.h"

static void describe_mapping(const struct dxi_audit *a, uint64_t mapping,
			     char *buf, size_t size)
{
	uint32_t i = dxi_audit_inode_of(a, mapping);

	if (!mapping)
		snprintf(buf, size, "mapping NULL");
	else if (i != UINT32_MAX)
		snprintf(buf, size, "mapping of %s:%" PRIu64,
			 a->dax.inodes[i].dev, a->dax.inodes[i].ino);
	else
		snprintf(buf, size, "a mapping of no live DAX inode");
}

static struct dxi_finding *mismatch(struct dxi_audit *a,
				    const struct dxi_page *p,
				    const struct dxi_entry *e, uint32_t offset)
{
	struct dxi_finding *f = dxi_emit(a, &dxi_check_mapping_mismatch, DXI_SEV_ERROR);

	if (!f)
		return NULL;
	dxi_finding_set_page(f, p);
	dxi_finding_set_entry(a, f, e, offset);
	f->addr = dxi_page_addr(a->k, p->pfn);
	return f;
}

/* 6.15+: a PMD entry's pages must be one order-9 folio headed at its pfn. */
static void check_folio_shape(struct dxi_audit *a, const struct dxi_page *p,
			      const struct dxi_entry *e, uint32_t offset)
{
	struct dxi_finding *f;
	bool ok = offset == 0 ? p->compound == DXI_COMPOUND_HEAD &&
					p->order == DXI_PMD_ORDER :
				p->compound == DXI_COMPOUND_TAIL &&
					p->head_pfn == e->pfn;

	/* Report a broken folio once, at its first bad page. */
	if (ok || (offset && p->pfn - 1 >= e->pfn &&
		   a->nfindings && a->findings[a->nfindings - 1].has_entry &&
		   a->findings[a->nfindings - 1].entry_raw == e->raw &&
		   a->findings[a->nfindings - 1].pfn == p->pfn - 1))
		return;
	f = mismatch(a, p, e, offset);
	if (!f)
		return;
	snprintf(f->expected, sizeof(f->expected),
		 offset ? "tail of the order-9 folio at pfn %#" PRIx64 :
			  "head of an order-9 folio at pfn %#" PRIx64,
		 e->pfn);
	snprintf(f->actual, sizeof(f->actual), "%s, order %u, head pfn %#" PRIx64,
		 p->compound == DXI_COMPOUND_HEAD ? "head" :
		 p->compound == DXI_COMPOUND_TAIL ? "tail" : "not compound",
		 p->order, p->head_pfn);
	snprintf(f->message, sizeof(f->message),
		 "a PMD entry's pages are not one order-9 folio (6.15+ dax_folio_init() makes them one at first association)");
}

static void mapping_mismatch(struct dxi_audit *a, const struct dxi_page *p,
			     const struct dxi_page_view *v,
			     const struct dxi_refs *refs)
{
	bool folios = a->k->rules->per_folio;

	if (v->type != DXI_MEMTYPE_FS_DAX)
		return;
	for (size_t i = 0; i < refs->n && i < DXI_MAX_REFS_SHOWN; i++) {
		const struct dxi_entry *e = dxi_ref_entry(a, &refs->r[i]);
		const struct dxi_inode *ino = &a->dax.inodes[e->inode];
		uint32_t off = refs->r[i].offset;
		uint64_t want_index = folios ? e->index : e->index + off;
		char have[96], want[96];
		struct dxi_finding *f;

		if (folios && (e->flags & DXI_DAX_PMD))
			check_folio_shape(a, p, e, off);
		if (v->is_tail || v->assoc == DXI_ASSOC_SHARED)
			continue;
		if (v->assoc == DXI_ASSOC_MAPPING && v->mapping == ino->mapping &&
		    v->index == want_index)
			continue;
		f = mismatch(a, p, e, off);
		if (!f)
			return;
		describe_mapping(a, ino->mapping, want, sizeof(want));
		snprintf(f->expected, sizeof(f->expected), "%s, index %" PRIu64,
			 want, want_index);
		if (v->assoc == DXI_ASSOC_MAPPING) {
			describe_mapping(a, v->mapping, have, sizeof(have));
			snprintf(f->actual, sizeof(f->actual), "%s, index %" PRIu64,
				 have, v->index);
			if (v->mapping != ino->mapping) {
				f->tag = DXI_TAG_MAPPING_OTHER_INODE;
				snprintf(f->message, sizeof(f->message),
					 "the entry maps a page that belongs to another mapping");
			} else {
				snprintf(f->message, sizeof(f->message),
					 "the page's index is not the entry's file offset");
			}
		} else if (v->assoc == DXI_ASSOC_NONE) {
			f->tag = DXI_TAG_MAPPING_CLEARED;
			snprintf(f->actual, sizeof(f->actual), "mapping NULL, index %" PRIu64,
				 v->index);
			snprintf(f->message, sizeof(f->message),
				 "the entry maps a page with no association: the filesystem may reallocate the block while it is mapped");
		} else {
			snprintf(f->actual, sizeof(f->actual), "mapping %#" PRIx64 " (%s)",
				 p->f_mapping, dxi_assoc_name(v->assoc));
			snprintf(f->message, sizeof(f->message),
				 "the page's mapping word is not an address_space a DAX entry can own");
		}
	}
}

static void stale_mapping(struct dxi_audit *a, const struct dxi_page *p,
			  const struct dxi_page_view *v,
			  const struct dxi_refs *refs)
{
	bool folios = a->k->rules->per_folio;
	uint32_t owner;
	struct dxi_finding *f;
	char have[96];

	if (!a->entries_complete)
		return; /* absence of entries cannot be shown */

	if (v->type != DXI_MEMTYPE_FS_DAX || v->is_tail ||
	    v->assoc != DXI_ASSOC_MAPPING)
		return;
	owner = dxi_audit_inode_of(a, v->mapping);
	for (size_t i = 0; i < refs->n && i < DXI_MAX_REFS_SHOWN; i++) {
		/* An entry of the owning inode: any index problem is a
		 * mapping-mismatch, reported from the entry's side. */
		if (dxi_ref_entry(a, &refs->r[i])->inode == owner)
			return;
	}
	f = dxi_emit(a, &dxi_check_stale_mapping, DXI_SEV_ERROR);
	if (!f)
		return;
	dxi_finding_set_page(f, p);
	f->addr = dxi_page_addr(a->k, p->pfn);
	describe_mapping(a, v->mapping, have, sizeof(have));
	snprintf(f->actual, sizeof(f->actual), "%s, index %" PRIu64, have,
		 v->index);
	if (owner == UINT32_MAX) {
		f->tag = DXI_TAG_DANGLING;
		snprintf(f->expected, sizeof(f->expected),
			 "mapping of a live DAX inode, or NULL");
		snprintf(f->message, sizeof(f->message),
			 "dangling: page->mapping points at no live DAX inode's address_space%s",
			 refs->n ? " (other inodes' entries map the page)" : "");
	} else {
		f->inode = owner;
		f->has_index = true;
		f->index = v->index;
		snprintf(f->expected, sizeof(f->expected),
			 "an entry of %s:%" PRIu64 " at index %" PRIu64 " mapping pfn %#" PRIx64,
			 a->dax.inodes[owner].dev, a->dax.inodes[owner].ino,
			 v->index, p->pfn);
		snprintf(f->message, sizeof(f->message),
			 "stale: the page claims an owner whose xarray has no entry for it%s",
			 folios ? "" : " (the association outlived its entry)");
	}
}

const struct dxi_check dxi_check_mapping_mismatch = {
	.id = "mapping-mismatch",
	.summary = "an entry maps a page whose mapping/index say otherwise",
	.kernel_ref = "fs/dax.c dax_associate_entry(), dax_insert_entry()",
	.on_page = mapping_mismatch,
};

const struct dxi_check dxi_check_stale_mapping = {
	.id = "stale-mapping",
	.summary = "a page points at a mapping that has no entry for it (dangling: no such DAX inode)",
	.kernel_ref = "fs/dax.c dax_disassociate_entry(), dax_folio_put()",
	.on_page = stale_mapping,
};
