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

#include <pthread.h>
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

/* Is pfn referenced? Any order (a binary search, for the -j split). */
static bool ref_pfns_find(const struct ref_pfns *rp, uint64_t pfn)
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

/* How many struct pages are done, shared by the threads of -j (added
 * atomically); only one of them calls a->progress. */
struct scan_progress {
	uint64_t *done;
	uint64_t total;
	bool report;
};

/* A run of unreadable struct pages at the edge of a part of a range,
 * left to the merge, which joins it with its neighbour's (-j). */
struct edge {
	uint64_t first, last;
	bool set;
};

struct edges {
	struct edge head, tail;	/* head.last == the part's last: all of it */
};

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
		unreadable_run(a, first, last, m);
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

/* Scans pfns first..last of m, DXI_PAGE_RUN at a time; ed: a part of a
 * range (-j), its edge runs left to the merge. */
static struct dxi_error *scan_range(struct dxi_audit *a,
				    const struct dxi_pgmap *m, uint64_t first,
				    uint64_t last, const struct scan_progress *pr,
				    struct ref_pfns *rp, bool fast,
				    struct edges *ed)
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

static bool append_findings(struct dxi_audit *a, const struct dxi_finding *f,
			    size_t n)
{
	if (a->nfindings + n > a->findings_cap) {
		size_t cap = a->findings_cap ? a->findings_cap : 64;
		void *p;

		while (cap < a->nfindings + n)
			cap *= 2;
		p = realloc(a->findings, cap * sizeof(*f));
		if (!p)
			return false;
		a->findings = p;
		a->findings_cap = cap;
	}
	if (n)
		memcpy(&a->findings[a->nfindings], f, n * sizeof(*f));
	a->nfindings += n;
	return true;
}

static bool append_pages(struct dxi_audit *a, const struct dxi_page_record *r,
			 size_t n)
{
	if (a->npages + n > a->pages_cap) {
		size_t cap = a->pages_cap ? a->pages_cap : 256;
		void *p;

		while (cap < a->npages + n)
			cap *= 2;
		p = realloc(a->pages, cap * sizeof(*r));
		if (!p)
			return false;
		a->pages = p;
		a->pages_cap = cap;
	}
	if (n)
		memcpy(&a->pages[a->npages], r, n * sizeof(*r));
	a->npages += n;
	return true;
}

/*
 * -j N: a range is cut into up to N parts, each scanned by its own thread
 * into its own audit (the main one's inputs, empty results) through its
 * own copies of the kernel and target (the target's one-entry TLB is
 * per thread; backends are safe to read from threads: kdump.c locks
 * libkdumpfile). The parts are merged in pfn order, so the findings, kept
 * pages and unknown mappings come out as one thread makes them.
 *
 * Each part starts where a run of the one-thread scan starts (a multiple
 * of DXI_PAGE_RUN from the range's first pfn), so every read, and every
 * unreadable page, is the same. What a page's checks read of the pages
 * before it is the last finding (check_mapping.c check_folio_shape()):
 * a part therefore never starts at a pfn whose predecessor is referenced
 * too, its audit starts with the main audit's last finding, and no part
 * but the first holds the pfn after that finding. Unreadable runs at
 * the parts' edges are joined by the merge.
 * docs/design.md#page-scan.
 */
struct part {
	struct dxi_audit a;
	struct dxi_kernel k;
	struct dxi_target t;
	const struct dxi_pgmap *m;
	uint64_t first, last;
	struct ref_pfns rp;	/* the shared pfns, its own cursor */
	bool fast;
	size_t seeded;		/* 1: a.findings[0] is the main's last */
	struct scan_progress pr;
	struct edges ed;
	struct dxi_error *err;
};

static void *part_run(void *arg)
{
	struct part *p = arg;

	p->err = scan_range(&p->a, p->m, p->first, p->last, &p->pr, &p->rp,
			    p->fast, &p->ed);
	return NULL;
}

static bool part_init(struct part *p, const struct dxi_audit *a,
		      const struct dxi_pgmap *m, uint64_t first, uint64_t last,
		      const struct ref_pfns *rp, bool fast,
		      const struct scan_progress *pr, bool report)
{
	memset(p, 0, sizeof(*p));
	p->a = *a;
	p->k = *a->k;
	p->t = *a->k->target;
	p->t.tlb.size = 0;
	p->t.read_log = NULL;	/* -j is off when it is set */
	p->k.target = &p->t;
	p->a.k = &p->k;
	p->a.findings = NULL;
	p->a.nfindings = p->a.findings_cap = 0;
	p->a.pages = NULL;
	p->a.npages = p->a.pages_cap = 0;
	memset(&p->a.stats, 0, sizeof(p->a.stats));
	memset(&p->a.unknown_mappings, 0, sizeof(p->a.unknown_mappings));
	memset(&p->a.device_run, 0, sizeof(p->a.device_run));
	p->a.oom = false;
	p->m = m;
	p->first = first;
	p->last = last;
	p->rp = *rp;
	p->fast = fast;
	p->pr = *pr;
	p->pr.report = report;
	if (a->nfindings) {
		if (!append_findings(&p->a, &a->findings[a->nfindings - 1], 1))
			return false;
		p->seeded = 1;
	}
	return true;
}

static void part_free(struct part *p)
{
	free(p->a.findings);
	free(p->a.pages);
	dxi_u64map_free(&p->a.unknown_mappings);
	dxi_error_free(p->err);
}

/* Where the parts of first..last start: start[0] = first, start[n] =
 * last + 1; returns n (1: no split). */
static unsigned split_range(const struct dxi_audit *a,
			    const struct ref_pfns *rp, uint64_t first,
			    uint64_t last, unsigned jobs, uint64_t *start)
{
	uint64_t runs = (last - first) / DXI_PAGE_RUN + 1;
	const struct dxi_finding *l0 = a->nfindings ?
					       &a->findings[a->nfindings - 1] :
					       NULL;
	unsigned n = 1;

	if (jobs > runs)
		jobs = (unsigned)runs;
	start[0] = first;
	for (unsigned i = 1; i < jobs; i++) {
		uint64_t b = first + (runs * i / jobs) * DXI_PAGE_RUN;

		while (b <= last && ref_pfns_find(rp, b - 1) &&
		       ref_pfns_find(rp, b))
			b += DXI_PAGE_RUN;
		if (b > last || b <= start[n - 1])
			continue;
		start[n++] = b;
	}
	start[n] = last + 1;
	/* No part but the first holds the pfn after the last finding. */
	if (l0 && l0->has_entry) {
		for (unsigned i = 1; i < n; i++) {
			if (l0->pfn + 1 >= start[i] && l0->pfn + 1 < start[i + 1]) {
				memmove(&start[i], &start[i + 1],
					(n - i) * sizeof(*start));
				n--;
				break;
			}
		}
	}
	return n;
}

static void add_stats(struct dxi_audit_stats *s, const struct dxi_audit_stats *t)
{
	s->pages_scanned += t->pages_scanned;
	s->pages_unreadable += t->pages_unreadable;
	s->pages_idle += t->pages_idle;
	s->pages_unreadable_device += t->pages_unreadable_device;
	s->pages_associated += t->pages_associated;
	s->pages_shared += t->pages_shared;
	s->pages_busy += t->pages_busy;
	s->pages_tail += t->pages_tail;
}

/* The part's unknown mappings, in the order it first saw them, added to
 * the main audit's where they are new. */
static bool merge_mappings(struct dxi_audit *a, const struct dxi_u64map *m)
{
	uint64_t *order, seen;
	bool ok = true;

	if (!m->len)
		return true;
	order = malloc(m->len * sizeof(*order));
	if (!order)
		return false;
	for (size_t i = 0; i < m->cap; i++) {
		if (m->keys[i] != UINT64_MAX)
			order[m->values[i]] = m->keys[i];
	}
	for (size_t i = 0; i < m->len && ok; i++) {
		if (!dxi_u64map_get(&a->unknown_mappings, order[i], &seen))
			ok = dxi_u64map_set(&a->unknown_mappings, order[i],
					    a->unknown_mappings.len);
	}
	free(order);
	return ok;
}

static void merge_device_run(struct dxi_audit *a, const struct dxi_device_run *r)
{
	if (!r->count)
		return;
	if (!a->device_run.count)
		a->device_run.first = r->first;
	a->device_run.last = r->last;
	a->device_run.count += r->count;
}

/* Merges the parts, in order, into a; the first part's error, if any. */
static struct dxi_error *merge_parts(struct dxi_audit *a,
				     const struct dxi_pgmap *m,
				     struct part *parts, unsigned n)
{
	struct edge carry = { 0 };

	for (unsigned i = 0; i < n; i++) {
		if (parts[i].err) {
			struct dxi_error *err = parts[i].err;

			parts[i].err = NULL;
			return err;
		}
	}
	for (unsigned i = 0; i < n; i++) {
		struct part *p = &parts[i];

		/* A run at the part's start continues the one before it,
		 * and is reported before the part's findings. */
		if (p->ed.head.set) {
			if (carry.set)
				carry.last = p->ed.head.last;
			else
				carry = p->ed.head;
			if (p->ed.head.last != p->last) {
				unreadable_run(a, carry.first, carry.last, m);
				carry.set = false;
			}
		} else if (carry.set) {
			unreadable_run(a, carry.first, carry.last, m);
			carry.set = false;
		}
		if (!append_findings(a, p->a.findings + p->seeded,
				     p->a.nfindings - p->seeded) ||
		    !append_pages(a, p->a.pages, p->a.npages) ||
		    !merge_mappings(a, &p->a.unknown_mappings))
			a->oom = true;
		add_stats(&a->stats, &p->a.stats);
		merge_device_run(a, &p->a.device_run);
		a->oom |= p->a.oom;
		if (p->ed.tail.set)
			carry = p->ed.tail;
	}
	if (carry.set)
		unreadable_run(a, carry.first, carry.last, m);
	return NULL;
}

/* Scans first..last of m with up to a->jobs threads (see struct part). */
static struct dxi_error *scan_range_jobs(struct dxi_audit *a,
					 const struct dxi_pgmap *m,
					 uint64_t first, uint64_t last,
					 const struct scan_progress *pr,
					 struct ref_pfns *rp, bool fast)
{
	uint64_t start[DXI_JOBS_MAX + 1];
	unsigned jobs = a->jobs > DXI_JOBS_MAX ? DXI_JOBS_MAX : a->jobs;
	unsigned n = jobs > 1 ? split_range(a, rp, first, last, jobs, start) : 1;
	pthread_t tid[DXI_JOBS_MAX];
	bool started[DXI_JOBS_MAX] = { false };
	struct dxi_error *err = NULL;
	struct part *parts;
	unsigned ready = 0;

	if (n < 2)
		return scan_range(a, m, first, last, pr, rp, fast, NULL);
	parts = calloc(n, sizeof(*parts));
	if (!parts)
		return &dxi_error_nomem;
	for (; ready < n; ready++) {
		if (!part_init(&parts[ready], a, m, start[ready],
			       start[ready + 1] - 1, rp, fast, pr, ready == 0))
			break;
	}
	if (ready < n) {
		err = &dxi_error_nomem;
		goto out;
	}
	/* Part 0 runs here; a thread that cannot start runs here too. */
	for (unsigned i = 1; i < n; i++)
		started[i] = !pthread_create(&tid[i], NULL, part_run, &parts[i]);
	part_run(&parts[0]);
	for (unsigned i = 1; i < n; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			part_run(&parts[i]);
	}
	err = merge_parts(a, m, parts, n);
out:
	for (unsigned i = 0; i < ready; i++)
		part_free(&parts[i]);
	free(parts);
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

/* Threads need checks that keep no state of their own between pages
 * (the built-in ones; a plugin's may) and no read log (trim). */
static bool jobs_ok(const struct dxi_audit *a)
{
	size_t n;
	const struct dxi_check *const *checks = dxi_audit_checks(a, &n);

	if (a->jobs < 2 || a->k->target->read_log)
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
	bool fast = fast_path_ok(a), jobs = jobs_ok(a);
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
				err = scan_range_jobs(a, m, first,
						      m->ranges[r].last, &pr,
						      &rp, fast);
			else
				err = scan_range(a, m, first, m->ranges[r].last,
						 &pr, &rp, fast, NULL);
		}
		if (!err && a->device_run.count)
			dxi_unreadable_device(a, m, &a->device_run);
	}
	free(rp.pfn);
	return err;
}
