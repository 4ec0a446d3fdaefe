// SPDX-License-Identifier: MIT
/*
 * unreadable: what the dump does not contain, so it was not checked --
 * struct pages filtered out (makedumpfile -d) or on the device (an altmap,
 * mm/memremap.c pfn_first()), xarray nodes and inodes that could not be
 * read, a walk that may have missed entries, and a truncated dump file.
 * The page scan and the audit call the dxi_unreadable_*() functions below;
 * walk problems arrive through on_problem like any check's.
 */
#include <inttypes.h>
#include <stdio.h>

#include "audit.h"
#include "checks.h"

static void unreadable_structure(struct dxi_audit *a,
				 const struct dxi_walk_problem *p)
{
	struct dxi_finding *f;

	if (!p->unreadable)
		return;
	f = dxi_emit(a, &dxi_check_unreadable, DXI_SEV_WARNING);
	if (f)
		dxi_finding_set_problem(f, p);
}

/* A warning about struct pages from pfn on, at addr; NULL when the
 * check is not run. */
static struct dxi_finding *pages_finding(struct dxi_audit *a, uint64_t pfn,
					 uint64_t addr)
{
	struct dxi_finding *f;

	if (!dxi_audit_runs(a, &dxi_check_unreadable))
		return NULL;
	f = dxi_emit(a, &dxi_check_unreadable, DXI_SEV_WARNING);
	if (!f)
		return NULL;
	f->has_pfn = true;
	f->pfn = pfn;
	f->addr = addr;
	return f;
}

void dxi_unreadable_pages(struct dxi_audit *a, uint64_t first, uint64_t last,
			  const struct dxi_pgmap *m)
{
	struct dxi_finding *f = pages_finding(a, first, dxi_page_addr(a->k, first));

	if (!f)
		return;
	snprintf(f->message, sizeof(f->message),
		 "struct pages of pfns %#llx-%#llx (%llu pages, %s pgmap) cannot be read from the dump%s; they were not checked",
		 (unsigned long long)first, (unsigned long long)last,
		 (unsigned long long)(last - first + 1), dxi_memtype_name(m->type),
		 " (filtered out, or damaged)");
}

/*
 * A pgmap with an altmap keeps its memmap on the device itself
 * (ndctl --map=dev; mm/memremap.c, kernel-facts.md#altmap), and a kdump
 * capture holds System RAM only: said once per pgmap, with the way out.
 */
void dxi_unreadable_device(struct dxi_audit *a, const struct dxi_pgmap *m,
			   const struct dxi_device_run *run)
{
	struct dxi_finding *f = pages_finding(a, run->first, m->addr);

	if (!f)
		return;
	snprintf(f->message, sizeof(f->message),
		 "the memmap of %s pgmap pfns %#llx-%#llx is on the device (ndctl --map=dev), which this dump does not hold: %llu struct pages, pfns %#llx-%#llx, were not checked",
		 dxi_memtype_name(m->type),
		 (unsigned long long)m->ranges[0].first,
		 (unsigned long long)m->ranges[m->nranges - 1].last,
		 (unsigned long long)run->count,
		 (unsigned long long)run->first, (unsigned long long)run->last);
	snprintf(f->expected, sizeof(f->expected),
		 "a capture with the pmem range included (makedumpfile on an ELF that covers it, or dump-guest-memory)");
	snprintf(f->actual, sizeof(f->actual),
		 "System RAM only; else create the namespace with ndctl create-namespace --map=mem");
}

void dxi_unreadable_dump(struct dxi_audit *a)
{
	const struct dxi_target_desc *d = &a->k->target->desc;
	struct dxi_finding *f;

	if (!dxi_audit_runs(a, &dxi_check_unreadable))
		return;
	if (d->truncated) {
		f = dxi_emit(a, &dxi_check_unreadable, DXI_SEV_ERROR);
		if (f)
			snprintf(f->message, sizeof(f->message),
				 "the dump file is truncated at %" PRIu64 " of %s%" PRIu64 " bytes: what lies past its end is not in the dump and was not checked; re-copy it to audit all of it",
				 d->file_size,
				 d->need_is_lower_bound ? "at least " : "",
				 d->file_need);
	}
	if (!a->entries_complete) {
		f = dxi_emit(a, &dxi_check_unreadable, DXI_SEV_WARNING);
		if (f)
			snprintf(f->message, sizeof(f->message),
				 "the walk of DAX inodes was incomplete (see the other findings), so leaked-ref, stale-mapping and share-mismatch, which need every entry, were not run");
	}
}

const struct dxi_check dxi_check_unreadable = {
	.id = "unreadable",
	.summary = "memory the dump does not contain (filtered, or memmap on the device)",
	.kernel_ref = "makedumpfile -d; mm/memremap.c pfn_first() (altmap)",
	.on_problem = unreadable_structure,
};
