/* SPDX-License-Identifier: MIT */
/*
 * Who holds a page: for each busy-page and leaked-ref finding, the user
 * mappings of its page (kern/rmap.h) and its refcount split into the
 * idle count, the mappings' references, FOLL_PIN pins and what is left
 * unexplained (docs/kernel-facts.md#pins). The rmap walk runs once per
 * audit, after the page scan and only when there are such findings, so
 * the scan's fast path is untouched (docs/design.md#holders).
 */
#ifndef DXI_CHECKS_HOLDERS_H
#define DXI_CHECKS_HOLDERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../kern/rmap.h"
#include "audit.h"

/* refcount = idle + mapped + pin_refs + unexplained. */
struct dxi_refsplit {
	int64_t refcount;	/* the folio's */
	int64_t idle;		/* the era's count of an unused page */
	int64_t mapped;		/* references the mappings hold */
	int64_t mapcount;	/* the folio's mapcount */
	bool maps_take_refs;	/* 6.15+: each mapping holds one reference */
	int64_t mappings;	/* user mappings found over the folio; -1 unknown */
	int64_t pins;		/* FOLL_PIN pins */
	int64_t pin_refs;	/* the references they hold */
	bool large;		/* a large folio: pins are folio->_pincount */
	bool pincount_unknown;	/* large, but _pincount could not be read */
	int64_t unexplained;
};

/* One user mapping of a finding's page. */
struct dxi_holder {
	struct dxi_umap map;	/* the leaf (vaddr/pfn of its first page) */
	uint64_t vaddr;		/* where the finding's page (or the first
				 * page of its folio the leaf covers) is */
	uint64_t pfn;		/* that page */
	uint64_t pgoff;		/* its file page offset */
};

/* The holders of one finding (the first page of a run). */
struct dxi_holder_set {
	size_t finding;		/* index into a->findings */
	size_t first, n;	/* into holders.rows */
	struct dxi_refsplit split;
};

struct dxi_holders {
	bool walked;		/* the rmap walk ran */
	char why[320];		/* why it could not (when !walked) */
	size_t problems;	/* the walk's problems: some tables unread */
	struct dxi_holder *rows;
	size_t nrows;
	struct dxi_holder_set *sets;
	size_t nsets;
};

/* True for the checks whose findings name their holders. */
bool dxi_holders_wanted(const struct dxi_finding *f);
/* Fills a->holders for every wanted finding (after sorting and folding);
 * walks the rmap only if there is one. Fails only for lack of memory. */
struct dxi_error *dxi_holders_collect(struct dxi_audit *a);
void dxi_holders_free(struct dxi_holders *h);
/* Why the rmap could not be walked, from the walk's error message, with
 * no file path in it (a type profile's path differs between copies). */
void dxi_holders_why(const char *msg, char *buf, size_t n);
/* The holders of finding f of a, or NULL. */
const struct dxi_holder_set *dxi_holders_of(const struct dxi_audit *a,
					    const struct dxi_finding *f);

/* The split of page p (a head or order-0 page) viewed as v; mappings is
 * the number of user mappings found over its folio, -1 if unknown. */
void dxi_refsplit_compute(struct dxi_kernel *k, const struct dxi_page *p,
			  const struct dxi_page_view *v, int64_t mappings,
			  struct dxi_refsplit *out);
/* The rows of an rmap by first pfn, so that a finding's rows are found
 * without a scan of every row (dxi_holders_find()); free ix->order. */
struct dxi_pfn_index {
	const struct dxi_rmap *r;
	size_t *order;
	uint64_t maxpages;	/* the largest leaf */
};
bool dxi_rmap_pfn_index(const struct dxi_rmap *r, struct dxi_pfn_index *ix);
/* The rows of r over p's folio, appended to *rows (growing *cap) in the
 * rmap's (pid, mm, vaddr) order, each at pfn want when it maps it, else
 * at the first page of the folio it maps; through ix when given, else by
 * a scan of r. Returns how many, SIZE_MAX out of memory. */
size_t dxi_holders_find(const struct dxi_rmap *r, const struct dxi_pfn_index *ix,
			const struct dxi_page *p, uint64_t want,
			struct dxi_holder **rows, size_t *nrows, size_t *cap);

/* One page's holders outside the findings (`page`): for a tail, those of
 * its folio, from the head. r is NULL when the rmap could not be walked. */
struct dxi_page_holders {
	struct dxi_page head;	/* the page, or its folio's head */
	struct dxi_holder *rows;
	size_t n, cap;
	bool walked;
	struct dxi_refsplit split;
};
struct dxi_error *dxi_page_holders(struct dxi_audit *a, const struct dxi_rmap *r,
				   const struct dxi_page *p,
				   struct dxi_page_holders *out);
void dxi_page_holders_free(struct dxi_page_holders *ph);

#endif
