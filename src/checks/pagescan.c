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

static void keep_page(struct dxi_audit *a, const struct dxi_page *p,
		      const struct dxi_page_view *v, size_t nrefs)
{
	struct dxi_page_record *r;

	if (a->npages == a->pages_cap) {
		size_t cap = a->pages_cap ? a->pages_cap * 2 : 256;
		void *n = realloc(a->pages, cap * sizeof(*r));

		if (!n) {
			a->oom = true;
			return;
		}
		a->pages = n;
		a->pages_cap = cap;
	}
	r = &a->pages[a->npages++];
	r->page = *p;
	r->view = *v;
	r->nrefs = (uint32_t)nrefs;
}

static void count_page(struct dxi_audit *a, const struct dxi_page_view *v)
{
	struct dxi_audit_stats *s = &a->stats;

	if (v->is_tail)
		s->pages_tail++;
	else if (v->assoc == DXI_ASSOC_SHARED)
		s->pages_shared++;
	else if (v->assoc != DXI_ASSOC_NONE)
		s->pages_associated++;
	else if (dxi_page_is_idle(v))
		s->pages_idle++;
	if (!v->is_tail && v->refcount > v->baseline)
		s->pages_busy++;
}

/* Counts a run of unreadable struct pages; the unreadable check reports it. */
static void unreadable_run(struct dxi_audit *a, uint64_t first, uint64_t last,
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

	a->stats.pages_scanned++;
	dxi_page_view(a->k, m->type, p, &v);
	dxi_audit_refs(a, p->pfn, &refs);
	if (v.assoc == DXI_ASSOC_MAPPING && m->type == DXI_MEMTYPE_FS_DAX &&
	    dxi_audit_inode_of(a, v.mapping) == UINT32_MAX &&
	    !dxi_u64map_set(&a->unknown_mappings, v.mapping, 1))
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

/* The pfns that entries reference, ascending and distinct, for the fast
 * path's "is this page referenced?" (a cursor, not a lookup per page). */
struct ref_pfns {
	uint64_t *pfn;
	size_t n, at;
};

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

static struct dxi_error *scan_range_in(struct dxi_audit *a,
				       const struct dxi_pgmap *m,
				       uint64_t first, uint64_t last,
				       uint64_t *done, uint64_t total,
				       struct dxi_page *pages, bool *same,
				       struct ref_pfns *rp, bool fast)
{
	size_t nchecks;
	const struct dxi_check *const *checks = dxi_audit_checks(a, &nchecks);
	uint64_t bad_first = UINT64_MAX;
	struct dxi_page_view quiet_view;
	bool quiet = false;	/* the previous page was idle and quiet */

	ref_pfns_seek(rp, first);
	for (uint64_t pfn = first; pfn <= last; pfn += DXI_PAGE_RUN) {
		unsigned n = last - pfn + 1 < DXI_PAGE_RUN ?
				     (unsigned)(last - pfn + 1) : DXI_PAGE_RUN;
		struct dxi_error *err = dxi_page_scan_run(a->k, pfn, n, pages,
							  same);

		if (err)
			return err;
		for (unsigned i = 0; i < n; i++) {
			const struct dxi_page *p = &pages[i];
			bool referenced = ref_pfns_has(rp, p->pfn);

			if (p->unreadable) {
				if (bad_first == UINT64_MAX)
					bad_first = p->pfn;
				quiet = false;
				continue;
			}
			if (bad_first != UINT64_MAX) {
				unreadable_run(a, bad_first, p->pfn - 1, m);
				bad_first = UINT64_MAX;
			}
			if (fast && quiet && same[i] && !referenced) {
				a->stats.pages_scanned++;
				count_page(a, &quiet_view);
				continue;
			}
			quiet = scan_page(a, m, p, checks, nchecks, &quiet_view) &&
				!referenced;
		}
		*done += n;
		if (a->interrupted && *a->interrupted)
			return dxi_error_new(DXI_ERR_INTERRUPTED,
					     "interrupted after %llu struct pages",
					     (unsigned long long)*done);
		if (a->progress)
			a->progress(a->progress_arg, *done, total);
	}
	if (bad_first != UINT64_MAX)
		unreadable_run(a, bad_first, last, m);
	return NULL;
}

/* Scans pfns first..last of m, DXI_PAGE_RUN at a time. */
static struct dxi_error *scan_range(struct dxi_audit *a,
				    const struct dxi_pgmap *m, uint64_t first,
				    uint64_t last, uint64_t *done, uint64_t total,
				    struct ref_pfns *rp, bool fast)
{
	struct dxi_page *pages = malloc(DXI_PAGE_RUN * sizeof(*pages));
	bool same[DXI_PAGE_RUN];
	struct dxi_error *err;

	if (!pages)
		return &dxi_error_nomem;
	err = scan_range_in(a, m, first, last, done, total, pages, same, rp,
			    fast);
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
	bool fast = fast_path_ok(a);

	for (size_t i = 0; i < a->pgmaps.n; i++) {
		const struct dxi_pgmap *m = &a->pgmaps.maps[i];

		if (m->type != DXI_MEMTYPE_FS_DAX && m->type != DXI_MEMTYPE_GENERIC)
			continue;
		for (uint32_t r = 0; r < m->nranges; r++)
			total += m->ranges[r].last - m->ranges[r].first + 1;
	}
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
			err = scan_range(a, m, first, m->ranges[r].last, &done,
					 total, &rp, fast);
		}
		if (!err && a->device_run.count)
			dxi_unreadable_device(a, m, &a->device_run);
	}
	free(rp.pfn);
	return err;
}

