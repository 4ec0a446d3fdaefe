// SPDX-License-Identifier: MIT
#include "layout.h"

#include <string.h>

#define SIZE(t) { DXI_Q_SIZE, t, NULL }
#define MEMBER(t, m) { DXI_Q_MEMBER, t, m }
#define ARRAYLEN(t, m) { DXI_Q_ARRAYLEN, t, m }
#define ENUM(n) { DXI_Q_ENUM, NULL, n }
#define SYMBOL(n) { DXI_Q_SYMBOL, NULL, n }

static const struct dxi_query queries[] = {
	/* struct page: the per-version members of DESIGN.md 2 and
	 * KERNEL-FACTS.md 10-11. */
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
	MEMBER("struct page", "zone_device_data"),
	/* struct folio */
	SIZE("struct folio"),
	MEMBER("struct folio", "pgmap"),
	MEMBER("struct folio", "share"),
	MEMBER("struct folio", "index"),
	MEMBER("struct folio", "mapping"),
	MEMBER("struct folio", "_flags_1"),
	MEMBER("struct folio", "_folio_order"),
	MEMBER("struct folio", "_large_mapcount"),
	MEMBER("struct folio", "_entire_mapcount"),
	MEMBER("struct folio", "_total_mapcount"),
	MEMBER("struct folio", "_nr_pages_mapped"),
	MEMBER("struct folio", "_pincount"),
	MEMBER("struct folio", "_folio_nr_pages"),
	/* xarray (include/linux/xarray.h) */
	SIZE("struct xarray"),
	MEMBER("struct xarray", "xa_head"),
	MEMBER("struct xarray", "xa_flags"),
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
	SIZE("struct address_space"),
	MEMBER("struct address_space", "host"),
	MEMBER("struct address_space", "i_pages"),
	MEMBER("struct address_space", "nrpages"),
	MEMBER("struct address_space", "a_ops"),
	SIZE("struct inode"),
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
	MEMBER("struct inode", "i_state"),
	MEMBER("struct inode", "i_size"),
	SIZE("struct super_block"),
	MEMBER("struct super_block", "s_list"),
	MEMBER("struct super_block", "s_dev"),
	MEMBER("struct super_block", "s_type"),
	MEMBER("struct super_block", "s_root"),
	MEMBER("struct super_block", "s_id"),
	MEMBER("struct super_block", "s_inodes"),
	MEMBER("struct super_block", "s_flags"),
	MEMBER("struct file_system_type", "name"),
	SIZE("struct dentry"),
	MEMBER("struct dentry", "d_parent"),
	MEMBER("struct dentry", "d_name"),
	MEMBER("struct dentry", "d_name.name"),
	MEMBER("struct dentry", "d_name.len"),
	MEMBER("struct dentry", "d_u.d_alias"),
	MEMBER("struct dentry", "d_alias"),
	MEMBER("struct dentry", "d_inode"),
	MEMBER("struct dentry", "d_flags"),
	MEMBER("struct list_head", "next"),
	MEMBER("struct list_head", "prev"),
	MEMBER("struct hlist_head", "first"),
	MEMBER("struct hlist_node", "next"),
	/* pgmaps (include/linux/memremap.h, include/linux/range.h) */
	SIZE("struct dev_pagemap"),
	MEMBER("struct dev_pagemap", "altmap"),
	MEMBER("struct dev_pagemap", "altmap.base_pfn"),
	MEMBER("struct dev_pagemap", "altmap.end_pfn"),
	MEMBER("struct dev_pagemap", "altmap.reserve"),
	MEMBER("struct dev_pagemap", "altmap.free"),
	MEMBER("struct dev_pagemap", "altmap.alloc"),
	MEMBER("struct dev_pagemap", "type"),
	MEMBER("struct dev_pagemap", "flags"),
	MEMBER("struct dev_pagemap", "vmemmap_shift"),
	MEMBER("struct dev_pagemap", "ops"),
	MEMBER("struct dev_pagemap", "owner"),
	MEMBER("struct dev_pagemap", "nr_range"),
	MEMBER("struct dev_pagemap", "range"),
	MEMBER("struct dev_pagemap", "ranges"),
	SIZE("struct range"),
	MEMBER("struct range", "start"),
	MEMBER("struct range", "end"),
	ENUM("MEMORY_DEVICE_PRIVATE"),
	ENUM("MEMORY_DEVICE_COHERENT"),
	ENUM("MEMORY_DEVICE_FS_DAX"),
	ENUM("MEMORY_DEVICE_GENERIC"),
	ENUM("MEMORY_DEVICE_PCI_P2PDMA"),
	/* page flags (include/linux/page-flags.h enum pageflags) */
	ENUM("PG_locked"),
	ENUM("PG_referenced"),
	ENUM("PG_uptodate"),
	ENUM("PG_dirty"),
	ENUM("PG_lru"),
	ENUM("PG_head"),
	ENUM("PG_waiters"),
	ENUM("PG_active"),
	ENUM("PG_workingset"),
	ENUM("PG_owner_priv_1"),
	ENUM("PG_arch_1"),
	ENUM("PG_reserved"),
	ENUM("PG_private"),
	ENUM("PG_private_2"),
	ENUM("PG_writeback"),
	ENUM("PG_mappedtodisk"),
	ENUM("PG_reclaim"),
	ENUM("PG_swapbacked"),
	ENUM("PG_unevictable"),
	ENUM("PG_mlocked"),
	ENUM("PG_hwpoison"),
	ENUM("__NR_PAGEFLAGS"),
	/* modules and identity */
	MEMBER("struct module", "list"),
	MEMBER("struct module", "name"),
	MEMBER("struct module", "state"),
	MEMBER("struct uts_namespace", "name.release"),
	/* symbols (unrelocated; the kern layer adds KERNELOFFSET) */
	SYMBOL("_text"),
	SYMBOL("_stext"),
	SYMBOL("init_uts_ns"),
	SYMBOL("init_top_pgt"),
	SYMBOL("page_offset_base"),
	SYMBOL("vmemmap_base"),
	SYMBOL("vmalloc_base"),
	SYMBOL("super_blocks"),
	SYMBOL("pgmap_array"),
	SYMBOL("modules"),
	SYMBOL("empty_zero_page"),
	SYMBOL("zero_pfn"),
	SYMBOL("huge_zero_pfn"),
	SYMBOL("huge_zero_page"),
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
	if (err && err->code == DXI_ERR_NOTFOUND) {
		dxi_error_free(err);
		return NULL;
	}
	if (err)
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

static struct dxi_error *optional_enum(struct dxi_types *t, const char *name,
				       int64_t *v, bool *has)
{
	struct dxi_error *err = dxi_types_enum(t, name, v);

	*has = !err;
	if (err && err->code == DXI_ERR_NOTFOUND) {
		dxi_error_free(err);
		return NULL;
	}
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

	if (err && err->code == DXI_ERR_NOTFOUND) {
		dxi_error_free(err);
		return NULL;	/* pre-5.16: no folios */
	}
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

struct dxi_error *dxi_layout_load(struct dxi_types *t, struct dxi_layout *out)
{
	bool has;

	memset(out, 0, sizeof(*out));
	TRY(load_page(t, &out->page));
	TRY(load_folio(t, &out->folio));
	TRY(required(t, "struct module", "list", &out->module.list));
	TRY(required(t, "struct module", "name", &out->module.name));
	TRY(field(t, "struct module", "state", &out->module.state));
	TRY(required(t, "struct uts_namespace", "name.release",
		     &out->uts.release));
	TRY(dxi_types_array_len(t, "struct xa_node", "slots",
				&out->xa_chunk_size));
	TRY(optional_enum(t, "MEMORY_DEVICE_FS_DAX", &out->memory_device_fs_dax,
			  &out->has_memory_type_fs_dax));
	TRY(optional_enum(t, "MEMORY_DEVICE_GENERIC",
			  &out->memory_device_generic, &has));
	return NULL;
}
