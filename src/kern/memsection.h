/* SPDX-License-Identifier: MIT */
/*
 * Device memory found from the memmap side, for when its dev_pagemap is
 * not in the dump (an over-filtered kdump): the sparse memory sections
 * (mem_section, through VMCOREINFO) that are present with a memmap but
 * neither online nor early, whose first struct page holds a pgmap
 * pointer into the direct map (docs/kernel-facts.md#device-sections).
 */
#ifndef DXI_KERN_MEMSECTION_H
#define DXI_KERN_MEMSECTION_H

#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

struct dxi_device_range {
	uint64_t first, last;	/* pfns, inclusive, whole sections */
	uint64_t pgmap;		/* the pgmap word of its first struct page */
};

/* The device ranges in pfn order, consecutive sections with the same
 * pgmap pointer joined; *out is malloc'ed. An error when VMCOREINFO
 * lacks the mem_section keys or the root array cannot be read. */
struct dxi_error *dxi_device_ranges(struct dxi_kernel *k,
				    struct dxi_device_range **out, size_t *n);

#endif
