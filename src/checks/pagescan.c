// SPDX-License-Identifier: MIT
/*
 * The page scan: every struct page of every FS_DAX/GENERIC pgmap, read
 * DXI_PAGE_RUN at a time, viewed under the era's rules, counted, kept
 * when it is not idle, and given to each check's on_page
 * (docs/design.md#data-flow). Runs of unreadable struct pages go to the
 * unreadable check.
 *
 * The fast path: a page whose struct page bytes equal the previous
 * page's (dxi_page_scan_run() says so), when the previous page was idle,
 * unreferenced and quiet (no finding, not kept), and no entry references
 * this one either, is only counted: the built-in checks say nothing of
 * such a page, whatever its pfn. It is off when a plugin's check runs (a
 * plugin may want every page) and with --all-pages (every page is kept).
 * docs/design.md#page-scan.
 */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "pagescan.h"
#include "../util/vec.h"

static void keep_page(struct dxi_audit *a, const struct dxi_page *p,
		      const struct dxi_page_view *v, size_t nrefs)
{
	struct dxi_page_record *r;

	if (!DXI_GROW(a->pages, a->pages_cap, a->npages + 1, 256)) {
		a->oom = true;
		return;
	}
	r = &a->pages[a->npages++];
	r->page = *p;
	r->view = *v;
	r->nrefs = (uint32_t)nrefs;
}

/* Counts k pages whose view is v. */
static void count_pages(struct dxi_audit *a, const struct dxi_page_view *v,
			uint64_t k)
{
	struct dxi_audit_stats *s = &a->stats;

	if (v->is_tail)
		s->pages_tail += k;
	else if (v->assoc == DXI_ASSOC_SHARED)
		s->pages_shared += k;
	else if (v->assoc != DXI_ASSOC_NONE)
		s->pages_associated += k;
	else if (dxi_page_is_idle(v))
		s->pages_idle += k;
	if (!v->is_tail && v->refcount > v->baseline)
		s->pages_busy += k;
}

static void count_page(struct dxi_audit *a, const struct dxi_page_view *v)
{
	count_pages(a, v, 1);
}

/* The fast path's pages, counted as a streak: *n pages like the quiet
 * page before them (view v). */
static void count_quiet(struct dxi_audit *a, const struct dxi_page_view *v,
			uint64_t *n)
{
	if (!*n)
		return;
	a->stats.pages_scanned += *n;
	count_pages(a, v, *n);
	*n = 0;
}

/* Counts a run of unreadable struct pages; the unreadable check reports it. */
void dxi_unreadable_run(struct dxi_audit *a, uint64_t first, uint64_t last,
			const struct dxi_pgmap *m)
{
	a->stats.pages_unreadable += last - first + 1;
	if (!m->altmap) {
		dxi_unreadable_pages(a, first, last, m);
		return;
	}
	/* Memmap on the device: said once for the pgmap, after its scan. */
	a->stats.pages_unreadable_device += last - first + 1;
	if (!a->device_run.count)
		a->device_run.first = first;
	a->device_run.last = last;
	a->device_run.count += last - first + 1;
}

/* One readable struct page: its view, its refs, the counts, the checks.
 * True when the page was idle, unreferenced and quiet (*v is its view). */
static bool scan_page(struct dxi_audit *a, const struct dxi_pgmap *m,
		      const struct dxi_page *p,
		      const struct dxi_check *const *checks, size_t nchecks,
		      struct dxi_page_view *out)
{
	struct dxi_page_view v;
	struct dxi_refs refs;
	size_t findings = a->nfindings;
	bool kept = false;
	uint64_t seen;

	a->stats.pages_scanned++;
	dxi_page_view(a->k, m->type, p, &v);
	dxi_audit_refs(a, p->pfn, &refs);
	/* The value is the order of first sight: a -j merge keeps it. */
	if (v.assoc == DXI_ASSOC_MAPPING && m->type == DXI_MEMTYPE_FS_DAX &&
	    dxi_audit_inode_of(a, v.mapping) == UINT32_MAX &&
	    !dxi_u64map_get(&a->unknown_mappings, v.mapping, &seen) &&
	    !dxi_u64map_set(&a->unknown_mappings, v.mapping,
			    a->unknown_mappings.len))
		a->oom = true;
	count_page(a, &v);
	if (a->all_pages || !dxi_page_is_idle(&v) || refs.n) {
		keep_page(a, p, &v, refs.n);
		kept = true;
	}
	for (size_t c = 0; c < nchecks; c++) {
		if (checks[c]->on_page)
			checks[c]->on_page(a, p, &v, &refs);
	}
	*out = v;
	return !kept && !v.is_tail && a->nfindings == findings;
}


static int u64_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

static bool ref_pfns_make(const struct dxi_audit *a, struct ref_pfns *rp)
{
	size_t n = 0;

	memset(rp, 0, sizeof(*rp));
	if (!a->nrefs)
		return true;
	rp->pfn = malloc(a->nrefs * sizeof(*rp->pfn));
	if (!rp->pfn)
		return false;
	for (size_t i = 0; i < a->nrefs; i++)
		rp->pfn[i] = dxi_ref_entry(a, &a->refs[i])->pfn + a->refs[i].offset;
	qsort(rp->pfn, a->nrefs, sizeof(*rp->pfn), u64_cmp);
	for (size_t i = 0; i < a->nrefs; i++) {
		if (!n || rp->pfn[n - 1] != rp->pfn[i])
			rp->pfn[n++] = rp->pfn[i];
	}
	rp->n = n;
	return true;
}

/* Puts the cursor at the first referenced pfn >= pfn (a range's start). */
static void ref_pfns_seek(struct ref_pfns *rp, uint64_t pfn)
{
	size_t lo = 0, hi = rp->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rp->pfn[mid] < pfn)
			lo = mid + 1;
		else
			hi = mid;
	}
	rp->at = lo;
}

/* Is pfn referenced? pfns must be asked in ascending order. */
static bool ref_pfns_has(struct ref_pfns *rp, uint64_t pfn)
{
	while (rp->at < rp->n && rp->pfn[rp->at] < pfn)
		rp->at++;
	return rp->at < rp->n && rp->pfn[rp->at] == pfn;
}

bool dxi_ref_pfns_find(const struct ref_pfns *rp, uint64_t pfn)
{
	size_t lo = 0, hi = rp->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rp->pfn[mid] < pfn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < rp->n && rp->pfn[lo] == pfn;
}



/* An unreadable run ends: counted and reported, or, at a part's edge,
 * left to the merge (ed not NULL). */
static void unreadable_end(struct dxi_audit *a, uint64_t first, uint64_t last,
			   uint64_t part_first, uint64_t part_last,
			   const struct dxi_pgmap *m, struct edges *ed)
{
	if (ed && first == part_first)
		ed->head = (struct edge){ first, last, true };
	else if (ed && last == part_last)
		ed->tail = (struct edge){ first, last, true };
	else
		dxi_unreadable_run(a, first, last, m);
}

static struct dxi_error *scan_range_in(struct dxi_audit *a,
				       const struct dxi_pgmap *m,
				       uint64_t first, uint64_t last,
				       const struct scan_progress *pr,
				       struct dxi_page *pages, bool *same,
				       struct ref_pfns *rp, bool fast,
				       struct edges *ed)
{
	size_t nchecks;
	const struct dxi_check *const *checks = dxi_audit_checks(a, &nchecks);
	uint64_t bad_first = UINT64_MAX, nquiet = 0;
	struct dxi_page_view quiet_view;
	bool quiet = false;	/* the previous page was idle and quiet */

	ref_pfns_seek(rp, first);
	for (uint64_t pfn = first; pfn <= last; pfn += DXI_PAGE_RUN) {
		unsigned n = last - pfn + 1 < DXI_PAGE_RUN ?
				     (unsigned)(last - pfn + 1) : DXI_PAGE_RUN;
		struct dxi_error *err = dxi_page_scan_run(a->k, pfn, n, pages,
							  same);
		uint64_t done;
		unsigned written = 0;	/* the last page of pages[] written */

		if (err)
			return err;
		for (unsigned i = 0; i < n; i++) {
			const struct dxi_page *p = &pages[i];
			bool referenced = ref_pfns_has(rp, pfn + i);

			if (same[i]) {
				if (fast && quiet && !referenced) {
					nquiet++;
					continue;
				}
				dxi_page_same(pages, written, i);
			}
			written = i;
			if (p->unreadable) {
				if (bad_first == UINT64_MAX)
					bad_first = p->pfn;
				count_quiet(a, &quiet_view, &nquiet);
				quiet = false;
				continue;
			}
			if (bad_first != UINT64_MAX) {
				unreadable_end(a, bad_first, p->pfn - 1, first,
					       last, m, ed);
				bad_first = UINT64_MAX;
			}
			count_quiet(a, &quiet_view, &nquiet);
			quiet = scan_page(a, m, p, checks, nchecks, &quiet_view) &&
				!referenced;
		}
		count_quiet(a, &quiet_view, &nquiet);
		done = __atomic_add_fetch(pr->done, n, __ATOMIC_RELAXED);
		if (a->interrupted && *a->interrupted)
			return dxi_error_new(DXI_ERR_INTERRUPTED,
					     "interrupted after %llu struct pages",
					     (unsigned long long)done);
		if (pr->report && a->progress)
			a->progress(a->progress_arg, done, pr->total);
	}
	if (bad_first != UINT64_MAX)
		unreadable_end(a, bad_first, last, first, last, m, ed);
	return NULL;
}

struct dxi_error *dxi_scan_range(struct dxi_audit *a, const struct dxi_pgmap *m,
				 uint64_t first, uint64_t last,
				 const struct scan_progress *pr,
				 struct ref_pfns *rp, bool fast, struct edges *ed)
{
	struct dxi_page *pages = malloc(DXI_PAGE_RUN * sizeof(*pages));
	bool same[DXI_PAGE_RUN];
	struct dxi_error *err;

	if (!pages)
		return &dxi_error_nomem;
	err = scan_range_in(a, m, first, last, pr, pages, same, rp, fast, ed);
	free(pages);
	return err;
}

/* The fast path needs every check to be one whose silence on an idle,
 * unreferenced page is known: the built-in ones. */
static bool fast_path_ok(const struct dxi_audit *a)
{
	size_t n;
	const struct dxi_check *const *checks = dxi_audit_checks(a, &n);

	if (a->all_pages)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!dxi_check_is_builtin(checks[i]))
			return false;
	}
	return true;
}

struct dxi_error *dxi_audit_scan_pages(struct dxi_audit *a)
{
	uint64_t total = 0, done = 0;
	struct dxi_error *err = NULL;
	struct ref_pfns rp;
	bool fast = fast_path_ok(a), jobs = dxi_scan_jobs_ok(a);
	struct scan_progress pr = { &done, 0, true };

	for (size_t i = 0; i < a->pgmaps.n; i++) {
		const struct dxi_pgmap *m = &a->pgmaps.maps[i];

		if (m->type != DXI_MEMTYPE_FS_DAX && m->type != DXI_MEMTYPE_GENERIC)
			continue;
		for (uint32_t r = 0; r < m->nranges; r++)
			total += m->ranges[r].last - m->ranges[r].first + 1;
	}
	pr.total = total;
	if (!ref_pfns_make(a, &rp))
		return &dxi_error_nomem;
	for (size_t i = 0; i < a->pgmaps.n && !err; i++) {
		const struct dxi_pgmap *m = &a->pgmaps.maps[i];

		if (m->type != DXI_MEMTYPE_FS_DAX && m->type != DXI_MEMTYPE_GENERIC)
			continue;
		memset(&a->device_run, 0, sizeof(a->device_run));
		for (uint32_t r = 0; r < m->nranges && !err; r++) {
			uint64_t first = dxi_pgmap_first_data_pfn(m, r);

			if (first > m->ranges[r].last)
				continue;
			if (jobs)
				err = dxi_scan_range_jobs(a, m, first,
							  m->ranges[r].last,
							  &pr, &rp, fast);
			else
				err = dxi_scan_range(a, m, first,
						     m->ranges[r].last, &pr,
						     &rp, fast, NULL);
		}
		if (!err && a->device_run.count)
			dxi_unreadable_device(a, m, &a->device_run);
	}
	free(rp.pfn);
	dxi_target_peek_end(a->k->target);
	return err;
}
