/* SPDX-License-Identifier: MIT */
/* Rendering `maps` (maps_out.c). */
#ifndef DXI_REPORT_MAPS_OUT_H
#define DXI_REPORT_MAPS_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../kern/rmap.h"
#include "render.h"

struct dxi_maps_filter {
	size_t inode;		/* index into a->dax.inodes, SIZE_MAX: all */
	bool has_pfn;
	uint64_t pfn;
	bool addresses;
};

void dxi_render_maps(const struct dxi_audit *a, const struct dxi_rmap *r,
		     const struct dxi_maps_filter *m, bool json, FILE *f);

#endif
