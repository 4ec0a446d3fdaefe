/* SPDX-License-Identifier: MIT */
/*
 * Why a makedumpfile dump lacks what the walk needs, said once: the dump
 * level, what it excludes, what is known of the makedumpfile that wrote
 * it, the way out, the objects lost, and what was still audited from the
 * side that survived (docs/kernel-facts.md#makedumpfile-filtering).
 */
#ifndef DXI_CHECKS_FILTERING_H
#define DXI_CHECKS_FILTERING_H

#include <stdbool.h>
#include <stdint.h>

struct dxi_audit;

struct dxi_filtering {
	bool applies;		/* a filtered dump lost objects the walk needs */
	int level;
	uint64_t objects;	/* unreadable kernel objects */
	uint64_t pages;		/* unreadable struct pages (not on a device) */
	char excludes[96];	/* "zero, cache, ... and free pages" */
	char lost[192];		/* "pgmap_array xa_node, super_block, xa_node x6" */
	char makedumpfile[224];	/* dxi_makedumpfile_knows() */
	char way_out[160];
	char pages_side[192];	/* what was audited of the struct pages */
	char inodes_side[192];	/* and of the inodes */
};

/* After the page scan: fills a->filtering and, when it applies, emits the
 * one finding and points the other unreadable findings at it. */
void dxi_filtering_explain(struct dxi_audit *a);

#endif
