// SPDX-License-Identifier: MIT
/*
 * bad-entry: xarray entries a DAX mapping should never hold, and malformed
 * xarray nodes.
 * Entry encoding: fs/dax.c DAX_LOCKED/PMD/ZERO_PAGE/EMPTY
 * (docs/kernel-facts.md#dax-entry-encoding).
 */
#include <inttypes.h>
#include <stdio.h>

#include "audit.h"
#include "checks.h"
#include "../kern/xarray.h"

static struct dxi_finding *entry_finding(struct dxi_audit *a,
					 const struct dxi_entry *e,
					 enum dxi_severity sev)
{
	struct dxi_finding *f = dxi_emit(a, &dxi_check_bad_entry, sev);

	if (!f)
		return NULL;
	dxi_finding_set_entry(a, f, e, 0);
	if (e->kind == DXI_ENTRY_PFN) {
		f->has_pfn = true;
		f->pfn = e->pfn;
	}
	return f;
}

/* What a non-value entry is, for the message (docs/kernel-facts.md#dax-entry-encoding). */
static const char *not_value_kind(uint64_t raw)
{
	if (raw == DXI_XA_RETRY_ENTRY)
		return "XA_RETRY_ENTRY";
	if (raw == DXI_XA_ZERO_ENTRY)
		return "XA_ZERO_ENTRY";
	return (raw & 3) == 2 ? "an internal entry" : "a pointer";
}

/* The PMD flag against the entry's xarray span. */
static void check_span(struct dxi_audit *a, const struct dxi_entry *e, bool pmd)
{
	struct dxi_finding *f;

	if (pmd == (e->xa_order == DXI_PMD_ORDER) &&
	    !(pmd && (e->index & ((1u << DXI_PMD_ORDER) - 1))))
		return;
	f = entry_finding(a, e, DXI_SEV_ERROR);
	if (!f)
		return;
	snprintf(f->expected, sizeof(f->expected),
		 pmd ? "order 9 at a 512-aligned index" : "order 0");
	snprintf(f->actual, sizeof(f->actual), "xarray order %u at index %" PRIu64,
		 e->xa_order, e->index);
	snprintf(f->message, sizeof(f->message),
		 "the entry's PMD flag and its xarray span disagree");
}

/* A pfn entry: aligned if PMD, inside one FS_DAX (or device-dax) pgmap. */
static void check_pfn(struct dxi_audit *a, const struct dxi_entry *e, bool pmd)
{
	const struct dxi_inode *ino = &a->dax.inodes[e->inode];
	const struct dxi_pgmap *m = dxi_pgmap_find(&a->pgmaps, e->pfn);
	const struct dxi_pgmap *end =
		dxi_pgmap_find(&a->pgmaps, e->pfn + dxi_entry_npages(e) - 1);
	struct dxi_finding *f;

	if (pmd && (e->pfn & ((1u << DXI_PMD_ORDER) - 1))) {
		f = entry_finding(a, e, DXI_SEV_ERROR);
		if (f)
			snprintf(f->message, sizeof(f->message),
				 "PMD entry's pfn %#" PRIx64 " is not 2 MiB aligned",
				 e->pfn);
	}
	if ((!m || m != end) && !a->pgmaps.complete) {
		/* Some pgmap could not be read: no verdict. */
	} else if (!m || m != end) {
		f = entry_finding(a, e, DXI_SEV_ERROR);
		if (f)
			snprintf(f->message, sizeof(f->message),
				 "pfn %#" PRIx64 "%s is outside every ZONE_DEVICE pgmap: not a DAX page",
				 e->pfn, pmd ? " (or its PMD span)" : "");
	} else if (m->type != DXI_MEMTYPE_FS_DAX && !ino->devdax) {
		f = entry_finding(a, e, DXI_SEV_ERROR);
		if (f)
			snprintf(f->message, sizeof(f->message),
				 "a filesystem DAX entry maps a page of a %s pgmap",
				 dxi_memtype_name(m->type));
	}
}

/* A zero-page entry must name the (huge) zero page. */
static void check_zero(struct dxi_audit *a, const struct dxi_entry *e, bool pmd)
{
	bool known = pmd ? a->has_huge_zero_pfn : a->has_zero_pfn;
	uint64_t want = pmd ? a->huge_zero_pfn : a->zero_pfn;
	struct dxi_finding *f;

	if (!known || e->pfn == want)
		return;
	f = entry_finding(a, e, DXI_SEV_WARNING);
	if (!f)
		return;
	snprintf(f->expected, sizeof(f->expected), "pfn %#" PRIx64 " (the %szero page)",
		 want, pmd ? "huge " : "");
	snprintf(f->actual, sizeof(f->actual), "pfn %#" PRIx64, e->pfn);
	snprintf(f->message, sizeof(f->message),
		 "zero-page entry whose pfn is not the %szero page",
		 pmd ? "huge " : "");
}

static void bad_entry(struct dxi_audit *a, const struct dxi_entry *e)
{
	bool pmd = e->flags & DXI_DAX_PMD;
	struct dxi_finding *f;

	if (e->kind == DXI_ENTRY_NOT_VALUE) {
		f = entry_finding(a, e, DXI_SEV_ERROR);
		if (f)
			snprintf(f->message, sizeof(f->message),
				 "not a DAX value entry (%s) in a DAX mapping",
				 not_value_kind(e->raw));
		return;
	}
	if (e->flags & DXI_DAX_LOCKED) {
		f = entry_finding(a, e, DXI_SEV_INFO);
		if (f)
			f->tag = DXI_TAG_ENTRY_LOCKED;
		if (f)
			snprintf(f->message, sizeof(f->message),
				 "entry locked at dump time (a fault or writeback was in progress)");
	}
	check_span(a, e, pmd);
	if (e->kind == DXI_ENTRY_PFN) {
		check_pfn(a, e, pmd);
	} else if (e->kind == DXI_ENTRY_ZERO) {
		check_zero(a, e, pmd);
	} else if (e->kind == DXI_ENTRY_EMPTY && e->pfn) {
		f = entry_finding(a, e, DXI_SEV_WARNING);
		if (f)
			snprintf(f->message, sizeof(f->message),
				 "empty entry carries pfn %#" PRIx64 " (grab_mapping_entry stores 0)",
				 e->pfn);
	}
}

/* A malformed node or list (unreadable ones are the unreadable check's). */
static void bad_structure(struct dxi_audit *a, const struct dxi_walk_problem *p)
{
	struct dxi_finding *f;

	if (p->unreadable)
		return;
	f = dxi_emit(a, &dxi_check_bad_entry, DXI_SEV_ERROR);
	if (f)
		dxi_finding_set_problem(f, p);
}

const struct dxi_check dxi_check_bad_entry = {
	.id = "bad-entry",
	.summary = "an xarray entry or node a DAX mapping should never hold",
	.kernel_ref = "fs/dax.c dax_make_entry(), grab_mapping_entry(); lib/xarray.c",
	.on_entry = bad_entry,
	.on_problem = bad_structure,
};
