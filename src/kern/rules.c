// SPDX-License-Identifier: MIT
#include "rules.h"

const char *dxi_assoc_name(enum dxi_assoc a)
{
	switch (a) {
	case DXI_ASSOC_NONE: return "none";
	case DXI_ASSOC_MAPPING: return "mapping";
	case DXI_ASSOC_SHARED: return "shared";
	case DXI_ASSOC_TAIL: return "tail";
	case DXI_ASSOC_ODD: return "odd";
	}
	return "?";
}

/*
 * The eras (docs/kernel-facts.md#era-summary). The shared marker:
 *  5.10      none: dax_associate_entry() always sets mapping = the
 *            address_space and index (5.10 fs/dax.c:355-357), so 0x1 in
 *            mapping is no DAX state (PAGE_MAPPING_ANON: odd)
 *  6.1       mapping == PAGE_MAPPING_DAX_COW (0x1), count in index
 *            (6.1 include/linux/page-flags.h:650, fs/dax.c dax_mapping_set_cow)
 *  6.2-6.14  mapping == PAGE_MAPPING_DAX_SHARED (0x1), count in share
 *            (6.12 page-flags.h:682, fs/dax.c dax_page_share_get)
 *  6.15+     mapping == NULL and share != 0 (dax_folio_is_shared, 7.3 fs/dax.c)
 *  seed-0x4  mapping & 0x4 (PAGE_MAPPING_DAX_SHARED 0x4 in the seed mail)
 * index and share are the same word in every era
 * (docs/kernel-facts.md#shared-marker). Refcounts: FS_DAX is 1-based up
 * to 6.14 (__init_single_page init_page_count; maps take no reference),
 * 0-based from 6.15 (__init_zone_device_page set_page_count(0); each map
 * takes a reference); device-dax is 1-based in every version and from
 * 6.15 its maps take references too (docs/kernel-facts.md#refcount-baseline).
 */
const struct dxi_rules dxi_rules_5_10 = {
	.no_shared_marker = true,
	.shared_text = "",
};

const struct dxi_rules dxi_rules_6_1 = {
	.shared_mask = ~0ULL, .shared_value = 0x1,
	.shared_text = ", shared marker",
};

/* A patched 6.2-6.14 kernel may carry the seed's 0x4 marker, and a
 * patched 6.15+ one the 0x1 marker of 6.2-6.14, on the same layout
 * (docs/kernel-facts.md#patched-markers). */
const struct dxi_rules dxi_rules_6_2 = {
	.shared_mask = ~0ULL, .shared_value = 0x1,
	.shared_text = ", shared marker",
	.patched = DXI_SEM_SEED_0X4,
};

const struct dxi_rules dxi_rules_6_15 = {
	.fsdax_zero_based = true,
	.maps_take_refs = true,
	.shared_mask = ~0ULL, .shared_value = 0, .shared_needs_count = true,
	.shared_text = ", mapping NULL",
	.share_in_folio = true,
	.per_folio = true,
	.patched = DXI_SEM_6_2,
};

const struct dxi_rules dxi_rules_seed_0x4 = {
	.shared_mask = 0x4, .shared_value = 0x4,
	.shared_text = ", shared marker",
};

const struct dxi_rules *dxi_rules_of(enum dxi_semantics s)
{
	static const struct dxi_rules *const eras[] = {
		[DXI_SEM_AUTO] = NULL,
		[DXI_SEM_6_1] = &dxi_rules_6_1,
		[DXI_SEM_6_2] = &dxi_rules_6_2,
		[DXI_SEM_6_15] = &dxi_rules_6_15,
		[DXI_SEM_SEED_0X4] = &dxi_rules_seed_0x4,
		[DXI_SEM_5_10] = &dxi_rules_5_10,
	};

	return (unsigned)s < sizeof(eras) / sizeof(eras[0]) ? eras[s] : NULL;
}

enum dxi_assoc dxi_assoc_of(const struct dxi_rules *r, const struct dxi_page *p)
{
	uint64_t m = p->f_mapping;

	if (p->compound == DXI_COMPOUND_TAIL)
		return DXI_ASSOC_TAIL;
	if (!r->no_shared_marker && (m & r->shared_mask) == r->shared_value &&
	    (p->f_index || !r->shared_needs_count))
		return DXI_ASSOC_SHARED;
	if (!m)
		return DXI_ASSOC_NONE;
	if (m == DXI_TAIL_MAPPING)
		return DXI_ASSOC_TAIL;
	return (m & 0x7) ? DXI_ASSOC_ODD : DXI_ASSOC_MAPPING;
}

void dxi_page_view(const struct dxi_kernel *k, enum dxi_memtype type,
		   const struct dxi_page *p, struct dxi_page_view *v)
{
	const struct dxi_rules *r = k->rules;

	v->type = type;
	v->assoc = dxi_assoc_of(r, p);
	v->is_tail = p->compound == DXI_COMPOUND_TAIL;
	v->mapping = v->assoc == DXI_ASSOC_MAPPING ? p->f_mapping : 0;
	v->index = p->f_index;
	v->share = v->assoc == DXI_ASSOC_SHARED ? p->f_index : 0;
	v->refcount = p->f_refcount;
	v->mapcount = p->f_mapcount;
	/* Device-dax is 1-based in every era; FS_DAX as the era says. */
	v->zero_based = type == DXI_MEMTYPE_FS_DAX && r->fsdax_zero_based;
	v->idle = v->zero_based ? 0 : 1;
	v->baseline = v->idle;
	if (r->maps_take_refs && v->mapcount > 0)
		v->baseline += v->mapcount;
}

bool dxi_page_is_idle(const struct dxi_page_view *v)
{
	if (v->is_tail)
		return true; /* shown through its head */
	return v->assoc == DXI_ASSOC_NONE && v->refcount == v->idle &&
	       v->mapcount == 0 && v->index == 0;
}
