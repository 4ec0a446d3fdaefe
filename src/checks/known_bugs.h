/* SPDX-License-Identifier: MIT */
/*
 * Kernel bugs that leave recognisable state in dumps: a table of data
 * (known_bugs.c). A finding whose check, state and kernel match an entry
 * names it; it is never dropped.
 */
#ifndef DXI_CHECKS_KNOWN_BUGS_H
#define DXI_CHECKS_KNOWN_BUGS_H

#include "audit.h"

struct dxi_known_bug {
	const char *id;
	const struct dxi_check *check;	/* the check whose finding it is */
	enum dxi_state_tag tag;		/* the state that identifies it */
	const struct dxi_rules *era;	/* NULL: any */
	unsigned first, fixed;		/* DXI_RELEASE(major, minor); fixed = 0: unfixed */
	const char *fstype;		/* NULL: any filesystem */
	/* NULL: any; else the kernel log must hold a DAX warning raised in
	 * this function (the state alone is also what a healthy kernel
	 * leaves, e.g. a fault in progress) */
	const char *warned_in;
	const char *what;
	const char *fix;		/* fixing commit (upstream) */
	const char *fixed_in;		/* first fixed release */
};

const struct dxi_known_bug *dxi_known_bug_match(const struct dxi_audit *a,
						const struct dxi_finding *f);
const struct dxi_known_bug *dxi_known_bugs(size_t *n);

#endif
