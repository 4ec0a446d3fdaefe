// SPDX-License-Identifier: MIT
#include "list.h"

#include <stdio.h>
#include <string.h>

#include "../util/cycle.h"

/* Reads node's next pointer; false (shape BROKEN at node) if it cannot. */
static bool next_of(struct dxi_target *t, uint64_t node, uint64_t *next,
		    struct dxi_list_shape *out)
{
	struct dxi_error *err = dxi_target_read_u64(t, node, next);

	if (!err)
		return true;
	out->end = DXI_LIST_BROKEN;
	out->bad = node;
	out->unreadable = err->code == DXI_ERR_NODATA;
	snprintf(out->why, sizeof(out->why), "%s", err->msg);
	dxi_error_free(err);
	return false;
}

void dxi_list_measure(struct dxi_target *t, uint64_t head, uint64_t max,
		      struct dxi_list_shape *out)
{
	struct dxi_brent b;
	uint64_t node, steps, lam = 0, tortoise, hare;

	memset(out, 0, sizeof(*out));
	if (!next_of(t, head, &out->first, out))
		return;
	node = out->first;
	dxi_brent_init(&b, node);
	for (steps = 0; node != head; steps++) {
		uint64_t next;

		if (steps >= max) {
			out->end = DXI_LIST_TOO_LONG;
			out->n = max;
			return;
		}
		if (!next_of(t, node, &next, out)) {
			out->n = steps + 1;
			return;
		}
		if (next != head && dxi_brent_step(&b, next, &lam))
			break;
		node = next;
	}
	if (node == head) {
		out->end = DXI_LIST_CLOSED;
		out->n = steps;
		return;
	}
	/* A loop of length lam: its first node is where a pointer lam nodes
	 * ahead of the start meets one from the start (Brent's second phase).
	 * These nodes were all read above. */
	tortoise = hare = out->first;
	for (uint64_t i = 0; i < lam; i++) {
		if (!next_of(t, hare, &hare, out))
			return;
	}
	for (out->loop_to = 0; tortoise != hare; out->loop_to++) {
		if (!next_of(t, tortoise, &tortoise, out) ||
		    !next_of(t, hare, &hare, out))
			return;
	}
	out->end = DXI_LIST_LOOP;
	out->n = out->loop_to + lam;
}
