// SPDX-License-Identifier: MIT
/* JSON renderers (schema: docs/json-schema.md, schema_version 1). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../checks/known_bugs.h"
#include "../util/json.h"
#include "info.h"
#include "crash_out.h"
#include "klog_out.h"
#include "json_out.h"
#include "holders_out.h"
#include "waiters_out.h"

static void json_inode_ref(struct dxi_json *j, const char *key,
			   const struct dxi_inode *ino)
{
	dxi_json_begin_object(j, key);
	dxi_json_string(j, "dev", ino->dev);
	dxi_json_u64(j, "ino", ino->ino);
	dxi_json_string(j, "path", ino->path);
	dxi_json_end_object(j);
}

static void json_entry(struct dxi_json *j, const struct dxi_entry *e)
{
	dxi_json_begin_object(j, NULL);
	dxi_json_u64(j, "index", e->index);
	dxi_json_hex(j, "raw", e->raw);
	dxi_json_string(j, "kind", dxi_entry_kind_name(e->kind));
	dxi_json_u64(j, "pfn", e->pfn);
	dxi_json_u64(j, "order", e->flags & DXI_DAX_PMD ? DXI_PMD_ORDER : 0);
	dxi_json_u64(j, "xa_order", e->xa_order);
	dxi_json_bool(j, "locked", e->flags & DXI_DAX_LOCKED);
	dxi_json_end_object(j);
}

static void json_inode(struct dxi_json *j, const struct dxi_audit *a,
		       const struct dxi_inode *ino, bool entries,
		       const struct dxi_render_opts *o)
{
	dxi_json_begin_object(j, NULL);
	dxi_json_string(j, "dev", ino->dev);
	dxi_json_u64(j, "s_dev", ino->s_dev);
	dxi_json_u64(j, "ino", ino->ino);
	dxi_json_string(j, "fs", ino->fstype);
	dxi_json_string(j, "path", ino->path);
	dxi_json_string(j, "path_state",
			ino->path_state == DXI_PATH_OK ? "ok" :
			ino->path_state == DXI_PATH_DELETED ? "deleted" :
							      "no-dentry");
	dxi_json_bool(j, "deleted", ino->nlink == 0);
	dxi_json_bool(j, "devdax", ino->devdax);
	dxi_json_bool(j, "evicting", ino->evicting);
	dxi_json_u64(j, "nrpages", ino->nrpages);
	dxi_json_u64(j, "nentries", ino->nentries);
	if (o && o->addresses) {
		dxi_json_hex(j, "addr", ino->addr);
		dxi_json_hex(j, "mapping", ino->mapping);
	}
	if (entries) {
		dxi_json_begin_array(j, "entries");
		for (size_t i = 0; i < ino->nentries; i++)
			json_entry(j, &a->dax.entries[ino->first_entry + i]);
		dxi_json_end_array(j);
	}
	dxi_json_end_object(j);
}

static const char *compound_name(enum dxi_compound c)
{
	return c == DXI_COMPOUND_HEAD ? "head" :
	       c == DXI_COMPOUND_TAIL ? "tail" : "none";
}

/* A mapping word: kind plus the owning inode, never the pointer unless asked. */
static void json_mapping(struct dxi_json *j, const struct dxi_audit *a,
			 uint64_t mapping, bool addresses)
{
	uint32_t i = dxi_audit_inode_of(a, mapping);
	const char *kind = !mapping ? "null" :
			   mapping == DXI_TAIL_MAPPING ? "tail" :
			   (mapping & 0x7) || mapping < 4096 ? "marker" :
			   "pointer";

	dxi_json_string(j, "mapping_kind", kind);
	if (!strcmp(kind, "marker") || !strcmp(kind, "tail") || addresses)
		dxi_json_hex(j, "mapping", mapping);
	if (i != UINT32_MAX) {
		dxi_json_begin_object(j, "mapping_inode");
		dxi_json_string(j, "dev", a->dax.inodes[i].dev);
		dxi_json_u64(j, "ino", a->dax.inodes[i].ino);
		dxi_json_end_object(j);
	} else if (!strcmp(kind, "pointer")) {
		dxi_json_null(j, "mapping_inode");
	}
}

static void json_page_fields(struct dxi_json *j, const struct dxi_audit *a,
			     const struct dxi_page *p, bool addresses)
{
	dxi_json_u64(j, "pfn", p->pfn);
	if (p->unreadable) {
		dxi_json_bool(j, "unreadable", true);
		return;
	}
	dxi_json_hex(j, "flags", p->flags);
	dxi_json_i64(j, "refcount", p->refcount);
	dxi_json_i64(j, "mapcount_raw", p->mapcount_raw);
	json_mapping(j, a, p->mapping, addresses);
	dxi_json_u64(j, "index", p->index);
	dxi_json_string(j, "compound", compound_name(p->compound));
	if (p->compound == DXI_COMPOUND_HEAD)
		dxi_json_u64(j, "order", p->order);
	if (p->compound == DXI_COMPOUND_TAIL)
		dxi_json_u64(j, "head_pfn", p->head_pfn);
	if (addresses)
		dxi_json_hex(j, "addr", dxi_page_addr(a->k, p->pfn));
}

static void json_view(struct dxi_json *j, const struct dxi_page_view *v)
{
	dxi_json_string(j, "pgmap_type", dxi_memtype_name(v->type));
	dxi_json_string(j, "association", dxi_assoc_name(v->assoc));
	if (v->assoc == DXI_ASSOC_SHARED)
		dxi_json_u64(j, "share", v->share);
	dxi_json_i64(j, "folio_refcount", v->refcount);
	dxi_json_i64(j, "folio_mapcount", v->mapcount);
}

static void json_finding(struct dxi_json *j, const struct dxi_audit *a,
			 const struct dxi_finding *x,
			 const struct dxi_render_opts *o)
{
	char msg[sizeof(x->message) + 256];

	dxi_format_message(x->message, o->addresses, msg, sizeof(msg));
	dxi_json_begin_object(j, NULL);
	dxi_json_string(j, "check", x->check);
	dxi_json_string(j, "severity", dxi_severity_name(x->severity));
	dxi_json_string(j, "message", msg);
	if (x->has_pfn)
		dxi_json_u64(j, "pfn", x->pfn);
	else
		dxi_json_null(j, "pfn");
	if (x->inode != UINT32_MAX)
		json_inode_ref(j, "inode", &a->dax.inodes[x->inode]);
	else
		dxi_json_null(j, "inode");
	if (x->has_index)
		dxi_json_u64(j, "index", x->index);
	else
		dxi_json_null(j, "index");
	dxi_json_u64(j, "count", x->count);
	if (x->count > 1) {
		dxi_json_u64(j, "last_pfn", x->last_pfn);
		if (x->has_index)
			dxi_json_u64(j, "last_index", x->last_index);
	}
	dxi_json_string(j, "expected", x->expected);
	dxi_json_string(j, "actual", x->actual);
	dxi_json_begin_object(j, "evidence");
	if (x->has_entry)
		dxi_json_hex(j, "entry", x->entry_raw);
	if (x->has_page) {
		dxi_json_begin_object(j, "page");
		json_page_fields(j, a, &x->page, o->addresses);
		dxi_json_end_object(j);
	}
	if (o->addresses && x->addr)
		dxi_json_hex(j, "addr", x->addr);
	dxi_json_end_object(j);
	if (!o->no_holders)
		dxi_holders_json(j, a, x);
	if (x->bug) {
		dxi_json_begin_object(j, "known_bug");
		dxi_json_string(j, "id", x->bug->id);
		dxi_json_string(j, "what", x->bug->what);
		dxi_json_string(j, "fix", x->bug->fix);
		dxi_json_string(j, "fixed_in", x->bug->fixed_in);
		dxi_json_end_object(j);
	} else {
		dxi_json_null(j, "known_bug");
	}
	dxi_waiters_json(j, a, x, o->addresses);
	dxi_json_end_object(j);
}

void dxi_json_header(struct dxi_json *j, const struct dxi_audit *a,
			const char *kind)
{
	const struct dxi_kernel *k = a->k;

	dxi_json_u64(j, "schema_version", DXI_JSON_SCHEMA_VERSION);
	dxi_json_string(j, "kind", kind);
	dxi_json_begin_object(j, "target");
	dxi_json_string(j, "path", k->target->path);
	dxi_json_string(j, "release", k->target->vmci.osrelease);
	dxi_json_string(j, "build_id", k->target->vmci.build_id);
	dxi_json_string(j, "semantics", dxi_semantics_name(k->semantics));
	dxi_json_string(j, "types", dxi_types_kind_name(k->types->kind));
	dxi_json_end_object(j);
}

static void json_pgmap(struct dxi_json *j, const struct dxi_pgmap *m,
		       bool addresses)
{
	dxi_json_begin_object(j, NULL);
	dxi_json_string(j, "type", dxi_memtype_name(m->type));
	dxi_json_begin_array(j, "ranges");
	for (uint32_t r = 0; r < m->nranges; r++) {
		dxi_json_begin_array(j, NULL);
		dxi_json_u64(j, NULL, m->ranges[r].first);
		dxi_json_u64(j, NULL, m->ranges[r].last);
		dxi_json_end_array(j);
	}
	dxi_json_end_array(j);
	dxi_json_u64(j, "vmemmap_shift", m->vmemmap_shift);
	dxi_json_bool(j, "altmap_valid", m->altmap);
	dxi_json_u64(j, "first_data_pfn", dxi_pgmap_first_data_pfn(m, 0));
	if (addresses)
		dxi_json_hex(j, "addr", m->addr);
	/* Only a pgmap found from the memmap side says so (checks/filtering.h). */
	if (m->from_sections) {
		dxi_json_string(j, "found_by", "mem_section");
		dxi_json_bool(j, "type_assumed", m->type_assumed);
	}
	dxi_json_end_object(j);
}

/* Why a filtered dump lacks what the walk needs (checks/filtering.h). */
static void json_filtering(struct dxi_json *j, const struct dxi_filtering *x)
{
	if (!x->applies)
		return;
	dxi_json_begin_object(j, "filtering");
	dxi_json_i64(j, "dump_level", x->level);
	dxi_json_string(j, "excludes", x->excludes);
	dxi_json_u64(j, "objects_lost", x->objects);
	dxi_json_string(j, "lost", x->lost);
	dxi_json_string(j, "makedumpfile", x->makedumpfile);
	dxi_json_string(j, "way_out", x->way_out);
	dxi_json_string(j, "pages", x->pages_side);
	dxi_json_string(j, "inodes", x->inodes_side);
	dxi_json_end_object(j);
}

/* The user mappings, when the audit read them (stale-pte, holders). */
static void json_mappings(struct dxi_json *j, const struct dxi_audit *a)
{
	if (!a->rmap_tried)
		return;
	dxi_json_begin_object(j, "mappings");
	dxi_json_bool(j, "read", a->rmap_walked);
	if (a->rmap_walked) {
		dxi_json_u64(j, "leaves", a->rmap.nrows);
		dxi_json_u64(j, "vmas", a->rmap.vmas);
		dxi_json_u64(j, "problems", a->rmap.nproblems);
	} else {
		dxi_json_string(j, "why", a->rmap_why);
	}
	dxi_json_end_object(j);
}

void dxi_render_check_json(const struct dxi_audit *a,
			   const struct dxi_render_opts *o, FILE *f)
{
	const struct dxi_audit_stats *s = &a->stats;
	struct dxi_json j;

	dxi_json_init(&j, f);
	dxi_json_begin_object(&j, NULL);
	dxi_json_header(&j, a, "check");
	{
		const struct dxi_klog *l = dxi_kernel_klog(a->k);

		struct dxi_crashctx c;

		if (l->readable)
			dxi_klog_json(&j, l);
		dxi_crashctx_read(a->k, &c);
		dxi_crash_json(&j, &c);
	}
	dxi_json_begin_object(&j, "summary");
	dxi_json_u64(&j, "superblocks", a->dax.superblocks);
	dxi_json_u64(&j, "inodes_scanned", a->dax.inodes_scanned);
	dxi_json_u64(&j, "dax_inodes", a->dax.ninodes);
	dxi_json_begin_object(&j, "entries");
	dxi_json_u64(&j, "total", a->dax.nentries);
	dxi_json_u64(&j, "pfn", s->entries_by_kind[DXI_ENTRY_PFN]);
	dxi_json_u64(&j, "pmd", s->entries_pmd);
	dxi_json_u64(&j, "zero", s->entries_by_kind[DXI_ENTRY_ZERO]);
	dxi_json_u64(&j, "empty", s->entries_by_kind[DXI_ENTRY_EMPTY]);
	dxi_json_u64(&j, "not_value", s->entries_by_kind[DXI_ENTRY_NOT_VALUE]);
	dxi_json_u64(&j, "locked", s->entries_locked);
	dxi_json_end_object(&j);
	dxi_json_u64(&j, "pgmaps", a->pgmaps.n);
	dxi_json_begin_object(&j, "pages");
	dxi_json_u64(&j, "scanned", s->pages_scanned);
	dxi_json_u64(&j, "idle", s->pages_idle);
	dxi_json_u64(&j, "associated", s->pages_associated);
	dxi_json_u64(&j, "shared", s->pages_shared);
	dxi_json_u64(&j, "busy", s->pages_busy);
	dxi_json_u64(&j, "tail", s->pages_tail);
	dxi_json_u64(&j, "unreadable", s->pages_unreadable);
	dxi_json_end_object(&j);
	json_mappings(&j, a);
	if (a->hint.fits != DXI_SEM_AUTO) {
		dxi_json_begin_object(&j, "semantics_hint");
		dxi_json_string(&j, "fits", dxi_semantics_name(a->hint.fits));
		dxi_json_string(&j, "detected", dxi_semantics_name(a->k->semantics));
		dxi_json_u64(&j, "pages", a->hint.pages);
		dxi_json_u64(&j, "first_pfn", a->hint.first_pfn);
		dxi_json_u64(&j, "mapping", a->hint.mapping);
		dxi_json_end_object(&j);
	}
	dxi_json_begin_object(&j, "findings");
	dxi_json_u64(&j, "error", s->findings_by_severity[DXI_SEV_ERROR]);
	dxi_json_u64(&j, "warning", s->findings_by_severity[DXI_SEV_WARNING]);
	dxi_json_u64(&j, "info", s->findings_by_severity[DXI_SEV_INFO]);
	dxi_json_end_object(&j);
	dxi_json_end_object(&j);
	json_filtering(&j, &a->filtering);
	dxi_json_begin_array(&j, "inodes");
	for (size_t i = 0; i < a->dax.ninodes; i++)
		json_inode(&j, a, &a->dax.inodes[i], true, o);
	dxi_json_end_array(&j);
	dxi_json_begin_array(&j, "pgmaps");
	for (size_t i = 0; i < a->pgmaps.n; i++)
		json_pgmap(&j, &a->pgmaps.maps[i], o->addresses);
	dxi_json_end_array(&j);
	dxi_json_begin_array(&j, "pages");
	for (size_t i = 0; i < a->npages; i++) {
		dxi_json_begin_object(&j, NULL);
		json_page_fields(&j, a, &a->pages[i].page, o->addresses);
		json_view(&j, &a->pages[i].view);
		dxi_json_u64(&j, "entries", a->pages[i].nrefs);
		dxi_json_end_object(&j);
	}
	dxi_json_end_array(&j);
	dxi_json_begin_array(&j, "findings");
	for (size_t i = 0; i < a->nfindings; i++) {
		if (dxi_render_wants(a, o, &a->findings[i]))
			json_finding(&j, a, &a->findings[i], o);
	}
	dxi_json_end_array(&j);
	dxi_json_end_object(&j);
}

void dxi_json_inodes(const struct dxi_audit *a, FILE *f)
{
	struct dxi_json j;

	dxi_json_init(&j, f);
	dxi_json_begin_object(&j, NULL);
	dxi_json_header(&j, a, "inodes");
	dxi_json_begin_array(&j, "inodes");
	for (size_t i = 0; i < a->dax.ninodes; i++)
		json_inode(&j, a, &a->dax.inodes[i], false, NULL);
	dxi_json_end_array(&j);
	dxi_json_end_object(&j);
}

void dxi_json_entries(const struct dxi_audit *a, const struct dxi_inode *ino,
		      FILE *f)
{
	struct dxi_json j;

	dxi_json_init(&j, f);
	dxi_json_begin_object(&j, NULL);
	dxi_json_header(&j, a, "entries");
	dxi_json_begin_array(&j, "inodes");
	json_inode(&j, a, ino, true, NULL);
	dxi_json_end_array(&j);
	dxi_json_end_object(&j);
}

void dxi_json_pgmaps(const struct dxi_audit *a, bool addresses, FILE *f)
{
	struct dxi_json j;

	dxi_json_init(&j, f);
	dxi_json_begin_object(&j, NULL);
	dxi_json_header(&j, a, "pgmaps");
	dxi_json_begin_array(&j, "pgmaps");
	for (size_t i = 0; i < a->pgmaps.n; i++)
		json_pgmap(&j, &a->pgmaps.maps[i], addresses);
	dxi_json_end_array(&j);
	dxi_json_end_object(&j);
}

/* The entries that map pfn; marks their inodes in named when given. */
static void json_referenced_by(struct dxi_json *j, const struct dxi_audit *a,
			       uint64_t pfn, bool *named)
{
	struct dxi_refs refs;

	dxi_audit_refs(a, pfn, &refs);
	dxi_json_begin_array(j, "referenced_by");
	for (size_t r = 0; r < refs.n && r < DXI_MAX_REFS_SHOWN; r++) {
		const struct dxi_entry *e = dxi_ref_entry(a, &refs.r[r]);

		if (named)
			named[e->inode] = true;
		dxi_json_begin_object(j, NULL);
		json_inode_ref(j, "inode", &a->dax.inodes[e->inode]);
		dxi_json_u64(j, "index", e->index + refs.r[r].offset);
		dxi_json_hex(j, "entry", e->raw);
		dxi_json_end_object(j);
	}
	dxi_json_end_array(j);
}

void dxi_json_pages(const struct dxi_audit *a, const struct dxi_page *pages,
		    size_t n, bool addresses, dxi_json_page_extra *extra,
		    void *arg, FILE *f)
{
	struct dxi_json j;

	dxi_json_init(&j, f);
	dxi_json_begin_object(&j, NULL);
	dxi_json_header(&j, a, "pages");
	dxi_json_begin_array(&j, "pages");
	for (size_t i = 0; i < n; i++) {
		const struct dxi_pgmap *m = dxi_pgmap_find(&a->pgmaps, pages[i].pfn);
		struct dxi_page_view v;

		dxi_json_begin_object(&j, NULL);
		json_page_fields(&j, a, &pages[i], addresses);
		if (!pages[i].unreadable) {
			dxi_page_view(a->k, m ? m->type : DXI_MEMTYPE_FS_DAX,
				      &pages[i], &v);
			json_view(&j, &v);
		}
		json_referenced_by(&j, a, pages[i].pfn, NULL);
		if (extra)
			extra(&j, &pages[i], arg);
		dxi_json_end_object(&j);
	}
	dxi_json_end_array(&j);
	dxi_json_end_object(&j);
}

/* Every entry of ino that covers index (PMD entries cover 512). */
#define BUNDLE_MAX_PAGES_PER_FINDING 1024

/* The bundle's "tool", "kernel", "dump" and "summary" objects. */
static void bundle_header(struct dxi_json *j, const struct dxi_audit *a,
			  const char *command_line, const char *version)
{
	const struct dxi_kernel *k = a->k;
	const struct dxi_target_desc *d = &k->target->desc;

	dxi_json_begin_object(j, "tool");
	dxi_json_string(j, "version", version);
	dxi_json_string(j, "command_line", command_line);
	dxi_json_end_object(j);
	dxi_json_begin_object(j, "kernel");
	dxi_json_string(j, "release", k->target->vmci.osrelease);
	dxi_json_string(j, "build_id", k->target->vmci.build_id);
	dxi_json_string(j, "semantics", dxi_semantics_name(k->semantics));
	dxi_json_string(j, "semantics_reason", k->semantics_reason);
	dxi_json_string(j, "types", dxi_types_kind_name(k->types->kind));
	dxi_json_end_object(j);
	dxi_json_begin_object(j, "dump");
	dxi_json_string(j, "format", d->format);
	dxi_json_string(j, "compression", d->compression);
	dxi_json_string(j, "written_by", d->origin);
	if (d->dump_level >= 0)
		dxi_json_i64(j, "dump_level", d->dump_level);
	else
		dxi_json_null(j, "dump_level");
	dxi_json_truncation(j, d);
	dxi_json_end_object(j);
	dxi_json_begin_object(j, "summary");
	dxi_json_u64(j, "dax_inodes", a->dax.ninodes);
	dxi_json_u64(j, "entries", a->dax.nentries);
	dxi_json_u64(j, "pgmaps", a->pgmaps.n);
	dxi_json_u64(j, "pages_scanned", a->stats.pages_scanned);
	dxi_json_u64(j, "pages_unreadable", a->stats.pages_unreadable);
	dxi_json_u64(j, "error", a->stats.findings_by_severity[DXI_SEV_ERROR]);
	dxi_json_u64(j, "warning", a->stats.findings_by_severity[DXI_SEV_WARNING]);
	dxi_json_u64(j, "info", a->stats.findings_by_severity[DXI_SEV_INFO]);
	dxi_json_end_object(j);
}

/* The entry at every (inode, index) a finding names. */
static void bundle_entries(struct dxi_json *j, const struct dxi_audit *a)
{
	dxi_json_begin_array(j, "entries");
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct dxi_finding *x = &a->findings[i];
		const struct dxi_entry *e;

		if (x->inode == UINT32_MAX || !x->has_index)
			continue;
		e = dxi_dax_entry_at(&a->dax, &a->dax.inodes[x->inode], x->index);
		if (!e)
			continue;
		dxi_json_begin_object(j, NULL);
		json_inode_ref(j, "inode", &a->dax.inodes[x->inode]);
		dxi_json_u64(j, "index", e->index);
		dxi_json_hex(j, "raw", e->raw);
		dxi_json_string(j, "kind", dxi_entry_kind_name(e->kind));
		dxi_json_u64(j, "pfn", e->pfn);
		dxi_json_u64(j, "order", e->flags & DXI_DAX_PMD ? DXI_PMD_ORDER : 0);
		dxi_json_end_object(j);
	}
	dxi_json_end_array(j);
}

/* The decoded state of every page a finding names (at most
 * BUNDLE_MAX_PAGES_PER_FINDING of a run). */
static void bundle_pages(struct dxi_json *j, const struct dxi_audit *a,
			 bool *inode_named)
{
	dxi_json_begin_array(j, "pages");
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct dxi_finding *x = &a->findings[i];
		uint64_t n = x->count < BUNDLE_MAX_PAGES_PER_FINDING ?
				     x->count : BUNDLE_MAX_PAGES_PER_FINDING;

		if (!x->has_pfn)
			continue;
		for (uint64_t p = 0; p < n; p++) {
			const struct dxi_pgmap *m = dxi_pgmap_find(&a->pgmaps, x->pfn + p);
			struct dxi_page page;
			struct dxi_page_view v;
			struct dxi_error *err = dxi_page_decode(a->k, x->pfn + p, &page);

			if (err) {
				dxi_error_free(err);
				continue;
			}
			dxi_json_begin_object(j, NULL);
			json_page_fields(j, a, &page, false);
			if (!page.unreadable && m) {
				dxi_page_view(a->k, m->type, &page, &v);
				json_view(j, &v);
			}
			json_referenced_by(j, a, page.pfn, inode_named);
			dxi_json_end_object(j);
		}
	}
	dxi_json_end_array(j);
}

void dxi_render_bundle(const struct dxi_audit *a, bool with_log,
		       const char *command_line, const char *version, FILE *f)
{
	/* No mappers: a bundle holds no process names or user addresses. */
	const struct dxi_render_opts o = { .no_holders = true };
	struct dxi_json j;
	bool *inode_named = calloc(a->dax.ninodes + 1, sizeof(bool));

	dxi_json_init(&j, f);
	dxi_json_begin_object(&j, NULL);
	dxi_json_u64(&j, "schema_version", DXI_JSON_SCHEMA_VERSION);
	dxi_json_string(&j, "kind", "bundle");
	dxi_json_u64(&j, "bundle_version", 1);
	dxi_json_string(&j, "contents",
			"daxinspect findings with their evidence: struct page words, xarray entries, and the number, filesystem and path of the inodes involved; the kernel log's panic line and its warnings raised in DAX code, unless made with --no-log. No file data and no other memory.");
	bundle_header(&j, a, command_line, version);
	if (with_log) {
		const struct dxi_klog *l = dxi_kernel_klog(a->k);

		/* the DAX-related lines only (klog_out.c), no addresses */
		if (l->readable)
			dxi_klog_json(&j, l);
	}
	dxi_json_begin_array(&j, "findings");
	for (size_t i = 0; i < a->nfindings; i++) {
		json_finding(&j, a, &a->findings[i], &o);
		if (a->findings[i].inode != UINT32_MAX && inode_named)
			inode_named[a->findings[i].inode] = true;
	}
	dxi_json_end_array(&j);
	bundle_entries(&j, a);
	bundle_pages(&j, a, inode_named);
	dxi_json_begin_array(&j, "inodes");
	for (size_t i = 0; inode_named && i < a->dax.ninodes; i++) {
		if (inode_named[i])
			json_inode(&j, a, &a->dax.inodes[i], false, NULL);
	}
	dxi_json_end_array(&j);
	dxi_json_end_object(&j);
	free(inode_named);
}
