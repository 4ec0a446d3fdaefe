// SPDX-License-Identifier: MIT
/*
 * Which FS_DAX refcount/sharing rules apply, decided from the layout
 * (docs/kernel-facts.md#era-detection):
 *   folio->pgmap and no page->pgmap  -> 6.15+ ("mm: allow compound zone
 *                                       device pages", v6.15)
 *   page->share                      -> 6.2-6.14 ("fsdax: introduce
 *                                       page->share", v6.2)
 *   page->pgmap, no share            -> 6.1
 *   page->pgmap, no struct folio     -> 5.10 (folios arrived in v5.16;
 *                                       5.10 is the oldest kernel read:
 *                                       dxi_release_supported())
 */
#include <stdio.h>
#include <string.h>

#include "kernel.h"
#include "rules.h"

const char *dxi_semantics_name(enum dxi_semantics s)
{
	switch (s) {
	case DXI_SEM_AUTO: return "auto";
	case DXI_SEM_6_1: return "6.1";
	case DXI_SEM_6_2: return "6.2-6.14";
	case DXI_SEM_6_15: return "6.15+";
	case DXI_SEM_SEED_0X4: return "seed-0x4";
	case DXI_SEM_5_10: return "5.10";
	}
	return "unknown";
}

bool dxi_semantics_parse(const char *s, enum dxi_semantics *out)
{
	static const struct {
		const char *name;
		enum dxi_semantics sem;
	} names[] = {
		{ "auto", DXI_SEM_AUTO },     { "6.1", DXI_SEM_6_1 },
		{ "6.2", DXI_SEM_6_2 },       { "6.2-6.14", DXI_SEM_6_2 },
		{ "6.15", DXI_SEM_6_15 },     { "6.15+", DXI_SEM_6_15 },
		{ "seed-0x4", DXI_SEM_SEED_0X4 }, { "5.10", DXI_SEM_5_10 },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i].name)) {
			*out = names[i].sem;
			return true;
		}
	}
	return false;
}

void dxi_semantics_detect(struct dxi_kernel *k)
{
	const struct dxi_layout *l = &k->layout;

	if (l->folio.pgmap.has && !l->page.pgmap.has) {
		k->semantics = DXI_SEM_6_15;
		snprintf(k->semantics_reason, sizeof(k->semantics_reason),
			 "struct folio has pgmap and struct page has none");
	} else if (!l->folio.exists && l->page.pgmap.has) {
		k->semantics = DXI_SEM_5_10;
		snprintf(k->semantics_reason, sizeof(k->semantics_reason),
			 "struct page has pgmap and there is no struct folio");
	} else if (l->page.share.has) {
		k->semantics = DXI_SEM_6_2;
		snprintf(k->semantics_reason, sizeof(k->semantics_reason),
			 "struct page has share (union with index) and pgmap");
	} else if (l->page.pgmap.has) {
		k->semantics = DXI_SEM_6_1;
		snprintf(k->semantics_reason, sizeof(k->semantics_reason),
			 "struct page has pgmap and no share");
	} else {
		/* The layout cannot tell: fall back to the release string. */
		unsigned rel = dxi_release_number(k->target->vmci.osrelease);

		k->semantics = rel >= DXI_RELEASE(6, 15) ? DXI_SEM_6_15 :
			       rel >= DXI_RELEASE(6, 2)	 ? DXI_SEM_6_2 :
			       rel >= DXI_RELEASE(5, 16) || !rel ? DXI_SEM_6_1 :
								   DXI_SEM_5_10;
		snprintf(k->semantics_reason, sizeof(k->semantics_reason),
			 "layout inconclusive; from release %u.%u", rel / 100,
			 rel % 100);
	}
}

void dxi_semantics_hint(const struct dxi_kernel *k,
			const struct dxi_page_record *pages, size_t n,
			struct dxi_semantics_hint *out)
{
	const struct dxi_rules *alt;

	memset(out, 0, sizeof(*out));
	if (k->semantics_forced || !k->rules || !k->rules->patched)
		return;
	alt = dxi_rules_of(k->rules->patched);
	for (size_t i = 0; alt && i < n; i++) {
		const struct dxi_page_record *r = &pages[i];

		if (r->view.type != DXI_MEMTYPE_FS_DAX || r->view.is_tail ||
		    r->view.assoc != DXI_ASSOC_ODD ||
		    dxi_assoc_of(alt, &r->page) != DXI_ASSOC_SHARED)
			continue;
		if (!out->pages++) {
			out->first_pfn = r->page.pfn;
			out->mapping = r->page.f_mapping;
		}
	}
	if (out->pages)
		out->fits = k->rules->patched;
}
