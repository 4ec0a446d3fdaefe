// SPDX-License-Identifier: MIT
#include "audit.h"

#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "holders.h"
#include "known_bugs.h"
#include "../util/vec.h"

const char *dxi_severity_name(enum dxi_severity s)
{
	switch (s) {
	case DXI_SEV_INFO: return "info";
	case DXI_SEV_WARNING: return "warning";
	case DXI_SEV_ERROR: return "error";
	}
	return "?";
}

bool dxi_severity_parse(const char *s, enum dxi_severity *out)
{
	for (int i = DXI_SEV_INFO; i <= DXI_SEV_ERROR; i++) {
		if (!strcmp(s, dxi_severity_name((enum dxi_severity)i))) {
			*out = (enum dxi_severity)i;
			return true;
		}
	}
	return false;
}

struct dxi_finding *dxi_emit(struct dxi_audit *a, const struct dxi_check *check,
			     enum dxi_severity sev)
{
	struct dxi_finding *f;

	if (!DXI_GROW(a->findings, a->findings_cap, a->nfindings + 1, 64)) {
		a->oom = true;
		return NULL;
	}
	f = &a->findings[a->nfindings++];
	memset(f, 0, sizeof(*f));
	f->check = check->id;
	f->severity = sev;
	f->inode = UINT32_MAX;
	f->count = 1;
	return f;
}

void dxi_finding_set_page(struct dxi_finding *f, const struct dxi_page *p)
{
	f->has_page = true;
	f->page = *p;
	f->has_pfn = true;
	f->pfn = p->pfn;
}

void dxi_finding_set_problem(struct dxi_finding *f,
			     const struct dxi_walk_problem *p)
{
	f->inode = p->inode;
	f->has_index = p->inode != UINT32_MAX;
	f->index = p->index;
	f->addr = p->addr;
	snprintf(f->message, sizeof(f->message), "%s", p->msg);
}

void dxi_finding_set_entry(struct dxi_audit *a, struct dxi_finding *f,
			   const struct dxi_entry *e, uint32_t offset)
{
	const struct dxi_inode *ino = &a->dax.inodes[e->inode];

	f->has_entry = true;
	f->entry_raw = e->raw;
	f->inode = e->inode;
	f->has_index = true;
	f->index = e->index + offset;
	if (!f->addr)
		f->addr = ino->mapping;
}

const struct dxi_entry *dxi_ref_entry(const struct dxi_audit *a,
				      const struct dxi_ref *r)
{
	return &a->dax.entries[r->entry];
}

void dxi_audit_refs(const struct dxi_audit *a, uint64_t pfn,
		    struct dxi_refs *out)
{
	uint64_t i;

	out->n = 0;
	if (!dxi_u64map_get(&a->pfn_refs, pfn, &i))
		return;
	while (i != UINT32_MAX) {
		if (out->n < DXI_MAX_REFS_SHOWN)
			out->r[out->n] = a->refs[i];
		out->n++;
		i = a->refs[i].next;
	}
}

uint32_t dxi_audit_inode_of(const struct dxi_audit *a, uint64_t mapping)
{
	uint64_t i;

	return dxi_u64map_get(&a->inode_of_mapping, mapping, &i) ?
		       (uint32_t)i :
		       UINT32_MAX;
}

static bool add_ref(struct dxi_audit *a, uint64_t pfn, uint32_t entry,
		    uint32_t offset, size_t *cap)
{
	struct dxi_ref *r;
	uint64_t first;

	if (!DXI_GROW(a->refs, *cap, a->nrefs + 1, 1024))
		return false;
	r = &a->refs[a->nrefs];
	r->entry = entry;
	r->offset = offset;
	r->next = UINT32_MAX;
	/* Keep refs in entry order: append at the end of the chain. */
	if (dxi_u64map_get(&a->pfn_refs, pfn, &first)) {
		while (a->refs[first].next != UINT32_MAX)
			first = a->refs[first].next;
		a->refs[first].next = (uint32_t)a->nrefs;
	} else if (!dxi_u64map_set(&a->pfn_refs, pfn, a->nrefs)) {
		return false;
	}
	a->nrefs++;
	return true;
}

/* Reads an unsigned long variable; false (error dropped) if it cannot. */
static bool read_var(struct dxi_kernel *k, const char *name, uint64_t *v)
{
	struct dxi_error *err;
	uint64_t addr;

	err = dxi_kernel_symbol(k, name, &addr);
	if (!err)
		err = dxi_target_read_u64(k->target, addr, v);
	dxi_error_free(err);
	return !err;
}

/* The zero page pfns, to judge zero-page entries (mm/memory.c zero_pfn;
 * mm/huge_memory.c huge_zero_pfn, ~0UL until allocated, or later
 * huge_zero_folio). Unknown ones are simply not judged. */
static void read_zero_pfns(struct dxi_audit *a)
{
	struct dxi_kernel *k = a->k;
	uint64_t v;

	a->has_zero_pfn = read_var(k, "zero_pfn", &a->zero_pfn);
	if (read_var(k, "huge_zero_pfn", &v) && v != UINT64_MAX) {
		a->has_huge_zero_pfn = true;
		a->huge_zero_pfn = v;
	} else if (read_var(k, "huge_zero_folio", &v) && v >= k->vmemmap_base) {
		a->has_huge_zero_pfn = true;
		a->huge_zero_pfn = (v - k->vmemmap_base) / k->layout.page.size;
	}
}

/* The pfn -> entries and mapping -> inode indexes over a->dax. */
static struct dxi_error *build_index(struct dxi_audit *a)
{
	size_t cap = 0;

	for (size_t i = 0; i < a->dax.ninodes; i++) {
		if (!dxi_u64map_set(&a->inode_of_mapping, a->dax.inodes[i].mapping, i))
			return &dxi_error_nomem;
	}
	for (size_t i = 0; i < a->dax.nentries; i++) {
		const struct dxi_entry *e = &a->dax.entries[i];

		if (e->kind != DXI_ENTRY_PFN)
			continue;
		for (uint64_t o = 0; o < dxi_entry_npages(e); o++) {
			if (!add_ref(a, e->pfn + o, (uint32_t)i, (uint32_t)o, &cap))
				return &dxi_error_nomem;
		}
	}
	a->entries_complete = true;
	for (size_t i = 0; i < a->dax.nproblems; i++) {
		if (a->dax.problems[i].hides_entries)
			a->entries_complete = false;
	}
	return NULL;
}

struct dxi_error *dxi_audit_index(struct dxi_audit *a, struct dxi_kernel *k)
{
	struct dxi_error *err;

	a->k = k;
	err = dxi_dax_walk(k, &a->dax);
	if (err)
		return dxi_error_wrap(err, "walking DAX inodes");
	err = dxi_pgmap_walk(k, &a->dax, &a->pgmaps);
	if (err)
		return dxi_error_wrap(err, "walking pgmaps");
	read_zero_pfns(a);
	return build_index(a);
}

/* The checks this audit runs: the caller's list or the built-in table. */
const struct dxi_check *const *dxi_audit_checks(const struct dxi_audit *a,
						 size_t *n)
{
	if (a->checks) {
		*n = a->nchecks;
		return a->checks;
	}
	return dxi_checks(n);
}

bool dxi_audit_runs(const struct dxi_audit *a, const struct dxi_check *c)
{
	size_t n;
	const struct dxi_check *const *checks = dxi_audit_checks(a, &n);

	for (size_t i = 0; i < n; i++) {
		if (checks[i] == c)
			return true;
	}
	return false;
}

static uint32_t inode_key(const struct dxi_finding *f)
{
	return f->inode;
}

static int finding_cmp(const void *x, const void *y)
{
	const struct dxi_finding *a = x, *b = y;
	int c;

	if (inode_key(a) != inode_key(b))
		return inode_key(a) < inode_key(b) ? -1 : 1;
	if (a->has_index != b->has_index)
		return a->has_index ? -1 : 1;
	if (a->index != b->index)
		return a->index < b->index ? -1 : 1;
	if (a->pfn != b->pfn)
		return a->pfn < b->pfn ? -1 : 1;
	c = strcmp(a->check, b->check);
	if (c)
		return c;
	return strcmp(a->message, b->message);
}

/* True when f continues the run that ends with g. */
static bool continues(const struct dxi_finding *g, const struct dxi_finding *f)
{
	return !strcmp(g->check, f->check) && g->severity == f->severity &&
	       g->tag == f->tag && g->inode == f->inode && g->has_pfn &&
	       f->has_pfn && f->pfn == g->last_pfn + 1 &&
	       g->has_index == f->has_index &&
	       (!f->has_index || f->index == g->last_index + 1) &&
	       !strcmp(g->message, f->message);
}

/* True when f says what g said of the same page: two processes' stale
 * PTEs to one page, say (their mappers are the finding's holders). f[i-1]
 * is the finding before f[i] as sorted, or its copy as a run's head. */
static bool repeats(const struct dxi_finding *g, const struct dxi_finding *f)
{
	return !strcmp(g->check, f->check) && g->severity == f->severity &&
	       g->tag == f->tag && g->inode == f->inode &&
	       g->has_pfn == f->has_pfn && g->pfn == f->pfn &&
	       g->has_index == f->has_index && g->index == f->index &&
	       !strcmp(g->message, f->message);
}

size_t dxi_findings_fold(struct dxi_finding *f, size_t n)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		if (i && repeats(&f[i - 1], &f[i]))
			continue;
		if (out && continues(&f[out - 1], &f[i])) {
			struct dxi_finding *g = &f[out - 1];

			g->count++;
			g->last_pfn = f[i].pfn;
			g->last_index = f[i].index;
			continue;
		}
		f[i].last_pfn = f[i].pfn;
		f[i].last_index = f[i].index;
		if (out != i)
			f[out] = f[i];
		out++;
	}
	return out;
}

struct dxi_error *dxi_audit_rmap(struct dxi_audit *a)
{
	struct dxi_error *err;

	if (a->rmap_tried)
		return NULL;
	a->rmap_tried = true;
	err = dxi_rmap_walk(a->k, &a->dax, &a->rmap);
	if (err && err->code == DXI_ERR_NOMEM)
		return err;
	if (err) {
		dxi_holders_why(err->msg, a->rmap_why, sizeof(a->rmap_why));
		dxi_error_free(err);
		return NULL;
	}
	a->rmap_walked = true;
	return NULL;
}

/* Gives every user mapping to the checks that look at mappings; the
 * rmap is walked only when such a check runs. */
static struct dxi_error *run_mapping_checks(struct dxi_audit *a,
					    const struct dxi_check *const *checks,
					    size_t nchecks)
{
	struct dxi_error *err;
	bool want = false;

	for (size_t c = 0; c < nchecks; c++)
		want |= checks[c]->on_mapping != NULL;
	if (!want)
		return NULL;
	err = dxi_audit_rmap(a);
	if (err || !a->rmap_walked)
		return err;
	for (size_t i = 0; i < a->rmap.nrows; i++) {
		for (size_t c = 0; c < nchecks; c++) {
			if (checks[c]->on_mapping)
				checks[c]->on_mapping(a, &a->rmap.rows[i]);
		}
	}
	return NULL;
}

/* Runs every check over the indexed state. */
static struct dxi_error *run_checks(struct dxi_audit *a)
{
	size_t nchecks;
	const struct dxi_check *const *checks = dxi_audit_checks(a, &nchecks);
	struct dxi_error *err;

	for (size_t i = 0; i < a->dax.nentries; i++) {
		const struct dxi_entry *e = &a->dax.entries[i];

		a->stats.entries_by_kind[e->kind]++;
		a->stats.entries_pmd += !!(e->flags & DXI_DAX_PMD);
		a->stats.entries_locked += !!(e->flags & DXI_DAX_LOCKED);
		for (size_t c = 0; c < nchecks; c++) {
			if (checks[c]->on_entry)
				checks[c]->on_entry(a, e);
		}
	}
	for (size_t i = 0; i < a->dax.nproblems; i++) {
		for (size_t c = 0; c < nchecks; c++) {
			if (checks[c]->on_problem)
				checks[c]->on_problem(a, &a->dax.problems[i]);
		}
	}
	dxi_unreadable_dump(a);
	err = dxi_audit_scan_pages(a);
	if (!err)
		dxi_filtering_explain(a);
	if (!err)
		err = run_mapping_checks(a, checks, nchecks);
	if (!err && a->oom)
		err = &dxi_error_nomem;
	return err;
}

/* Forgets what run_checks() found, keeping the walked state. */
static void reset_results(struct dxi_audit *a)
{
	dxi_u64map_free(&a->pfn_refs);
	dxi_u64map_free(&a->inode_of_mapping);
	dxi_u64map_free(&a->unknown_mappings);
	free(a->refs);
	a->refs = NULL;
	a->nrefs = 0;
	a->nfindings = 0;
	a->npages = 0;
	memset(&a->stats, 0, sizeof(a->stats));
	/* The inodes changed: their mappings are walked again. */
	dxi_rmap_free(&a->rmap);
	a->rmap_tried = a->rmap_walked = false;
	a->rmap_why[0] = 0;
}

/*
 * Pages whose mapping is no inode on any superblock's list may belong to
 * an inode being evicted (evict() unlists it first; 6.15+ eviction then
 * waits in dax_break_layout_final() for pinned pages). Adds those inodes
 * and their entries; true if any was added.
 */
static struct dxi_error *adopt_evicting(struct dxi_audit *a, bool *added)
{
	*added = false;
	for (size_t i = 0; i < a->unknown_mappings.cap; i++) {
		uint64_t m = a->unknown_mappings.keys[i];
		struct dxi_error *err;
		bool one;

		if (m == UINT64_MAX)
			continue;
		err = dxi_dax_adopt(a->k, &a->dax, m, a->entries_complete, &one);
		if (err)
			return err;
		*added |= one;
		a->adopted += one;
	}
	return NULL;
}

bool dxi_finding_has_waiters(const struct dxi_finding *f)
{
	return f->has_pfn && (!strcmp(f->check, dxi_check_busy_page.id) ||
			      !strcmp(f->check, dxi_check_leaked_ref.id));
}

/* Who sleeps on a held page: walked once, only when a finding asks. */
static struct dxi_error *walk_waiters(struct dxi_audit *a)
{
	for (size_t i = 0; i < a->nfindings; i++)
		if (dxi_finding_has_waiters(&a->findings[i]))
			return dxi_waiters_walk(a->k, &a->waiters);
	dxi_waiters_free(&a->waiters);
	return NULL;
}

struct dxi_error *dxi_audit_run(struct dxi_audit *a, struct dxi_kernel *k)
{
	struct dxi_error *err = dxi_audit_index(a, k);
	bool added;

	if (!err)
		err = run_checks(a);
	if (!err)
		err = adopt_evicting(a, &added);
	if (!err && added) {
		reset_results(a);
		err = build_index(a);
		if (!err)
			err = run_checks(a);
	}
	if (err)
		return err;
	dxi_semantics_hint(a->k, a->pages, a->npages, &a->hint);
	if (a->nfindings)
		qsort(a->findings, a->nfindings, sizeof(*a->findings),
		      finding_cmp);
	a->nfindings = dxi_findings_fold(a->findings, a->nfindings);
	for (size_t i = 0; i < a->nfindings; i++) {
		a->findings[i].bug = dxi_known_bug_match(a, &a->findings[i]);
		a->stats.findings_by_severity[a->findings[i].severity]++;
	}
	err = dxi_holders_collect(a);
	if (err)
		return err;
	return walk_waiters(a);
}

void dxi_audit_free(struct dxi_audit *a)
{
	dxi_dax_state_free(&a->dax);
	dxi_pgmaps_free(&a->pgmaps);
	dxi_u64map_free(&a->pfn_refs);
	dxi_u64map_free(&a->inode_of_mapping);
	dxi_u64map_free(&a->unknown_mappings);
	free(a->refs);
	free(a->findings);
	free(a->pages);
	dxi_holders_free(a->holders);
	dxi_rmap_free(&a->rmap);
	dxi_waiters_free(&a->waiters);
	memset(a, 0, sizeof(*a));
}

size_t dxi_audit_ninodes(const struct dxi_audit *a)
{
	return a->dax.ninodes;
}

const struct dxi_inode *dxi_audit_inode(const struct dxi_audit *a, uint32_t i)
{
	return i < a->dax.ninodes ? &a->dax.inodes[i] : NULL;
}

const struct dxi_page_record *dxi_audit_pages(const struct dxi_audit *a,
					      size_t *n)
{
	*n = a->npages;
	return a->pages;
}

bool dxi_audit_pgmap_compound(const struct dxi_audit *a, uint64_t pfn,
			      unsigned *shift, uint64_t *first)
{
	const struct dxi_pgmap *m = dxi_pgmap_find(&a->pgmaps, pfn);

	if (!m)
		return false;
	for (uint32_t r = 0; r < m->nranges; r++) {
		if (pfn >= m->ranges[r].first && pfn <= m->ranges[r].last) {
			*shift = (unsigned)m->vmemmap_shift;
			*first = dxi_pgmap_first_data_pfn(m, r);
			return true;
		}
	}
	return false;
}

uint64_t dxi_audit_idle_pages(const struct dxi_audit *a)
{
	return a->stats.pages_idle;
}

const char *dxi_audit_release(const struct dxi_audit *a)
{
	return a->k->target->vmci.osrelease;
}
