// SPDX-License-Identifier: MIT
#include "problem.h"

#include <stdio.h>
#include <string.h>

void dxi_walk_problem_vset(struct dxi_walk_problem *p, uint32_t inode,
			   uint64_t index, uint64_t addr, bool unreadable,
			   bool hides, const char *fmt, va_list ap)
{
	memset(p, 0, sizeof(*p));
	p->hides_entries = hides;
	p->inode = inode;
	p->index = index;
	p->addr = addr;
	p->unreadable = unreadable;
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
}
