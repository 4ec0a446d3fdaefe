/* SPDX-License-Identifier: MIT */
/*
 * The page scan's parts shared by pagescan.c (one thread) and
 * pagejobs.c (-j N threads): docs/design.md#page-scan.
 */
#ifndef DXI_CHECKS_PAGESCAN_H
#define DXI_CHECKS_PAGESCAN_H

#include "audit.h"

/* The pfns that entries reference, ascending and distinct, for the fast
 * path's "is this page referenced?" (a cursor, not a lookup per page). */
struct ref_pfns {
	uint64_t *pfn;
	size_t n, at;
};

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

/* Is pfn referenced? Any order (a binary search, for the -j split). */
bool dxi_ref_pfns_find(const struct ref_pfns *rp, uint64_t pfn);
/* Counts a run of unreadable struct pages; the unreadable check reports it. */
void dxi_unreadable_run(struct dxi_audit *a, uint64_t first, uint64_t last,
			const struct dxi_pgmap *m);
/* Scans pfns first..last of m, DXI_PAGE_RUN at a time; ed: a part of a
 * range (-j), its edge runs left to the merge. */
struct dxi_error *dxi_scan_range(struct dxi_audit *a, const struct dxi_pgmap *m,
				 uint64_t first, uint64_t last,
				 const struct scan_progress *pr,
				 struct ref_pfns *rp, bool fast, struct edges *ed);
/* Scans first..last of m with up to a->jobs threads (pagejobs.c). */
struct dxi_error *dxi_scan_range_jobs(struct dxi_audit *a,
				      const struct dxi_pgmap *m,
				      uint64_t first, uint64_t last,
				      const struct scan_progress *pr,
				      struct ref_pfns *rp, bool fast);
/* Threads need checks that keep no state of their own between pages
 * (the built-in ones; a plugin's may) and no read log (trim). */
bool dxi_scan_jobs_ok(const struct dxi_audit *a);

#endif
