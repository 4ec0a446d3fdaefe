/* SPDX-License-Identifier: MIT */
/*
 * The DAX state of the kernel from the file side: every S_DAX inode on
 * every superblock, and its xarray entries decoded.
 *
 * DAX value entries (fs/dax.c, every version;
 * docs/kernel-facts.md#dax-entry-encoding):
 * raw = (pfn << 5) | (flags << 1) | 1, flags LOCKED 1, PMD 2, ZERO 4,
 * EMPTY 8. A PMD entry is an order-9 multi-index entry at an aligned index.
 */
#ifndef DXI_KERN_DAX_H
#define DXI_KERN_DAX_H

#include <daxinspect/model.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

#define DXI_DAX_LOCKED 0x1
#define DXI_DAX_PMD 0x2
#define DXI_DAX_ZERO 0x4
#define DXI_DAX_EMPTY 0x8
#define DXI_DAX_SHIFT 4
#define DXI_PMD_ORDER 9
/* include/linux/fs.h: #define S_DAX (1 << 13) under CONFIG_FS_DAX
 * (6.1:2357, 6.12:2321, 7.3:2114). */
#define DXI_S_DAX 0x2000






struct dxi_dax_state {
	struct dxi_inode *inodes;
	size_t ninodes;
	struct dxi_entry *entries;
	size_t nentries;
	struct dxi_walk_problem *problems;
	size_t nproblems;
	uint64_t superblocks, inodes_scanned, xa_nodes;
};

/* Walks super_blocks -> s_inodes -> S_DAX inodes -> i_pages. Sorted by
 * (dev, ino); entries by index. */
struct dxi_error *dxi_dax_walk(struct dxi_kernel *k, struct dxi_dax_state *out);
void dxi_dax_state_free(struct dxi_dax_state *s);
/* A zeroed problem appended to s->problems; NULL when out of memory. */
struct dxi_walk_problem *dxi_dax_add_problem(struct dxi_dax_state *s);
/*
 * Adds the DAX inode whose i_mapping is mapping, found through a page,
 * and walks its xarray. When every superblock's inode list was walked
 * whole (lists_complete), such an inode is off its list: being evicted.
 * *added is false when mapping is no DAX inode's.
 */
struct dxi_error *dxi_dax_adopt(struct dxi_kernel *k, struct dxi_dax_state *s,
			       uint64_t mapping, bool lists_complete,
			       bool *added);

void dxi_dax_entry_decode(uint64_t raw, struct dxi_entry *e);
/* Number of pages an entry covers (512 for PMD, 1 otherwise). */
uint64_t dxi_entry_npages(const struct dxi_entry *e);
const char *dxi_entry_kind_name(enum dxi_entry_kind k);
/* The entry of inode ino of s that covers file page index (a PMD entry
 * covers 512), or NULL; a binary search of the inode's sorted entries. */
const struct dxi_entry *dxi_dax_entry_at(const struct dxi_dax_state *s,
					 const struct dxi_inode *ino,
					 uint64_t index);
/* Reads inode ino's entry covering file page index again, from the
 * target now (a live kernel changes while it is read): *found false when
 * the xarray has none there. */
struct dxi_error *dxi_dax_reload_entry(struct dxi_kernel *k,
				       const struct dxi_inode *ino,
				       uint64_t index, struct dxi_entry *out,
				       bool *found);
/* Finds an inode by "DEV:INO" (DEV = s_id or major:minor) or by path. */
const struct dxi_inode *dxi_dax_find_inode(const struct dxi_dax_state *s,
					   const char *designator);

#endif
