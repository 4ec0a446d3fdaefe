/* SPDX-License-Identifier: MIT */
/*
 * ZONE_DEVICE page maps from the static xarray pgmap_array
 * (mm/memremap.c: xa_store_range(&pgmap_array, PHYS_PFN(start),
 * PHYS_PFN(end), pgmap) per range; range.end is inclusive; values are
 * plain struct dev_pagemap pointers; docs/kernel-facts.md#pgmap-array).
 */
#ifndef DXI_KERN_PGMAP_H
#define DXI_KERN_PGMAP_H

#include "dax.h"
#include "kernel.h"

#define DXI_PGMAP_MAX_RANGES 64
/* include/linux/memremap.h: #define PGMAP_ALTMAP_VALID (1 << 0) */
#define DXI_PGMAP_ALTMAP_VALID 0x1

struct dxi_pfn_range {
	uint64_t first, last;	/* inclusive */
};

struct dxi_pgmap {
	uint64_t addr;
	enum dxi_memtype type;
	int64_t type_value;
	uint32_t flags;
	uint64_t vmemmap_shift;
	bool altmap;		/* memmap on the device (ndctl --map=dev) */
	uint64_t altmap_offset;	/* reserve + free: pfns that hold the memmap */
	struct dxi_pfn_range ranges[DXI_PGMAP_MAX_RANGES];
	uint32_t nranges;
	/* Found through mem_section, not pgmap_array (its xarray node was
	 * not in the dump): whole sections; type_assumed when the
	 * dev_pagemap itself is unreadable too, and its pages are read as
	 * FS_DAX (kernel-facts.md#device-sections). */
	bool from_sections, type_assumed;
};

struct dxi_pgmaps {
	struct dxi_pgmap *maps;
	size_t n;
	/* Every pgmap was read: only then is "outside every pgmap" true. */
	bool complete;
	/* pgmap_array was incomplete and mem_section was walked instead:
	 * how many device ranges it gave (0 included). */
	bool sections_walked;
	size_t from_sections;
};

/* Problems go to state->problems, like the inode walk's. */
struct dxi_error *dxi_pgmap_walk(struct dxi_kernel *k,
				 struct dxi_dax_state *state,
				 struct dxi_pgmaps *out);
void dxi_pgmaps_free(struct dxi_pgmaps *p);
/* The pgmap whose ranges contain pfn, or NULL. */
const struct dxi_pgmap *dxi_pgmap_find(const struct dxi_pgmaps *p,
				       uint64_t pfn);
/* The first pfn of range r that is a real device page (skips altmap). */
uint64_t dxi_pgmap_first_data_pfn(const struct dxi_pgmap *m, uint32_t r);

#endif
