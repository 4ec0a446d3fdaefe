/* SPDX-License-Identifier: MIT */
/*
 * Kernel layouts: every type fact daxinspect uses, looked up once when a
 * target is opened into small structs with has_ flags
 * (docs/design.md#layouts).
 * Code probes members here, never version numbers.
 *
 * dxi_layout_queries() lists every question asked of the debuginfo; a
 * type profile records exactly these answers (src/dbg/profile.h). A new
 * field means a new query line here and a new line in layout_load().
 */
#ifndef DXI_KERN_LAYOUT_H
#define DXI_KERN_LAYOUT_H

#include <daxinspect/model.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../dbg/profile.h"
#include "../dbg/types.h"

/* A member that may be absent in some kernels. */
struct dxi_field {
	bool has;
	uint64_t off, size;
};

struct dxi_page_layout {
	uint64_t size;			/* sizeof(struct page) */
	struct dxi_field flags;		/* unsigned long, or memdesc_flags_t (6.18+) */
	struct dxi_field refcount;	/* _refcount */
	struct dxi_field mapcount;	/* _mapcount */
	struct dxi_field mapping;
	struct dxi_field index;		/* index, or __folio_index (6.16+) */
	struct dxi_field share;		/* 6.2+ union with index */
	struct dxi_field private_;
	struct dxi_field compound_head;	/* <= 7.0 */
	struct dxi_field compound_info;	/* 7.1+ (mask encoding) */
	struct dxi_field pgmap;		/* page->pgmap, <= 6.14 */
	struct dxi_field compound_order; /* 6.1: first tail's compound_order */
	bool index_renamed;		/* __folio_index */
	bool flags_is_memdesc;		/* memdesc_flags_t */
};

struct dxi_folio_layout {
	bool exists;
	uint64_t size;
	struct dxi_field pgmap;		/* 6.15+ */
	struct dxi_field share;		/* 6.15+ folio->share */
	struct dxi_field index;
	struct dxi_field flags_1;	/* order in the low byte (6.2+) */
	struct dxi_field folio_order;	/* 6.1: u8 _folio_order */
	struct dxi_field large_mapcount;
	struct dxi_field entire_mapcount;
	struct dxi_field total_mapcount; /* 6.1 */
	struct dxi_field pincount;
	struct dxi_field nr_pages;	/* _folio_nr_pages */
};

struct dxi_module_layout {
	struct dxi_field list;
	struct dxi_field name;
	struct dxi_field state;
	/* The build-id, from the module's ELF notes as sysfs shows them
	 * (docs/kernel-facts.md#modules); notes false when they cannot be
	 * read, and then modules have no build-id. */
	bool notes;
	struct dxi_field notes_attrs;	/* struct module */
	/* struct module_notes_attrs: notes (the count, to 6.x) or, where
	 * it has none (7.3), grp.bin_attrs, a NULL-ended pointer array. */
	struct dxi_field na_notes, na_bin_attrs, na_attrs;
	uint64_t bin_attr_size;		/* sizeof(struct bin_attribute) */
	struct dxi_field ba_size, ba_private;
};

struct dxi_uts_layout {
	struct dxi_field release;	/* offset of name.release in uts_namespace */
};

struct dxi_xa_layout {
	struct dxi_field xa_head;	/* in struct xarray */
	uint64_t node_size;		/* sizeof(struct xa_node) */
	struct dxi_field shift, offset, count, nr_values, parent, array, slots;
};

struct dxi_fs_layout {
	/* struct address_space */
	struct dxi_field as_host, as_i_pages, as_nrpages;
	/* struct inode */
	struct dxi_field i_mode, i_flags, i_ino, i_sb, i_mapping, i_data;
	struct dxi_field i_sb_list, i_dentry, i_rdev, i_nlink, i_size;
	/* struct super_block */
	struct dxi_field s_list, s_dev, s_type, s_id, s_inodes, s_root;
	struct dxi_field fst_name;	/* file_system_type.name */
	/* struct dentry */
	struct dxi_field d_parent, d_name_name, d_name_len, d_alias;
};

struct dxi_pgmap_layout {
	uint64_t size;
	struct dxi_field altmap_base_pfn, altmap_reserve, altmap_free;
	struct dxi_field type, flags, vmemmap_shift, nr_range, ranges;
	uint64_t range_size;
	struct dxi_field range_start, range_end;
};

/* The reverse map and user page tables, for `maps`
 * (docs/kernel-facts.md#user-mappings). Optional as a whole: when a
 * member is missing (or a type profile does not record it), ok is false
 * and why says which, and maps says it cannot walk. */
struct dxi_rmap_layout {
	bool ok;
	char why[256];
	struct dxi_field as_i_mmap;	/* i_mmap.rb_root.rb_node */
	struct dxi_field rb_left, rb_right;
	struct dxi_field vm_start, vm_end, vm_mm, vm_flags, vm_pgoff;
	struct dxi_field vm_shared_rb;	/* shared.rb */
	struct dxi_field mm_pgd, mm_owner;
	struct dxi_field ts_pid, ts_tgid, ts_comm, ts_group_leader;
	uint64_t comm_len;		/* TASK_COMM_LEN */
};

/* Page flags we decode, by enumerator name (enum pageflags). */
enum dxi_pageflag {
	DXI_PG_HEAD,
	DXI_PG_COUNT,
};

/* "FS_DAX", "GENERIC", ...; "unknown" for DXI_MEMTYPE_UNKNOWN. */
DXI_PUBLIC const char *dxi_memtype_name(enum dxi_memtype t);

struct dxi_layout {
	bool pageflag_has[DXI_PG_COUNT];
	int pageflag_bit[DXI_PG_COUNT];
	struct dxi_page_layout page;
	struct dxi_folio_layout folio;
	struct dxi_module_layout module;
	struct dxi_uts_layout uts;
	struct dxi_xa_layout xa;
	struct dxi_fs_layout fs;
	struct dxi_pgmap_layout pgmap;
	struct dxi_rmap_layout rmap;
	uint64_t xa_chunk_size;		/* bound of xa_node.slots[] */
	/* enum memory_type, by enumerator name
	 * (docs/kernel-facts.md#pgmap-types). */
	bool memory_type_has[DXI_MEMTYPE_COUNT];
	int64_t memory_type_value[DXI_MEMTYPE_COUNT];
};

/* Every question the tool asks of the debuginfo (for profiles). */
const struct dxi_query *dxi_layout_queries(size_t *n);

/* Loads the layout; a missing essential member is DXI_ERR_DEBUGINFO. */
struct dxi_error *dxi_layout_load(struct dxi_types *types,
				  struct dxi_layout *out);

#endif
