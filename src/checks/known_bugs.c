// SPDX-License-Identifier: MIT
#include "known_bugs.h"

#include "checks.h"
#include "../dump/vmcoreinfo.h"
#include "../kern/klog.h"

#include <stdio.h>
#include <string.h>

/* The state, kernel lines and fixes: docs/kernel-facts.md#known-bugs. */
static const struct dxi_known_bug bugs[] = {
	{
		.id = "dax-cow-offbyone",
		.check = &dxi_check_share_mismatch,
		.tag = DXI_TAG_COW_LEFTOVER,
		.era = &dxi_rules_6_1,
		.first = DXI_RELEASE(6, 0), .fixed = DXI_RELEASE(6, 2),
		.what = "6.1 dax_disassociate_entry() off-by-one leaves COW-marked pages with count 0 after the last sharer",
		.fix = "169004265860 (fsdax: introduce page->share for fsdax in reflink mode)",
		.fixed_in = "v6.2",
	},
	{
		.id = "xfs-dax-read-shared",
		.check = &dxi_check_mapping_mismatch,
		.tag = DXI_TAG_MAPPING_OTHER_INODE,
		.era = &dxi_rules_6_1,
		.first = DXI_RELEASE(6, 0), .fixed = DXI_RELEASE(6, 2),
		.fstype = "xfs",
		.what = "6.1 XFS read fault on a shared extent overwrites page->mapping",
		.fix = "c6f0b395b211 (fsdax,xfs: set the shared flag when file extent is shared)",
		.fixed_in = "v6.2",
	},
	{
		.id = "xfs-dax-read-shared-cleared",
		.check = &dxi_check_mapping_mismatch,
		.tag = DXI_TAG_MAPPING_CLEARED,
		.era = &dxi_rules_6_1,
		.first = DXI_RELEASE(6, 0), .fixed = DXI_RELEASE(6, 2),
		.fstype = "xfs",
		.what = "6.1 XFS read fault on a shared extent overwrites page->mapping; the first owner's disassociate then clears it under the other's live entry",
		.fix = "c6f0b395b211 (fsdax,xfs: set the shared flag when file extent is shared)",
		.fixed_in = "v6.2",
	},
	{
		/* The same bug caught at its WARN: with panic_on_warn the
		 * kernel dies in dax_associate_entry() (inlined into
		 * dax_insert_entry()) before the overwrite, and the dump
		 * holds the faulting file's locked entry. */
		.id = "xfs-dax-read-shared-warn",
		.check = &dxi_check_bad_entry,
		.tag = DXI_TAG_ENTRY_LOCKED,
		.era = &dxi_rules_6_1,
		.first = DXI_RELEASE(6, 0), .fixed = DXI_RELEASE(6, 2),
		.fstype = "xfs",
		.warned_in = "dax_insert_entry",
		.what = "6.1 XFS read fault on a shared extent: dax_associate_entry() warned that the page already has a mapping (WARN_ON_ONCE(page->mapping)) and was about to overwrite it; this locked entry is that fault's",
		.fix = "c6f0b395b211 (fsdax,xfs: set the shared flag when file extent is shared)",
		.fixed_in = "v6.2",
	},
	{
		.id = "dax-stale-share-order0",
		.check = &dxi_check_share_mismatch,
		.tag = DXI_TAG_STALE_SHARE_ORDER0,
		.era = &dxi_rules_6_15,
		/* Debian's 7.1.13 already has dax_folio_reset_order() in its
		 * BTF (tests/synth/layouts/README.md), 7.0.13 has not. */
		.first = DXI_RELEASE(6, 15), .fixed = DXI_RELEASE(7, 1),
		.what = "6.15-7.0 dax_folio_put() clears mapping but not index/share on order-0 folios, so a freed folio reads as shared",
		.fix = "dax_folio_reset_order() (dax: Factor out dax_folio_reset_order() helper, John Groves)",
		.fixed_in = "v7.2 (in Debian 7.1.13 already)",
	},
};

const struct dxi_known_bug *dxi_known_bugs(size_t *n)
{
	*n = sizeof(bugs) / sizeof(bugs[0]);
	return bugs;
}

/* Does the kernel log hold a DAX warning raised in func? */
static bool warned_in(const struct dxi_audit *a, const char *func)
{
	const struct dxi_klog *kl = dxi_kernel_klog(a->k);

	for (unsigned i = 0; i < kl->nevents; i++) {
		if (!strcmp(kl->events[i].func, func))
			return true;
	}
	return false;
}

const struct dxi_known_bug *dxi_known_bug_match(const struct dxi_audit *a,
						const struct dxi_finding *f)
{
	unsigned rel = dxi_release_number(a->k->target->vmci.osrelease);

	for (size_t i = 0; i < sizeof(bugs) / sizeof(bugs[0]); i++) {
		const struct dxi_known_bug *b = &bugs[i];

		if (strcmp(b->check->id, f->check) || b->tag != f->tag)
			continue;
		if (b->era && b->era != a->k->rules)
			continue;
		if (rel < b->first || (b->fixed && rel >= b->fixed))
			continue;
		if (b->fstype && (f->inode == UINT32_MAX ||
				  strcmp(a->dax.inodes[f->inode].fstype,
					 b->fstype)))
			continue;
		if (b->warned_in && !warned_in(a, b->warned_in))
			continue;
		return b;
	}
	return NULL;
}
