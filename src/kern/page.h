/* SPDX-License-Identifier: MIT */
/*
 * struct page / folio decoding, in bulk runs: one read per run of struct
 * pages (DXI_PAGE_RUN at a time), decoded from the buffer.
 *
 * The decoded page carries the raw words (for evidence) and the folio
 * view the checks need: for a tail of a large folio (6.15+ PMD DAX
 * folios), mapping/index/share/refcount/mapcount live on the head, so
 * the folio fields are filled from the head page.
 */
#ifndef DXI_KERN_PAGE_H
#define DXI_KERN_PAGE_H

#include <daxinspect/model.h>

#include <stdbool.h>
#include <stdint.h>

#include "kernel.h"

/* Pages decoded per read; a run that cannot be read is retried in runs
 * of DXI_PAGE_RUN_MIN (one 4 KiB page of 64-byte struct pages), so a
 * filtered dump loses no more than that to one missing page. */
#define DXI_PAGE_RUN 512
#define DXI_PAGE_RUN_MIN 64
/* include/linux/poison.h TAIL_MAPPING, POISON_POINTER_DELTA on x86-64
 * (docs/kernel-facts.md#tail-mapping). */
#define DXI_TAIL_MAPPING 0xdead000000000400ULL



/* Address of the struct page of pfn. */
uint64_t dxi_page_addr(const struct dxi_kernel *k, uint64_t pfn);

/*
 * Decodes n (<= DXI_PAGE_RUN) consecutive pages from pfn in one read. An
 * unreadable run marks its pages unreadable, DXI_PAGE_RUN_MIN at a time
 * (and returns no error).
 * Heads and tails whose partner lies outside the run are completed with
 * one extra read each.
 */
struct dxi_error *dxi_page_decode_run(struct dxi_kernel *k, uint64_t pfn,
				      unsigned n, struct dxi_page *out);
/*
 * The same, for the page scan: same[i] is set when page i's struct page
 * bytes equal page i-1's and both are order-0 (neither head nor tail).
 * Such an out[i] is not written: it is the last out[j] (j < i) whose
 * same[j] is false, with pfn and head_pfn pfn + i (dxi_page_same()).
 * Most of a pmem device is idle pages whose struct pages are
 * byte-identical; the scan decides about such a page without looking at
 * it again, or copying it (docs/design.md#page-scan).
 */
struct dxi_error *dxi_page_scan_run(struct dxi_kernel *k, uint64_t pfn,
				    unsigned n, struct dxi_page *out,
				    bool *same);
/* Writes out[i] of a same page from out[last], the page it repeats. */
static inline void dxi_page_same(struct dxi_page *out, unsigned last,
				 unsigned i)
{
	uint64_t pfn = out[last].pfn + (i - last);

	out[i] = out[last];
	out[i].pfn = out[i].head_pfn = pfn;
}
/* True for a read error that leaves struct pages unknown but the audit
 * going: not in the dump, damaged in it, or not mapped in the vmemmap. */
bool dxi_page_gap(const struct dxi_error *err);
/* One page (for `daxinspect page PFN`). */
struct dxi_error *dxi_page_decode(struct dxi_kernel *k, uint64_t pfn,
				  struct dxi_page *out);

#endif
