// SPDX-License-Identifier: MIT
#include "info.h"

#include <inttypes.h>

#include "../util/json.h"
#include "crash_out.h"
#include "klog_out.h"

static const char *pgmap_in(const struct dxi_layout *l)
{
	return l->page.pgmap.has ? "page->pgmap" :
	       l->folio.pgmap.has ? "folio->pgmap" : "unknown";
}

static const char *compound_field(const struct dxi_layout *l)
{
	return l->page.compound_info.has ? "compound_info (mask encoding)" :
					   "compound_head";
}

static const char *dump_level_str(const struct dxi_target *t, char *buf,
				  size_t size)
{
	if (t->desc.live)
		return "live";
	if (t->desc.dump_level < 0)
		return "unknown";
	snprintf(buf, size, "%d", t->desc.dump_level);
	return buf;
}

void dxi_json_truncation(struct dxi_json *j, const struct dxi_target_desc *d)
{
	if (!d->truncated) {
		dxi_json_null(j, "truncated");
		return;
	}
	dxi_json_begin_object(j, "truncated");
	dxi_json_u64(j, "file_size", d->file_size);
	dxi_json_u64(j, "need", d->file_need);
	dxi_json_bool(j, "need_is_lower_bound", d->need_is_lower_bound);
	dxi_json_end_object(j);
}

void dxi_info_text(const struct dxi_kernel *k,
		   const struct dxi_module_debuginfo *mods, FILE *f)
{
	const struct dxi_target *t = k->target;
	const struct dxi_layout *l = &k->layout;
	size_t ndax = 0;
	char lvl[16];

	fprintf(f, "target          %s\n", t->path);
	fprintf(f, "format          %s, compression %s\n", t->desc.format,
		t->desc.compression);
	fprintf(f, "written by      %s\n", t->desc.origin);
	if (t->desc.container[0])
		fprintf(f, "compressed      %s; decompressed once into %s\n",
			t->desc.container, t->desc.cache_path[0] ? t->desc.cache_path :
			"a file not kept (over DAXINSPECT_CACHE_MAX, or no cache)");
	fprintf(f, "dump level      %s\n", dump_level_str(t, lvl, sizeof(lvl)));
	if (t->desc.truncated)
		fprintf(f, "truncated       at %" PRIu64 " of %s%" PRIu64 " bytes: what lies past the end is not in the dump\n",
			t->desc.file_size,
			t->desc.need_is_lower_bound ? "at least " : "",
			t->desc.file_need);
	dxi_klog_info_text(dxi_kernel_klog(k), f);
	{
		struct dxi_crashctx c;

		dxi_crashctx_read(k, &c);
		dxi_crash_info_text(&c, f);
	}
	fprintf(f, "release         %s\n", t->vmci.osrelease);
	fprintf(f, "build-id        %s\n",
		t->vmci.build_id[0] ? t->vmci.build_id : "(none in VMCOREINFO)");
	fprintf(f, "debuginfo       %s %s\n", dxi_types_kind_name(k->types->kind),
		k->types->path);
	fprintf(f, "architecture    %s\n", t->arch->name);
	fprintf(f, "page size       %" PRIu64 "\n", t->vmci.page_size);
	fprintf(f, "KASLR offset    %#" PRIx64 "%s\n", k->kaslr_offset,
		k->kaslr_offset ? "" : " (KASLR off)");
	fprintf(f, "phys_base       %#" PRIx64 "\n", t->phys_base);
	fprintf(f, "page_offset_base %#" PRIx64 "%s\n", k->page_offset_base,
		k->bases_randomized ? "" : " (default)");
	fprintf(f, "vmemmap_base    %#" PRIx64 "%s\n", k->vmemmap_base,
		k->bases_randomized ? "" : " (default)");
	fprintf(f, "struct page     %" PRIu64 " bytes; index member %s; flags %s; %s; pgmap in %s\n",
		l->page.size, l->page.index_renamed ? "__folio_index" : "index",
		l->page.flags_is_memdesc ? "memdesc_flags_t" : "unsigned long",
		compound_field(l), pgmap_in(l));
	fprintf(f, "xarray chunk    %" PRIu64 " slots\n", l->xa_chunk_size);
	fprintf(f, "DAX semantics   %s (%s)\n", dxi_semantics_name(k->semantics),
		k->semantics_reason);
	if (!k->modules_readable) {
		fprintf(f, "modules         (module list unreadable)\n");
		return;
	}
	for (size_t i = 0; i < k->nmodules; i++)
		ndax += k->modules[i].dax_related;
	fprintf(f, "modules         %zu loaded, %zu DAX-related%s\n",
		k->nmodules, ndax, ndax ? ":" : "");
	for (size_t i = 0; i < k->nmodules; i++) {
		if (!k->modules[i].dax_related)
			continue;
		const struct dxi_module_debuginfo *m = &mods[i];

		fprintf(f, "  %-14s build-id %s\n", k->modules[i].name,
			k->modules[i].build_id[0] ? k->modules[i].build_id :
						    "unknown");
		if (m->path)
			fprintf(f, "  %-14s debuginfo %s (%s)\n", "", m->path,
				m->source);
		else
			fprintf(f, "  %-14s debuginfo not found%s%s\n", "",
				m->why ? ": " : "", m->why ? m->why : "");
	}
}

/* The "target" object: the file, its format and how complete it is. */
static void json_target(struct dxi_json *j, const struct dxi_target *t)
{
	dxi_json_begin_object(j, "target");
	dxi_json_string(j, "path", t->path);
	dxi_json_string(j, "format", t->desc.format);
	dxi_json_string(j, "compression", t->desc.compression);
	dxi_json_string(j, "written_by", t->desc.origin);
	if (t->desc.dump_level >= 0)
		dxi_json_i64(j, "dump_level", t->desc.dump_level);
	else
		dxi_json_null(j, "dump_level");
	dxi_json_bool(j, "live", t->desc.live);
	dxi_json_truncation(j, &t->desc);
	if (t->desc.container[0]) {
		dxi_json_begin_object(j, "compressed");
		dxi_json_string(j, "format", t->desc.container);
		if (t->desc.cache_path[0])
			dxi_json_string(j, "cache_path", t->desc.cache_path);
		else
			dxi_json_null(j, "cache_path");
		dxi_json_end_object(j);
	} else {
		dxi_json_null(j, "compressed");
	}
	dxi_json_end_object(j);
}

/* The "layout" object: what the probes found in the kernel's types. */
static void json_layout(struct dxi_json *j, const struct dxi_layout *l)
{
	dxi_json_begin_object(j, "layout");
	dxi_json_u64(j, "sizeof_struct_page", l->page.size);
	dxi_json_string(j, "page_index_member",
			l->page.index_renamed ? "__folio_index" : "index");
	dxi_json_string(j, "page_flags_type",
			l->page.flags_is_memdesc ? "memdesc_flags_t" :
						   "unsigned long");
	dxi_json_string(j, "compound_link",
			l->page.compound_info.has ? "compound_info" :
						    "compound_head");
	dxi_json_string(j, "pgmap_in", pgmap_in(l));
	dxi_json_bool(j, "page_has_share", l->page.share.has);
	dxi_json_u64(j, "xa_chunk_size", l->xa_chunk_size);
	dxi_json_end_object(j);
}

/* The "modules" object: the DAX-related ones and their debuginfo. */
static void json_modules(struct dxi_json *j, const struct dxi_kernel *k,
			 const struct dxi_module_debuginfo *mods)
{
	dxi_json_begin_object(j, "modules");
	dxi_json_bool(j, "readable", k->modules_readable);
	dxi_json_u64(j, "loaded", k->nmodules);
	dxi_json_begin_array(j, "dax_related");
	for (size_t i = 0; i < k->nmodules; i++) {
		if (!k->modules[i].dax_related)
			continue;
		dxi_json_begin_object(j, NULL);
		dxi_json_string(j, "name", k->modules[i].name);
		if (k->modules[i].build_id[0])
			dxi_json_string(j, "build_id", k->modules[i].build_id);
		else
			dxi_json_null(j, "build_id");
		dxi_json_bool(j, "debuginfo_found", mods[i].path != NULL);
		if (mods[i].path) {
			dxi_json_string(j, "debuginfo", mods[i].path);
			dxi_json_string(j, "debuginfo_source", mods[i].source);
		}
		if (mods[i].why)
			dxi_json_string(j, "debuginfo_error", mods[i].why);
		dxi_json_end_object(j);
	}
	dxi_json_end_array(j);
	dxi_json_end_object(j);
}

void dxi_info_json(const struct dxi_kernel *k,
		   const struct dxi_module_debuginfo *mods, FILE *f)
{
	const struct dxi_target *t = k->target;
	struct dxi_json j;

	dxi_json_init(&j, f);
	dxi_json_begin_object(&j, NULL);
	dxi_json_u64(&j, "schema_version", DXI_JSON_SCHEMA_VERSION);
	dxi_json_string(&j, "kind", "info");
	json_target(&j, t);
	dxi_klog_json(&j, dxi_kernel_klog(k));
	{
		struct dxi_crashctx c;

		dxi_crashctx_read(k, &c);
		dxi_crash_json(&j, &c);
	}
	dxi_json_begin_object(&j, "kernel");
	dxi_json_string(&j, "release", t->vmci.osrelease);
	dxi_json_string(&j, "build_id", t->vmci.build_id);
	dxi_json_string(&j, "architecture", t->arch->name);
	dxi_json_u64(&j, "page_size", t->vmci.page_size);
	dxi_json_hex(&j, "kaslr_offset", k->kaslr_offset);
	dxi_json_hex(&j, "phys_base", t->phys_base);
	dxi_json_hex(&j, "page_offset_base", k->page_offset_base);
	dxi_json_hex(&j, "vmemmap_base", k->vmemmap_base);
	dxi_json_bool(&j, "bases_read_from_memory", k->bases_randomized);
	dxi_json_end_object(&j);
	dxi_json_begin_object(&j, "debuginfo");
	dxi_json_string(&j, "kind", dxi_types_kind_name(k->types->kind));
	dxi_json_string(&j, "path", k->types->path);
	dxi_json_string(&j, "build_id", k->types->build_id);
	dxi_json_end_object(&j);
	json_layout(&j, &k->layout);
	dxi_json_begin_object(&j, "semantics");
	dxi_json_string(&j, "name", dxi_semantics_name(k->semantics));
	dxi_json_string(&j, "reason", k->semantics_reason);
	dxi_json_bool(&j, "forced", k->semantics_forced);
	dxi_json_end_object(&j);
	json_modules(&j, k, mods);
	dxi_json_end_object(&j);
}
