// SPDX-License-Identifier: MIT
/* The page scan's threads (-j N): a range cut into parts, each scanned
 * by its own thread, merged in pfn order (see struct part below). */
#include "audit.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "pagescan.h"
#include "../util/vec.h"

static bool append_findings(struct dxi_audit *a, const struct dxi_finding *f,
			    size_t n)
{
	if (!DXI_GROW(a->findings, a->findings_cap, a->nfindings + n, 64))
		return false;
	if (n)
		memcpy(&a->findings[a->nfindings], f, n * sizeof(*f));
	a->nfindings += n;
	return true;
}

static bool append_pages(struct dxi_audit *a, const struct dxi_page_record *r,
			 size_t n)
{
	if (!DXI_GROW(a->pages, a->pages_cap, a->npages + n, 256))
		return false;
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

	p->err = dxi_scan_range(&p->a, p->m, p->first, p->last, &p->pr, &p->rp,
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
	memset(&p->t.win, 0, sizeof(p->t.win));	/* its own read-ahead */
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
	dxi_target_peek_end(&p->t);
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

		while (b <= last && dxi_ref_pfns_find(rp, b - 1) &&
		       dxi_ref_pfns_find(rp, b))
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
				dxi_unreadable_run(a, carry.first, carry.last, m);
				carry.set = false;
			}
		} else if (carry.set) {
			dxi_unreadable_run(a, carry.first, carry.last, m);
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
		dxi_unreadable_run(a, carry.first, carry.last, m);
	return NULL;
}

/* Scans first..last of m with up to a->jobs threads (see struct part). */
struct dxi_error *dxi_scan_range_jobs(struct dxi_audit *a,
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
		return dxi_scan_range(a, m, first, last, pr, rp, fast, NULL);
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

/* Threads need checks that keep no state of their own between pages
 * (the built-in ones; a plugin's may) and no read log (trim). */
bool dxi_scan_jobs_ok(const struct dxi_audit *a)
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

