/* SPDX-License-Identifier: MIT */
/*
 * Who maps a DAX page: each DAX inode's reverse map (address_space.i_mmap,
 * an interval tree of vm_area_structs linked by shared.rb), each VMA's mm
 * and its owner task, and the mm's page tables over the VMA's range.
 * One row per present leaf: a PTE, or a PMD/PUD huge mapping
 * (docs/kernel-facts.md#user-mappings).
 */
#ifndef DXI_KERN_RMAP_H
#define DXI_KERN_RMAP_H

#include <stddef.h>
#include <stdint.h>

#include "../dump/pagetable.h"
#include "dax.h"

/* include/linux/mm.h (6.1:277-305, 6.12:276-309). */
#define DXI_VM_WRITE 0x2ULL
#define DXI_VM_SHARED 0x8ULL
#define DXI_VM_SYNC 0x00800000ULL

/* struct dxi_umap, one row, is in the data model (model.h). */

struct dxi_rmap {
	struct dxi_umap *rows;	/* sorted by (pid, vaddr) */
	size_t nrows;
	struct dxi_walk_problem *problems;
	size_t nproblems;
	uint64_t vmas, tables;
};

/* Walks every inode of dax. Fails (DXI_ERR_DEBUGINFO) when the layout
 * cannot answer the rmap questions; damaged structures are problems. */
struct dxi_error *dxi_rmap_walk(struct dxi_kernel *k,
				const struct dxi_dax_state *dax,
				struct dxi_rmap *out);
void dxi_rmap_free(struct dxi_rmap *r);
/* Reads mm's page-table leaf over vaddr again, from the target now (a
 * live kernel changes while it is read): *found false when none is
 * present. */
struct dxi_error *dxi_rmap_leaf_at(struct dxi_kernel *k, uint64_t mm,
				   uint64_t vaddr, struct dxi_pt_leaf *out,
				   bool *found);
/* True when row r maps pfn. */
bool dxi_umap_covers(const struct dxi_umap *r, uint64_t pfn);
/* "shared, write, MAP_SYNC" (the flags maps decodes), "private" if none. */
void dxi_vm_flags_str(uint64_t flags, char *buf, size_t n);

#endif
