// SPDX-License-Identifier: MIT
#include "layout.h"

#include <stdio.h>
#include <string.h>

#define SIZE(t) { DXI_Q_SIZE, t, NULL, false }
#define MEMBER(t, m) { DXI_Q_MEMBER, t, m, false }
#define ARRAYLEN(t, m) { DXI_Q_ARRAYLEN, t, m, false }
#define ENUM(e, n) { DXI_Q_ENUM, e, n, false }
#define SYMBOL(n) { DXI_Q_SYMBOL, NULL, n, false }
#define OPT_MEMBER(t, m) { DXI_Q_MEMBER, t, m, true }
#define OPT_ARRAYLEN(t, m) { DXI_Q_ARRAYLEN, t, m, true }
#define OPT_SIZE(t) { DXI_Q_SIZE, t, NULL, true }
#define OPT_SYMBOL(n) { DXI_Q_SYMBOL, NULL, n, true }

/* Every query is read by src/ (a few marked ones only by the synth
 * builder, which reads committed profiles; see docs/README.md). */
static const struct dxi_query queries[] = {
	/* struct page: the per-version members of
	 * docs/kernel-facts.md#struct-page-layout and #renames. */
	SIZE("struct page"),
	MEMBER("struct page", "flags"),
	MEMBER("struct page", "flags.f"),
	MEMBER("struct page", "_refcount"),
	MEMBER("struct page", "_mapcount"),
	MEMBER("struct page", "mapping"),
	MEMBER("struct page", "index"),
	MEMBER("struct page", "__folio_index"),
	MEMBER("struct page", "share"),
	MEMBER("struct page", "private"),
	MEMBER("struct page", "compound_head"),
	MEMBER("struct page", "compound_info"),
	MEMBER("struct page", "compound_order"),
	MEMBER("struct page", "pgmap"),
	/* struct folio */
	SIZE("struct folio"),
	MEMBER("struct folio", "pgmap"),
	MEMBER("struct folio", "share"),
	MEMBER("struct folio", "index"),
	MEMBER("struct folio", "_flags_1"),
	MEMBER("struct folio", "_folio_order"),
	MEMBER("struct folio", "_large_mapcount"),
	MEMBER("struct folio", "_entire_mapcount"),
	MEMBER("struct folio", "_total_mapcount"),
	MEMBER("struct folio", "_pincount"),
	MEMBER("struct folio", "_folio_nr_pages"),
	/* xarray (include/linux/xarray.h) */
	MEMBER("struct xarray", "xa_head"),
	SIZE("struct xa_node"),
	MEMBER("struct xa_node", "shift"),
	MEMBER("struct xa_node", "offset"),
	MEMBER("struct xa_node", "count"),
	MEMBER("struct xa_node", "nr_values"),
	MEMBER("struct xa_node", "parent"),
	MEMBER("struct xa_node", "array"),
	MEMBER("struct xa_node", "slots"),
	ARRAYLEN("struct xa_node", "slots"),
	/* inodes, superblocks, dentries (include/linux/fs.h, dcache.h) */
	MEMBER("struct address_space", "host"),
	MEMBER("struct address_space", "i_pages"),
	MEMBER("struct address_space", "nrpages"),
	MEMBER("struct inode", "i_mode"),
	MEMBER("struct inode", "i_flags"),
	MEMBER("struct inode", "i_ino"),
	MEMBER("struct inode", "i_sb"),
	MEMBER("struct inode", "i_mapping"),
	MEMBER("struct inode", "i_data"),
	MEMBER("struct inode", "i_sb_list"),
	MEMBER("struct inode", "i_dentry"),
	MEMBER("struct inode", "i_rdev"),
	MEMBER("struct inode", "i_nlink"),
	MEMBER("struct inode", "i_size"),
	MEMBER("struct super_block", "s_list"),
	MEMBER("struct super_block", "s_dev"),
	MEMBER("struct super_block", "s_type"),
	MEMBER("struct super_block", "s_root"),
	MEMBER("struct super_block", "s_id"),
	MEMBER("struct super_block", "s_inodes"),
	MEMBER("struct file_system_type", "name"),
	MEMBER("struct dentry", "d_parent"),
	MEMBER("struct dentry", "d_name.name"),
	MEMBER("struct dentry", "d_name.len"),
	MEMBER("struct dentry", "d_u.d_alias"),
	MEMBER("struct dentry", "d_alias"),
	/* pgmaps (include/linux/memremap.h, include/linux/range.h) */
	SIZE("struct dev_pagemap"),
	MEMBER("struct dev_pagemap", "altmap.base_pfn"),
	MEMBER("struct dev_pagemap", "altmap.reserve"),
	MEMBER("struct dev_pagemap", "altmap.free"),
	MEMBER("struct dev_pagemap", "type"),
	MEMBER("struct dev_pagemap", "flags"),
	MEMBER("struct dev_pagemap", "vmemmap_shift"),
	MEMBER("struct dev_pagemap", "nr_range"),
	MEMBER("struct dev_pagemap", "range"),
	SIZE("struct range"),
	MEMBER("struct range", "start"),
	MEMBER("struct range", "end"),
	ENUM("enum memory_type", "MEMORY_DEVICE_PRIVATE"),
	ENUM("enum memory_type", "MEMORY_DEVICE_COHERENT"),
	ENUM("enum memory_type", "MEMORY_DEVICE_FS_DAX"),
	ENUM("enum memory_type", "MEMORY_DEVICE_GENERIC"),
	ENUM("enum memory_type", "MEMORY_DEVICE_PCI_P2PDMA"),
	/* reverse map and user page tables, for maps
	 * (docs/kernel-facts.md#user-mappings); optional:
	 * profiles made before maps do not record them */
	OPT_MEMBER("struct address_space", "i_mmap.rb_root.rb_node"),
	OPT_MEMBER("struct rb_node", "rb_left"),
	OPT_MEMBER("struct rb_node", "rb_right"),
	OPT_MEMBER("struct vm_area_struct", "vm_start"),
	OPT_MEMBER("struct vm_area_struct", "vm_end"),
	OPT_MEMBER("struct vm_area_struct", "vm_mm"),
	OPT_MEMBER("struct vm_area_struct", "vm_flags"),
	OPT_MEMBER("struct vm_area_struct", "__vm_flags"),
	OPT_MEMBER("struct vm_area_struct", "vm_pgoff"),
	OPT_MEMBER("struct vm_area_struct", "shared.rb"),
	OPT_MEMBER("struct mm_struct", "pgd"),
	OPT_MEMBER("struct mm_struct", "owner"),
	OPT_MEMBER("struct task_struct", "pid"),
	OPT_MEMBER("struct task_struct", "tgid"),
	OPT_MEMBER("struct task_struct", "comm"),
	OPT_ARRAYLEN("struct task_struct", "comm"),
	OPT_MEMBER("struct task_struct", "group_leader"),
	/* how the dump was taken, for info and check's header (kern/crashctx.c,
	 * docs/kernel-facts.md#crash-context); optional like maps' */
	OPT_MEMBER("atomic_t", "counter"),
	OPT_MEMBER("struct pcpu_hot", "current_task"),
	OPT_MEMBER("struct tk_data", "timekeeper"),
	OPT_SIZE("struct timekeeper"),
	OPT_MEMBER("struct timekeeper", "xtime_sec"),
	OPT_MEMBER("struct timekeeper", "wall_to_monotonic.tv_sec"),
	OPT_MEMBER("struct timekeeper", "wall_to_monotonic.tv_nsec"),
	OPT_MEMBER("struct timekeeper", "tkr_mono.xtime_nsec"),
	OPT_MEMBER("struct timekeeper", "tkr_mono.shift"),
	OPT_MEMBER("struct timekeeper", "offs_boot"),
	OPT_SYMBOL("panic_cpu"),
	OPT_SYMBOL("crashing_cpu"),
	OPT_SYMBOL("tainted_mask"),
	OPT_SYMBOL("__cpu_online_mask"),
	OPT_SYMBOL("nr_cpu_ids"),
	OPT_SYMBOL("__per_cpu_offset"),
	OPT_SYMBOL("current_task"),
	OPT_SYMBOL("pcpu_hot"),
	OPT_SYMBOL("__entry_task"),
	OPT_SYMBOL("timekeeper_data"),
	OPT_SYMBOL("tk_core"),
	OPT_SYMBOL("shadow_timekeeper"),
	/* wait_var_event() sleepers on a held page (kern/waiters.c,
	 * docs/kernel-facts.md#layout-waiters); optional like maps' */
	OPT_SYMBOL("bit_wait_table"),
	OPT_SYMBOL("var_wake_function"),
	OPT_SIZE("struct wait_queue_head"),
	OPT_MEMBER("struct wait_queue_head", "head"),
	OPT_MEMBER("struct wait_queue_entry", "private"),
	OPT_MEMBER("struct wait_queue_entry", "func"),
	OPT_MEMBER("struct wait_queue_entry", "entry"),
	OPT_MEMBER("struct wait_bit_queue_entry", "key.flags"),
	OPT_MEMBER("struct wait_bit_queue_entry", "key.bit_nr"),
	OPT_MEMBER("struct wait_bit_queue_entry", "wq_entry"),
	OPT_MEMBER("struct task_struct", "__state"),
	OPT_MEMBER("struct task_struct", "state"),
	OPT_MEMBER("struct task_struct", "stack"),
	OPT_SIZE("struct pt_regs"),
	OPT_MEMBER("struct pt_regs", "orig_ax"),
	OPT_MEMBER("struct pt_regs", "cs"),
	OPT_MEMBER("struct pt_regs", "ss"),
	/* page flags (include/linux/page-flags.h enum pageflags) */
	ENUM("enum pageflags", "PG_locked"),
	ENUM("enum pageflags", "PG_referenced"),
	ENUM("enum pageflags", "PG_uptodate"),
	ENUM("enum pageflags", "PG_dirty"),
	ENUM("enum pageflags", "PG_lru"),
	ENUM("enum pageflags", "PG_head"),
	ENUM("enum pageflags", "PG_waiters"),
	ENUM("enum pageflags", "PG_active"),
	ENUM("enum pageflags", "PG_reserved"),
	ENUM("enum pageflags", "PG_private"),
	ENUM("enum pageflags", "PG_writeback"),
	ENUM("enum pageflags", "PG_hwpoison"),
	/* modules and identity */
	MEMBER("struct module", "list"),
	MEMBER("struct module", "name"),
	MEMBER("struct module", "state"),
	/* module build-ids: optional, older profiles lack them */
	OPT_MEMBER("struct module", "notes_attrs"),
	OPT_MEMBER("struct module_notes_attrs", "notes"),
	OPT_MEMBER("struct module_notes_attrs", "grp.bin_attrs"),
	OPT_MEMBER("struct module_notes_attrs", "attrs"),
	OPT_SIZE("struct bin_attribute"),
	OPT_MEMBER("struct bin_attribute", "size"),
	OPT_MEMBER("struct bin_attribute", "private"),
	MEMBER("struct uts_namespace", "name.release"),
	/* symbols (unrelocated; the kern layer adds KERNELOFFSET) */
	SYMBOL("_stext"),
	/* the kernel image's extent: arm64 translates it without the
	 * tables (kernel.c set_kernel_image()) */
	OPT_SYMBOL("_text"),
	OPT_SYMBOL("_end"),
	SYMBOL("init_uts_ns"),
	SYMBOL("init_top_pgt"), /* only tests/synth/build.py reads it */
	SYMBOL("page_offset_base"),
	SYMBOL("vmemmap_base"),
	SYMBOL("super_blocks"),
	SYMBOL("pgmap_array"),
	SYMBOL("modules"),
	SYMBOL("empty_zero_page"), /* only tests/synth/build.py reads it */
	SYMBOL("zero_pfn"),
	SYMBOL("huge_zero_pfn"),
	SYMBOL("huge_zero_folio"),
	SYMBOL("__start_BTF"),
	SYMBOL("__stop_BTF"),
};

const struct dxi_query *dxi_layout_queries(size_t *n)
{
	*n = sizeof(queries) / sizeof(queries[0]);
	return queries;
}

/* Looks up an optional member: absent is not an error, anything else is. */
static struct dxi_error *field(struct dxi_types *t, const char *type,
			       const char *path, struct dxi_field *f)
{
	struct dxi_member m;
	struct dxi_error *err = dxi_types_member(t, type, path, &m);

	memset(f, 0, sizeof(*f));
	if (dxi_error_catch(&err, DXI_ERR_NOTFOUND) || err)
		return err;
	f->has = true;
	f->off = m.offset;
	f->size = m.size;
	return NULL;
}

/* Looks up a member the tool cannot work without. */
static struct dxi_error *required(struct dxi_types *t, const char *type,
				  const char *path, struct dxi_field *f)
{
	struct dxi_error *err = field(t, type, path, f);

	if (!err && !f->has)
		err = dxi_error_new(DXI_ERR_DEBUGINFO,
				    "%s has no member %s in the type information %s; this kernel layout is not supported",
				    type, path, t->path);
	return err;
}

static struct dxi_error *optional_enum(struct dxi_types *t,
				       const char *enum_type, const char *name,
				       int64_t *v, bool *has)
{
	struct dxi_error *err = dxi_types_enum(t, enum_type, name, v);

	*has = !err;
	dxi_error_catch(&err, DXI_ERR_NOTFOUND);
	return err;
}

#define TRY(x)                                                                 \
	do {                                                                   \
		struct dxi_error *e_ = (x);                                    \
		if (e_)                                                        \
			return e_;                                             \
	} while (0)

static struct dxi_error *load_page(struct dxi_types *t,
				   struct dxi_page_layout *p)
{
	struct dxi_field f;

	TRY(dxi_types_size(t, "struct page", &p->size));
	TRY(field(t, "struct page", "flags.f", &f));
	p->flags_is_memdesc = f.has;
	TRY(required(t, "struct page", "flags", &p->flags));
	if (f.has)
		p->flags = f;
	TRY(required(t, "struct page", "_refcount", &p->refcount));
	TRY(required(t, "struct page", "_mapcount", &p->mapcount));
	TRY(required(t, "struct page", "mapping", &p->mapping));
	TRY(field(t, "struct page", "index", &p->index));
	if (!p->index.has) {
		TRY(required(t, "struct page", "__folio_index", &p->index));
		p->index_renamed = true;
	}
	TRY(field(t, "struct page", "share", &p->share));
	TRY(field(t, "struct page", "private", &p->private_));
	TRY(field(t, "struct page", "compound_head", &p->compound_head));
	TRY(field(t, "struct page", "compound_info", &p->compound_info));
	TRY(field(t, "struct page", "compound_order", &p->compound_order));
	TRY(field(t, "struct page", "pgmap", &p->pgmap));
	if (!p->compound_head.has && !p->compound_info.has)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "struct page has neither compound_head nor compound_info in %s; this kernel layout is not supported",
				     t->path);
	return NULL;
}

static struct dxi_error *load_folio(struct dxi_types *t,
				    struct dxi_folio_layout *f)
{
	struct dxi_error *err = dxi_types_size(t, "struct folio", &f->size);

	if (dxi_error_catch(&err, DXI_ERR_NOTFOUND))
		return NULL;	/* pre-5.16: no folios */
	TRY(err);
	f->exists = true;
	TRY(field(t, "struct folio", "pgmap", &f->pgmap));
	TRY(field(t, "struct folio", "share", &f->share));
	TRY(field(t, "struct folio", "index", &f->index));
	TRY(field(t, "struct folio", "_flags_1", &f->flags_1));
	TRY(field(t, "struct folio", "_folio_order", &f->folio_order));
	TRY(field(t, "struct folio", "_large_mapcount", &f->large_mapcount));
	TRY(field(t, "struct folio", "_entire_mapcount", &f->entire_mapcount));
	TRY(field(t, "struct folio", "_total_mapcount", &f->total_mapcount));
	TRY(field(t, "struct folio", "_pincount", &f->pincount));
	TRY(field(t, "struct folio", "_folio_nr_pages", &f->nr_pages));
	return NULL;
}

static struct dxi_error *load_xa(struct dxi_types *t, struct dxi_xa_layout *x)
{
	TRY(required(t, "struct xarray", "xa_head", &x->xa_head));
	TRY(dxi_types_size(t, "struct xa_node", &x->node_size));
	TRY(required(t, "struct xa_node", "shift", &x->shift));
	TRY(required(t, "struct xa_node", "offset", &x->offset));
	TRY(required(t, "struct xa_node", "count", &x->count));
	TRY(required(t, "struct xa_node", "nr_values", &x->nr_values));
	TRY(required(t, "struct xa_node", "parent", &x->parent));
	TRY(required(t, "struct xa_node", "array", &x->array));
	TRY(required(t, "struct xa_node", "slots", &x->slots));
	return NULL;
}

static struct dxi_error *load_fs(struct dxi_types *t, struct dxi_fs_layout *f)
{
	TRY(required(t, "struct address_space", "host", &f->as_host));
	TRY(required(t, "struct address_space", "i_pages", &f->as_i_pages));
	TRY(required(t, "struct address_space", "nrpages", &f->as_nrpages));
	TRY(required(t, "struct inode", "i_mode", &f->i_mode));
	TRY(required(t, "struct inode", "i_flags", &f->i_flags));
	TRY(required(t, "struct inode", "i_ino", &f->i_ino));
	TRY(required(t, "struct inode", "i_sb", &f->i_sb));
	TRY(required(t, "struct inode", "i_mapping", &f->i_mapping));
	TRY(required(t, "struct inode", "i_data", &f->i_data));
	TRY(required(t, "struct inode", "i_sb_list", &f->i_sb_list));
	TRY(required(t, "struct inode", "i_dentry", &f->i_dentry));
	TRY(required(t, "struct inode", "i_rdev", &f->i_rdev));
	TRY(required(t, "struct inode", "i_nlink", &f->i_nlink));
	TRY(required(t, "struct inode", "i_size", &f->i_size));
	TRY(required(t, "struct super_block", "s_list", &f->s_list));
	TRY(required(t, "struct super_block", "s_dev", &f->s_dev));
	TRY(required(t, "struct super_block", "s_type", &f->s_type));
	TRY(required(t, "struct super_block", "s_id", &f->s_id));
	TRY(required(t, "struct super_block", "s_inodes", &f->s_inodes));
	TRY(required(t, "struct super_block", "s_root", &f->s_root));
	TRY(required(t, "struct file_system_type", "name", &f->fst_name));
	TRY(required(t, "struct dentry", "d_parent", &f->d_parent));
	TRY(required(t, "struct dentry", "d_name.name", &f->d_name_name));
	TRY(required(t, "struct dentry", "d_name.len", &f->d_name_len));
	/* d_alias moved out of the d_u union in later kernels: probe both. */
	TRY(field(t, "struct dentry", "d_u.d_alias", &f->d_alias));
	if (!f->d_alias.has)
		TRY(required(t, "struct dentry", "d_alias", &f->d_alias));
	return NULL;
}

static struct dxi_error *load_pgmap(struct dxi_types *t,
				    struct dxi_pgmap_layout *g)
{
	TRY(dxi_types_size(t, "struct dev_pagemap", &g->size));
	TRY(required(t, "struct dev_pagemap", "altmap.base_pfn",
		     &g->altmap_base_pfn));
	TRY(required(t, "struct dev_pagemap", "altmap.reserve",
		     &g->altmap_reserve));
	TRY(required(t, "struct dev_pagemap", "altmap.free", &g->altmap_free));
	TRY(required(t, "struct dev_pagemap", "type", &g->type));
	TRY(required(t, "struct dev_pagemap", "flags", &g->flags));
	TRY(field(t, "struct dev_pagemap", "vmemmap_shift", &g->vmemmap_shift));
	TRY(required(t, "struct dev_pagemap", "nr_range", &g->nr_range));
	TRY(required(t, "struct dev_pagemap", "range", &g->ranges));
	TRY(dxi_types_size(t, "struct range", &g->range_size));
	TRY(required(t, "struct range", "start", &g->range_start));
	TRY(required(t, "struct range", "end", &g->range_end));
	return NULL;
}

/* One member of the rmap layout; false (with r->why) when it cannot. */
static bool rmap_member(struct dxi_types *t, const char *type,
			const char *path, struct dxi_field *f,
			struct dxi_rmap_layout *r)
{
	struct dxi_error *err = field(t, type, path, f);

	if (!err && f->has)
		return true;
	if (!r->why[0]) {
		if (err)
			snprintf(r->why, sizeof(r->why), "%s", err->msg);
		else
			snprintf(r->why, sizeof(r->why),
				 "%s has no member %s in %s", type, path,
				 t->path);
	}
	dxi_error_free(err);
	return false;
}

/* Never fails: without any of these, modules have no build-id. */
static void load_module_notes(struct dxi_types *t, struct dxi_module_layout *m)
{
	static const char na[] = "struct module_notes_attrs";
	static const char ba[] = "struct bin_attribute";
	struct dxi_error *err = NULL;

	m->notes = false;
	if ((err = field(t, "struct module", "notes_attrs", &m->notes_attrs)) ||
	    (err = field(t, na, "notes", &m->na_notes)) ||
	    (err = field(t, na, "grp.bin_attrs", &m->na_bin_attrs)) ||
	    (err = field(t, na, "attrs", &m->na_attrs)) ||
	    (err = dxi_types_size(t, ba, &m->bin_attr_size)) ||
	    (err = field(t, ba, "size", &m->ba_size)) ||
	    (err = field(t, ba, "private", &m->ba_private))) {
		dxi_error_free(err); /* e.g. a profile made before these */
		return;
	}
	m->notes = m->notes_attrs.has &&
		   (m->na_notes.has || m->na_bin_attrs.has) && m->na_attrs.has &&
		   m->ba_size.has && m->ba_private.has && m->bin_attr_size;
}

/* Never fails: what is missing goes to r->why. */
static void load_rmap(struct dxi_types *t, struct dxi_rmap_layout *r)
{
	static const char vma[] = "struct vm_area_struct";
	static const char ts[] = "struct task_struct";
	struct dxi_error *err;
	bool ok = true;

	ok &= rmap_member(t, "struct address_space", "i_mmap.rb_root.rb_node",
			  &r->as_i_mmap, r);
	ok &= rmap_member(t, "struct rb_node", "rb_left", &r->rb_left, r);
	ok &= rmap_member(t, "struct rb_node", "rb_right", &r->rb_right, r);
	ok &= rmap_member(t, vma, "vm_start", &r->vm_start, r);
	ok &= rmap_member(t, vma, "vm_end", &r->vm_end, r);
	ok &= rmap_member(t, vma, "vm_mm", &r->vm_mm, r);
	/* 6.3+: const vm_flags_t vm_flags in a union with __vm_flags. */
	err = field(t, vma, "vm_flags", &r->vm_flags);
	if (err)
		r->vm_flags.has = false;
	dxi_error_free(err);
	if (!r->vm_flags.has)
		ok &= rmap_member(t, vma, "__vm_flags", &r->vm_flags, r);
	ok &= rmap_member(t, vma, "vm_pgoff", &r->vm_pgoff, r);
	ok &= rmap_member(t, vma, "shared.rb", &r->vm_shared_rb, r);
	ok &= rmap_member(t, "struct mm_struct", "pgd", &r->mm_pgd, r);
	/* owner needs CONFIG_MEMCG: without it rows have no pid. */
	err = field(t, "struct mm_struct", "owner", &r->mm_owner);
	if (err)
		r->mm_owner.has = false;
	dxi_error_free(err);
	ok &= rmap_member(t, ts, "pid", &r->ts_pid, r);
	ok &= rmap_member(t, ts, "tgid", &r->ts_tgid, r);
	ok &= rmap_member(t, ts, "comm", &r->ts_comm, r);
	ok &= rmap_member(t, ts, "group_leader", &r->ts_group_leader, r);
	err = dxi_types_array_len(t, ts, "comm", &r->comm_len);
	if (err) {
		if (!r->why[0])
			snprintf(r->why, sizeof(r->why), "%s", err->msg);
		dxi_error_free(err);
		ok = false;
	}
	r->ok = ok;
}

static const char *const pageflag_names[DXI_PG_COUNT] = {
	[DXI_PG_HEAD] = "PG_head",
};

const char *dxi_memtype_name(enum dxi_memtype t)
{
	static const char *const names[] = {
		"PRIVATE", "COHERENT", "FS_DAX", "GENERIC", "PCI_P2PDMA",
	};

	return t < DXI_MEMTYPE_COUNT ? names[t] : "unknown";
}

struct dxi_error *dxi_layout_load(struct dxi_types *t, struct dxi_layout *out)
{

	memset(out, 0, sizeof(*out));
	TRY(load_page(t, &out->page));
	TRY(load_folio(t, &out->folio));
	TRY(required(t, "struct module", "list", &out->module.list));
	TRY(required(t, "struct module", "name", &out->module.name));
	TRY(field(t, "struct module", "state", &out->module.state));
	load_module_notes(t, &out->module);
	TRY(required(t, "struct uts_namespace", "name.release",
		     &out->uts.release));
	TRY(dxi_types_array_len(t, "struct xa_node", "slots",
				&out->xa_chunk_size));
	for (int i = 0; i < DXI_MEMTYPE_COUNT; i++) {
		char name[64];

		snprintf(name, sizeof(name), "MEMORY_DEVICE_%s",
			 dxi_memtype_name((enum dxi_memtype)i));
		TRY(optional_enum(t, "enum memory_type", name,
				  &out->memory_type_value[i],
				  &out->memory_type_has[i]));
	}
	TRY(load_xa(t, &out->xa));
	TRY(load_fs(t, &out->fs));
	TRY(load_pgmap(t, &out->pgmap));
	load_rmap(t, &out->rmap);
	for (int i = 0; i < DXI_PG_COUNT; i++) {
		int64_t v;

		TRY(optional_enum(t, "enum pageflags", pageflag_names[i], &v,
				  &out->pageflag_has[i]));
		out->pageflag_bit[i] = (int)v;
	}
	if (!out->pageflag_has[DXI_PG_HEAD])
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "enum pageflags has no PG_head in %s",
				     t->path);
	return NULL;
}
