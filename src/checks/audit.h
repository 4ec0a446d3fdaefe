/* SPDX-License-Identifier: MIT */
/*
 * The DAX audit: both sides of the kernel's DAX state -- every DAX inode's
 * xarray entries and every FS_DAX/GENERIC pgmap page -- cross-referenced,
 * with each check (a descriptor in checks.c) emitting findings.
 *
 * Pages are scanned in runs and never kept, except the non-idle ones
 * (for `check --json`'s page list): memory follows entries and findings,
 * not pmem size. See docs/design.md#data-flow and #check-model.
 */
#ifndef DXI_CHECKS_AUDIT_H
#define DXI_CHECKS_AUDIT_H

#include <daxinspect/model.h>
#include <daxinspect/plugin.h>

#include <stdbool.h>
#include <signal.h>
#include <stdint.h>

#include "../kern/dax.h"
#include "../kern/kernel.h"
#include "../kern/page.h"
#include "../kern/pgmap.h"
#include "../kern/rmap.h"
#include "../kern/rules.h"
#include "../kern/waiters.h"
#include "../util/u64map.h"
#include "filtering.h"



struct dxi_known_bug;
struct dxi_holders;

/* The most threads -j gives the page scan. */
#define DXI_JOBS_MAX 64





struct dxi_audit_stats {
	uint64_t entries_by_kind[4];	/* enum dxi_entry_kind */
	uint64_t entries_pmd, entries_locked;
	uint64_t pages_scanned, pages_unreadable, pages_idle;
	uint64_t pages_unreadable_device; /* of pgmaps with the memmap on the device */
	uint64_t pages_associated, pages_shared, pages_busy, pages_tail;
	uint64_t findings_by_severity[3];
};

struct dxi_audit {
	struct dxi_kernel *k;
	struct dxi_dax_state dax;
	struct dxi_pgmaps pgmaps;
	struct dxi_u64map pfn_refs;	/* pfn -> first ref */
	struct dxi_ref *refs;
	size_t nrefs;
	struct dxi_u64map inode_of_mapping; /* i_mapping -> inode index */
	struct dxi_u64map unknown_mappings; /* page mappings of no known inode */
	/* Every superblock, inode and xarray was read: only then can a check
	 * claim that no entry references a page. */
	bool entries_complete;
	bool has_zero_pfn, has_huge_zero_pfn;
	uint64_t zero_pfn, huge_zero_pfn;
	/* Results */
	struct dxi_finding *findings;
	size_t nfindings, findings_cap;
	struct dxi_page_record *pages;	/* non-idle pages, by pfn */
	size_t npages, pages_cap;
	struct dxi_audit_stats stats;
	/* The user mappings of the DAX inodes (kern/rmap.h), walked once
	 * by dxi_audit_rmap() for the checks' on_mapping and for holders;
	 * rmap_why says why not when the layout cannot answer. */
	struct dxi_rmap rmap;
	bool rmap_tried, rmap_walked;
	char rmap_why[320];
	/* Who holds the pages of busy-page and leaked-ref findings
	 * (holders.h); NULL when there is no such finding. */
	struct dxi_holders *holders;
	/* DAX inodes found through page mappings that are no listed
	 * inode's (adopt_evicting()). */
	uint64_t adopted;
	struct dxi_filtering filtering;	/* filtering.h */
	/* Odd markers another scheme of this layout calls shared (kernel.h) */
	struct dxi_semantics_hint hint;
	/* wait_var_event() sleepers, walked when a busy-page or leaked-ref
	 * finding exists (kern/waiters.h; rendered by report/waiters_out.c) */
	struct dxi_waiters waiters;
	/* The unreadable struct pages of the pgmap being scanned, when its
	 * memmap is on the device (pagescan.c). */
	struct dxi_device_run { uint64_t first, last, count; } device_run;
	bool oom;
	/* Options */
	const struct dxi_check *const *checks; /* NULL: the built-in table */
	size_t nchecks;
	bool all_pages;			/* keep idle pages too */
	/* Threads for the page scan (-j; pagescan.c); 0 or 1: one. */
	unsigned jobs;
	void (*progress)(void *arg, uint64_t done, uint64_t total);
	void *progress_arg;
	/* Set asynchronously (Ctrl-C): the page scan stops with
	 * DXI_ERR_INTERRUPTED. */
	volatile sig_atomic_t *interrupted;
};


/* The built-in checks (checks.c); plugins add more (src/cli/plugins.c). */
const struct dxi_check *const *dxi_checks(size_t *n);
/* True when c is one of the built-in checks (not a plugin's). */
bool dxi_check_is_builtin(const struct dxi_check *c);

/* Runs the whole audit; findings come sorted and matched to known bugs. */
struct dxi_error *dxi_audit_run(struct dxi_audit *a, struct dxi_kernel *k);
/* Walks both sides without running checks (inodes, entries, pgmaps). */
struct dxi_error *dxi_audit_index(struct dxi_audit *a, struct dxi_kernel *k);
void dxi_audit_free(struct dxi_audit *a);
/* A held page's finding (busy-page, leaked-ref): its waiters are shown. */
bool dxi_finding_has_waiters(const struct dxi_finding *f);

/* Walks the user mappings into a->rmap once (later calls return at
 * once). A layout that cannot answer leaves a->rmap_walked false with
 * a->rmap_why; only running out of memory is an error. */
struct dxi_error *dxi_audit_rmap(struct dxi_audit *a);

/* Collects the refs of pfn. */
void dxi_audit_refs(const struct dxi_audit *a, uint64_t pfn,
		    struct dxi_refs *out);
/* What checks (built-in and plugins) use -- dxi_emit(), the evidence
 * setters, read-only views -- is declared once, in the public
 * <daxinspect/plugin.h>. */
bool dxi_severity_parse(const char *s, enum dxi_severity *out);
/* The checks this audit runs: the caller's list or the built-in table. */
const struct dxi_check *const *dxi_audit_checks(const struct dxi_audit *a,
						 size_t *n);
/* The page scan (pagescan.c): on_page for every struct page of every
 * FS_DAX/GENERIC pgmap, after the entries are indexed. */
struct dxi_error *dxi_audit_scan_pages(struct dxi_audit *a);
/* True when c is among the checks this audit runs. */
bool dxi_audit_runs(const struct dxi_audit *a, const struct dxi_check *c);
/* A walk problem's inode, index, address and message, as its finding's. */
void dxi_finding_set_problem(struct dxi_finding *f,
			     const struct dxi_walk_problem *p);
/* Folds runs of like findings on consecutive pages (f sorted as the
 * audit sorts them) into their first, with count and last_pfn/last_index,
 * and drops exact repeats of one page's finding; returns how many are
 * left. */
size_t dxi_findings_fold(struct dxi_finding *f, size_t n);

#endif
