// SPDX-License-Identifier: MIT
/* Unit tests: DAX entry decoding (kern/dax.c), the era rules
 * (kern/rules.c) and the era decided from the layout (kern/semantics.c).
 * Expected values come from shared/KERNEL-FACTS.md, cited per test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/kern/dax.h"
#include "../../src/kern/rules.h"
#include "../../src/kern/xarray.h"

/*
 * fs/dax.c dax_make_entry() = xa_mk_value(flags | (pfn << DAX_SHIFT)),
 * DAX_SHIFT 4, LOCKED 1<<0, PMD 1<<1, ZERO_PAGE 1<<2, EMPTY 1<<3, and
 * xa_mk_value(v) = (v << 1) | 1 (KERNEL-FACTS.md 1, the same in 6.1,
 * 6.12, 6.17, 7.0, 7.2, 7.3: one encoding for every era). Spelled out
 * here rather than with the DXI_DAX_* constants under test.
 */
static uint64_t mk_entry(uint64_t pfn, uint64_t flags)
{
	return (((pfn << 4) | flags) << 1) | 1;
}

static void test_entry_pfn(void **state)
{
	struct dxi_entry e;

	(void)state;
	/* The sample's leak_b entry (README: "entry 0x424801"): pfn 0x21240. */
	assert_int_equal(mk_entry(0x21240, 0), 0x424801);
	memset(&e, 0xa5, sizeof(e));
	dxi_dax_entry_decode(0x424801, &e);
	assert_int_equal(e.raw, 0x424801);
	assert_int_equal(e.kind, DXI_ENTRY_PFN);
	assert_int_equal(e.pfn, 0x21240);
	assert_int_equal(e.flags, 0);
	assert_int_equal(dxi_entry_npages(&e), 1);

	/* A pfn past 32 bits survives (pfn is an unsigned long). */
	dxi_dax_entry_decode(mk_entry(0x123456789aULL, 0), &e);
	assert_int_equal(e.kind, DXI_ENTRY_PFN);
	assert_int_equal(e.pfn, 0x123456789aULL);

	/* Locked (raw bit 0x2): still a pfn entry, same pfn. */
	dxi_dax_entry_decode(0x424801 | 0x2, &e);
	assert_int_equal(e.kind, DXI_ENTRY_PFN);
	assert_int_equal(e.pfn, 0x21240);
	assert_int_equal(e.flags, 0x1);
	assert_true(e.flags & DXI_DAX_LOCKED);
	assert_false(e.flags & DXI_DAX_PMD);
	assert_int_equal(dxi_entry_npages(&e), 1);
}

static void test_entry_pmd(void **state)
{
	struct dxi_entry e;

	(void)state;
	/* A PMD entry (raw bit 0x4) covers 1 << PMD_ORDER = 512 pages. */
	dxi_dax_entry_decode(mk_entry(0x20000, 0x2), &e);
	assert_int_equal(e.raw, 0x400005);
	assert_int_equal(e.kind, DXI_ENTRY_PFN);
	assert_int_equal(e.pfn, 0x20000);
	assert_int_equal(e.flags, 0x2);
	assert_int_equal(dxi_entry_npages(&e), 512);

	/* Locked PMD: raw bits 0x2 | 0x4. */
	dxi_dax_entry_decode(mk_entry(0x20200, 0x3), &e);
	assert_int_equal(e.raw & 0x1f, 0x7);
	assert_int_equal(e.kind, DXI_ENTRY_PFN);
	assert_int_equal(e.pfn, 0x20200);
	assert_true(e.flags & DXI_DAX_LOCKED);
	assert_int_equal(dxi_entry_npages(&e), 512);
}

static void test_entry_zero_empty(void **state)
{
	struct dxi_entry e;

	(void)state;
	/* ZERO_PAGE (raw 0x8) stores the zero page's pfn, not ZONE_DEVICE. */
	dxi_dax_entry_decode(mk_entry(0x2a1b, 0x4), &e);
	assert_int_equal(e.raw, (0x2a1bULL << 5) | 0x9);
	assert_int_equal(e.kind, DXI_ENTRY_ZERO);
	assert_int_equal(e.pfn, 0x2a1b);
	assert_int_equal(dxi_entry_npages(&e), 1);
	/* The huge zero folio: ZERO | PMD. */
	dxi_dax_entry_decode(mk_entry(0x3c00, 0x4 | 0x2), &e);
	assert_int_equal(e.kind, DXI_ENTRY_ZERO);
	assert_int_equal(e.pfn, 0x3c00);
	assert_int_equal(dxi_entry_npages(&e), 512);

	/* EMPTY (raw 0x10) stores pfn 0 (grab_mapping_entry). */
	dxi_dax_entry_decode(0x11, &e);
	assert_int_equal(e.kind, DXI_ENTRY_EMPTY);
	assert_int_equal(e.pfn, 0);
	assert_int_equal(e.flags, 0x8);
	assert_int_equal(dxi_entry_npages(&e), 1);
	/* EMPTY | PMD, locked while a PMD fault allocates. */
	dxi_dax_entry_decode(0x11 | 0x4 | 0x2, &e);
	assert_int_equal(e.kind, DXI_ENTRY_EMPTY);
	assert_true(e.flags & DXI_DAX_LOCKED);
	assert_int_equal(dxi_entry_npages(&e), 512);
}

static void test_entry_not_value(void **state)
{
	/* include/linux/xarray.h: values have bit 0 set; internal entries
	 * are (v << 2) | 2; nodes are internal entries above 4096; the retry
	 * entry is 0x402, the zero entry 0x406; a sibling is (slot << 2) | 2. */
	const uint64_t node = 0xffff888012345602ULL, sibling = (5 << 2) | 2;
	struct dxi_entry e;

	(void)state;
	assert_true(dxi_xa_is_value(0x424801));
	assert_false(dxi_xa_is_value(node));
	assert_true(dxi_xa_is_internal(node));
	assert_true(dxi_xa_is_node(node));
	assert_true(dxi_xa_is_internal(sibling));
	assert_false(dxi_xa_is_node(sibling));
	assert_true(dxi_xa_is_internal(DXI_XA_RETRY_ENTRY));
	assert_false(dxi_xa_is_node(DXI_XA_RETRY_ENTRY));
	assert_false(dxi_xa_is_node(DXI_XA_ZERO_ENTRY));
	/* A plain pointer (a dev_pagemap, say) is neither. */
	assert_false(dxi_xa_is_internal(0xffff888012345600ULL));

	memset(&e, 0xa5, sizeof(e));
	dxi_dax_entry_decode(DXI_XA_RETRY_ENTRY, &e);
	assert_int_equal(e.kind, DXI_ENTRY_NOT_VALUE);
	assert_int_equal(e.raw, 0x402);
	assert_int_equal(e.pfn, 0);
	assert_int_equal(e.flags, 0);
	dxi_dax_entry_decode(0xffff888012345600ULL, &e);
	assert_int_equal(e.kind, DXI_ENTRY_NOT_VALUE);
	assert_int_equal(e.pfn, 0);

	assert_string_equal(dxi_entry_kind_name(DXI_ENTRY_PFN), "pfn");
	assert_string_equal(dxi_entry_kind_name(DXI_ENTRY_ZERO), "zero");
	assert_string_equal(dxi_entry_kind_name(DXI_ENTRY_EMPTY), "empty");
	assert_string_equal(dxi_entry_kind_name(DXI_ENTRY_NOT_VALUE), "not-value");
}

/* The era rules read only k->rules, the struct of k->semantics. */
static struct dxi_page page(uint64_t mapping, uint64_t index, int32_t ref,
			    int64_t mapcount)
{
	struct dxi_page p = { 0 };

	p.pfn = p.head_pfn = 0x20000;
	p.mapping = p.f_mapping = mapping;
	p.index = p.f_index = index;
	p.refcount = p.f_refcount = ref;
	p.mapcount_raw = (int32_t)mapcount - 1;
	p.f_mapcount = mapcount;
	return p;
}

static void view(enum dxi_semantics sem, enum dxi_memtype type,
		 struct dxi_page p, struct dxi_page_view *v)
{
	struct dxi_kernel k = { 0 };

	k.semantics = sem;
	k.rules = dxi_rules_of(sem);
	memset(v, 0xa5, sizeof(*v));
	dxi_page_view(&k, type, &p, v);
}

#define A_SPACE 0xffff888004a1c6d8ULL	/* an address_space: 8-aligned */

static void test_rules_1_based(void **state)
{
	static const enum dxi_semantics eras[] = { DXI_SEM_5_10, DXI_SEM_6_1,
						   DXI_SEM_6_2 };
	struct dxi_page_view v;

	(void)state;
	/*
	 * <= 6.14 FS_DAX: idle refcount 1 (__init_single_page
	 * init_page_count), mappings take no reference (insert_pfn,
	 * pte_mkdevmap): KERNEL-FACTS.md 2, 5.
	 */
	for (size_t i = 0; i < sizeof(eras) / sizeof(eras[0]); i++) {
		view(eras[i], DXI_MEMTYPE_FS_DAX, page(0, 0, 1, 0), &v);
		assert_int_equal(v.type, DXI_MEMTYPE_FS_DAX);
		assert_int_equal(v.assoc, DXI_ASSOC_NONE);
		assert_false(v.zero_based);
		assert_false(v.is_tail);
		assert_int_equal(v.idle, 1);
		assert_int_equal(v.baseline, 1);
		assert_true(dxi_page_is_idle(&v));

		/* Mapped three times and associated: still baseline 1. */
		view(eras[i], DXI_MEMTYPE_FS_DAX, page(A_SPACE, 7, 1, 3), &v);
		assert_int_equal(v.assoc, DXI_ASSOC_MAPPING);
		assert_int_equal(v.mapping, A_SPACE);
		assert_int_equal(v.index, 7);
		assert_int_equal(v.share, 0);
		assert_int_equal(v.mapcount, 3);
		assert_int_equal(v.baseline, 1);
		assert_false(dxi_page_is_idle(&v));

		/* Refcount 0 is an underflow, not idle. */
		view(eras[i], DXI_MEMTYPE_FS_DAX, page(0, 0, 0, 0), &v);
		assert_int_equal(v.refcount, 0);
		assert_false(dxi_page_is_idle(&v));
		/* A FOLL_PIN: +1024, not idle. */
		view(eras[i], DXI_MEMTYPE_FS_DAX, page(0, 0, 1 + 1024, 0), &v);
		assert_int_equal(v.refcount - v.baseline, DXI_GUP_PIN_BIAS);
		assert_false(dxi_page_is_idle(&v));
	}
	assert_int_equal(DXI_GUP_PIN_BIAS, 1024);

	/* Unassociated but a stale index left behind: not idle. */
	view(DXI_SEM_6_1, DXI_MEMTYPE_FS_DAX, page(0, 5, 1, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_NONE);
	assert_false(dxi_page_is_idle(&v));
}

static void test_rules_shared_markers(void **state)
{
	struct dxi_page_view v;

	(void)state;
	/* 6.1: PAGE_MAPPING_DAX_COW 0x1, count in index (KERNEL-FACTS.md 3);
	 * the off-by-one leftover is mapping 0x1 with index 0. */
	view(DXI_SEM_6_1, DXI_MEMTYPE_FS_DAX, page(0x1, 2, 1, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_SHARED);
	assert_int_equal(v.share, 2);
	assert_int_equal(v.mapping, 0);
	view(DXI_SEM_6_1, DXI_MEMTYPE_FS_DAX, page(0x1, 0, 1, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_SHARED);
	assert_int_equal(v.share, 0);
	assert_false(dxi_page_is_idle(&v));

	/* 6.2-6.14: PAGE_MAPPING_DAX_SHARED 0x1, page->share (the same word
	 * as index) (KERNEL-FACTS.md 5). */
	view(DXI_SEM_6_2, DXI_MEMTYPE_FS_DAX, page(0x1, 3, 1, 2), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_SHARED);
	assert_int_equal(v.share, 3);
	assert_int_equal(v.baseline, 1);

	/* 6.15+: shared is mapping NULL and share != 0
	 * (dax_folio_is_shared); 0x1 is FOLIO_MAPPING_ANON there, never DAX. */
	view(DXI_SEM_6_15, DXI_MEMTYPE_FS_DAX, page(0, 2, 2, 2), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_SHARED);
	assert_int_equal(v.share, 2);
	view(DXI_SEM_6_15, DXI_MEMTYPE_FS_DAX, page(0x1, 2, 0, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_ODD);
	assert_int_equal(v.share, 0);
	assert_int_equal(v.mapping, 0);
	/* 5.10: no shared marker (dax_associate_entry() always stores the
	 * address_space, 5.10 fs/dax.c:355-357): 0x1 is odd, never shared,
	 * with or without a count in index. */
	view(DXI_SEM_5_10, DXI_MEMTYPE_FS_DAX, page(0x1, 2, 1, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_ODD);
	assert_int_equal(v.share, 0);
	assert_int_equal(v.mapping, 0);
	view(DXI_SEM_5_10, DXI_MEMTYPE_FS_DAX, page(0x1, 0, 1, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_ODD);
	view(DXI_SEM_5_10, DXI_MEMTYPE_FS_DAX, page(A_SPACE, 4, 1, 1), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_MAPPING);
	assert_int_equal(v.index, 4);
	/* ... and in 6.1 a NULL mapping with a count is no share at all. */
	view(DXI_SEM_6_1, DXI_MEMTYPE_FS_DAX, page(0, 2, 1, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_NONE);
	assert_int_equal(v.share, 0);

	/* The seed mail's marker: mapping & 0x4. */
	view(DXI_SEM_SEED_0X4, DXI_MEMTYPE_FS_DAX, page(0x4, 4, 1, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_SHARED);
	assert_int_equal(v.share, 4);
	view(DXI_SEM_SEED_0X4, DXI_MEMTYPE_FS_DAX, page(0x1, 4, 1, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_ODD);

	/* Low bits DAX never sets (0x2 movable/KSM) in an older era. */
	view(DXI_SEM_6_2, DXI_MEMTYPE_FS_DAX, page(A_SPACE | 0x2, 0, 1, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_ODD);
	assert_int_equal(v.mapping, 0);
}

static void test_rules_0_based(void **state)
{
	struct dxi_page_view v;

	(void)state;
	/*
	 * 6.15+ FS_DAX: __init_zone_device_page set_page_count(0), each map
	 * takes a reference (KERNEL-FACTS.md 6): idle 0, baseline =
	 * mapcount.
	 */
	view(DXI_SEM_6_15, DXI_MEMTYPE_FS_DAX, page(0, 0, 0, 0), &v);
	assert_true(v.zero_based);
	assert_int_equal(v.assoc, DXI_ASSOC_NONE);
	assert_int_equal(v.idle, 0);
	assert_int_equal(v.baseline, 0);
	assert_true(dxi_page_is_idle(&v));
	/* The 1-based idle count is a leaked reference here. */
	view(DXI_SEM_6_15, DXI_MEMTYPE_FS_DAX, page(0, 0, 1, 0), &v);
	assert_false(dxi_page_is_idle(&v));

	view(DXI_SEM_6_15, DXI_MEMTYPE_FS_DAX, page(A_SPACE, 512, 2, 2), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_MAPPING);
	assert_int_equal(v.mapping, A_SPACE);
	assert_int_equal(v.index, 512);
	assert_int_equal(v.idle, 0);
	assert_int_equal(v.baseline, 2);

	/*
	 * Device-dax (GENERIC) is 1-based in every era (KERNEL-FACTS.md
	 * 12); its maps take references only from 6.15.
	 */
	view(DXI_SEM_6_15, DXI_MEMTYPE_GENERIC, page(A_SPACE, 0, 4, 3), &v);
	assert_false(v.zero_based);
	assert_int_equal(v.idle, 1);
	assert_int_equal(v.baseline, 1 + 3);
	view(DXI_SEM_6_1, DXI_MEMTYPE_GENERIC, page(A_SPACE, 0, 1, 3), &v);
	assert_false(v.zero_based);
	assert_int_equal(v.idle, 1);
	assert_int_equal(v.baseline, 1);
	view(DXI_SEM_6_2, DXI_MEMTYPE_GENERIC, page(0, 0, 1, 0), &v);
	assert_true(dxi_page_is_idle(&v));
}

static void test_rules_tails(void **state)
{
	struct dxi_page p = page(0, 0, 0, 0);
	struct dxi_page_view v;

	(void)state;
	/* A tail of a 6.15+ PMD folio is shown through its head. */
	p.compound = DXI_COMPOUND_TAIL;
	p.head_pfn = p.pfn - 3;
	p.f_mapping = A_SPACE;
	p.f_refcount = 5;
	view(DXI_SEM_6_15, DXI_MEMTYPE_FS_DAX, p, &v);
	assert_int_equal(v.assoc, DXI_ASSOC_TAIL);
	assert_true(v.is_tail);
	assert_true(dxi_page_is_idle(&v));

	/* prep_compound_tail's TAIL_MAPPING (0x400 + POISON_POINTER_DELTA). */
	view(DXI_SEM_6_15, DXI_MEMTYPE_FS_DAX,
	     page(0xdead000000000400ULL, 0, 0, 0), &v);
	assert_int_equal(v.assoc, DXI_ASSOC_TAIL);
	assert_int_equal(v.mapping, 0);

	assert_string_equal(dxi_assoc_name(DXI_ASSOC_NONE), "none");
	assert_string_equal(dxi_assoc_name(DXI_ASSOC_MAPPING), "mapping");
	assert_string_equal(dxi_assoc_name(DXI_ASSOC_SHARED), "shared");
	assert_string_equal(dxi_assoc_name(DXI_ASSOC_TAIL), "tail");
	assert_string_equal(dxi_assoc_name(DXI_ASSOC_ODD), "odd");
}

/* One const rules struct per era; AUTO is a request, not an era. */
static void test_rules_of_era(void **state)
{
	(void)state;
	assert_null(dxi_rules_of(DXI_SEM_AUTO));
	assert_ptr_equal(dxi_rules_of(DXI_SEM_6_1), &dxi_rules_6_1);
	assert_ptr_equal(dxi_rules_of(DXI_SEM_6_2), &dxi_rules_6_2);
	assert_ptr_equal(dxi_rules_of(DXI_SEM_6_15), &dxi_rules_6_15);
	assert_ptr_equal(dxi_rules_of(DXI_SEM_SEED_0X4), &dxi_rules_seed_0x4);
	assert_null(dxi_rules_of((enum dxi_semantics)99));
	/* Only 6.15+ is 0-based, per folio, with maps taking references. */
	assert_false(dxi_rules_6_1.fsdax_zero_based || dxi_rules_6_2.fsdax_zero_based ||
		     dxi_rules_seed_0x4.fsdax_zero_based);
	assert_true(dxi_rules_6_15.fsdax_zero_based && dxi_rules_6_15.per_folio &&
		    dxi_rules_6_15.maps_take_refs && dxi_rules_6_15.share_in_folio);
	assert_false(dxi_rules_6_2.per_folio || dxi_rules_6_2.maps_take_refs);
	assert_string_equal(dxi_rules_6_15.shared_text, ", mapping NULL");
	assert_string_equal(dxi_rules_6_1.shared_text, ", shared marker");
}

/* A kernel whose layout has the given members, and a release string. */
static enum dxi_semantics detect(bool page_pgmap, bool page_share,
				 bool folio_pgmap, const char *release,
				 char *reason, size_t reason_size)
{
	static struct dxi_target t;
	struct dxi_kernel k = { 0 };

	memset(&t, 0, sizeof(t));
	snprintf(t.vmci.osrelease, sizeof(t.vmci.osrelease), "%s", release);
	k.target = &t;
	k.layout.page.pgmap.has = page_pgmap;
	k.layout.page.share.has = page_share;
	/* struct folio exists from 5.16; detect_5_10() leaves it out */
	k.layout.folio.exists = true;
	k.layout.folio.pgmap.has = folio_pgmap;
	k.semantics = DXI_SEM_AUTO;
	dxi_semantics_detect(&k);
	snprintf(reason, reason_size, "%s", k.semantics_reason);
	return k.semantics;
}

/* A 5.10-5.15 layout: page->pgmap, no struct folio. */
static enum dxi_semantics detect_5_10(const char *release, char *reason,
				      size_t reason_size)
{
	static struct dxi_target t;
	struct dxi_kernel k = { 0 };

	memset(&t, 0, sizeof(t));
	snprintf(t.vmci.osrelease, sizeof(t.vmci.osrelease), "%s", release);
	k.target = &t;
	k.layout.page.pgmap.has = true;
	k.semantics = DXI_SEM_AUTO;
	dxi_semantics_detect(&k);
	snprintf(reason, reason_size, "%s", k.semantics_reason);
	return k.semantics;
}

static void test_semantics_from_layout(void **state)
{
	char why[160];

	(void)state;
	/* The layout wins over a misleading release string
	 * (KERNEL-FACTS.md 3, 5, 6; DESIGN.md 2). */
	/* 6.1: page->pgmap, no page->share. */
	assert_int_equal(detect(true, false, false, "7.3.4", why, sizeof(why)),
			 DXI_SEM_6_1);
	assert_non_null(strstr(why, "pgmap"));
	/* 6.2-6.14: page->share (v6.2-rc1 "fsdax: introduce page->share"). */
	assert_int_equal(detect(true, true, false, "6.1.0-56-cloud-amd64", why,
				sizeof(why)),
			 DXI_SEM_6_2);
	assert_non_null(strstr(why, "share"));
	/* 6.15+: folio->pgmap and no page->pgmap ("mm: allow compound zone
	 * device pages"); folio->share does not matter. */
	assert_int_equal(detect(false, false, true, "6.12.117", why,
				sizeof(why)),
			 DXI_SEM_6_15);
	assert_non_null(strstr(why, "folio"));
	/* Both pgmaps: not 6.15's layout; decided by page->share. */
	assert_int_equal(detect(true, true, true, "", why, sizeof(why)),
			 DXI_SEM_6_2);
	assert_int_equal(detect(true, false, true, "", why, sizeof(why)),
			 DXI_SEM_6_1);
	/* 5.10: page->pgmap and no struct folio (folios: v5.16), whatever
	 * the release says. */
	assert_int_equal(detect_5_10("6.1.0-56-cloud-amd64", why, sizeof(why)),
			 DXI_SEM_5_10);
	assert_non_null(strstr(why, "no struct folio"));
}

static void test_semantics_from_release(void **state)
{
	static const struct {
		const char *release;
		enum dxi_semantics sem;
	} cases[] = {
		{ "6.1.0-56-cloud-amd64", DXI_SEM_6_1 },
		{ "6.2.0", DXI_SEM_6_2 },
		{ "6.12.117+deb12-amd64", DXI_SEM_6_2 },
		{ "6.14.11", DXI_SEM_6_2 },
		{ "6.15.0", DXI_SEM_6_15 },
		{ "6.17.0-41-generic", DXI_SEM_6_15 },
		{ "7.0.13+deb13-cloud-amd64", DXI_SEM_6_15 },
		{ "10.1", DXI_SEM_6_15 },
		{ "5.15.0", DXI_SEM_5_10 },
		{ "5.10.0-32-cloud-amd64", DXI_SEM_5_10 },
		{ "5.16.1", DXI_SEM_6_1 },
		{ "", DXI_SEM_6_1 },
	};
	char why[160];

	(void)state;
	/* Neither pgmap nor share: the layout cannot tell, the release does. */
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum dxi_semantics s = detect(false, false, false,
					      cases[i].release, why,
					      sizeof(why));

		if (s != cases[i].sem)
			fail_msg("release '%s': got %s, want %s",
				 cases[i].release, dxi_semantics_name(s),
				 dxi_semantics_name(cases[i].sem));
		assert_non_null(strstr(why, "release"));
	}
	/* A share member without pgmap is still the 6.2 layout. */
	assert_int_equal(detect(false, true, false, "7.3", why, sizeof(why)),
			 DXI_SEM_6_2);
}

static void test_semantics_names(void **state)
{
	static const char *const names[] = { "auto", "6.1", "6.2", "6.2-6.14",
					     "6.15", "6.15+", "seed-0x4",
					     "5.10" };
	static const enum dxi_semantics want[] = {
		DXI_SEM_AUTO, DXI_SEM_6_1, DXI_SEM_6_2, DXI_SEM_6_2,
		DXI_SEM_6_15, DXI_SEM_6_15, DXI_SEM_SEED_0X4, DXI_SEM_5_10
	};
	enum dxi_semantics s;

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		enum dxi_semantics back;

		s = DXI_SEM_AUTO;
		assert_true(dxi_semantics_parse(names[i], &s));
		assert_int_equal(s, want[i]);
		/* Every name the tool prints parses back to the same era. */
		assert_true(dxi_semantics_parse(dxi_semantics_name(s), &back));
		assert_int_equal(back, s);
	}
	s = DXI_SEM_6_1;
	assert_false(dxi_semantics_parse("6.3", &s));
	assert_false(dxi_semantics_parse("", &s));
	assert_false(dxi_semantics_parse("6.1 ", &s));
	assert_int_equal(s, DXI_SEM_6_1);
	assert_string_equal(dxi_semantics_name(DXI_SEM_6_1), "6.1");
	assert_string_equal(dxi_semantics_name(DXI_SEM_6_15), "6.15+");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry_pfn),
		cmocka_unit_test(test_entry_pmd),
		cmocka_unit_test(test_entry_zero_empty),
		cmocka_unit_test(test_entry_not_value),
		cmocka_unit_test(test_rules_of_era),
		cmocka_unit_test(test_rules_1_based),
		cmocka_unit_test(test_rules_shared_markers),
		cmocka_unit_test(test_rules_0_based),
		cmocka_unit_test(test_rules_tails),
		cmocka_unit_test(test_semantics_from_layout),
		cmocka_unit_test(test_semantics_from_release),
		cmocka_unit_test(test_semantics_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
