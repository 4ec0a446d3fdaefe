// SPDX-License-Identifier: MIT
/* Text renderers: summary and findings grouped by inode, and the listing
 * commands. Sorted, addresses hidden unless asked. */
#include "crash_out.h"
#include "klog_out.h"
#include <inttypes.h>
#include <string.h>

#include "../checks/known_bugs.h"
#include "holders_out.h"
#include "json_out.h"
#include "render.h"
#include "waiters_out.h"

static void print_page_words(const struct dxi_audit *a, const struct dxi_page *p,
			     bool addresses, FILE *f)
{
	char m[96];

	dxi_format_mapping(a, p->mapping, addresses, m, sizeof(m));
	fprintf(f, "flags %#" PRIx64 " refcount %d mapcount %d mapping %s index %" PRIu64,
		p->flags, p->refcount, p->mapcount_raw, m, p->index);
	if (p->compound == DXI_COMPOUND_HEAD)
		fprintf(f, " head order %u", p->order);
	else if (p->compound == DXI_COMPOUND_TAIL)
		fprintf(f, " tail of pfn %#" PRIx64, p->head_pfn);
}

static void print_finding(const struct dxi_audit *a, const struct dxi_finding *x,
			  const struct dxi_render_opts *o,
			  const struct dxi_klog *kl, FILE *f)
{
	char msg[sizeof(x->message) + 256];

	fprintf(f, "  %-7s %s", dxi_severity_name(x->severity), x->check);
	if (x->has_pfn && x->count > 1)
		fprintf(f, " pfns %#" PRIx64 "-%#" PRIx64 " (%" PRIu64 " pages)",
			x->pfn, x->last_pfn, x->count);
	else if (x->has_pfn)
		fprintf(f, " pfn %#" PRIx64, x->pfn);
	if (x->has_index && x->count > 1)
		fprintf(f, " index %" PRIu64 "-%" PRIu64, x->index, x->last_index);
	else if (x->has_index)
		fprintf(f, " index %" PRIu64, x->index);
	dxi_format_message(x->message, o->addresses, msg, sizeof(msg));
	fprintf(f, ": %s\n", msg);
	if (x->count > 1)
		fprintf(f, "          first page of the run:\n");
	if (x->expected[0] || x->actual[0])
		fprintf(f, "          expected %s; found %s\n",
			x->expected[0] ? x->expected : "-",
			x->actual[0] ? x->actual : "-");
	if (x->has_entry)
		fprintf(f, "          entry %#" PRIx64 "\n", x->entry_raw);
	if (x->has_page) {
		fprintf(f, "          page ");
		print_page_words(a, &x->page, o->addresses, f);
		fputc('\n', f);
	}
	dxi_holders_text(a, x, f);
	if (o->addresses && x->addr)
		fprintf(f, "          at %#" PRIx64 "\n", x->addr);
	dxi_waiters_text(a, x, o->addresses, f);
	if (x->bug)
		fprintf(f, "          matches: %s; fixed in %s by %s\n",
			x->bug->what, x->bug->fixed_in, x->bug->fix);
	for (unsigned i = 0; i < kl->nevents; i++) {
		if (!dxi_klog_explains(&kl->events[i], x->check))
			continue;
		fprintf(f, "          the kernel warned: ");
		dxi_klog_event_text(&kl->events[i], f);
		fputc('\n', f);
	}
}

/* Why a filtered dump lacks what the walk needs, and what was audited. */
static void print_filtering(const struct dxi_filtering *x, FILE *f)
{
	if (!x->applies)
		return;
	fprintf(f, "filtered  makedumpfile -d %d, which excludes %s, left out what the walk needs: %s\n",
		x->level, x->excludes, x->lost);
	fprintf(f, "          makedumpfile does not record its version in the dump; this kernel needs %s\n",
		x->makedumpfile);
	fprintf(f, "          way out: %s\n", x->way_out);
	fprintf(f, "          %s\n          %s\n", x->pages_side, x->inodes_side);
}

/* Markers that fit a patched kernel's scheme better (kernel.h). */
static void print_hint(const struct dxi_audit *a, FILE *f)
{
	const struct dxi_semantics_hint *h = &a->hint;

	if (h->fits == DXI_SEM_AUTO)
		return;
	fprintf(f, "semantics the shared marker of %s is on %" PRIu64 " page%s (first pfn %#" PRIx64 ", mapping %#" PRIx64 "), which %s calls odd: if this kernel is patched so, run again with --semantics %s\n",
		dxi_semantics_name(h->fits), h->pages, h->pages == 1 ? "" : "s",
		h->first_pfn, h->mapping, dxi_semantics_name(a->k->semantics),
		dxi_semantics_name(h->fits));
}

/* The user mappings, when the audit read them (stale-pte, holders). */
static void print_mappings(const struct dxi_audit *a, FILE *f)
{
	if (!a->rmap_tried)
		return;
	if (!a->rmap_walked) {
		fprintf(f, "mappings  not read: %s; stale-pte not checked\n",
			a->rmap_why);
		return;
	}
	fprintf(f, "mappings  %zu user page-table leaves in %" PRIu64 " VMAs of the DAX inodes",
		a->rmap.nrows, a->rmap.vmas);
	if (a->rmap.nproblems)
		fprintf(f, "; %zu problem%s (see `daxinspect maps`)",
			a->rmap.nproblems, a->rmap.nproblems == 1 ? "" : "s");
	fputc('\n', f);
}

static void print_summary(const struct dxi_audit *a, const struct dxi_klog *kl,
			  FILE *f)
{
	const struct dxi_audit_stats *s = &a->stats;
	const struct dxi_kernel *k = a->k;
	size_t devdax = 0;

	for (size_t i = 0; i < a->dax.ninodes; i++)
		devdax += a->dax.inodes[i].devdax;
	fprintf(f, "kernel    %s, DAX semantics %s, types from %s\n",
		k->target->vmci.osrelease, dxi_semantics_name(k->semantics),
		dxi_types_kind_name(k->types->kind));
	fprintf(f, "inodes    %zu DAX (%zu device-dax) of %" PRIu64 " inodes on %" PRIu64 " superblocks\n",
		a->dax.ninodes, devdax, a->dax.inodes_scanned, a->dax.superblocks);
	fprintf(f, "entries   %zu: pfn %" PRIu64 " (pmd %" PRIu64 "), zero %" PRIu64 ", empty %" PRIu64 ", locked %" PRIu64 "%s\n",
		a->dax.nentries, s->entries_by_kind[DXI_ENTRY_PFN], s->entries_pmd,
		s->entries_by_kind[DXI_ENTRY_ZERO],
		s->entries_by_kind[DXI_ENTRY_EMPTY], s->entries_locked,
		s->entries_by_kind[DXI_ENTRY_NOT_VALUE] ? ", not-value (bad)" : "");
	fprintf(f, "pgmaps    %zu", a->pgmaps.n);
	for (size_t i = 0; i < a->pgmaps.n; i++) {
		const struct dxi_pgmap *m = &a->pgmaps.maps[i];

		fprintf(f, "%s %s pfns %#" PRIx64 "-%#" PRIx64 "%s%s%s",
			i ? "," : ":", dxi_memtype_name(m->type),
			m->ranges[0].first, m->ranges[m->nranges - 1].last,
			m->nranges > 1 ? " (several ranges)" : "",
			m->altmap ? " (memmap on device)" : "",
			m->type_assumed ? " (found through mem_section; its dev_pagemap is not in the dump, type assumed)" :
			m->from_sections ? " (found through mem_section)" : "");
	}
	fputc('\n', f);
	fprintf(f, "pages     %" PRIu64 " scanned: idle %" PRIu64 ", associated %" PRIu64 ", shared %" PRIu64 ", busy %" PRIu64 ", folio tails %" PRIu64 "; %" PRIu64 " unreadable\n",
		s->pages_scanned, s->pages_idle, s->pages_associated,
		s->pages_shared, s->pages_busy, s->pages_tail,
		s->pages_unreadable);
	print_mappings(a, f);
	print_filtering(&a->filtering, f);
	dxi_klog_summary_text(kl, f);
	{
		struct dxi_crashctx c;

		dxi_crashctx_read(k, &c);
		dxi_crash_summary_text(&c, f);
	}
	print_hint(a, f);
	fprintf(f, "findings  %" PRIu64 " error, %" PRIu64 " warning, %" PRIu64 " info\n",
		s->findings_by_severity[DXI_SEV_ERROR],
		s->findings_by_severity[DXI_SEV_WARNING],
		s->findings_by_severity[DXI_SEV_INFO]);
}

void dxi_render_check_text(const struct dxi_audit *a,
			   const struct dxi_render_opts *o, FILE *f)
{
	uint32_t cur = UINT32_MAX - 1;
	size_t shown = 0;

	const struct dxi_klog *kl = dxi_kernel_klog(a->k);

	print_summary(a, kl, f);
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct dxi_finding *x = &a->findings[i];

		if (!dxi_render_wants(a, o, x))
			continue;
		if (x->inode != cur) {
			char name[512];

			cur = x->inode;
			if (cur == UINT32_MAX)
				snprintf(name, sizeof(name), "outside every DAX inode (pages no inode maps, the walk itself)");
			else
				dxi_format_inode(&a->dax.inodes[cur], name, sizeof(name));
			fprintf(f, "\n%s\n", name);
		}
		print_finding(a, x, o, kl, f);
		shown++;
	}
	if (!shown)
		fprintf(f, "\nno findings%s\n",
			a->nfindings ? " at the selected severity/inode" : "");
}

void dxi_render_inodes(const struct dxi_audit *a, bool json, FILE *f)
{
	if (json) {
		dxi_json_inodes(a, f);
		return;
	}
	fprintf(f, "%-16s %-8s %8s %8s  %s\n", "INODE", "FS", "NRPAGES",
		"ENTRIES", "PATH");
	for (size_t i = 0; i < a->dax.ninodes; i++) {
		const struct dxi_inode *ino = &a->dax.inodes[i];
		char id[64];

		dxi_format_inode_id(ino, id, sizeof(id));
		fprintf(f, "%-16s %-8s %8" PRIu64 " %8zu  %s%s\n", id, ino->fstype,
			ino->nrpages, ino->nentries, ino->path ? ino->path : "",
			ino->path_state == DXI_PATH_DELETED ? " (deleted)" :
			ino->path_state == DXI_PATH_NO_DENTRY ? "(no dentry)" :
								"");
	}
}

void dxi_render_entries(const struct dxi_audit *a, const struct dxi_inode *ino,
			bool json, FILE *f)
{
	char name[512];

	if (json) {
		dxi_json_entries(a, ino, f);
		return;
	}
	dxi_format_inode(ino, name, sizeof(name));
	fprintf(f, "%s: %zu entries\n", name, ino->nentries);
	fprintf(f, "%10s  %-18s %-6s %10s %5s  %s\n", "INDEX", "RAW", "KIND",
		"PFN", "ORDER", "FLAGS");
	for (size_t i = 0; i < ino->nentries; i++) {
		const struct dxi_entry *e = &a->dax.entries[ino->first_entry + i];

		fprintf(f, "%10" PRIu64 "  %#-18" PRIx64 " %-6s %#10" PRIx64 " %5u  %s%s\n",
			e->index, e->raw, dxi_entry_kind_name(e->kind), e->pfn,
			e->xa_order, e->flags & DXI_DAX_PMD ? "pmd " : "",
			e->flags & DXI_DAX_LOCKED ? "locked" : "");
	}
}

void dxi_render_pgmaps(const struct dxi_audit *a,
		       const struct dxi_render_opts *o, bool json, FILE *f)
{
	if (json) {
		dxi_json_pgmaps(a, o->addresses, f);
		return;
	}
	for (size_t i = 0; i < a->pgmaps.n; i++) {
		const struct dxi_pgmap *m = &a->pgmaps.maps[i];

		fprintf(f, "%s", dxi_memtype_name(m->type));
		if (o->addresses)
			fprintf(f, " at %#" PRIx64, m->addr);
		fprintf(f, ": vmemmap_shift %" PRIu64 ", flags %#x%s\n",
			m->vmemmap_shift, m->flags,
			m->altmap ? ", memmap on the device (altmap)" : "");
		for (uint32_t r = 0; r < m->nranges; r++)
			fprintf(f, "  pfns %#" PRIx64 "-%#" PRIx64 " (%" PRIu64 " pages, first data pfn %#" PRIx64 ")\n",
				m->ranges[r].first, m->ranges[r].last,
				m->ranges[r].last - m->ranges[r].first + 1,
				dxi_pgmap_first_data_pfn(m, r));
	}
}

void dxi_render_pages(const struct dxi_audit *a, const struct dxi_page *pages,
		      size_t n, const struct dxi_render_opts *o, bool json,
		      FILE *f)
{
	if (json) {
		dxi_json_pages(a, pages, n, o->addresses, NULL, NULL, f);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct dxi_page *p = &pages[i];
		const struct dxi_pgmap *m = dxi_pgmap_find(&a->pgmaps, p->pfn);
		struct dxi_page_view v;
		struct dxi_refs refs;

		fprintf(f, "pfn %#" PRIx64 " (%s pgmap)\n", p->pfn,
			m ? dxi_memtype_name(m->type) : "no");
		if (p->unreadable) {
			fprintf(f, "  struct page not in the dump\n");
			continue;
		}
		fprintf(f, "  ");
		print_page_words(a, p, o->addresses, f);
		fputc('\n', f);
		dxi_page_view(a->k, m ? m->type : DXI_MEMTYPE_FS_DAX, p, &v);
		fprintf(f, "  association %s", dxi_assoc_name(v.assoc));
		if (v.assoc == DXI_ASSOC_SHARED)
			fprintf(f, " (share %" PRIu64 ")", v.share);
		fprintf(f, ", folio refcount %" PRId64 " mapcount %" PRId64 " (idle %" PRId64 ", baseline %" PRId64 ")\n",
			v.refcount, v.mapcount, v.idle, v.baseline);
		dxi_audit_refs(a, p->pfn, &refs);
		fprintf(f, "  referenced by %zu entr%s\n", refs.n,
			refs.n == 1 ? "y" : "ies");
		for (size_t r = 0; r < refs.n && r < DXI_MAX_REFS_SHOWN; r++) {
			const struct dxi_entry *e = dxi_ref_entry(a, &refs.r[r]);
			char name[512];

			dxi_format_inode(&a->dax.inodes[e->inode], name, sizeof(name));
			fprintf(f, "    %s index %" PRIu64 " (entry %#" PRIx64 " at %" PRIu64 "%s)\n",
				name, e->index + refs.r[r].offset, e->raw, e->index,
				e->flags & DXI_DAX_PMD ? ", pmd" : "");
		}
	}
}
