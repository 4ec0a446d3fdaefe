/* SPDX-License-Identifier: MIT */
/*
 * XArray walker over any struct xarray in the target (lib/xarray.c,
 * include/linux/xarray.h). Nodes are read whole. Entries are reported
 * once, at their canonical (first) index, with the number of indices
 * they span, from the sibling slots that follow them: a power of two for
 * entries stored with an order (DAX PMD entries span 512), any count for
 * xa_store_range() stores (lib/xarray.c xas_set_range(), e.g.
 * pgmap_array). Internal entries other than nodes and siblings
 * (retry 0x402, zero 0x406) are passed on as entries for the caller to
 * judge. A malformed or unreadable node is reported through problem()
 * and skipped: never a crash, never a hang (depth is bounded by the
 * shift, which must decrease; node count is bounded; a node reached
 * twice is a loop, reported and not walked again).
 * See docs/kernel-facts.md#xarray-encoding.
 */
#ifndef DXI_KERN_XARRAY_H
#define DXI_KERN_XARRAY_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel.h"

#define DXI_XA_MAX_NODES (1u << 22)

struct dxi_xa_visitor {
	void *arg;
	/* A present entry. Return an error to stop the walk. */
	struct dxi_error *(*entry)(void *arg, uint64_t index, uint64_t span,
				   uint64_t raw);
	/* A malformed structure. unreadable: memory not in the dump;
	 * skipped: entries under it were not visited (a subtree or an entry
	 * was dropped), so the caller cannot claim to have seen them all. */
	void (*problem)(void *arg, uint64_t index, uint64_t node_addr,
			bool unreadable, bool skipped, const char *msg);
};

struct dxi_xa_stats {
	uint64_t nodes;
	uint64_t entries;
};

/* Walks the xarray at kernel address xa_addr. */
struct dxi_error *dxi_xa_walk(struct dxi_kernel *k, uint64_t xa_addr,
			      const struct dxi_xa_visitor *v,
			      struct dxi_xa_stats *stats);

/* include/linux/xarray.h encodings. */
static inline bool dxi_xa_is_value(uint64_t e)
{
	return e & 1;
}

static inline bool dxi_xa_is_internal(uint64_t e)
{
	return (e & 3) == 2;
}

static inline bool dxi_xa_is_node(uint64_t e)
{
	return dxi_xa_is_internal(e) && e > 4096;
}

#define DXI_XA_RETRY_ENTRY 0x402ULL
#define DXI_XA_ZERO_ENTRY 0x406ULL

#endif
