/* SPDX-License-Identifier: MIT */
/*
 * The shape of a circular list_head list in the target (include/linux/
 * list.h: each node's next pointer at offset 0 of its link), measured
 * from the next pointers alone before a walker visits the nodes: how
 * many distinct nodes there are before the list returns to its head, and
 * if it never does, why -- a loop back to an earlier node (Brent's
 * algorithm, util/cycle.h), a next pointer that cannot be read, or more
 * nodes than the walker's bound. A walker then visits exactly n nodes,
 * each once, and reports the end as a finding naming the list.
 */
#ifndef DXI_KERN_LIST_H
#define DXI_KERN_LIST_H

#include <stdint.h>

#include "../dump/target.h"

enum dxi_list_end {
	DXI_LIST_CLOSED,	/* back at the head: the whole list */
	DXI_LIST_LOOP,		/* node n-1 links back to node loop_to */
	DXI_LIST_BROKEN,	/* the next pointer at bad cannot be read */
	DXI_LIST_TOO_LONG,	/* more than the bound: stopped at n */
};

struct dxi_list_shape {
	enum dxi_list_end end;
	uint64_t first;		/* head->next */
	uint64_t n;		/* distinct nodes to visit */
	uint64_t loop_to;	/* LOOP: index of the node linked back to */
	uint64_t bad;		/* BROKEN: the link whose next is unreadable */
	bool unreadable;	/* BROKEN: the dump lacks that memory */
	char why[160];		/* BROKEN: the read error */
};

/* Measures the list at head (a struct list_head address), up to max
 * nodes. Never fails: an unreadable head is a BROKEN list of 0 nodes. */
void dxi_list_measure(struct dxi_target *t, uint64_t head, uint64_t max,
		      struct dxi_list_shape *out);

#endif
