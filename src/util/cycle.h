/* SPDX-License-Identifier: MIT */
/*
 * Cycle detection over a sequence of addresses (Brent's algorithm): O(1)
 * memory, and a loop is seen within about two turns of entering it. Every
 * walk that follows pointers through dump memory feeds its nodes here, so
 * a damaged link that points backwards ends the walk instead of hanging it.
 */
#ifndef DXI_UTIL_CYCLE_H
#define DXI_UTIL_CYCLE_H

#include <stdbool.h>
#include <stdint.h>

struct dxi_brent {
	uint64_t tortoise;
	uint64_t power, lam;
};

/* Starts a sequence at its first element. */
void dxi_brent_init(struct dxi_brent *b, uint64_t first);
/* Feeds the next element; true when the sequence has looped, with the
 * loop's length in *loop_len. */
bool dxi_brent_step(struct dxi_brent *b, uint64_t next, uint64_t *loop_len);

#endif
