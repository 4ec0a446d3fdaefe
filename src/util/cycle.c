// SPDX-License-Identifier: MIT
#include "cycle.h"

void dxi_brent_init(struct dxi_brent *b, uint64_t first)
{
	b->tortoise = first;
	b->power = 1;
	b->lam = 0;
}

bool dxi_brent_step(struct dxi_brent *b, uint64_t next, uint64_t *loop_len)
{
	b->lam++;
	if (next == b->tortoise) {
		*loop_len = b->lam;
		return true;
	}
	/* The tortoise jumps to the hare at powers of two (Brent 1980). */
	if (b->lam == b->power) {
		b->tortoise = next;
		b->power *= 2;
		b->lam = 0;
	}
	return false;
}
