/* SPDX-License-Identifier: MIT */
/* The built-in check descriptors; the table is in checks.c. */
#ifndef DXI_CHECKS_CHECKS_H
#define DXI_CHECKS_CHECKS_H

#include "audit.h"

#define DXI_CHECK(name) extern const struct dxi_check dxi_check_##name;
#include "check_list.h"
#undef DXI_CHECK

/* The unreadable check's reports from outside the callbacks
 * (check_unreadable.c): a run of struct pages the scan could not read,
 * and the dump-wide gaps (a truncated file, an incomplete walk). */
void dxi_unreadable_pages(struct dxi_audit *a, uint64_t first, uint64_t last,
			  const struct dxi_pgmap *m);
void dxi_unreadable_dump(struct dxi_audit *a);
/* Once per pgmap whose memmap is on the device (ndctl --map=dev) and
 * absent: run holds its unreadable struct pages. */
struct dxi_device_run;
void dxi_unreadable_device(struct dxi_audit *a, const struct dxi_pgmap *m,
			   const struct dxi_device_run *run);

#endif
